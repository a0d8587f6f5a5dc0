/* Unit tests of how storage treats files and who-and-where (no curses). */
#include "testutil.h"

#include <sys/stat.h>

#include "event.h"
#include "host.h"

static void
assert_private(const char *path)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	if (sb.st_mode & 007)
		fail_msg("%s is accessible to others: mode %o", path, (unsigned)(sb.st_mode & 0777));
}

/* A program that links the library without spinelog's umask still gets
 * private files: the database and the -wal and -shm that copy its mode. */
static void
test_private_under_umask_000(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	mode_t old = umask(0);
	struct db *db = tu_open(dir, "u.db");
	struct err err = {0};
	struct event ev = {.action = "note", .value = "x"};
	assert_int_equal(event_append(db, &ev, &err), ST_OK);
	char *p = xasprintf("%s/u.db", dir);
	assert_private(p);
	free(p);
	p = xasprintf("%s/u.db-wal", dir);
	assert_private(p);
	free(p);
	p = xasprintf("%s/u.db-shm", dir);
	assert_private(p);
	free(p);
	umask(old);
	db_close(db);
	tu_rmdir(dir);
}

/* Every event carries an OS user and a terminal, even when a caller passes
 * empty ones. */
static void
test_empty_who_is_filled(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct db *db = tu_open(dir, "w.db");
	struct err err = {0};
	struct event ev = {.action = "note", .os_user = "", .terminal = ""};
	assert_int_equal(event_append(db, &ev, &err), ST_OK);
	sqlite3_stmt *st = db_stmt(db, "SELECT os_user, terminal FROM event WHERE id = 1", &err);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(db_col_text(st, 0), host_user());
	assert_string_equal(db_col_text(st, 1), host_terminal());
	assert_true(strlen(host_user()) > 0 && strlen(host_terminal()) > 0);
	sqlite3_reset(st);
	db_close(db);
	tu_rmdir(dir);
}

/* An up-to-date database opens for writing while another connection holds
 * the write lock (it used to wait 5 s for it, then fail with 75). */
static void
test_open_while_locked(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	db_close(tu_open(dir, "l.db"));
	char *path = xasprintf("%s/l.db", dir);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	struct db *db = NULL;
	struct err err = {0};
	assert_int_equal(db_open(&db, path, 0, &err), ST_OK);
	struct event ev = {.action = "note"};
	db_close(db);
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(h);
	assert_int_equal(db_open(&db, path, 0, &err), ST_OK);
	assert_int_equal(event_append(db, &ev, &err), ST_OK);
	db_close(db);
	free(path);
	tu_rmdir(dir);
}

/* A missing folder and an empty file are named as such. */
static void
test_clear_messages(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct db *db = NULL;
	struct err err = {0};
	char *p = xasprintf("%s/no/such/x.db", dir);
	assert_int_equal(db_open(&db, p, DB_CREATE, &err), ST_CANTCREAT);
	assert_non_null(strstr(err.msg, "does not exist"));
	free(p);
	p = xasprintf("%s/empty.db", dir);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(db_open(&db, p, DB_READONLY, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "not yet a spinelog database"));
	assert_non_null(strstr(err.msg, "spinelog init"));
	free(p);
	tu_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_private_under_umask_000),
		cmocka_unit_test(test_empty_who_is_filled),
		cmocka_unit_test(test_open_while_locked),
		cmocka_unit_test(test_clear_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
