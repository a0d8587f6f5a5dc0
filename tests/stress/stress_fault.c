/*
 * stress_fault: I/O errors injected under spinelog's storage code.
 *
 *   stress_fault DIR fast|long SEED
 *
 * Registers the faultvfs shim, then for each kind of call (xWrite, xSync,
 * xTruncate), each error (SQLITE_IOERR, SQLITE_FULL) and each pattern (a
 * single failure, or a disk that stays failed from then on), measures how
 * many such calls one append makes and sweeps N across all of them: the Nth
 * call fails.  Each failed event_append() must return ST_IOERR with a message
 * that says nothing was saved and leave no transaction open; once the fault
 * clears the next append must succeed, and verify must pass with exactly the
 * acknowledged events.  The long run repeats this with a checkpoint on every
 * commit and a WAL size limit (so checkpoints and truncations are in the
 * sweep), for staff registrations (two rows, one transaction) and worklist
 * imports (three cases and their events, one transaction), and with the
 * connection closed and reopened after each fault (WAL recovery); the long
 * run does all of it on logs of several sizes.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event.h"
#include "faultvfs.h"
#include "import.h"
#include "record.h"
#include "stress.h"
#include "verify.h"

struct scenario {
	const char *name;
	const char *pragmas;	/* run on spinelog's connection after open */
	int kind;		/* what one entry is: ENTRY_NOTE, ENTRY_STAFF, ENTRY_IMPORT */
	bool reopen;		/* close and reopen after each fault */
};

enum { ENTRY_NOTE, ENTRY_STAFF, ENTRY_IMPORT };

static const struct scenario scenarios[] = {
	{"append", NULL, ENTRY_NOTE, false},
	{"append+checkpoint", "PRAGMA wal_autocheckpoint=1; PRAGMA journal_size_limit=0;",
	    ENTRY_NOTE, false},
	{"staff_register", NULL, ENTRY_STAFF, false},
	{"worklist_import", NULL, ENTRY_IMPORT, false},
	{"append+reopen", "PRAGMA wal_autocheckpoint=1; PRAGMA journal_size_limit=0;",
	    ENTRY_NOTE, true},
};

static struct catalog catalog;

static const int errors[] = {SQLITE_IOERR_WRITE, SQLITE_FULL};	/* see faultvfs.h */

static long injected_total, failed_appends, lost, extra, crash_copies, warned_back;
static int64_t next_staff;

static struct db *
open_db(const char *path, const struct scenario *sc)
{
	struct db *db;
	struct err err = {0};
	if (db_open(&db, path, DB_CREATE, &err) != ST_OK) {
		fprintf(stderr, "FAIL: db_open %s: %s\n", path, err.msg);
		exit(1);
	}
	if (sc->pragmas != NULL && sqlite3_exec(db_handle(db), sc->pragmas, NULL, NULL, NULL) != 0)
		stress_fail("%s: %s", sc->pragmas, sqlite3_errmsg(db_handle(db)));
	return db;
}

/* One entry: a note, a staff registration (two rows), or a worklist import
 * of three cases (three rows and three events in one transaction). */
static int
one_entry(struct db *db, const struct scenario *sc, struct err *err)
{
	char code[32];
	snprintf(code, sizeof code, "F%" PRId64, ++next_staff);
	if (sc->kind == ENTRY_STAFF)
		return staff_register(db, code, "Fault Tester", "RN", err);
	if (sc->kind == ENTRY_IMPORT) {
		char csv[512];
		struct import_result res;
		int n = snprintf(csv, sizeof csv, "mrn,name,dob,procedure\n"
		    "%s-1,\"FAULT, One\",1950-01-01,sacroplasty\n"
		    "%s-2,\"FAULT, Two\",1950-01-01,vertebral-biopsy\n"
		    "%s-3,\"FAULT, Three\",1950-01-01,si-joint-injection\n", code, code, code);
		int rc = import_worklist(db, &catalog, "fault.csv", csv, (size_t)n, "FT", &res, err);
		if (rc == ST_OK && res.imported != 3)
			stress_fail("import: %zu cases imported, not 3", res.imported);
		if (res.nproblems > 0)
			stress_fail("import: %s", res.problems[0]);
		import_result_clear(&res);
		return rc;
	}
	struct event ev = {.action = "note", .value = "fault sweep", .staff_code = "FT"};
	return event_append(db, &ev, err);
}

/* After an entry was acknowledged: the hashes of the events it added. */
static void
ack_new(struct db *db, char (*acked)[HASH_HEX_LEN], int64_t *nacked)
{
	struct err err = {0};
	sqlite3_stmt *st = db_stmt(db, "SELECT hash FROM event WHERE id > :n ORDER BY id", &err);
	if (st == NULL) {
		stress_fail("reading new events: %s", err.msg);
		return;
	}
	sqlite3_bind_int64(st, 1, *nacked);
	while (sqlite3_step(st) == SQLITE_ROW && *nacked < 8000)
		snprintf(acked[(*nacked)++], HASH_HEX_LEN, "%s", db_col_text(st, 0));
	sqlite3_reset(st);
}

static void
copy_file(const char *from, const char *to)
{
	char buf[65536];
	ssize_t n;
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0)
		abort();
	while (in >= 0 && (n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			abort();
	if (in >= 0)
		close(in);
	close(out);
}

/*
 * What a crash right after a refused entry would leave: copy the database and
 * its WAL as they are on disk (not the -shm, which a reboot loses anyway) and
 * open the copy, so that SQLite rebuilds the WAL index from the WAL file.  The
 * copy must hold exactly the acknowledged events: a refused entry that came
 * back would be one the nurse was told was NOT saved, and typed again.
 */
static void
check_crash_copy(const char *path, int64_t nacked, const char *where, const char *msg)
{
	char copy[4200], from[4300], to[4300];
	snprintf(copy, sizeof copy, "%s-crash", path);
	snprintf(from, sizeof from, "%s-wal", path);
	snprintf(to, sizeof to, "%s-wal", copy);
	unlink(to);
	snprintf(to, sizeof to, "%s-shm", copy);
	unlink(to);
	copy_file(path, copy);
	snprintf(to, sizeof to, "%s-wal", copy);
	if (access(from, F_OK) == 0)
		copy_file(from, to);
	sqlite3 *h;
	sqlite3_stmt *st;
	if (sqlite3_open(copy, &h) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT count(*) FROM event", -1, &st, NULL) != SQLITE_OK) {
		stress_fail("%s: the crash copy cannot be read: %s", where, sqlite3_errmsg(h));
		sqlite3_close(h);
		return;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(st, 0);
		if (n > nacked && strstr(msg, "may still appear") != NULL) {
			warned_back += n - nacked;	/* the message said it might */
		} else if (n > nacked) {
			stress_fail("%s: after a crash, %" PRId64 " refused event(s) are back",
			    where, n - nacked);
			extra += n - nacked;
		} else if (n < nacked) {
			stress_fail("%s: after a crash, %" PRId64 " acknowledged event(s) are lost",
			    where, nacked - n);
			lost += nacked - n;
		}
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	crash_copies++;
}

/* The log must hold exactly the acknowledged events, and verify must pass. */
static void
check_log(struct db *db, char (*acked)[HASH_HEX_LEN], int64_t nacked, const char *where)
{
	struct verify_report r;
	struct err err = {0};
	if (verify_run(db, NULL, &r, &err) != ST_OK || !r.ok) {
		stress_fail("%s: verify: %s%s", where, err.msg, r.problem);
		return;
	}
	if (r.events != nacked) {
		stress_fail("%s: %" PRId64 " events in the log, %" PRId64 " acknowledged", where,
		    r.events, nacked);
		if (r.events > nacked)
			extra += r.events - nacked;
		else
			lost += nacked - r.events;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT id, hash FROM event ORDER BY id", &err);
	while (st != NULL && sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id <= nacked && strcmp(acked[id - 1], db_col_text(st, 1)) != 0) {
			stress_fail("%s: event %" PRId64 " differs from the acknowledged one", where, id);
			lost++;
		}
	}
	if (st != NULL)
		sqlite3_reset(st);
}

static void
sweep(const char *dir, const struct scenario *sc, enum faultvfs_kind kind, int error,
    bool persistent, int prefill)
{
	char path[4096], where[256];
	static char acked[8192][HASH_HEX_LEN];
	int64_t nacked = 0;
	struct err err = {0};

	snprintf(path, sizeof path, "%s/fault-%s-%s-%d-%d-%d.db", dir, sc->name,
	    faultvfs_kind_name(kind), error, persistent, prefill);
	/* Start from a copy of a log that already has prefill events. */
	snprintf(where, sizeof where, "%s/template-%d.db", dir, prefill);
	copy_file(where, path);
	struct db *db = open_db(path, sc);
	sqlite3_stmt *st = db_stmt(db, "SELECT hash FROM event ORDER BY id", &err);
	while (st != NULL && sqlite3_step(st) == SQLITE_ROW && nacked < 8000)
		snprintf(acked[nacked++], HASH_HEX_LEN, "%s", db_col_text(st, 0));
	if (st != NULL)
		sqlite3_reset(st);
	/* Measure the calls of one entry. */
	faultvfs_arm(kind, 0, 0, false);
	if (one_entry(db, sc, &err) != ST_OK)
		stress_fail("%s: a clean entry failed: %s", path, err.msg);
	ack_new(db, acked, &nacked);
	int calls = faultvfs_calls(kind);

	{
		for (int n = 1; n <= calls + 1; n++) {
			snprintf(where, sizeof where, "%s %s %s%s N=%d/%d", sc->name,
			    faultvfs_kind_name(kind), error == SQLITE_FULL ? "SQLITE_FULL" : "SQLITE_IOERR",
			    persistent ? " (persistent)" : "", n, calls);
			memset(&err, 0, sizeof err);
			faultvfs_arm(kind, n, error, persistent);
			int rc = one_entry(db, sc, &err);
			int hit = faultvfs_injected();
			faultvfs_disarm();
			injected_total += hit;
			if (rc == ST_OK) {
				/* The fault fell after the commit (a checkpoint): saved. */
				ack_new(db, acked, &nacked);
			} else {
				failed_appends++;
				if (hit == 0)
					stress_fail("%s: failed without a fault: %s", where, err.msg);
				if (rc != ST_IOERR)
					stress_fail("%s: status %d, not %d (ST_IOERR): %s", where, rc, ST_IOERR,
					    err.msg);
				if (strstr(err.msg, "nothing was saved") == NULL)
					stress_fail("%s: the message does not say nothing was saved: %s",
					    where, err.msg);
				if (!sqlite3_get_autocommit(db_handle(db)))
					stress_fail("%s: a transaction is still open", where);
				check_crash_copy(path, nacked, where, err.msg);
			}
			if (sc->reopen) {
				db_close(db);
				db = open_db(path, sc);
			}
			if (one_entry(db, sc, &err) != ST_OK)
				stress_fail("%s: the entry after the fault failed: %s", where, err.msg);
			else
				ack_new(db, acked, &nacked);
			check_log(db, acked, nacked, where);
			if (stress_failures() > 20)
				exit(1);
		}
	}
	db_close(db);
	printf("fault: %-18s %-9s %-12s %-10s %2d calls per entry after %d entries\n",
	    sc->name, faultvfs_kind_name(kind), error == SQLITE_FULL ? "SQLITE_FULL" :
	    "SQLITE_IOERR", persistent ? "persistent" : "once", calls, prefill);
}

int
main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: stress_fault DIR fast|long SEED\n");
		return 64;
	}
	/* The long run sweeps logs of several sizes: deeper trees, WAL restarts. */
	static const int sizes[] = {3, 300, 3000};
	bool fast = strcmp(argv[2], "long") != 0;
	size_t nsizes = fast ? 1 : ARRAY_SIZE(sizes);
	struct cl_errors cerr = {0};
	struct err cat_err = {0};
	if (catalog_load(&catalog, &cerr, &cat_err) != ST_OK) {
		fprintf(stderr, "FAIL: loading the checklists: %s\n", cat_err.msg);
		return 1;
	}
	cl_errors_free(&cerr);
	faultvfs_register();
	for (size_t z = 0; z < nsizes; z++) {
		char path[4096];
		struct err err = {0};
		snprintf(path, sizeof path, "%s/template-%d.db", argv[1], sizes[z]);
		struct db *db = open_db(path, &scenarios[0]);
		for (int i = 0; i < sizes[z]; i++) {
			struct event ev = {.action = "note", .value = "prefill", .staff_code = "FT"};
			if (event_append(db, &ev, &err) != ST_OK)
				stress_fail("prefill: %s", err.msg);
		}
		db_close(db);
	}
	for (size_t z = 0; z < nsizes; z++)
		for (size_t s = 0; s < ARRAY_SIZE(scenarios); s++)
			for (int k = 0; k < FAULT_KINDS; k++)
				for (size_t e = 0; e < ARRAY_SIZE(errors); e++)
					for (int p = 0; p < 2; p++)
						/* A sweep of imports is slow (many fsyncs): the fast
						 * run does one error pattern of them. */
						if (fast && scenarios[s].kind == ENTRY_IMPORT && (e || p))
							continue;
						else
							sweep(argv[1], &scenarios[s], (enum faultvfs_kind)k,
							    errors[e], p, sizes[z]);
	printf("fault: %ld faults injected, %ld entries refused, %ld crash copies checked, "
	    "%ld lost, %ld back after a crash though refused (%ld more with a warning)\n",
	    injected_total, failed_appends, crash_copies, lost, extra, warned_back);
	catalog_free(&catalog);
	stress_stat("faults", injected_total);
	stress_stat("lost", lost);
	return stress_failures() ? 1 : 0;
}
