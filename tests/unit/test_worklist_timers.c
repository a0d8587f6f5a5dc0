/*
 * The status line's observation timers: worklist_timers reads only the open
 * cases with something entered since their creation (worklist_open.started,
 * kept by the schema's triggers).  Its counts must be those of the full
 * computation, casestate_timers over every open case, on a mixed set of
 * cases: not started, started in each phase, repeat items with entries,
 * all entries, n/a, overridden, an n/a amended into a value, a pre-phase
 * timer (a site checklist), a checklist without timers, closed and
 * cancelled; at moments from before the first due time to long after the
 * last.  And the started flag itself: set by the first entry, found again
 * for a case put back into open_case, filled by the upgrade to schema 2.
 */
#include "testutil.h"

#include "actions.h"
#include "casestate.h"
#include "clock.h"
#include "event.h"
#include "fileio.h"
#include "record.h"
#include "worklist.h"

/* A site checklist with a timer in every phase (the pre-phase one starts
 * with its first entry), and one without any timer. */
static const char obs_csv[] =
    "phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint\n"
    "meta,title,Observation test,,,,,,,,,\n"
    "meta,risk,low,,,,,,,,,\n"
    "pre,obs_pre,Pre observations,vitals,,,,,no,no,10m*3,\n"
    "pre,ready,Ready,check,,,,,yes,no,,\n"
    "procedure,timeout,Time-out,timeout,,,,Identity|Side,yes,yes,,\n"
    "procedure,obs_proc,Procedure observations,number,,0,10,,no,no,5m*2,\n"
    "post,obs_post,Post observations,vitals,,,,,yes,no,15m*4,\n"
    "post,pain,Pain,number,,0,10,,yes,no,20m*2,\n"
    "post,done,Done,check,,,,,yes,no,,\n";
static const char plain_csv[] =
    "phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint\n"
    "meta,title,Plain test,,,,,,,,,\n"
    "meta,risk,low,,,,,,,,,\n"
    "pre,a,A,check,,,,,yes,no,,\n"
    "procedure,b,B,check,,,,,yes,no,,\n"
    "post,c,C,check,,,,,yes,no,,\n";

/* tu_cases (its version the SI joint injection's) and the two site ones. */
struct fx {
	struct tu_cases base;	/* first: tu_cases_teardown frees the whole */
	int64_t obs, plain;
};

static void
write_file(const char *dir, const char *name, const char *text)
{
	struct err err = {0};
	char *path = xasprintf("%s/%s", dir, name);
	if (file_write_atomic(path, text, strlen(text), &err) != ST_OK)
		fail_msg("%s: %s", path, err.msg);
	free(path);
}

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct tu_cases *b = &f->base;
	struct cl_errors errs = {0};
	struct err err = {0};
	b->dir = tu_tempdir();
	write_file(b->dir, "obs-test.csv", obs_csv);
	write_file(b->dir, "plain-test.csv", plain_csv);
	setenv("SPINELOG_CHECKLISTS", b->dir, 1);
	if (catalog_load(&b->cat, &errs, &err) != ST_OK || errs.n != 0)
		fail_msg("catalog_load: %s %s", err.msg, errs.n ? errs.v[0].msg : "");
	cl_errors_free(&errs);
	b->db = tu_open(b->dir, "t.db");
	assert_int_equal(checklist_version_intern(b->db, catalog_find(&b->cat,
	    "si-joint-injection"), &b->version, &err), ST_OK);
	assert_int_equal(checklist_version_intern(b->db, catalog_find(&b->cat, "obs-test"),
	    &f->obs, &err), ST_OK);
	assert_int_equal(checklist_version_intern(b->db, catalog_find(&b->cat, "plain-test"),
	    &f->plain, &err), ST_OK);
	*state = f;
	return 0;
}

static int64_t
new_case(struct fx *f, const char *proc, int64_t version)
{
	struct err err = {0};
	char day[11], at[17];
	clock_local_day(0, day);
	snprintf(at, sizeof at, "%s 09:00", day);
	struct case_info c = {.mrn = "T1", .name = "TIMER, Test", .dob = "1950-01-01",
	    .proc_key = (char *)proc, .version_id = version, .side = "left", .level = "",
	    .proceduralist = "Dr P", .scheduled_at = at};
	if (case_create(f->base.db, &c, "QA", NULL, &err) != ST_OK)
		fail_msg("case_create: %s", err.msg);
	free(c.created_at);
	return c.id;
}

/* One event; returns its id. */
static int64_t
ev(struct fx *f, int64_t id, const char *phase, const char *key, const char *action,
    int64_t amends)
{
	struct err err = {0};
	struct event e = {.case_id = id, .phase = phase, .item_key = key, .action = action,
	    .value = strcmp(action, ACTION_NA) == 0 ? "" : "5", .amends = amends,
	    .reason = strcmp(action, ACTION_RECORD) == 0 ? "" : "test", .staff_code = "QA"};
	if (event_append(f->base.db, &e, &err) != ST_OK)
		fail_msg("event_append: %s", err.msg);
	return e.id;
}

static void
start(struct fx *f, int64_t id, const char *phase)
{
	ev(f, id, phase, "", ACTION_PHASE_START, 0);
}

/* The reference: every open case through casestate. */
static void
full_count(struct fx *f, int64_t now, int *soon, int *over)
{
	struct err err = {0};
	*soon = *over = 0;
	sqlite3_stmt *st = db_stmt(f->base.db, "SELECT case_id FROM open_case ORDER BY case_id", &err);
	assert_non_null(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct casestate *cs;
		int s, o;
		int64_t next;
		assert_int_equal(casestate_load(f->base.db, sqlite3_column_int64(st, 0), NULL, &cs,
		    &err), ST_OK);
		casestate_timers(cs, now, &s, &o, &next);
		*soon += s;
		*over += o;
		casestate_free(cs);
	}
	sqlite3_reset(st);
}

static void
test_fast_count_is_the_full_count(void **state)
{
	struct fx *f = *state;
	struct err err = {0};
	int64_t id;

	/* not started: one of each checklist */
	new_case(f, "si-joint-injection", f->base.version);
	new_case(f, "obs-test", f->obs);
	new_case(f, "plain-test", f->plain);
	/* pre phase: a pre-phase timer running from its first entry */
	id = new_case(f, "obs-test", f->obs);
	ev(f, id, "pre", "obs_pre", ACTION_RECORD, 0);
	/* pre phase, an entry but no timer running */
	id = new_case(f, "obs-test", f->obs);
	ev(f, id, "pre", "ready", ACTION_RECORD, 0);
	/* procedure: its timer due from the phase start */
	id = new_case(f, "obs-test", f->obs);
	start(f, id, "procedure");
	/* post: one entry of four, one timer n/a */
	id = new_case(f, "obs-test", f->obs);
	start(f, id, "procedure");
	ev(f, id, "procedure", "obs_proc", ACTION_NA, 0);
	start(f, id, "post");
	ev(f, id, "post", "obs_post", ACTION_RECORD, 0);
	/* post: every entry made, the other timer overridden */
	id = new_case(f, "obs-test", f->obs);
	start(f, id, "post");
	for (int i = 0; i < 4; i++)
		ev(f, id, "post", "obs_post", ACTION_RECORD, 0);
	ev(f, id, "post", "pain", ACTION_OVERRIDE, 0);
	/* built-in checklist in post, an n/a amended into a value */
	id = new_case(f, "si-joint-injection", f->base.version);
	start(f, id, "procedure");
	ev(f, id, "procedure", "vitals_intra", ACTION_RECORD, 0);
	start(f, id, "post");
	int64_t na = ev(f, id, "post", "pain_post", ACTION_NA, 0);
	ev(f, id, "post", "pain_post", ACTION_AMEND, na);
	/* a checklist without timers, started */
	id = new_case(f, "plain-test", f->plain);
	start(f, id, "post");
	/* closed and cancelled with timers running: not open */
	id = new_case(f, "obs-test", f->obs);
	start(f, id, "post");
	assert_int_equal(case_end(f->base.db, id, ACTION_CASE_CLOSE, "", "QA", &err), ST_OK);
	id = new_case(f, "si-joint-injection", f->base.version);
	start(f, id, "post");
	assert_int_equal(case_end(f->base.db, id, ACTION_CASE_CANCEL, "unwell", "QA", &err), ST_OK);
	int64_t now;
	char utc[CLOCK_UTC_LEN];
	clock_now(utc);
	assert_true(clock_parse_utc(utc, &now));
	static const int minutes[] = {-60, 0, 1, 2, 4, 6, 9, 11, 14, 16, 19, 21, 31, 46, 61,
	    90, 180, 24 * 60};
	int total_soon = 0, total_over = 0;
	for (size_t i = 0; i < ARRAY_SIZE(minutes); i++) {
		int64_t t = now + (int64_t)minutes[i] * 60000;
		int fs, fo, ws, wo;
		full_count(f, t, &fs, &fo);
		assert_int_equal(worklist_timers(f->base.db, t, &ws, &wo, &err), ST_OK);
		if (ws != fs || wo != fo)
			fail_msg("at %+d min: worklist_timers %d due soon, %d overdue; casestate "
			    "over every open case %d, %d", minutes[i], ws, wo, fs, fo);
		total_soon += fs;
		total_over += fo;
	}
	/* the moments chosen see timers both due soon and overdue */
	assert_true(total_soon > 0);
	assert_true(total_over > 0);
}

static char *
started_ids(struct fx *f)
{
	struct err err = {0};
	sqlite3_stmt *st = db_stmt(f->base.db, "SELECT coalesce(group_concat(case_id, ' '), '') FROM"
	    " (SELECT case_id FROM worklist_open WHERE started = 1 ORDER BY case_id)", &err);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *s = xstrdup(db_col_text(st, 0));
	sqlite3_reset(st);
	return s;
}

static void
expect_started(struct fx *f, const char *want)
{
	char *have = started_ids(f);
	if (strcmp(have, want) != 0)
		fail_msg("started open cases: '%s', expected '%s'", have, want);
	free(have);
}

/* The header's open total, kept by the schema's triggers, against counting. */
static void
expect_open(struct fx *f, int64_t want)
{
	struct err err = {0};
	struct wl_counts n;
	sqlite3_stmt *st = db_stmt(f->base.db, "SELECT count(*) FROM open_case", &err);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(st, 0), want);
	sqlite3_reset(st);
	assert_int_equal(worklist_count(f->base.db, "2000-01-01", &n, &err), ST_OK);
	assert_int_equal(n.open, want);
	st = db_stmt(f->base.db, "SELECT (SELECT group_concat(case_id) FROM (SELECT case_id FROM"
	    " open_case ORDER BY 1)) IS (SELECT group_concat(case_id) FROM (SELECT case_id FROM"
	    " worklist_open ORDER BY 1))", &err);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);	/* the same cases */
	sqlite3_reset(st);
}

/* Nothing entered: not started; any entry starts a case; closing drops it;
 * a case put back into open_case by hand (a repair) is found started from
 * its events.  The open total follows. */
static void
test_started_flag(void **state)
{
	struct fx *f = *state;
	struct err err = {0};
	int64_t a = new_case(f, "obs-test", f->obs), b = new_case(f, "obs-test", f->obs);
	expect_started(f, "");
	expect_open(f, 2);
	ev(f, b, "pre", "ready", ACTION_RECORD, 0);
	expect_started(f, "2");
	ev(f, a, "", "", ACTION_PHASE_START, 0);
	expect_started(f, "1 2");
	assert_int_equal(case_end(f->base.db, b, ACTION_CASE_CLOSE, "", "QA", &err), ST_OK);
	expect_started(f, "1");
	expect_open(f, 1);
	assert_int_equal(tu_raw_sql(f->base.dir, "t.db", "INSERT INTO open_case (case_id) VALUES (2)"),
	    SQLITE_OK);
	expect_started(f, "1 2");
	expect_open(f, 2);
	assert_int_equal(case_end(f->base.db, a, ACTION_CASE_CANCEL, "unwell", "QA", &err), ST_OK);
	expect_open(f, 1);
	assert_int_equal(a, 1);
	assert_int_equal(b, 2);
}

/* A database of schema 2 gets both columns filled by the upgrade to 3. */
static void
test_upgrade(void **state)
{
	struct fx *f = *state;
	int64_t a = new_case(f, "obs-test", f->obs);
	new_case(f, "obs-test", f->obs);
	ev(f, a, "pre", "ready", ACTION_RECORD, 0);
	db_close(f->base.db);
	/* back to schema 2 by hand (undoing 3 and 4) */
	assert_int_equal(tu_raw_sql(f->base.dir, "t.db", "DROP TRIGGER worklist_open_in;"
	    " DROP TRIGGER worklist_open_out; DROP TRIGGER worklist_open_start;"
	    " DROP TABLE worklist_open; DROP TABLE worklist_open_count;"
	    " DROP INDEX event_case_cancel; DROP TRIGGER staff_pin_no_update;"
	    " DROP TRIGGER staff_pin_no_delete; DROP INDEX event_pin_tries;"
	    " DROP TABLE staff_pin; PRAGMA user_version = 2"), SQLITE_OK);
	f->base.db = tu_open(f->base.dir, "t.db");
	assert_int_equal(db_found_version(f->base.db), 2);
	assert_true(db_migrated(f->base.db) >= 1);
	expect_started(f, "1");
	struct err err = {0};
	sqlite3_stmt *st = db_stmt(f->base.db, "SELECT count(*) FROM worklist_open w JOIN cases c"
	    " ON c.id = w.case_id WHERE w.scheduled_at = c.scheduled_at", &err);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	sqlite3_reset(st);
	struct wl_counts n;
	assert_int_equal(worklist_count(f->base.db, "2000-01-01", &n, &err), ST_OK);
	assert_int_equal(n.open, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fast_count_is_the_full_count, setup, tu_cases_teardown),
		cmocka_unit_test_setup_teardown(test_started_flag, setup, tu_cases_teardown),
		cmocka_unit_test_setup_teardown(test_upgrade, setup, tu_cases_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
