/* Unit tests of storage and the hash-chained event log (no curses linked). */
#include "testutil.h"

#include <sys/wait.h>

#include "checklist.h"
#include "event.h"
#include "record.h"
#include "verify.h"

struct fixture {
	char *dir;
	struct db *db;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->dir = tu_tempdir();
	f->db = tu_open(f->dir, "t.db");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

static void
append_n(struct db *db, int n, const char *value)
{
	struct err err = {0};
	for (int i = 0; i < n; i++) {
		struct event ev = {.action = "note", .value = value, .staff_code = "QA"};
		if (event_append(db, &ev, &err) != ST_OK)
			fail_msg("event_append: %s", err.msg);
	}
}

/* As someone with the sqlite3 shell would: drop every trigger, run sql, and
 * put the triggers back exactly as they were (to cover tracks). */
static void
tamper(struct fixture *f, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	struct buf drop = {0}, back = {0};
	char *path = xasprintf("%s/t.db", f->dir);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT name, sql FROM sqlite_schema"
	    " WHERE type = 'trigger'", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		buf_printf(&drop, "DROP TRIGGER %s;", sqlite3_column_text(st, 0));
		buf_printf(&back, "%s;", sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	assert_non_null(drop.data);
	assert_int_equal(sqlite3_exec(h, drop.data, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, back.data, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	buf_free(&drop);
	buf_free(&back);
	free(path);
}

/* The built-in SI joint injection checklist, stored as a version. */
static int64_t
si_version(struct fixture *f)
{
	struct catalog cat = {0};
	struct err err = {0};
	int64_t id = 0;
	const struct checklist *cl = tu_catalog_builtin(&cat, f->dir, "si-joint-injection");
	assert_int_equal(checklist_version_intern(f->db, cl, &id, &err), ST_OK);
	catalog_free(&cat);
	return id;
}

static void
test_append_and_verify(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	struct event ev = {.action = "check", .phase = "pre", .item_key = "consent",
	    .value = "done", .staff_code = "QA"};

	assert_int_equal(event_append(f->db, &ev, &err), ST_OK);
	assert_int_equal(ev.id, 1);
	assert_string_equal(ev.prev_hash, EVENT_GENESIS);
	assert_int_equal(strlen(ev.hash), 64);
	append_n(f->db, 9, "x");

	struct verify_report r = tu_verify(f->db, NULL);
	assert_true(r.ok);
	assert_int_equal(r.events, 10);
	int64_t head;
	char hash[HASH_HEX_LEN];
	assert_int_equal(event_head(f->db, &head, hash, &err), ST_OK);
	assert_int_equal(head, 10);
	assert_string_equal(r.head, hash);
}

/* The documented canonical encoding, recomputed independently here. */
static void
test_hash_is_documented_encoding(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	struct event ev = {.case_id = 0, .action = "note", .value = "a,b", .reason = "",
	    .staff_code = "QA", .os_user = "nurse", .terminal = "ward1:/dev/pts/1"};

	assert_int_equal(event_append(f->db, &ev, &err), ST_OK);
	char *enc = xasprintf("%s1:1,24:%s,0:,0:,0:,4:note,3:a,b,0:,0:,0:,0:,2:QA,5:nurse,16:"
	    "ward1:/dev/pts/1,", EVENT_GENESIS, ev.recorded_at);
	char want[HASH_HEX_LEN];
	sha256_hex(enc, strlen(enc), want);
	assert_string_equal(ev.hash, want);
	free(enc);
}

static void
test_tampered_value_detected(void **state)
{
	struct fixture *f = *state;
	append_n(f->db, 5, "120");
	tamper(f, "UPDATE event SET value = '80' WHERE id = 3");
	tu_reopen(&f->db, f->dir, "t.db");
	struct verify_report r = tu_verify(f->db, NULL);
	assert_false(r.ok);
	assert_int_equal(r.bad_event, 3);
	assert_non_null(strstr(r.problem, "does not recompute"));
}

static void
test_tampered_hash_detected(void **state)
{
	struct fixture *f = *state;
	append_n(f->db, 5, "x");
	assert_int_equal(tu_raw_sql(f->dir, "t.db", "DROP TRIGGER event_no_update;"
	    "UPDATE event SET hash = '" EVENT_GENESIS "' WHERE id = 4;"), SQLITE_OK);
	tu_reopen(&f->db, f->dir, "t.db");
	struct verify_report r = tu_verify(f->db, NULL);
	assert_false(r.ok);
	/* The trigger is gone, which verify reports before the chain. */
	assert_non_null(strstr(r.problem, "trigger event_no_update is missing"));
}

static void
test_deleted_middle_row_detected(void **state)
{
	struct fixture *f = *state;
	append_n(f->db, 6, "x");
	tamper(f, "DELETE FROM event WHERE id = 3");
	tu_reopen(&f->db, f->dir, "t.db");
	struct verify_report r = tu_verify(f->db, NULL);
	assert_false(r.ok);
	assert_int_equal(r.bad_event, 3);
	assert_non_null(strstr(r.problem, "missing"));
}

static void
test_truncated_tail_needs_anchor(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	append_n(f->db, 6, "x");
	int64_t head;
	char anchor[HASH_HEX_LEN];
	assert_int_equal(event_head(f->db, &head, anchor, &err), ST_OK);
	assert_true(tu_verify(f->db, anchor).ok);

	tamper(f, "DELETE FROM event WHERE id > 4");
	tu_reopen(&f->db, f->dir, "t.db");
	assert_true(tu_verify(f->db, NULL).ok);	/* a clean prefix is a valid chain */
	struct verify_report r = tu_verify(f->db, anchor);
	assert_false(r.ok);
	assert_non_null(strstr(r.problem, "anchor"));
}

static void
test_triggers_refuse_changes(void **state)
{
	struct fixture *f = *state;
	append_n(f->db, 2, "x");
	assert_int_equal(tu_raw_sql(f->dir, "t.db", "UPDATE event SET value = 'y'"),
	    SQLITE_CONSTRAINT);
	assert_int_equal(tu_raw_sql(f->dir, "t.db", "DELETE FROM event"), SQLITE_CONSTRAINT);
	/* The plain shell has recursive_triggers off: the insert trigger still holds. */
	assert_int_equal(tu_raw_sql(f->dir, "t.db", "INSERT OR REPLACE INTO event (id, recorded_at,"
	    " action, os_user, terminal, prev_hash, hash) SELECT 1, recorded_at, 'x', 'u', 't',"
	    " prev_hash, 'h' FROM event WHERE id = 1"), SQLITE_CONSTRAINT);
	/* And through spinelog's own connection, with recursive triggers on. */
	assert_int_equal(sqlite3_exec(db_handle(f->db), "REPLACE INTO staff (code, name, role,"
	    " created_at) VALUES ('QA', 'x', 'y', 'z')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db_handle(f->db), "REPLACE INTO staff (code, name, role,"
	    " created_at) VALUES ('QA', 'x2', 'y', 'z')", NULL, NULL, NULL) & 0xff,
	    SQLITE_CONSTRAINT);
	assert_true(tu_verify(f->db, NULL).ok == false);	/* that staff row has no event */
}

static void
test_rows_match_their_events(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	assert_int_equal(staff_register(f->db, "QA", "Quinn Avery", "RN", &err), ST_OK);
	struct case_info c = {.mrn = "M1", .name = "MÜLLER, Anna", .dob = "1940-01-10",
	    .proc_key = "si", .version_id = si_version(f), .side = "left", .level = "",
	    .proceduralist = "Dr Ng", .scheduled_at = "2026-11-26 08:30"};
	assert_int_equal(case_create(f->db, &c, "QA", NULL, &err), ST_OK);
	assert_true(c.id > 0);
	free(c.created_at);
	assert_true(tu_verify(f->db, NULL).ok);

	struct case_info got = {0};
	assert_int_equal(case_get(f->db, c.id, &got, &err), ST_OK);
	assert_string_equal(got.name, "MÜLLER, Anna");
	case_clear(&got);

	tamper(f, "UPDATE cases SET side = 'right'");
	tu_reopen(&f->db, f->dir, "t.db");
	struct verify_report r = tu_verify(f->db, NULL);
	assert_false(r.ok);
	assert_non_null(strstr(r.problem, "differs"));
}

static void
test_case_end(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	struct case_info c = {.mrn = "M1", .name = "A", .dob = "1940-01-10", .proc_key = "si",
	    .version_id = si_version(f), .side = "left", .scheduled_at = "2026-11-26 08:30"};
	assert_int_equal(case_create(f->db, &c, "QA", NULL, &err), ST_OK);
	free(c.created_at);
	assert_int_equal(case_end(f->db, c.id, "case_cancel", "", "QA", &err), ST_DATAERR);
	assert_int_equal(case_end(f->db, c.id, "case_cancel", "patient unwell", "QA", &err), ST_OK);
	assert_int_equal(case_end(f->db, c.id, "case_close", NULL, "QA", &err), ST_DATAERR);
	assert_true(tu_verify(f->db, NULL).ok);
}

static void
test_newer_database_refused(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	struct db *db = NULL;
	assert_int_equal(tu_raw_sql(f->dir, "t.db", "PRAGMA user_version = 999"), SQLITE_OK);
	char *path = xasprintf("%s/t.db", f->dir);
	assert_int_equal(db_open(&db, path, 0, &err), ST_DATAERR);
	assert_null(db);
	assert_non_null(strstr(err.msg, "version 999"));
	free(path);
}

static void
test_foreign_file_refused(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	struct db *db = NULL;
	assert_int_equal(tu_raw_sql(f->dir, "other.db", "CREATE TABLE t (x)"), SQLITE_OK);
	char *path = xasprintf("%s/other.db", f->dir);
	assert_int_equal(db_open(&db, path, DB_CREATE, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "not a spinelog database"));
	free(path);

	path = xasprintf("%s/text.db", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("this is a text file, not a database, but long enough to have a header....\n", fp);
	fclose(fp);
	assert_int_equal(db_open(&db, path, 0, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "not a spinelog database"));
	free(path);

	path = xasprintf("%s/missing.db", f->dir);
	assert_int_equal(db_open(&db, path, 0, &err), ST_NOINPUT);
	assert_non_null(strstr(err.msg, "spinelog init"));
	free(path);
}

/* 8 processes appending 500 events each: 4,000 events, one valid chain. */
static void
test_concurrent_writers(void **state)
{
	struct fixture *f = *state;
	enum { PROCS = 8, EACH = 500 };
	pid_t pids[PROCS];

	for (int p = 0; p < PROCS; p++) {
		pids[p] = fork();
		assert_true(pids[p] >= 0);
		if (pids[p] == 0) {
			struct db *db = tu_open(f->dir, "t.db");
			struct err err = {0};
			for (int i = 0; i < EACH; i++) {
				char v[32];
				snprintf(v, sizeof v, "p%d-%d", p, i);
				struct event ev = {.action = "note", .value = v};
				if (event_append(db, &ev, &err) != ST_OK) {
					fprintf(stderr, "child %d: %s\n", p, err.msg);
					_exit(1);
				}
			}
			db_close(db);
			_exit(0);
		}
	}
	for (int p = 0; p < PROCS; p++) {
		int st;
		assert_int_equal(waitpid(pids[p], &st, 0), pids[p]);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	tu_reopen(&f->db, f->dir, "t.db");
	struct verify_report r = tu_verify(f->db, NULL);
	assert_true(r.ok);
	assert_int_equal(r.events, PROCS * EACH);
	sqlite3_stmt *st = db_stmt(f->db, "SELECT count(DISTINCT value) FROM event", NULL);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), PROCS * EACH);
	sqlite3_reset(st);
}

static void
test_pragmas_and_modes(void **state)
{
	struct fixture *f = *state;
	sqlite3 *h = db_handle(f->db);
	sqlite3_stmt *st;
	const char *checks[][2] = {
		{"PRAGMA journal_mode", "wal"}, {"PRAGMA synchronous", "2"},
		{"PRAGMA foreign_keys", "1"}, {"PRAGMA recursive_triggers", "1"},
		{"PRAGMA trusted_schema", "0"}, {"PRAGMA application_id", "1397771335"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(checks); i++) {
		assert_int_equal(sqlite3_prepare_v2(h, checks[i][0], -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		if (strcmp((const char *)sqlite3_column_text(st, 0), checks[i][1]) != 0)
			fail_msg("%s = %s, want %s", checks[i][0], sqlite3_column_text(st, 0),
			    checks[i][1]);
		sqlite3_finalize(st);
	}
	assert_int_equal(db_schema_version(), db_found_version(f->db) + db_migrated(f->db));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_append_and_verify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hash_is_documented_encoding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tampered_value_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tampered_hash_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_middle_row_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_tail_needs_anchor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_triggers_refuse_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_match_their_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_database_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_writers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pragmas_and_modes, setup, teardown),
	};
	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
