/*
 * tool: the in-process measurements of `make bench` (run.sh does the
 * whole-process ones).  Each subcommand prints one line of space-separated
 * key=value figures for run.sh to pick up.
 *
 *   tool latency DB BASE N ROUNDS
 *       Entry latency: one checklist entry appended durably through
 *       event_append() to the spinelog database DB, against a bare
 *       BEGIN IMMEDIATE; INSERT; COMMIT of a row of the same size into the
 *       SQLite file BASE opened with the same pragmas (WAL, synchronous=FULL).
 *       The two alternate, entry by entry, so both see the same disk and the
 *       same noise; the figures are the medians over N * ROUNDS entries.
 *   tool append DB N
 *       Append N entries through event_append() to the last open case (as
 *       staff AQ0, registered when unknown), counting failures instead of
 *       stopping (the concurrency figure runs 8 of these at once).
 *   tool worklist DB DAY N
 *       What the worklist screen reads when it opens on DAY (local
 *       YYYY-MM-DD): the first page of the day list (every open case and the
 *       day's finished ones) with a casestate per row, the header's totals,
 *       and the status line's timers over every open case.  The first draw
 *       after opening, the median of N more, and the process's peak RSS.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "event.h"
#include "record.h"

#include "worklist.h"

static double
now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
die_err(const char *what, const struct err *err)
{
	fprintf(stderr, "tool: %s: %s\n", what, err->msg);
	exit(1);
}

static void
die_sql(sqlite3 *h, const char *what)
{
	fprintf(stderr, "tool: %s: %s\n", what, sqlite3_errmsg(h));
	exit(1);
}

/* A vitals entry on an open case, the most common entry at the bedside. */
static struct event
sample_entry(int64_t case_id)
{
	return (struct event){
		.case_id = case_id, .phase = "post", .item_key = "vitals_post", .action = "record",
		.value = "bp=128/76; hr=72; rr=14; spo2=98; temp=36.8; pain=3",
		.staff_code = "AQ0", .terminal = "recovery-bay:/dev/tty1", .os_user = "nurse",
	};
}

static int64_t
open_case_id(struct db *db)
{
	struct err err = {0};
	sqlite3_stmt *st = db_stmt(db, "SELECT case_id FROM open_case ORDER BY case_id DESC"
	    " LIMIT 1", &err);
	if (st == NULL)
		die_err("open case", &err);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return id;
}

/* The staff code of the sample entries, registered if the database (an
 * imported schedule) does not know it, so that the program signs it in. */
static void
ensure_staff(struct db *db)
{
	struct err err = {0};
	struct staff st = {0};
	int rc = staff_get(db, "AQ0", &st, &err);
	staff_clear(&st);
	if (rc == ST_NOINPUT && staff_register(db, "AQ0", "Avery Quinn", "RN", &err) != ST_OK)
		die_err("staff_register", &err);
	else if (rc != ST_OK && rc != ST_NOINPUT)
		die_err("staff_get", &err);
}

static int
latency(const char *path, const char *base_path, int n, int rounds)
{
	struct err err = {0};
	struct db *db;
	sqlite3 *b;
	sqlite3_stmt *ins;

	if (db_open(&db, path, 0, &err) != ST_OK)
		die_err(path, &err);
	int64_t case_id = open_case_id(db);

	/* The baseline: the same pragmas, one table, a row of the same size. */
	if (sqlite3_open(base_path, &b) != SQLITE_OK ||
	    sqlite3_exec(b, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	    " CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
	    NULL, NULL, NULL) != SQLITE_OK)
		die_sql(b, base_path);
	if (sqlite3_prepare_v2(b, "INSERT INTO t (body) VALUES (?1)", -1, &ins, NULL) != SQLITE_OK)
		die_sql(b, "prepare");

	struct event ev = sample_entry(case_id);
	if (event_append(db, &ev, &err) != ST_OK)
		die_err("event_append", &err);
	sqlite3_stmt *sz = db_stmt(db, "SELECT length(recorded_at) + length(phase) +"
	    " length(item_key) + length(action) + length(value) + length(unit) + length(flag) +"
	    " length(reason) + length(staff_code) + length(os_user) + length(terminal) +"
	    " length(prev_hash) + length(hash) + 8 * 3 FROM event WHERE id = ?1", &err);
	if (sz == NULL)
		die_err("row size", &err);
	sqlite3_bind_int64(sz, 1, ev.id);
	int row = sqlite3_step(sz) == SQLITE_ROW ? sqlite3_column_int(sz, 0) : 400;
	sqlite3_reset(sz);
	char *body = xmalloc((size_t)row + 1);
	for (int i = 0; i < row; i++)
		body[i] = (char)('a' + i % 26);
	body[row] = '\0';

	size_t total = (size_t)n * (size_t)rounds;
	double *ts = xcalloc(total, sizeof *ts), *tb = xcalloc(total, sizeof *tb);
	size_t k = 0;
	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < n; i++, k++) {
			double t0 = now_us();
			ev = sample_entry(case_id);
			if (event_append(db, &ev, &err) != ST_OK)
				die_err("event_append", &err);
			double t1 = now_us();
			if (sqlite3_exec(b, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
				die_sql(b, "begin");
			sqlite3_reset(ins);
			sqlite3_bind_text(ins, 1, body, row, SQLITE_STATIC);
			if (sqlite3_step(ins) != SQLITE_DONE)
				die_sql(b, "insert");
			if (sqlite3_exec(b, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
				die_sql(b, "commit");
			double t2 = now_us();
			ts[k] = t1 - t0;
			tb[k] = t2 - t1;
		}
	}
	printf("spinelog_us=%.1f baseline_us=%.1f row_bytes=%d entries=%zu\n",
	    median(ts, total), median(tb, total), row, total);
	free(ts);
	free(tb);
	free(body);
	sqlite3_finalize(ins);
	sqlite3_close(b);
	db_close(db);
	return 0;
}

static int
append(const char *path, int n)
{
	struct err err = {0};
	struct db *db;
	int errors = 0;

	if (db_open(&db, path, 0, &err) != ST_OK)
		die_err(path, &err);
	ensure_staff(db);
	int64_t case_id = open_case_id(db);
	double t0 = now_us(), worst = 0;
	for (int i = 0; i < n; i++) {
		struct event ev = sample_entry(case_id);
		double t1 = now_us();
		if (event_append(db, &ev, &err) != ST_OK) {
			if (errors++ == 0)
				fprintf(stderr, "tool: append: %s\n", err.msg);
		}
		if (now_us() - t1 > worst)
			worst = now_us() - t1;
	}
	printf("appended=%d errors=%d seconds=%.3f worst_ms=%.1f\n", n - errors, errors,
	    (now_us() - t0) / 1e6, worst / 1e3);
	db_close(db);
	return errors != 0;
}

/* What the worklist screen reads when it opens: the first page (19 rows at
 * 80x24), the header's totals and the status line's timers. */
#define PAGE_ROWS 19

static void
worklist_once(struct db *db, const char *day, int *rows, int *due)
{
	static struct worklist wl;	/* kept like the UI keeps it: versions parsed once */
	struct wl_list list = {.day = day};
	struct wl_counts n;
	struct err err = {0};
	struct timespec ts;
	int soon, over;

	if (worklist_page(db, &list, WL_FIRST, NULL, PAGE_ROWS, &wl, &err) != ST_OK)
		die_err("worklist_page", &err);
	if (worklist_count(db, day, &n, &err) != ST_OK)
		die_err("worklist_count", &err);
	clock_gettime(CLOCK_REALTIME, &ts);
	if (worklist_timers(db, (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000, &soon, &over,
	    &err) != ST_OK)
		die_err("worklist_timers", &err);
	*rows = (int)wl.n;
	*due = soon + over;
}

static int
worklist(const char *path, const char *day, int n)
{
	struct err err = {0};
	struct db *db;
	struct rusage ru;
	int rows = 0, due = 0;

	if (db_open(&db, path, DB_READONLY, &err) != ST_OK)
		die_err(path, &err);
	double *t = xcalloc((size_t)n, sizeof *t);
	double open_t0 = now_us();
	worklist_once(db, day, &rows, &due);	/* first draw, statements prepared */
	double first = now_us() - open_t0;
	for (int i = 0; i < n; i++) {
		double t0 = now_us();
		worklist_once(db, day, &rows, &due);
		t[i] = now_us() - t0;
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("worklist_us=%.1f first_us=%.1f rows=%d queries=%s due=%d rss_kb=%ld\n",
	    median(t, (size_t)n), first, rows, "page+count+timers", due, ru.ru_maxrss);
	free(t);
	db_close(db);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "latency") == 0)
		return latency(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]));
	if (argc == 4 && strcmp(argv[1], "append") == 0)
		return append(argv[2], atoi(argv[3]));
	if (argc == 5 && strcmp(argv[1], "worklist") == 0)
		return worklist(argv[2], argv[3], atoi(argv[4]));
	fprintf(stderr, "usage: tool latency DB BASE N ROUNDS | append DB N | worklist DB DAY N\n");
	return 64;
}
