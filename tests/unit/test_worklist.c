/* Unit tests of the worklist queries and casestate_load against a database
 * with the built-in SI joint injection checklist (no curses linked). */
#include "testutil.h"

#include "actions.h"
#include "casestate.h"
#include "clock.h"
#include "event.h"
#include "record.h"
#include "worklist.h"

struct fixture {
	char *dir;
	struct db *db;
	struct catalog cat;
	int64_t version;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct err err = {0};
	f->dir = tu_tempdir();
	f->db = tu_open(f->dir, "t.db");
	const struct checklist *cl = tu_builtin(&f->cat, f->dir, "si-joint-injection");
	assert_int_equal(checklist_version_intern(f->db, cl, &f->version, &err), ST_OK);
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
new_case(struct fixture *f, const char *mrn, const char *name, int day, const char *tm)
{
	char d[11], at[17];
	struct err err = {0};
	clock_local_day(day, d);
	snprintf(at, sizeof at, "%s %s", d, tm);
	struct case_info c = {.mrn = (char *)mrn, .name = (char *)name, .dob = "1940-01-10",
	    .proc_key = "si-joint-injection", .version_id = f->version, .side = "left",
	    .level = "", .proceduralist = "Dr P", .scheduled_at = at};
	if (case_create(f->db, &c, "QA", &err) != ST_OK)
		fail_msg("case_create: %s", err.msg);
	free(c.created_at);
	return c.id;
}

static void
record(struct fixture *f, int64_t id, const char *key, const char *action, const char *value)
{
	struct err err = {0};
	struct event ev = {.case_id = id, .phase = "pre", .item_key = key, .action = action,
	    .value = value, .reason = strcmp(action, ACTION_NA) == 0 ? "not needed" : "",
	    .staff_code = "QA"};
	if (event_append(f->db, &ev, &err) != ST_OK)
		fail_msg("event_append: %s", err.msg);
}

static void
test_day_and_open_cases(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	char today[11];
	clock_local_day(0, today);
	int64_t a = new_case(f, "M1", "MÜLLER, Anna", 0, "10:00");
	int64_t b = new_case(f, "M2", "SMITH, John", -1, "09:00");	/* open, earlier day */
	int64_t c = new_case(f, "M3", "O'BRIEN, Pat", -1, "11:00");	/* closed, earlier day */
	int64_t d = new_case(f, "M4", "NGUYỄN Thị Ánh", 1, "08:00");	/* tomorrow */
	int64_t e = new_case(f, "M5", "KIM, Lee", 0, "08:00");		/* cancelled today */
	assert_int_equal(case_end(f->db, c, ACTION_CASE_CLOSE, "", "QA", &err), ST_OK);
	assert_int_equal(case_end(f->db, e, ACTION_CASE_CANCEL, "unwell", "QA", &err), ST_OK);
	record(f, a, "identity", ACTION_RECORD, "done");
	record(f, a, "history", ACTION_NA, "");

	struct worklist wl = {0};
	assert_int_equal(worklist_day(f->db, today, &wl, &err), ST_OK);
	assert_int_equal(wl.n, 3);
	assert_int_equal(wl.v[0].cs->c.id, b);	/* by scheduled time: yesterday first */
	assert_int_equal(wl.v[1].cs->c.id, e);
	assert_int_equal(wl.v[2].cs->c.id, a);
	assert_true(wl.v[1].cs->cancelled);
	assert_int_equal(wl.v[2].done, 2);
	assert_int_equal(wl.v[2].total, (int)wl.v[2].cs->cl->nitems);
	assert_int_equal(wl.ncl, 1);	/* one checklist version, parsed once */
	assert_int_equal(casestate_item(wl.v[2].cs, "history")->status, CS_NA);

	/* searching any day, by exact MRN or part of the name */
	assert_int_equal(worklist_search(f->db, "M4", &wl, &err), ST_OK);
	assert_int_equal(wl.n, 1);
	assert_int_equal(wl.v[0].cs->c.id, d);
	assert_int_equal(worklist_search(f->db, "brien", &wl, &err), ST_OK);
	assert_int_equal(wl.n, 1);
	assert_true(wl.v[0].cs->closed);
	assert_int_equal(worklist_search(f->db, "ll", &wl, &err), ST_OK);
	assert_int_equal(wl.n, 1);	/* case-insensitive: MÜLLER */
	assert_int_equal(wl.v[0].cs->c.id, a);
	assert_int_equal(worklist_search(f->db, "zz", &wl, &err), ST_OK);
	assert_int_equal(wl.n, 0);
	worklist_free(&wl);

	int64_t dup;
	assert_int_equal(worklist_duplicate(f->db, "M1", "si-joint-injection", today, &dup, &err),
	    ST_OK);
	assert_int_equal(dup, a);
	assert_int_equal(worklist_duplicate(f->db, "M1", "sacroplasty", today, &dup, &err), ST_OK);
	assert_int_equal(dup, 0);
}

static void
test_casestate_load(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	int64_t a = new_case(f, "M9", "TEST, Case", 0, "12:00");
	record(f, a, "allergies", ACTION_RECORD, "latex");
	struct casestate *cs;
	assert_int_equal(casestate_load(f->db, a, NULL, &cs, &err), ST_OK);
	assert_string_equal(cs->c.mrn, "M9");
	assert_string_equal(cs->allergies, "latex");
	assert_int_equal(cs->nev, 2);	/* case_create and the record */
	assert_string_equal(cs->ev[0].action, ACTION_CASE_CREATE);
	assert_int_equal(casestate_item(cs, "allergies")->status, CS_DONE);
	casestate_free(cs);
	assert_int_equal(casestate_load(f->db, 999, NULL, &cs, &err), ST_NOINPUT);
	assert_null(cs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_day_and_open_cases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_casestate_load, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
