/*
 * stress_kill: the kill -9 loop.
 *
 *   stress_kill SPINELOG DRIVER DIR KILLS SEED
 *
 * Creates DIR/kill.db with `spinelog init`, then again and again starts one
 * or two stress_driver processes appending to it and SIGKILLs them at random
 * moments (seeded), during start-up, WAL recovery, a commit's fsync or a
 * checkpoint, wherever the moment falls.  After every round it checks, as an
 * auditor would: PRAGMA integrity_check is ok, `spinelog verify` passes,
 * every event a driver acknowledged is present with the same hash, every
 * event carries an OS user and a terminal, and the database, -wal and -shm
 * files are not accessible to others.  Then kills `spinelog init` while it
 * creates databases, and `spinelog worklist import` in its one transaction
 * (a tenth as many each).  Stops after KILLS kills survived.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"
#include "stress.h"

#define MAX_WRITERS 2

struct writer {
	pid_t pid;
	int fd;			/* read end of its stdout, -1 once closed */
	char line[256];
	size_t len;
};

/* Acknowledged events: hashes indexed by id. */
static char (*acked)[HASH_HEX_LEN];
static int64_t nacked_cap, acked_count;

static void
record_ack(const char *line)
{
	int64_t id;
	char hash[HASH_HEX_LEN];
	if (sscanf(line, "%" SCNd64 " %64s", &id, hash) != 2 || id <= 0) {
		stress_fail("driver wrote a bad line: %s", line);
		return;
	}
	if (id >= nacked_cap) {
		int64_t cap = nacked_cap ? nacked_cap : 1024;
		while (cap <= id)
			cap *= 2;
		acked = realloc(acked, (size_t)cap * sizeof *acked);
		if (acked == NULL)
			abort();
		memset(acked + nacked_cap, 0, (size_t)(cap - nacked_cap) * sizeof *acked);
		nacked_cap = cap;
	}
	if (acked[id][0] != '\0' && strcmp(acked[id], hash) != 0)
		stress_fail("event %" PRId64 " acknowledged twice with different hashes", id);
	if (acked[id][0] == '\0')
		acked_count++;
	memcpy(acked[id], hash, HASH_HEX_LEN);
}

/* Read what the writers said, for up to ms milliseconds (-1: until all close). */
static void
collect(struct writer *w, int n, int ms)
{
	int64_t end = stress_ms() + ms;
	for (;;) {
		struct pollfd p[MAX_WRITERS];
		int open_fds = 0;
		for (int i = 0; i < n; i++) {
			p[i] = (struct pollfd){w[i].fd, POLLIN, 0};
			open_fds += w[i].fd >= 0;
		}
		if (open_fds == 0)
			return;
		int left = ms < 0 ? -1 : (int)(end - stress_ms());
		if (ms >= 0 && left <= 0)
			return;
		if (poll(p, (nfds_t)n, left) <= 0)
			continue;
		for (int i = 0; i < n; i++) {
			if (w[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			char buf[4096];
			ssize_t k = read(w[i].fd, buf, sizeof buf);
			if (k <= 0) {
				close(w[i].fd);
				w[i].fd = -1;	/* a partial last line is not an acknowledgement */
				continue;
			}
			for (ssize_t j = 0; j < k; j++) {
				if (buf[j] == '\n') {
					w[i].line[w[i].len] = '\0';
					record_ack(w[i].line);
					w[i].len = 0;
				} else if (w[i].len < sizeof w[i].line - 1) {
					w[i].line[w[i].len++] = buf[j];
				}
			}
		}
	}
}

static pid_t
start_writer(const char *driver, const char *db, uint64_t seed, int *fd)
{
	int p[2];
	char s[32];
	snprintf(s, sizeof s, "%" PRIu64, seed);
	if (pipe(p) != 0)
		abort();
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], STDOUT_FILENO);
		close(p[0]);
		close(p[1]);
		execl(driver, driver, db, s, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	*fd = p[0];
	return pid;
}

/* Every acknowledged event present with its hash; returns how many were lost. */
static int64_t
count_lost(const char *db)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int64_t lost = 0, seen = 0, empty_who = 0;

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT id, hash, os_user, terminal FROM event ORDER BY id", -1,
	    &st, NULL) != SQLITE_OK) {
		stress_fail("%s: cannot read the event table: %s", db, sqlite3_errmsg(h));
		sqlite3_close(h);
		return acked_count;
	}
	sqlite3_busy_timeout(h, 5000);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *hash = (const char *)sqlite3_column_text(st, 1);
		const char *user = (const char *)sqlite3_column_text(st, 2);
		const char *tty = (const char *)sqlite3_column_text(st, 3);
		if (user == NULL || *user == '\0' || tty == NULL || *tty == '\0')
			empty_who++;
		if (id < nacked_cap && acked[id][0] != '\0') {
			seen++;
			if (hash == NULL || strcmp(hash, acked[id]) != 0) {
				stress_fail("event %" PRId64 " changed its hash after it was acknowledged",
				    id);
				lost++;
			}
		}
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	if (empty_who > 0)
		stress_fail("%" PRId64 " event(s) without an OS user or terminal", empty_who);
	if (seen < acked_count)
		stress_fail("%" PRId64 " acknowledged event(s) missing", acked_count - seen);
	return lost + (acked_count - seen);
}

static void
check_modes(const char *db)
{
	static const char *const suffix[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < 3; i++) {
		char path[4096];
		struct stat sb;
		snprintf(path, sizeof path, "%s%s", db, suffix[i]);
		if (stat(path, &sb) == 0 && (sb.st_mode & 007) != 0)
			stress_fail("%s: mode %o is accessible to others", path,
			    (unsigned)(sb.st_mode & 0777));
	}
}

/*
 * Kill `spinelog init` while it creates a database: the next init must
 * finish the job (an empty or half-made file is a database not yet created)
 * and verify must pass.  Returns 1 when the kill hit a live process.
 */
static int
kill_init(const char *spinelog, const char *dir, long round, struct rng *rng, long *crashes)
{
	char db[4096];
	struct run r;
	int ws, killed = 0;

	snprintf(db, sizeof db, "%s/init-%ld.db", dir, round);
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, STDOUT_FILENO);
		execl(spinelog, spinelog, "init", "-d", db, (char *)NULL);
		_exit(127);
	}
	struct timespec ts = {0, (long)rng_below(rng, 8000) * 1000};
	nanosleep(&ts, NULL);
	kill(pid, SIGKILL);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL)
		killed = 1;
	else if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
		stress_fail("init %ld ended by itself with status %d", round, ws);
	char *init[] = {(char *)spinelog, "init", "-d", db, NULL};
	stress_run(init, &r);
	if (r.status != 0) {
		*crashes += stress_crashed(&r);
		stress_fail("init after init %ld was killed: exit %d: %s", round, r.status, r.err);
	}
	if (!stress_verify_ok(spinelog, db, &r)) {
		*crashes += stress_crashed(&r);
		stress_fail("verify after init %ld was killed: exit %d: %s", round, r.status, r.err);
	}
	return killed;
}

/*
 * Kill `spinelog worklist import` (one transaction for the whole file) at a
 * random moment: the cases of that file are then all there or none, and
 * verify passes.  Returns 1 when the kill hit a live process.
 */
static int
kill_import(const char *spinelog, const char *dir, const char *db, long round,
    struct rng *rng, long *crashes)
{
	enum { ROWS = 150 };
	char csv[4096];
	struct run r;
	int ws, killed = 0;

	snprintf(csv, sizeof csv, "%s/import-%ld.csv", dir, round);
	FILE *f = fopen(csv, "w");
	if (f == NULL)
		abort();
	fprintf(f, "mrn,name,dob,procedure,side,scheduled_at\n");
	for (int i = 0; i < ROWS; i++)
		fprintf(f, "K%ld-%d,\"KILL, Test %d\",1950-01-01,si-joint-injection,left,"
		    "2026-11-27 %02d:%02d\n", round, i, i, 7 + i / 60, i % 60);
	fclose(f);
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, STDOUT_FILENO);
		execl(spinelog, spinelog, "worklist", "import", "-d", db, csv, (char *)NULL);
		_exit(127);
	}
	struct timespec ts = {0, (long)rng_below(rng, 30000) * 1000};
	nanosleep(&ts, NULL);
	kill(pid, SIGKILL);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL)
		killed = 1;
	else if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
		stress_fail("import %ld ended by itself with status %d", round, ws);

	sqlite3 *h;
	sqlite3_stmt *st;
	char like[64];
	long n = -1;
	snprintf(like, sizeof like, "K%ld-%%", round);
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT count(*) FROM cases WHERE mrn LIKE ?", -1, &st,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, like, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	if (n != 0 && n != ROWS)
		stress_fail("import %ld killed: %ld of its %d cases saved, not all or none", round, n,
		    ROWS);
	if (!stress_verify_ok(spinelog, db, &r)) {
		*crashes += stress_crashed(&r);
		stress_fail("verify after import %ld was killed: exit %d: %s", round, r.status,
		    r.err);
	}
	return killed;
}

int
main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: stress_kill SPINELOG DRIVER DIR KILLS SEED\n");
		return 64;
	}
	const char *spinelog = argv[1], *driver = argv[2];
	long want = strtol(argv[4], NULL, 10);
	struct rng rng = {strtoull(argv[5], NULL, 10)};
	char db[4096], why[256];
	struct run r;
	long kills = 0, rounds = 0, crashes = 0;
	int64_t lost = 0;

	snprintf(db, sizeof db, "%s/kill.db", argv[3]);
	char *init[] = {(char *)spinelog, "init", "-d", db, NULL};
	stress_run(init, &r);
	if (r.status != 0) {
		stress_fail("spinelog init: exit %d: %s", r.status, r.err);
		return 1;
	}
	while (kills < want && stress_failures() == 0) {
		struct writer w[MAX_WRITERS];
		int n = 1 + (int)rng_below(&rng, MAX_WRITERS);
		for (int i = 0; i < n; i++) {
			w[i] = (struct writer){.fd = -1};
			w[i].pid = start_writer(driver, db, rng_next(&rng), &w[i].fd);
		}
		/* Kill each writer after its own random moment, up to 60 ms in. */
		int order = (int)rng_below(&rng, (uint64_t)n);
		for (int k = 0; k < n; k++) {
			struct writer *v = &w[(order + k) % n];
			collect(w, n, (int)rng_below(&rng, 60));
			kill(v->pid, SIGKILL);
		}
		collect(w, n, -1);
		for (int i = 0; i < n; i++) {
			int ws;
			while (waitpid(w[i].pid, &ws, 0) < 0 && errno == EINTR)
				;
			if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL) {
				kills++;
			} else {
				crashes += WIFSIGNALED(ws);
				stress_fail("round %ld: driver %d ended by itself (%s %d) before the kill",
				    rounds, (int)w[i].pid, WIFSIGNALED(ws) ? "signal" : "exit",
				    WIFSIGNALED(ws) ? WTERMSIG(ws) : WEXITSTATUS(ws));
			}
		}
		rounds++;
		if (!stress_integrity_ok(db, why, sizeof why))
			stress_fail("round %ld: PRAGMA integrity_check: %s", rounds, why);
		if (!stress_verify_ok(spinelog, db, &r)) {
			crashes += stress_crashed(&r);
			stress_fail("round %ld: spinelog verify exit %d: %s%s", rounds, r.status, r.out,
			    r.err);
		}
		lost += count_lost(db);
		check_modes(db);
	}
	/* One kill in ten is of init creating a database. */
	long init_kills = 0, init_rounds = 0;
	while (init_kills < want / 10 && init_rounds < want && stress_failures() == 0)
		init_kills += kill_init(spinelog, argv[3], init_rounds++, &rng, &crashes);
	kills += init_kills;
	/* And one in ten of a worklist import, all or nothing. */
	long import_kills = 0, import_rounds = 0;
	while (import_kills < want / 10 && import_rounds < want && stress_failures() == 0)
		import_kills += kill_import(spinelog, argv[3], db, import_rounds++, &rng, &crashes);
	kills += import_kills;
	lost += count_lost(db);
	printf("kill: %ld kills survived (%ld of init, %ld of worklist import) in %ld rounds, "
	    "%" PRId64 " events acknowledged, %" PRId64 " lost, %ld crashes\n", kills, init_kills,
	    import_kills, rounds + init_rounds + import_rounds, acked_count, lost, crashes);
	stress_stat("kills", kills);
	stress_stat("acknowledged", acked_count);
	stress_stat("lost", lost);
	stress_stat("crashes", crashes);
	free(acked);
	return stress_failures() ? 1 : 0;
}
