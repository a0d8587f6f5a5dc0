/*
 * Unit tests of what issue 12 closed (no curses linked): nothing is "Saved"
 * that the database did not store as written; two terminals amending one
 * entry cannot both be told "Saved"; checklist versions are on the chain,
 * also those of a database made before they were, and a new case stores its
 * version and its row together or neither; the schema is compared with the
 * one the embedded migrations make.
 */
#include "testutil.h"

#include "actions.h"
#include "chart.h"
#include "checklist.h"
#include "embedded.h"
#include "event.h"
#include "record.h"

struct fixture {
	char *dir;
	struct db *db;
	struct catalog cat;
	const struct checklist *si;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->dir = tu_tempdir();
	f->db = tu_open(f->dir, "t.db");
	f->si = tu_catalog_builtin(&f->cat, f->dir, "si-joint-injection");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	catalog_free(&f->cat);
	db_close(f->db);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t
count(struct db *db, const char *sql)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* A staff member and a case on the SI checklist; returns the case id. */
static int64_t
new_case(struct fixture *f, struct db *db)
{
	struct err err = {0};
	struct case_info c = {.mrn = "M1", .name = "DOE, Jane", .dob = "1950-01-01",
	    .proc_key = "si-joint-injection", .side = "left", .level = "",
	    .proceduralist = "Dr P", .scheduled_at = "2026-11-26 09:00"};
	assert_int_equal(chart_register(db, "QA", "Quinn Avery", "RN", &err), ST_OK);
	assert_int_equal(chart_register(db, "NT", "Nia Tran", "RN", &err), ST_OK);
	if (chart_new_case(db, "QA", f->si, &c, &err) != ST_OK)
		fail_msg("chart_new_case: %s", err.msg);
	free(c.created_at);
	return c.id;
}

/* A foreign BEFORE INSERT trigger with RAISE(IGNORE) makes the INSERT
 * "succeed" without storing anything: event_append must not return OK. */
static void
test_ignored_insert_is_not_saved(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	struct event ev = {.action = "note", .value = "first", .staff_code = "QA"};
	assert_int_equal(event_append(f->db, &ev, &err), ST_OK);
	assert_int_equal(tu_raw_sql(f->dir, "t.db", "CREATE TRIGGER swallow BEFORE INSERT ON event"
	    " BEGIN SELECT RAISE(IGNORE); END;"), SQLITE_OK);
	tu_reopen(&f->db, f->dir, "t.db");

	struct event lost = {.action = "note", .value = "second", .staff_code = "QA"};
	assert_int_not_equal(event_append(f->db, &lost, &err), ST_OK);
	assert_int_equal(err.status, ST_DATAERR);
	assert_non_null(strstr(err.msg, "NOT saved"));
	assert_int_equal(count(f->db, "SELECT count(*) FROM event"), 1);
	/* the rows created with their event are not kept without it */
	assert_int_not_equal(staff_register(f->db, "ZZ", "Zoe Zed", "RN", &err), ST_OK);
	assert_non_null(strstr(err.msg, "NOT saved"));
	assert_int_equal(count(f->db, "SELECT count(*) FROM staff"), 0);

	struct verify_report r = tu_verify(f->db, NULL);
	assert_false(r.ok);
	assert_non_null(strstr(r.problem, "trigger swallow that spinelog does not create"));
}

/* A trigger that rewrites what was just stored (with the guard against
 * UPDATE replaced): the read-back names the field. */
static void
test_changed_insert_is_not_saved(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	assert_int_equal(tu_raw_sql(f->dir, "t.db", "DROP TRIGGER event_no_update;"
	    "CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN SELECT 1; END;"
	    "CREATE TRIGGER rewrite AFTER INSERT ON event"
	    " BEGIN UPDATE event SET value = '80' WHERE id = NEW.id; END;"), SQLITE_OK);
	tu_reopen(&f->db, f->dir, "t.db");
	struct event ev = {.action = "record", .value = "120", .staff_code = "QA"};
	assert_int_equal(event_append(f->db, &ev, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "NOT saved"));
	assert_non_null(strstr(err.msg, "(value)"));
	assert_int_equal(count(f->db, "SELECT count(*) FROM event"), 0);
}

/* Two terminals amend the same entry: the second is refused, naming who
 * amended it and when; amending the amendment is allowed. */
static void
test_concurrent_amend_refused(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	struct db *other = tu_open(f->dir, "t.db");
	int64_t case_id = new_case(f, f->db);
	const struct item *it = checklist_item(f->si, "identity");
	assert_non_null(it);

	struct chart_entry first = {.value = "done"};
	assert_int_equal(chart_record(f->db, "QA", case_id, it, &first, &err), ST_OK);
	int64_t entry = count(f->db, "SELECT max(id) FROM event");

	/* Both terminals show that entry; one corrects it ... */
	struct chart_entry mine = {.value = "not done", .amends = entry, .reason = "wrong band"};
	assert_int_equal(chart_record(f->db, "QA", case_id, it, &mine, &err), ST_OK);
	int64_t amendment = count(f->db, "SELECT max(id) FROM event");
	/* ... then the other, unaware of it. */
	struct chart_entry theirs = {.value = "done", .amends = entry, .reason = "rechecked"};
	assert_int_equal(chart_record(other, "NT", case_id, it, &theirs, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "NOT saved"));
	assert_non_null(strstr(err.msg, "already amended by Quinn Avery (QA) at 20"));
	char *want = xasprintf("(event %lld)", (long long)amendment);
	assert_non_null(strstr(err.msg, want));
	free(want);
	assert_int_equal(count(f->db, "SELECT count(*) FROM event WHERE action = 'amend'"), 1);

	/* Seeing the new value, they correct that one instead. */
	theirs.amends = amendment;
	assert_int_equal(chart_record(other, "NT", case_id, it, &theirs, &err), ST_OK);
	/* An entry of another case, or no entry at all, cannot be amended. */
	theirs.amends = 1;	/* staff_register QA: no case */
	assert_int_equal(chart_record(other, "NT", case_id, it, &theirs, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "not an entry of this case"));
	theirs.amends = 999;
	assert_int_equal(chart_record(other, "NT", case_id, it, &theirs, &err), ST_DATAERR);
	assert_true(tu_verify(f->db, NULL).ok);
	db_close(other);
}

/* A new case stores its checklist version and its row in one transaction:
 * when the case row cannot be stored, neither is the version, and the case
 * has no id. */
static void
test_new_case_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	struct case_info c = {.mrn = "M1", .name = "DOE, Jane", .dob = "1950-01-01",
	    .proc_key = "si-joint-injection", .side = "left", .level = "",
	    .proceduralist = "Dr P", .scheduled_at = "2026-11-26 09:00"};
	assert_int_equal(tu_raw_sql(f->dir, "t.db", "CREATE TRIGGER refuse BEFORE INSERT ON cases"
	    " BEGIN SELECT RAISE(ABORT, 'refused by a test'); END;"), SQLITE_OK);
	tu_reopen(&f->db, f->dir, "t.db");
	c.id = 99;
	assert_int_not_equal(chart_new_case(f->db, "QA", f->si, &c, &err), ST_OK);
	assert_non_null(strstr(err.msg, "refused by a test"));
	assert_int_equal(c.id, 0);
	assert_null(c.created_at);
	assert_int_equal(count(f->db, "SELECT count(*) FROM checklist_version"), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM event"), 0);

	assert_int_equal(tu_raw_sql(f->dir, "t.db", "DROP TRIGGER refuse;"), SQLITE_OK);
	tu_reopen(&f->db, f->dir, "t.db");
	assert_int_equal(chart_new_case(f->db, "QA", f->si, &c, &err), ST_OK);
	assert_true(c.id > 0);
	assert_int_equal(c.version_id, count(f->db, "SELECT id FROM checklist_version"));
	assert_int_equal(count(f->db, "SELECT count(*) FROM cases WHERE version_id = "
	    "(SELECT id FROM checklist_version)"), 1);
	assert_int_equal(count(f->db, "SELECT count(*) FROM event"), 2);
	free(c.created_at);
	assert_true(tu_verify(f->db, NULL).ok);
}

/* A checklist version is stored with its event; verify checks the content
 * against both. */
static void
test_version_on_chain(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	int64_t id = 0, again = 0;
	assert_int_equal(checklist_version_intern(f->db, f->si, &id, &err), ST_OK);
	assert_int_equal(checklist_version_intern(f->db, f->si, &again, &err), ST_OK);
	assert_int_equal(id, again);
	assert_int_equal(count(f->db, "SELECT count(*) FROM event"
	    " WHERE action = '" ACTION_CHECKLIST_VERSION "'"), 1);
	assert_string_equal(ACTION_CHECKLIST_VERSION, EVENT_CHECKLIST_VERSION);
	assert_string_equal(ACTION_SCHEMA_UPGRADE, EVENT_SCHEMA_UPGRADE);
	/* its value names the row, and the row's time is the event's */
	assert_int_equal(count(f->db, "SELECT count(*) FROM event e JOIN checklist_version v"
	    " ON e.value = 'id=' || v.id || '; procedure=' || v.proc_key || '; sha256=' || v.sha256"
	    " || '; size=' || length(v.content) || '; source=' || v.source || '; first_used_at='"
	    " || v.first_used_at AND e.recorded_at = v.first_used_at"), 1);
	assert_true(tu_verify(f->db, NULL).ok);

	assert_int_equal(tu_raw_sql(f->dir, "t.db", "DROP TRIGGER checklist_version_no_update;"
	    "UPDATE checklist_version SET content = CAST(replace(CAST(content AS TEXT),"
	    " 'Identity', 'Identify') AS BLOB);"
	    "CREATE TRIGGER checklist_version_no_update BEFORE UPDATE ON checklist_version"
	    "\nBEGIN SELECT RAISE(ABORT, 'spinelog: checklist versions are append-only'); END;"),
	    SQLITE_OK);
	tu_reopen(&f->db, f->dir, "t.db");
	struct verify_report r = tu_verify(f->db, NULL);
	assert_false(r.ok);
	assert_non_null(strstr(r.problem, "content does not hash to its sha256"));
	assert_int_equal(r.bad_event, 1);
}

/*
 * A database of schema version 1 with a checklist version (which had no
 * event then): opening it for writing upgrades it, and the upgrade records
 * the version's event and itself in the same transaction.
 */
static void
test_upgrade_covers_old_versions(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	const char *v1 = NULL;
	for (const struct embedded_file *e = embedded_files; e->name != NULL; e++)
		if (strcmp(e->name, "schema/001-init.sql") == 0)
			v1 = e->data;
	assert_non_null(v1);
	assert_int_equal(tu_raw_sql(f->dir, "old.db", v1), SQLITE_OK);
	assert_int_equal(tu_raw_sql(f->dir, "old.db", "PRAGMA application_id = 1397771335;"
	    "PRAGMA user_version = 1; INSERT INTO checklist_version VALUES (1, 'x', "
	    "'2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881', 'built-in', X'78',"
	    " '2026-11-26T08:00:00.000Z');"), SQLITE_OK);

	struct db *db = tu_open(f->dir, "old.db");
	assert_int_equal(db_found_version(db), 1);
	assert_int_equal(db_upgrade_logged(db), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM event WHERE id = 1 AND action ="
	    " 'checklist_version' AND value = 'id=1; procedure=x; sha256=2d711642b726b04401627ca9fb"
	    "ac32f5c8530fb1903cc4db02258717921a4881; size=1; source=built-in; first_used_at="
	    "2026-11-26T08:00:00.000Z' AND reason LIKE 'recorded at upgrade%'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM event WHERE id = 2 AND action ="
	    " 'schema_upgrade' AND value = 'from=1; to=2'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM event WHERE id = 3 AND action ="
	    " 'schema_upgrade' AND value = 'from=2; to=3'"), 1);	/* one event a step */
	assert_int_equal(count(db, "SELECT count(*) FROM event WHERE id = 4 AND action ="
	    " 'schema_upgrade' AND value = 'from=3; to=4'"), 1);
	assert_true(tu_verify(db, NULL).ok);
	db_close(db);

	/* Opened again: nothing more to record. */
	db = tu_open(f->dir, "old.db");
	assert_int_equal(db_upgrade_logged(db), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM event"), 4);
	db_close(db);
	(void)err;
}

/* After sql through the sqlite3 shell, the first schema difference. */
static struct db_schema_diff
diff_after(struct fixture *f, const char *sql)
{
	struct db_schema_diff d;
	struct err err = {0};
	if (sql != NULL) {
		assert_int_equal(tu_raw_sql(f->dir, "t.db", sql), SQLITE_OK);
		tu_reopen(&f->db, f->dir, "t.db");
	}
	assert_int_equal(db_schema_diff(f->db, &d, &err), ST_OK);
	return d;
}

/* A new database has exactly the schema of the migrations; any object more,
 * less or redefined is reported by name. */
static void
test_schema_diff(void **state)
{
	struct fixture *f = *state;
	struct db_schema_diff d = diff_after(f, NULL);
	assert_int_equal(d.kind, DB_SCHEMA_SAME);

	d = diff_after(f, "CREATE INDEX extra ON staff(name)");
	assert_int_equal(d.kind, DB_SCHEMA_EXTRA);
	assert_string_equal(d.name, "extra");
	d = diff_after(f, "DROP INDEX extra; DROP INDEX cases_mrn");
	assert_int_equal(d.kind, DB_SCHEMA_MISSING);
	assert_string_equal(d.name, "cases_mrn");
	d = diff_after(f, "CREATE INDEX cases_mrn ON cases(mrn, id)");
	assert_int_equal(d.kind, DB_SCHEMA_CHANGED);
	assert_string_equal(d.type, "index");
	assert_string_equal(d.name, "cases_mrn");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ignored_insert_is_not_saved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_insert_is_not_saved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_amend_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_case_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_version_on_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_covers_old_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_diff, setup, teardown),
	};
	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
