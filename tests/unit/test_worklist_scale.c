/*
 * The worklist must not read more than it shows (DESIGN.md 8, issue 12):
 * drawing it on a database with thousands of closed cases, or with thousands
 * of open ones (a schedule import), does the same work as on one with a
 * handful: one page of rows, the totals from the indexes, and the timers of
 * the cases under way only.  Work is counted in SQLite virtual-machine steps
 * through a progress handler, not timed, so the test is exact on any machine.
 */
#include "testutil.h"

#include "actions.h"
#include "checklist.h"
#include "clock.h"
#include "event.h"
#include "record.h"
#include "worklist.h"

#define PAGE 19		/* the rows of an 80x24 screen */

static int
count_step(void *arg)
{
	(*(long *)arg)++;
	return 0;
}

/* A database with `closed` cases scheduled and closed yesterday, `open`
 * cases scheduled over the past and coming months and never touched (an
 * import), today's 25 and three open cases under way; returns its folder.
 * The totals count the shown day's cases one by one (a day's schedule), so
 * every database has the same day. */
static char *
database(int closed, int open, struct catalog *cat)
{
	struct err err = {0};
	char *dir = tu_tempdir();
	struct db *db = tu_open(dir, "t.db");
	int64_t version;
	char day[11], at[32];
	int n = closed + open + 25 + 3;

	assert_int_equal(db_exec(db, "PRAGMA synchronous=OFF", &err), ST_OK);
	assert_int_equal(checklist_version_intern(db, catalog_find(cat, "si-joint-injection"),
	    &version, &err), ST_OK);
	assert_int_equal(db_begin(db, &err), ST_OK);
	for (int i = 0; i < n; i++) {
		int other = i % 120 - 60;	/* any day but today */
		clock_local_day(i < closed ? -1 : i < closed + open ? other + (other >= 0) : 0, day);
		snprintf(at, sizeof at, "%s %02d:%02d", day, 7 + i % 12, i % 60);
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
	for (int i = n - 2; i <= n; i++) {	/* under way: post-procedure timers */
		struct event ev = {.case_id = i, .phase = "post", .action = ACTION_PHASE_START,
		    .staff_code = "QA"};
		assert_int_equal(event_append(db, &ev, &err), ST_OK);
	}
	db_close(db);
	return dir;
}

static int64_t
now_ms(void)
{
	char utc[CLOCK_UTC_LEN];
	int64_t ms;
	clock_now(utc);
	assert_true(clock_parse_utc(utc, &ms));
	return ms;
}

/* VM steps to draw today's worklist: a page from the top and one from the
 * middle, the totals, and the timers of every open case. */
static long
worklist_steps(const char *dir, int *rows, int *due)
{
	struct err err = {0};
	struct worklist wl = {0};
	struct wl_counts n;
	struct wl_key mid = {"", 0};
	long steps = 0;
	int soon, over;
	char today[11];
	struct db *db = tu_open(dir, "t.db");

	clock_local_day(0, today);
	clock_local_day(-3, mid.at);
	struct wl_list l = {.day = today};
	/* once to prepare the statements and parse the checklist version */
	assert_int_equal(worklist_page(db, &l, WL_FIRST, NULL, PAGE, &wl, &err), ST_OK);
	assert_int_equal(worklist_page(db, &l, WL_FROM, &mid, PAGE, &wl, &err), ST_OK);
	assert_int_equal(worklist_count(db, today, &n, &err), ST_OK);
	assert_int_equal(worklist_timers(db, now_ms(), &soon, &over, &err), ST_OK);
	sqlite3_progress_handler(db_handle(db), 1, count_step, &steps);
	assert_int_equal(worklist_page(db, &l, WL_FIRST, NULL, PAGE, &wl, &err), ST_OK);
	*rows = (int)wl.n;
	assert_int_equal(worklist_page(db, &l, WL_FROM, &mid, PAGE, &wl, &err), ST_OK);
	assert_int_equal(worklist_count(db, today, &n, &err), ST_OK);
	assert_int_equal(worklist_timers(db, now_ms(), &soon, &over, &err), ST_OK);
	sqlite3_progress_handler(db_handle(db), 0, NULL, NULL);
	*due = soon + over;
	worklist_free(&wl);
	db_close(db);
	return steps;
}

static void
compare(struct catalog *cat, int closed_small, int open_small, int closed_large,
    int open_large, const char *what)
{
	int rs, rl, ds, dl;
	char *small = database(closed_small, open_small, cat);
	char *large = database(closed_large, open_large, cat);
	long s = worklist_steps(small, &rs, &ds), l = worklist_steps(large, &rl, &dl);
	assert_int_equal(rs, rl);	/* the same page ... */
	assert_int_equal(ds, dl);	/* ... and the same timers */
	assert_true(ds > 0);
	/* a little more for deeper B-trees, nothing like 100 times the cases */
	if (l > s + s / 2)
		fail_msg("the worklist took %ld VM steps with %s and %ld with a few: it reads "
		    "more than it shows", l, what, s);
	tu_rmdir(small);
	tu_rmdir(large);
}

static void
test_history_is_not_read(void **state)
{
	struct catalog *cat = *state;
	compare(cat, 5, 0, 2000, 0, "2000 closed cases");
}

static void
test_open_cases_are_paged(void **state)
{
	struct catalog *cat = *state;
	compare(cat, 0, 40, 0, 4000, "4000 open cases");
}

static int
setup(void **state)
{
	struct catalog *cat = xcalloc(1, sizeof *cat);
	char *empty = tu_tempdir();
	tu_builtin_catalog(cat, empty);	/* built-in checklists only */
	tu_rmdir(empty);
	*state = cat;
	return 0;
}

static int
teardown(void **state)
{
	catalog_free(*state);
	free(*state);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history_is_not_read),
		cmocka_unit_test(test_open_cases_are_paged),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
