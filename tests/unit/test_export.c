/* Unit tests of the CSV export's rules: the formula guard, the UTC bounds of
 * local days across daylight-saving changes, file names, export_run's
 * result and export event, and a full disk when the export event commits
 * (no curses linked). */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>

/* The I/O-fault VFS of the stress tests.  A unit test is built from its one
 * source file (Makefile), so the shim is compiled in here. */
#include "../stress/faultvfs.h"
#include "../stress/faultvfs.c"

#include "event.h"
#include "csvwrite.h"
#include "export.h"
#include "fileio.h"

static void
test_guard(void **state)
{
	static const char *const guarded[] = {
		"=1+1", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "-", "+1", "-1.", "-.5",
		"-1e5", "\tx", "\rx", "\nx", "=", "--1", "-1-", "-1.2.3",
	};
	static const char *const kept[] = {
		"", "-1", "-2.5", "-0", "12", "1+1", "abc", "'=1", " =1", "M-1", "-123456789.000001",
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(guarded); i++)
		if (!csvwrite_guard_needed(guarded[i], strlen(guarded[i])))
			fail_msg("'%s' should be guarded", guarded[i]);
	for (size_t i = 0; i < ARRAY_SIZE(kept); i++)
		if (csvwrite_guard_needed(kept[i], strlen(kept[i])))
			fail_msg("'%s' should be kept", kept[i]);
	/* only the first n bytes count */
	assert_false(csvwrite_guard_needed("-1x", 2));
	assert_true(csvwrite_guard_needed("-1x", 3));
}

static void
bounds(const char *from, const char *to, const char *lo, const char *hi)
{
	char l[CLOCK_UTC_LEN], h[CLOCK_UTC_LEN];
	clock_day_bounds(from, to, l, h);
	assert_string_equal(l, lo);
	assert_string_equal(h, hi);
}

static void
test_day_bounds(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	bounds("2026-01-15", "2026-01-15", "2026-01-14T23:00:00.000Z", "2026-01-15T23:00:00.000Z");
	/* 23 hours: clocks go forward at 02:00 */
	bounds("2026-03-29", "2026-03-29", "2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z");
	/* 25 hours: clocks go back at 03:00 */
	bounds("2026-10-25", "2026-10-25", "2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z");
	bounds("2026-12-31", "2027-01-01", "2026-12-30T23:00:00.000Z", "2027-01-01T23:00:00.000Z");
	setenv("TZ", "America/New_York", 1);
	tzset();
	bounds("2026-03-08", "2026-03-08", "2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z");
	setenv("TZ", "UTC", 1);
	tzset();
	bounds("2026-02-28", "2026-02-28", "2026-02-28T00:00:00.000Z", "2026-03-01T00:00:00.000Z");
}

static void
test_names_and_days(void **state)
{
	struct export_req r = {.range = EXPORT_DAYS, .from = "2026-11-26", .to = "2026-11-26"};
	struct err err = {0};
	char day[EXPORT_DAY_LEN], *s;
	(void)state;

	assert_string_equal(s = export_file_name(&r), "spinelog-2026-11-26.csv");
	free(s);
	memcpy(r.to, "2026-11-30", EXPORT_DAY_LEN);
	assert_string_equal(s = export_file_name(&r), "spinelog-2026-11-26_2026-11-30.csv");
	free(s);
	r.range = EXPORT_CASE;
	r.case_id = 42;
	assert_string_equal(s = export_file_name(&r), "spinelog-case-42.csv");
	free(s);
	r.range = EXPORT_ALL;
	assert_string_equal(s = export_file_name(&r), "spinelog-all.csv");
	free(s);

	assert_int_equal(clock_parse_day("2024-02-29", day, &err), ST_OK);
	assert_string_equal(day, "2024-02-29");
	assert_int_equal(clock_parse_day("2026-02-29", day, &err), ST_USAGE);
	assert_int_equal(clock_parse_day("26-11-2026", day, &err), ST_USAGE);
	assert_int_equal(clock_parse_day("today", day, &err), ST_OK);
	char want[EXPORT_DAY_LEN];
	clock_local_day(-1, want);
	assert_int_equal(clock_parse_day("yesterday", day, &err), ST_OK);
	assert_string_equal(day, want);
}

static void
test_run(void **state)
{
	char *dir = tu_tempdir();
	struct db *db = tu_open(dir, "t.db");
	struct export_req req = {.range = EXPORT_ALL, .path = dir, .staff_code = "QA"};
	struct export_result res;
	struct err err = {0};
	(void)state;

	for (int i = 0; i < 3; i++) {
		struct event ev = {.action = "note", .value = "=1+1", .staff_code = "QA"};
		assert_int_equal(event_append(db, &ev, &err), ST_OK);
	}
	int64_t head;
	char hash[HASH_HEX_LEN];
	assert_int_equal(event_head(db, &head, hash, &err), ST_OK);

	assert_int_equal(export_run(db, &req, &res, &err), ST_OK);
	char *want = xasprintf("%s/spinelog-all.csv", dir);
	assert_string_equal(res.path, want);
	assert_int_equal(res.rows, 3);
	assert_string_equal(res.anchor, hash);
	assert_int_equal(res.event_id, 4);
	export_result_clear(&res);

	/* The export event: staff, and what was exported. */
	sqlite3_stmt *st = db_stmt(db, "SELECT action, value, staff_code FROM event WHERE id = 4",
	    &err);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(db_col_text(st, 0), "export");
	char *value = xasprintf("range=all; rows=3; anchor=%s; file=%s", hash, want);
	assert_string_equal(db_col_text(st, 1), value);
	assert_string_equal(db_col_text(st, 2), "QA");
	sqlite3_reset(st);
	free(value);

	/* An empty range: no anchor, still logged. */
	req = (struct export_req){.range = EXPORT_DAYS, .from = "2001-01-01", .to = "2001-01-01",
	    .path = dir};
	assert_int_equal(export_run(db, &req, &res, &err), ST_OK);
	assert_int_equal(res.rows, 0);
	assert_string_equal(res.anchor, "");
	assert_int_equal(res.event_id, 5);
	export_result_clear(&res);

	/* A bad request is refused before anything is written. */
	req.range = EXPORT_CASE;
	req.case_id = 77;
	assert_int_equal(export_run(db, &req, &res, &err), ST_NOINPUT);
	req = (struct export_req){.range = EXPORT_DAYS, .from = "2001-01-02", .to = "2001-01-01",
	    .path = dir};
	assert_int_equal(export_run(db, &req, &res, &err), ST_USAGE);
	assert_int_equal(event_head(db, &head, hash, &err), ST_OK);
	assert_int_equal(head, 5);

	free(want);
	db_close(db);
	tu_rmdir(dir);
}

static void
put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static char *
slurp(const char *path)
{
	char *data;
	size_t size;
	struct err err = {0};
	if (file_read(path, 1 << 20, &data, &size, &err) != ST_OK)
		return NULL;
	return data;
}

/* How many names dir holds, hidden ones (temporary, set aside) included. */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static int64_t
head_id(struct db *db)
{
	int64_t head;
	char hash[HASH_HEX_LEN];
	struct err err = {0};
	assert_int_equal(event_head(db, &head, hash, &err), ST_OK);
	return head;
}

/*
 * The disk of the database fills up when the export event commits, after
 * the new file was renamed into place (the order is: temporary file synced,
 * BEGIN IMMEDIATE, export event, rename, folder synced, COMMIT).  The file
 * under the final name must then be the older one again (or none, when there
 * was none): a file there without its export event committed is an export
 * nobody can account for.
 */
static void
test_commit_fails(void **state)
{
	char *dir = tu_tempdir(), *out = xasprintf("%s/out", dir);
	struct db *db = tu_open(dir, "t.db");
	struct export_req req = {.range = EXPORT_ALL, .path = out};
	struct export_result res;
	struct err err = {0};
	(void)state;

	for (int i = 0; i < 3; i++) {
		struct event ev = {.action = "note", .value = "before the disk filled up"};
		assert_int_equal(event_append(db, &ev, &err), ST_OK);
	}
	assert_int_equal(mkdir(out, 0700), 0);
	char *final = xasprintf("%s/spinelog-all.csv", out);

	/* No older file: none may be left under the final name. */
	faultvfs_arm(FAULT_WRITE, 1, SQLITE_FULL, true);
	int rc = export_run(db, &req, &res, &err);
	int injected = faultvfs_injected();
	faultvfs_disarm();
	assert_true(injected > 0);	/* the fault hit the COMMIT */
	assert_int_equal(rc, ST_IOERR);
	assert_int_equal(entries(out), 0);
	assert_int_equal(head_id(db), 3);
	assert_non_null(strstr(err.msg, "the disk is full"));
	assert_non_null(strstr(err.msg, "nothing was exported"));
	export_result_clear(&res);

	/* An older export: it is back, byte for byte, and nothing else is left. */
	put_file(final, "old export\r\n");
	faultvfs_arm(FAULT_WRITE, 1, SQLITE_FULL, true);
	rc = export_run(db, &req, &res, &err);
	faultvfs_disarm();
	assert_int_equal(rc, ST_IOERR);
	char *text = slurp(final);
	assert_non_null(text);
	assert_string_equal(text, "old export\r\n");
	free(text);
	assert_int_equal(entries(out), 1);	/* spinelog-all.csv, read above */
	assert_int_equal(head_id(db), 3);
	export_result_clear(&res);

	/* A single failed write (the disk recovers at once): the same. */
	faultvfs_arm(FAULT_WRITE, 1, SQLITE_IOERR_WRITE, false);
	rc = export_run(db, &req, &res, &err);
	faultvfs_disarm();
	assert_int_equal(rc, ST_IOERR);
	text = slurp(final);
	assert_string_equal(text, "old export\r\n");
	free(text);
	assert_int_equal(head_id(db), 3);
	export_result_clear(&res);

	/* Space again: the export replaces the older file and is logged. */
	assert_int_equal(export_run(db, &req, &res, &err), ST_OK);
	assert_int_equal(res.rows, 3);
	assert_int_equal(res.event_id, 4);
	export_result_clear(&res);
	text = slurp(final);
	assert_non_null(strstr(text, "before the disk filled up"));
	free(text);
	assert_int_equal(entries(out), 1);

	free(final);
	free(out);
	db_close(db);
	tu_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guard),
		cmocka_unit_test(test_day_bounds),
		cmocka_unit_test(test_names_and_days),
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_commit_fails),
	};

	faultvfs_register();	/* before any db_open; a pass-through until armed */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
