/*
 * The worklist must not read the history: drawing it on a database with
 * thousands of closed cases does the same work as on one with a handful
 * (DESIGN.md 8).  Work is counted in SQLite virtual-machine steps through a
 * progress handler, not timed, so the test is exact on any machine.
 */
#include "testutil.h"

#include "checklist.h"
#include "clock.h"
#include "record.h"
#include "worklist.h"

static int
count_step(void *arg)
{
	(*(long *)arg)++;
	return 0;
}

/* A database with `closed` cases scheduled and closed yesterday and one
 * still open from the day before; returns its folder. */
static char *
history(int closed, struct catalog *cat)
{
	struct err err = {0};
	char *dir = tu_tempdir();
	struct db *db = tu_open(dir, "t.db");
	int64_t version;
	char day[11], at[32];

	assert_int_equal(db_exec(db, "PRAGMA synchronous=OFF", &err), ST_OK);
	assert_int_equal(checklist_version_intern(db, catalog_find(cat, "si-joint-injection"),
	    &version, &err), ST_OK);
	assert_int_equal(db_begin(db, &err), ST_OK);
	for (int i = 0; i <= closed; i++) {
		clock_local_day(i == closed ? -2 : -1, day);
		snprintf(at, sizeof at, "%s 08:%02d", day, i % 60);
		char mrn[16];
		snprintf(mrn, sizeof mrn, "M%06d", i);
		struct case_info c = {.mrn = mrn, .name = "SMITH, John", .dob = "1950-02-03",
		    .proc_key = "si-joint-injection", .version_id = version, .side = "left",
		    .level = "", .proceduralist = "Dr P", .scheduled_at = at};
		if (case_insert(db, &c, "QA", "test", &err) != ST_OK)
			fail_msg("case_insert: %s", err.msg);
		free(c.created_at);
	}
	assert_int_equal(db_commit(db, &err), ST_OK);
	for (int i = 1; i <= closed; i++)
		assert_int_equal(case_end(db, i, "case_close", "", "QA", &err), ST_OK);
	db_close(db);
	return dir;
}

/* VM steps to draw today's worklist and count the open cases' timers. */
static long
worklist_steps(const char *dir)
{
	struct err err = {0};
	struct worklist wl = {0};
	long steps = 0;
	char today[11];
	struct db *db = tu_open(dir, "t.db");

	clock_local_day(0, today);
	/* once to prepare the statements and parse the checklist version */
	assert_int_equal(worklist_day(db, today, &wl, &err), ST_OK);
	assert_int_equal(worklist_open(db, &wl, &err), ST_OK);
	sqlite3_progress_handler(db_handle(db), 1, count_step, &steps);
	assert_int_equal(worklist_day(db, today, &wl, &err), ST_OK);
	assert_int_equal((int)wl.n, 1);		/* only the case still open */
	assert_int_equal(worklist_open(db, &wl, &err), ST_OK);
	assert_int_equal((int)wl.n, 1);
	sqlite3_progress_handler(db_handle(db), 0, NULL, NULL);
	worklist_free(&wl);
	db_close(db);
	return steps;
}

static void
test_history_is_not_read(void **state)
{
	struct catalog cat = {0};
	struct cl_errors errs = {0};
	struct err err = {0};

	(void)state;
	char *empty = tu_tempdir();
	setenv("SPINELOG_CHECKLISTS", empty, 1);	/* built-in checklists only */
	assert_int_equal(catalog_load(&cat, &errs, &err), ST_OK);
	cl_errors_free(&errs);

	char *small = history(5, &cat), *large = history(2000, &cat);
	long s = worklist_steps(small), l = worklist_steps(large);
	/* a little more for deeper B-trees, nothing like 400 times the cases */
	if (l > s + s / 2)
		fail_msg("the worklist took %ld VM steps with 2000 closed cases and %ld with 5: "
		    "it reads the history", l, s);
	tu_rmdir(small);
	tu_rmdir(large);
	tu_rmdir(empty);
	catalog_free(&cat);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history_is_not_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
