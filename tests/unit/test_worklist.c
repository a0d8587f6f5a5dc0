/* Unit tests of the worklist queries (the day list, its pages and totals, the
 * search) and casestate_load against a database with the built-in SI joint
 * injection checklist (no curses linked). */
#include "testutil.h"

#include <time.h>

#include "actions.h"
#include "casestate.h"
#include "clock.h"
#include "event.h"
#include "record.h"
#include "worklist.h"

static int64_t
new_case_at(struct tu_cases *f, const char *mrn, const char *name, const char *at)
{
	struct err err = {0};
	struct case_info c = {.mrn = (char *)mrn, .name = (char *)name, .dob = "1940-01-10",
	    .proc_key = "si-joint-injection", .version_id = f->version, .side = "left",
	    .level = "", .proceduralist = "Dr P", .scheduled_at = (char *)at};
	if (case_create(f->db, &c, "QA", NULL, &err) != ST_OK)
		fail_msg("case_create: %s", err.msg);
	free(c.created_at);
	return c.id;
}

static int64_t
new_case(struct tu_cases *f, const char *mrn, const char *name, int day, const char *tm)
{
	char d[11], at[17];
	clock_local_day(day, d);
	snprintf(at, sizeof at, "%s %s", d, tm);
	return new_case_at(f, mrn, name, at);
}

static void
record(struct tu_cases *f, int64_t id, const char *key, const char *action, const char *value)
{
	struct err err = {0};
	struct event ev = {.case_id = id, .phase = "pre", .item_key = key, .action = action,
	    .value = value, .reason = strcmp(action, ACTION_NA) == 0 ? "not needed" : "",
	    .staff_code = "QA"};
	if (event_append(f->db, &ev, &err) != ST_OK)
		fail_msg("event_append: %s", err.msg);
}

static void
page(struct tu_cases *f, const struct wl_list *l, enum wl_seek seek, const struct wl_key *k,
    size_t rows, struct worklist *wl)
{
	struct err err = {0};
	if (worklist_page(f->db, l, seek, k, rows, wl, &err) != ST_OK)
		fail_msg("worklist_page: %s", err.msg);
}

static void
test_day_list(void **state)
{
	struct tu_cases *f = *state;
	struct err err = {0};
	char today[11];
	clock_local_day(0, today);
	int64_t a = new_case(f, "M1", "MÜLLER, Anna", 0, "10:00");
	int64_t b = new_case(f, "M2", "SMITH, John", -1, "09:00");	/* open, earlier day */
	int64_t c = new_case(f, "M3", "O'BRIEN, Pat", -1, "11:00");	/* closed, earlier day */
	int64_t d = new_case(f, "M4", "NGUYỄN Thị Ánh", 1, "08:00");	/* open, tomorrow */
	int64_t e = new_case(f, "M5", "KIM, Lee", 0, "08:00");		/* cancelled today */
	int64_t g = new_case(f, "M6", "LEE, Kim", 0, "12:00");		/* closed today */
	assert_int_equal(case_end(f->db, c, ACTION_CASE_CLOSE, "", "QA", &err), ST_OK);
	assert_int_equal(case_end(f->db, e, ACTION_CASE_CANCEL, "unwell", "QA", &err), ST_OK);
	assert_int_equal(case_end(f->db, g, ACTION_CASE_CLOSE, "", "QA", &err), ST_OK);
	record(f, a, "identity", ACTION_RECORD, "done");
	record(f, a, "history", ACTION_NA, "");

	/* every open case whatever its day, and today's finished ones, by time */
	struct worklist wl = {0};
	struct wl_list today_list = {.day = today};
	page(f, &today_list, WL_FIRST, NULL, 20, &wl);
	assert_int_equal(wl.n, 5);
	assert_int_equal(wl.v[0].cs->c.id, b);	/* yesterday first */
	assert_int_equal(wl.v[1].cs->c.id, e);
	assert_int_equal(wl.v[2].cs->c.id, a);
	assert_int_equal(wl.v[3].cs->c.id, g);
	assert_int_equal(wl.v[4].cs->c.id, d);	/* and tomorrow's open case */
	assert_false(wl.more_before);
	assert_false(wl.more_after);
	assert_true(wl.v[1].cs->cancelled);
	assert_true(wl.v[3].cs->closed);
	assert_int_equal(wl.v[2].done, 2);
	/* the items that apply: an item whose rule is known to be false
	 * (aldrete and escort_present until a sedation drug is recorded) is
	 * not counted */
	int applying = 0;
	for (size_t i = 0; i < wl.v[2].cs->cl->nitems; i++)
		applying += wl.v[2].cs->items[i].applies;
	assert_int_equal(wl.v[2].total, applying);
	assert_true(applying < (int)wl.v[2].cs->cl->nitems);
	assert_false(casestate_item(wl.v[2].cs, "escort_present")->applies);
	assert_int_equal(wl.ncl, 1);	/* one checklist version, parsed once */
	assert_int_equal(casestate_item(wl.v[2].cs, "history")->status, CS_NA);

	struct wl_counts n;
	assert_int_equal(worklist_count(f->db, today, &n, &err), ST_OK);
	assert_int_equal(n.open, 3);
	assert_int_equal(n.closed, 1);
	assert_int_equal(n.cancelled, 1);

	/* yesterday: the same open cases, and yesterday's closed one instead */
	char yesterday[11];
	clock_local_day(-1, yesterday);
	struct wl_list y = {.day = yesterday};
	page(f, &y, WL_FIRST, NULL, 20, &wl);
	assert_int_equal(wl.n, 4);
	assert_int_equal(wl.v[0].cs->c.id, b);
	assert_int_equal(wl.v[1].cs->c.id, c);
	assert_int_equal(wl.v[2].cs->c.id, a);
	assert_int_equal(wl.v[3].cs->c.id, d);
	assert_int_equal(worklist_count(f->db, yesterday, &n, &err), ST_OK);
	assert_int_equal(n.open, 3);
	assert_int_equal(n.closed, 1);
	assert_int_equal(n.cancelled, 0);

	/* searching any day, by exact MRN or part of the name, newest first */
	struct wl_list q = {.day = today, .query = "M4"};
	page(f, &q, WL_FIRST, NULL, 20, &wl);
	assert_int_equal(wl.n, 1);
	assert_int_equal(wl.v[0].cs->c.id, d);
	q.query = "brien";
	page(f, &q, WL_FIRST, NULL, 20, &wl);
	assert_int_equal(wl.n, 1);
	assert_true(wl.v[0].cs->closed);
	q.query = "ll";
	page(f, &q, WL_FIRST, NULL, 20, &wl);
	assert_int_equal(wl.n, 1);	/* case-insensitive: MÜLLER */
	assert_int_equal(wl.v[0].cs->c.id, a);
	/* the found cases read again, their progress with them */
	assert_int_equal(wl.v[0].done, 2);
	record(f, a, "consent", ACTION_RECORD, "done");
	assert_int_equal(worklist_reread(f->db, &wl, &err), ST_OK);
	assert_int_equal(wl.n, 1);
	assert_int_equal(wl.v[0].cs->c.id, a);
	assert_int_equal(wl.v[0].done, 3);
	q.query = "e";	/* MÜLLER, O'BRIEN, KIM Lee, LEE Kim */
	page(f, &q, WL_FIRST, NULL, 20, &wl);
	assert_int_equal(wl.n, 4);
	assert_int_equal(wl.v[0].cs->c.id, g);	/* the latest first */
	assert_int_equal(wl.v[1].cs->c.id, a);
	assert_int_equal(wl.v[2].cs->c.id, e);
	assert_int_equal(wl.v[3].cs->c.id, c);
	q.query = "zz";
	page(f, &q, WL_FIRST, NULL, 20, &wl);
	assert_int_equal(wl.n, 0);
	assert_false(wl.more_before);
	assert_false(wl.more_after);
	worklist_free(&wl);

	int64_t dup;
	assert_int_equal(worklist_duplicate(f->db, "M1", "si-joint-injection", today, &dup, &err),
	    ST_OK);
	assert_int_equal(dup, a);
	assert_int_equal(worklist_duplicate(f->db, "M1", "sacroplasty", today, &dup, &err), ST_OK);
	assert_int_equal(dup, 0);
}

/* The list, page by page: the rows of every page in order are the whole list
 * once each, whichever way it is walked. */
struct expect {
	char at[17];
	int64_t id;
};

static int
cmp_expect(const void *x, const void *y)
{
	const struct expect *a = x, *b = y;
	int c = strcmp(a->at, b->at);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static void
walk(struct tu_cases *f, const struct wl_list *l, const struct expect *want, size_t nwant,
    size_t rows, bool down)
{
	struct worklist wl = {0};
	struct wl_key k;
	int64_t *got = xcalloc(nwant + rows, sizeof *got);
	size_t n = 0, pages = 0;

	page(f, l, down ? WL_FIRST : WL_LAST, NULL, rows, &wl);
	for (;;) {
		pages++;
		assert_int_equal(wl.n, nwant < rows ? nwant : rows);	/* every page full */
		assert_true(n + wl.n <= nwant + rows);
		/* the last page may overlap the one before: keep what is new */
		for (size_t i = 0; i < wl.n; i++) {
			size_t j = down ? i : wl.n - 1 - i;
			bool seen = false;
			for (size_t m = 0; m < n; m++)
				seen |= got[m] == wl.v[j].cs->c.id;
			if (!seen)
				got[n++] = wl.v[j].cs->c.id;
		}
		if (down ? !wl.more_after : !wl.more_before)
			break;
		worklist_key(&wl, down ? wl.n - 1 : 0, &k);
		page(f, l, down ? WL_AFTER : WL_BEFORE, &k, rows, &wl);
	}
	assert_int_equal(n, nwant);
	assert_int_equal(pages, (nwant + rows - 1) / rows);
	for (size_t i = 0; i < nwant; i++) {
		int64_t want_id = want[down ? i : nwant - 1 - i].id;
		if (got[i] != want_id)
			fail_msg("row %zu (%s): case %lld, expected %lld", i, down ? "down" : "up",
			    (long long)got[i], (long long)want_id);
	}
	free(got);
	worklist_free(&wl);
}

static void
test_pages(void **state)
{
	struct tu_cases *f = *state;
	struct err err = {0};
	struct expect want[64];
	size_t nwant = 0;
	char today[11];
	clock_local_day(0, today);

	/* 40 cases over a week, times out of order, some at the same time; of
	 * today's, 2 closed and 2 cancelled; 4 closed on other days */
	for (int i = 0; i < 40; i++) {
		char mrn[16], tm[6], d[11];
		int day = i % 7 - 3;
		snprintf(mrn, sizeof mrn, "P%02d", i);
		snprintf(tm, sizeof tm, "%02d:%02d", 8 + (i * 7) % 9, i % 3 ? 0 : 30);
		int64_t id = new_case(f, mrn, "PAGE, Test", day, tm);
		if (day == 0 && i % 3 != 1) {	/* 3, 17 cancelled; 24, 38 closed */
			assert_int_equal(case_end(f->db, id, i % 2 ? ACTION_CASE_CANCEL :
			    ACTION_CASE_CLOSE, "moved", "QA", &err), ST_OK);
		} else if (day != 0 && i % 11 == 0) {
			assert_int_equal(case_end(f->db, id, ACTION_CASE_CLOSE, "", "QA", &err),
			    ST_OK);
			continue;	/* another day's, finished: not listed */
		}
		clock_local_day(day, d);
		snprintf(want[nwant].at, sizeof want[nwant].at, "%s %s", d, tm);
		want[nwant++].id = id;
	}
	qsort(want, nwant, sizeof *want, cmp_expect);
	struct wl_list l = {.day = today};
	for (size_t rows = 1; rows <= nwant + 1; rows += 3) {
		walk(f, &l, want, nwant, rows, true);
		walk(f, &l, want, nwant, rows, false);
	}

	/* From a row: the page that starts there; near the end, the last full
	 * page; the totals are the list's */
	struct worklist wl = {0};
	struct wl_key k;
	snprintf(k.at, sizeof k.at, "%s", want[5].at);
	k.id = want[5].id;
	page(f, &l, WL_FROM, &k, 7, &wl);
	assert_int_equal(wl.n, 7);
	assert_int_equal(wl.v[0].cs->c.id, want[5].id);
	assert_true(wl.more_before);
	assert_true(wl.more_after);
	snprintf(k.at, sizeof k.at, "%s", want[nwant - 3].at);
	k.id = want[nwant - 3].id;
	page(f, &l, WL_FROM, &k, 7, &wl);
	assert_int_equal(wl.n, 7);
	assert_int_equal(wl.v[0].cs->c.id, want[nwant - 7].id);
	assert_int_equal(wl.v[6].cs->c.id, want[nwant - 1].id);
	assert_false(wl.more_after);
	worklist_free(&wl);
	struct wl_counts n;
	assert_int_equal(worklist_count(f->db, today, &n, &err), ST_OK);
	assert_int_equal(n.open + n.closed + n.cancelled, (int64_t)nwant);
	assert_int_equal(n.cancelled, 2);
	assert_int_equal(n.closed, 2);

	/* the search pages the same way, newest first, through every case */
	struct expect found[64];
	size_t nfound = 0;
	struct wl_list q = {.day = today, .query = "page, test"};
	sqlite3_stmt *st = db_stmt(f->db, "SELECT id, scheduled_at FROM cases WHERE mrn LIKE 'P%'"
	    " ORDER BY scheduled_at DESC, id DESC", &err);
	assert_non_null(st);
	nfound = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		found[nfound].id = sqlite3_column_int64(st, 0);
		snprintf(found[nfound++].at, sizeof found[0].at, "%s", db_col_text(st, 1));
	}
	sqlite3_reset(st);
	assert_int_equal(nfound, 40);
	for (size_t rows = 1; rows <= 41; rows += 4) {
		walk(f, &q, found, nfound, rows, true);
		walk(f, &q, found, nfound, rows, false);
	}
}

/* A terminal's day is its local day: the open case scheduled "today" on a
 * terminal in Kiritimati (UTC+14) is a day or two ahead of the day of a
 * terminal in Pago Pago (UTC-11) at the same moment, and the other way round
 * a day or two behind.  Both terminals list both cases. */
static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static bool
lists(struct tu_cases *f, int64_t id)
{
	struct worklist wl = {0};
	struct wl_key k;
	char day[11];
	bool found = false;

	clock_local_day(0, day);
	struct wl_list l = {.day = day};
	page(f, &l, WL_FIRST, NULL, 5, &wl);
	for (;;) {
		for (size_t i = 0; i < wl.n; i++)
			found |= wl.v[i].cs->c.id == id;
		if (!wl.more_after)
			break;
		worklist_key(&wl, wl.n - 1, &k);
		page(f, &l, WL_AFTER, &k, 5, &wl);
	}
	worklist_free(&wl);
	return found;
}

static void
test_time_zones(void **state)
{
	struct tu_cases *f = *state;
	char *old = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
	char east[11], west[11];

	zone("Pacific/Kiritimati");
	clock_local_day(0, east);
	int64_t k = new_case(f, "K1", "EAST, Kiri", 0, "09:00");
	zone("Pacific/Pago_Pago");
	clock_local_day(0, west);
	int64_t p = new_case(f, "P1", "WEST, Pago", 0, "09:00");
	assert_true(strcmp(east, west) > 0);	/* the test means something */
	for (int i = 0; i < 8; i++)	/* cases of other days around them */
		new_case(f, "X1", "OTHER, Day", i - 4, "12:00");

	zone("Pacific/Pago_Pago");
	assert_true(lists(f, k));	/* "tomorrow" (or after) here */
	assert_true(lists(f, p));
	zone("Pacific/Kiritimati");
	assert_true(lists(f, k));
	assert_true(lists(f, p));	/* "yesterday" (or before) here */

	if (old != NULL)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(old);
}

static void
test_casestate_load(void **state)
{
	struct tu_cases *f = *state;
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
		cmocka_unit_test_setup_teardown(test_day_list, tu_cases_setup, tu_cases_teardown),
		cmocka_unit_test_setup_teardown(test_pages, tu_cases_setup, tu_cases_teardown),
		cmocka_unit_test_setup_teardown(test_time_zones, tu_cases_setup, tu_cases_teardown),
		cmocka_unit_test_setup_teardown(test_casestate_load, tu_cases_setup, tu_cases_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
