/* Unit tests of deriving a case's state from its events (no curses, no
 * database: casestate_build is a pure function). */
#include "testutil.h"

#include "actions.h"
#include "casestate.h"

static void
add_item(struct checklist *cl, enum phase p, const char *key, enum item_kind kind, bool req,
    bool stop)
{
	cl->items = xreallocarray(cl->items, cl->nitems + 1, sizeof *cl->items);
	struct item *it = &cl->items[cl->nitems++];
	memset(it, 0, sizeof *it);
	it->phase = p;
	it->key = xstrdup(key);
	it->label = xstrdup(key);
	it->unit = xstrdup("");
	it->hint = xstrdup("");
	it->kind = kind;
	it->required = req;
	it->stop = stop;
	if (kind == KIND_TIMEOUT) {
		it->nchoices = 2;
		it->choices = xcalloc(2, sizeof *it->choices);
		it->choices[0] = xstrdup("identity");
		it->choices[1] = xstrdup("side");
	}
}

static struct checklist *
make_checklist(void)
{
	struct checklist *cl = xcalloc(1, sizeof *cl);
	cl->key = xstrdup("t");
	cl->title = xstrdup("Test");
	cl->risk = xstrdup("low");
	add_item(cl, PHASE_PRE, "identity", KIND_CHECK, true, true);
	add_item(cl, PHASE_PRE, "weight", KIND_NUMBER, false, false);
	add_item(cl, PHASE_PRE, "allergies", KIND_TEXT, true, false);
	add_item(cl, PHASE_PRE, "timeout", KIND_TIMEOUT, true, true);
	add_item(cl, PHASE_PROCEDURE, "needle", KIND_TIME, false, false);
	add_item(cl, PHASE_POST, "vitals", KIND_VITALS, true, false);
	cl->items[5].repeat_every = 15;
	cl->items[5].repeat_times = 2;
	add_item(cl, PHASE_POST, "discharge", KIND_CHECK, true, true);
	return cl;
}

struct evs {
	struct cs_event *v;
	size_t n;
};

static int64_t
ev(struct evs *e, const char *action, const char *item, const char *value, const char *flag,
    const char *reason, int64_t amends)
{
	e->v = xreallocarray(e->v, e->n + 1, sizeof *e->v);
	struct cs_event *x = &e->v[e->n++];
	memset(x, 0, sizeof *x);
	x->id = (int64_t)e->n + 10;
	snprintf(x->at, sizeof x->at, "2026-11-26T14:%02zu:00.000Z", e->n);
	x->phase = xstrdup(strcmp(action, ACTION_PHASE_START) == 0 ? item : "pre");
	x->item_key = xstrdup(strcmp(action, ACTION_PHASE_START) == 0 ? "" : item);
	x->action = xstrdup(action);
	x->value = xstrdup(value);
	x->unit = xstrdup("");
	x->flag = xstrdup(flag);
	x->reason = xstrdup(reason);
	x->staff = xstrdup("QA");
	x->amends = amends;
	return x->id;
}

static void
evs_free(struct evs *e)
{
	for (size_t i = 0; i < e->n; i++)
		cs_event_clear(&e->v[i]);
	free(e->v);
}

static struct casestate *
build(struct evs *e)
{
	struct case_info c = {.mrn = xstrdup("M1"), .name = xstrdup("A"), .dob = xstrdup("1940-01-01"),
	    .proc_key = xstrdup("t"), .side = xstrdup("left"), .level = xstrdup(""),
	    .proceduralist = xstrdup("Dr P"), .scheduled_at = xstrdup("2026-11-26 08:30")};
	return casestate_build(&c, make_checklist(), true, tu_events_dup(e->v, e->n), e->n);
}

static void
test_empty_case(void **state)
{
	(void)state;
	struct evs e = {0};
	struct casestate *cs = build(&e);
	assert_int_equal(cs->phase, PHASE_PRE);
	assert_int_equal(cs->total[PHASE_PRE], 4);
	assert_int_equal(cs->done[PHASE_PRE], 0);
	assert_int_equal(cs->total[PHASE_POST], 2);
	for (size_t i = 0; i < cs->cl->nitems; i++)
		assert_int_equal(cs->items[i].status, CS_OPEN);
	struct cs_blocker b[8];
	size_t n = casestate_blockers(cs, PHASE_PRE, b, 8);
	assert_int_equal(n, 3);	/* identity STOP, allergies required, time-out */
	assert_int_equal(b[0].why, BLOCK_STOP);
	assert_int_equal(b[1].why, BLOCK_REQUIRED);
	assert_int_equal(b[2].why, BLOCK_TIMEOUT);
	assert_string_equal(casestate_case_status(cs), "open");
	casestate_free(cs);
	evs_free(&e);
}

static void
test_statuses(void **state)
{
	(void)state;
	struct evs e = {0};
	ev(&e, ACTION_RECORD, "identity", "done", "", "", 0);
	int64_t w = ev(&e, ACTION_RECORD, "weight", "180", "high", "", 0);
	ev(&e, ACTION_NA, "allergies", "", "", "unknown, patient confused", 0);
	struct casestate *cs = build(&e);
	assert_int_equal(casestate_item(cs, "identity")->status, CS_DONE);
	assert_int_equal(casestate_item(cs, "weight")->status, CS_FLAGGED);
	assert_int_equal(casestate_item(cs, "weight")->cur->id, w);
	assert_int_equal(casestate_item(cs, "allergies")->status, CS_NA);
	assert_string_equal(casestate_glyph(CS_NA), "[-]");
	assert_int_equal(cs->done[PHASE_PRE], 3);
	assert_null(cs->allergies);	/* n/a is not an allergy */
	struct cs_blocker b[8];
	assert_int_equal(casestate_blockers(cs, PHASE_PRE, b, 8), 1);
	assert_int_equal(b[0].why, BLOCK_TIMEOUT);
	casestate_free(cs);
	evs_free(&e);
}

static void
test_amend_supersedes(void **state)
{
	(void)state;
	struct evs e = {0};
	int64_t old = ev(&e, ACTION_RECORD, "allergies", "penicillin", "", "", 0);
	int64_t fix = ev(&e, ACTION_AMEND, "allergies", "iodinated contrast", "", "wrong patient",
	    old);
	struct casestate *cs = build(&e);
	const struct item_state *is = casestate_item(cs, "allergies");
	assert_int_equal(is->status, CS_CORRECTED);
	assert_string_equal(is->cur->value, "iodinated contrast");
	assert_int_equal(cs->ev[0].superseded_by, fix);
	assert_int_equal(cs->ev[1].superseded_by, 0);
	assert_string_equal(cs->allergies, "iodinated contrast");
	assert_string_equal(casestate_glyph(is->status), "[~]");
	casestate_free(cs);

	/* a check corrected to "not done" is open again and blocks */
	struct evs e2 = {0};
	old = ev(&e2, ACTION_RECORD, "identity", "done", "", "", 0);
	ev(&e2, ACTION_AMEND, "identity", "not done", "", "ticked on the wrong case", old);
	cs = build(&e2);
	assert_int_equal(casestate_item(cs, "identity")->status, CS_OPEN);
	struct cs_blocker b[8];
	assert_int_equal(casestate_blockers(cs, PHASE_PRE, b, 8), 3);
	casestate_free(cs);
	evs_free(&e);
	evs_free(&e2);
}

static void
test_override_and_timeout(void **state)
{
	(void)state;
	struct evs e = {0};
	ev(&e, ACTION_OVERRIDE, "identity", "", "", "confirmed by proceduralist", 0);
	ev(&e, ACTION_RECORD, "allergies", "none known", "", "", 0);
	ev(&e, ACTION_TIMEOUT_CONFIRM, "timeout", "identity", "", "", 0);
	ev(&e, ACTION_TIMEOUT_STOP, "timeout", "side", "", "consent says right", 0);
	struct casestate *cs = build(&e);
	const struct item_state *to = casestate_item(cs, "timeout");
	assert_int_equal(casestate_item(cs, "identity")->status, CS_OVERRIDDEN);
	assert_string_equal(casestate_glyph(CS_OVERRIDDEN), "[!]");
	assert_int_equal(to->status, CS_FLAGGED);
	assert_int_equal(to->to_confirmed, 0);
	assert_non_null(to->to_stop);
	struct cs_blocker b[8];
	assert_int_equal(casestate_blockers(cs, PHASE_PRE, b, 8), 1);
	assert_int_equal(b[0].why, BLOCK_TIMEOUT);
	casestate_free(cs);

	/* resumed run: one confirmed, then done */
	struct evs e2 = {0};
	ev(&e2, ACTION_TIMEOUT_CONFIRM, "timeout", "identity", "", "", 0);
	cs = build(&e2);
	assert_int_equal(casestate_item(cs, "timeout")->to_confirmed, 1);
	assert_int_equal(casestate_item(cs, "timeout")->status, CS_OPEN);
	casestate_free(cs);
	ev(&e2, ACTION_TIMEOUT_CONFIRM, "timeout", "side", "", "", 0);
	ev(&e2, ACTION_TIMEOUT_DONE, "timeout", "Dr P, RN QA", "", "", 0);
	ev(&e2, ACTION_RECORD, "identity", "done", "", "", 0);
	ev(&e2, ACTION_RECORD, "allergies", "none", "", "", 0);
	cs = build(&e2);
	assert_int_equal(casestate_item(cs, "timeout")->status, CS_DONE);
	assert_int_equal(casestate_blockers(cs, PHASE_PRE, b, 8), 0);
	casestate_free(cs);
	evs_free(&e);
	evs_free(&e2);
}

static void
test_phases_repeat_and_close(void **state)
{
	(void)state;
	struct evs e = {0};
	ev(&e, ACTION_PHASE_START, "procedure", "", "", "", 0);
	ev(&e, ACTION_PHASE_START, "post", "", "", "", 0);
	ev(&e, ACTION_RECORD, "vitals", "sys=120", "", "", 0);
	ev(&e, ACTION_RECORD, "discharge", "done", "", "", 0);
	struct casestate *cs = build(&e);
	assert_int_equal(cs->phase, PHASE_POST);
	const struct item_state *v = casestate_item(cs, "vitals");
	assert_int_equal(v->entries, 1);
	struct cs_blocker b[8];
	assert_int_equal(casestate_blockers(cs, PHASE_POST, b, 8), 1);	/* 1 of 2 vitals */
	assert_ptr_equal(b[0].is, v);
	casestate_free(cs);
	ev(&e, ACTION_RECORD, "vitals", "sys=118", "", "", 0);
	ev(&e, ACTION_CASE_CLOSE, "", "", "", "", 0);
	cs = build(&e);
	assert_int_equal(casestate_item(cs, "vitals")->entries, 2);
	assert_int_equal(casestate_blockers(cs, PHASE_POST, b, 8), 0);
	assert_true(cs->closed);
	assert_string_equal(casestate_case_status(cs), "closed");
	casestate_free(cs);
	evs_free(&e);
}

static void
test_timers(void **state)
{
	(void)state;
	struct evs e = {0};
	int64_t t0, due;
	int soon, over;
	int64_t next;
	ev(&e, ACTION_PHASE_START, "procedure", "", "", "", 0);
	ev(&e, ACTION_PHASE_START, "post", "", "", "", 0);	/* at 14:02 */
	struct casestate *cs = build(&e);
	assert_true(clock_parse_utc("2026-11-26T14:02:00.000Z", &t0));
	const struct item_state *v = casestate_item(cs, "vitals");
	/* the first entry is due when the post phase starts */
	assert_true(casestate_due(cs, v, &due));
	assert_int_equal(due, t0);
	casestate_timers(cs, t0 - 60000, &soon, &over, &next);
	assert_int_equal(soon, 1);
	assert_int_equal(over, 0);
	assert_int_equal(next, t0);
	casestate_timers(cs, t0 + 59999, &soon, &over, &next);
	assert_int_equal(over, 0);	/* still its due minute */
	assert_int_equal(soon, 1);
	casestate_timers(cs, t0 + 60000, &soon, &over, &next);
	assert_int_equal(over, 1);
	assert_false(casestate_due(cs, casestate_item(cs, "discharge"), &due));
	casestate_free(cs);

	/* first entry at 14:03: the second is due 15 min after it */
	ev(&e, ACTION_RECORD, "vitals", "sys=120", "", "", 0);
	cs = build(&e);
	v = casestate_item(cs, "vitals");
	assert_true(casestate_due(cs, v, &due));
	assert_true(clock_parse_utc("2026-11-26T14:18:00.000Z", &t0));
	assert_int_equal(due, t0);
	casestate_timers(cs, t0 - 10 * 60000, &soon, &over, &next);
	assert_int_equal(soon + over, 0);	/* 10 minutes away: neither */
	casestate_timers(cs, t0 - 4 * 60000, &soon, &over, &next);
	assert_int_equal(soon, 1);
	casestate_free(cs);

	/* all entries made, or n/a, or the case closed: nothing due */
	ev(&e, ACTION_RECORD, "vitals", "sys=118", "", "", 0);
	cs = build(&e);
	assert_false(casestate_due(cs, casestate_item(cs, "vitals"), &due));
	casestate_free(cs);
	struct evs e2 = {0};
	ev(&e2, ACTION_PHASE_START, "procedure", "", "", "", 0);
	ev(&e2, ACTION_PHASE_START, "post", "", "", "", 0);
	ev(&e2, ACTION_NA, "vitals", "", "", "transferred", 0);
	cs = build(&e2);
	assert_false(casestate_due(cs, casestate_item(cs, "vitals"), &due));
	casestate_free(cs);
	ev(&e2, ACTION_CASE_CANCEL, "", "", "", "unwell", 0);
	cs = build(&e2);
	casestate_timers(cs, 0, &soon, &over, &next);
	assert_int_equal(next, 0);
	casestate_free(cs);
	evs_free(&e);
	evs_free(&e2);
}

/* The next open item: from the cursor onwards, then from the top; an item
 * with an answer, n/a or an override is not open. */
static void
test_next_open(void **state)
{
	(void)state;
	struct evs e = {0};
	struct casestate *cs = build(&e);
	size_t at = 99;
	assert_true(casestate_next_open(cs, PHASE_PRE, 0, &at));
	assert_int_equal(at, 0);
	assert_int_equal(casestate_open_count(cs, PHASE_PRE), 4);
	/* from the optional weight: the required allergies come first */
	assert_true(casestate_next_open(cs, PHASE_PRE, 1, &at));
	assert_int_equal(at, 2);
	casestate_free(cs);
	ev(&e, ACTION_RECORD, "identity", "done", "", "", 0);
	ev(&e, ACTION_RECORD, "allergies", "NKA", "", "", 0);
	ev(&e, ACTION_OVERRIDE, "timeout", "", "", "emergency, consent by phone", 0);
	cs = build(&e);
	/* only the optional weight is open: it comes when nothing else does */
	assert_true(casestate_next_open(cs, PHASE_PRE, 3, &at));
	assert_int_equal(at, 1);
	assert_int_equal(casestate_open_count(cs, PHASE_PRE), 1);
	casestate_free(cs);
	evs_free(&e);
	e = (struct evs){0};
	ev(&e, ACTION_RECORD, "identity", "done", "", "", 0);
	ev(&e, ACTION_NA, "weight", "", "", "not weighed today", 0);
	cs = build(&e);
	assert_true(casestate_next_open(cs, PHASE_PRE, 0, &at));
	assert_int_equal(at, 2);	/* allergies */
	assert_true(casestate_next_open(cs, PHASE_PRE, 3, &at));
	assert_int_equal(at, 3);	/* the time-out */
	casestate_free(cs);
	ev(&e, ACTION_OVERRIDE, "timeout", "", "", "emergency, consent by phone", 0);
	cs = build(&e);
	assert_true(casestate_next_open(cs, PHASE_PRE, 3, &at));
	assert_int_equal(at, 2);	/* wraps round to the top */
	assert_int_equal(casestate_open_count(cs, PHASE_PRE), 1);
	casestate_free(cs);
	ev(&e, ACTION_RECORD, "allergies", "NKA", "", "", 0);
	cs = build(&e);
	assert_false(casestate_next_open(cs, PHASE_PRE, 0, &at));
	assert_int_equal(casestate_open_count(cs, PHASE_PRE), 0);
	assert_true(casestate_next_open(cs, PHASE_POST, 1, &at));
	assert_int_equal(at, 1);
	casestate_free(cs);
	evs_free(&e);
}

/* Open hard stops of the pre-procedure phase: not the required items, not
 * the time-out itself; an n/a stop still blocks, an override passes it. */
static void
test_open_stops(void **state)
{
	(void)state;
	struct evs e = {0};
	struct casestate *cs = build(&e);
	struct cs_blocker b[4];
	assert_int_equal(casestate_open_stops(cs, b, 4), 1);
	assert_string_equal(b[0].is->it->key, "identity");
	assert_int_equal(b[0].why, BLOCK_STOP);
	casestate_free(cs);
	ev(&e, ACTION_NA, "identity", "", "", "wristband missing, see note", 0);
	cs = build(&e);
	assert_int_equal(casestate_open_stops(cs, b, 4), 1);
	casestate_free(cs);
	ev(&e, ACTION_OVERRIDE, "identity", "", "", "identified by the daughter", 0);
	cs = build(&e);
	assert_int_equal(casestate_open_stops(cs, b, 4), 0);
	casestate_free(cs);
	evs_free(&e);
}

static void
test_fact(void **state)
{
	(void)state;
	struct evs e = {0};
	ev(&e, ACTION_RECORD, "allergies", "latex", "", "", 0);
	int64_t w = ev(&e, ACTION_RECORD, "weight", "80", "", "", 0);
	ev(&e, ACTION_AMEND, "weight", "82", "", "scale was wrong", w);
	struct casestate *cs = build(&e);
	struct buf b = {0};
	casestate_fact(cs, "allergies", &b);
	assert_string_equal(b.data, "latex");
	b.len = 0;
	casestate_fact(cs, "weight", &b);
	assert_non_null(strstr(b.data, "82"));
	assert_null(strstr(b.data, "80"));	/* the superseded entry is not read out */
	b.len = 0;
	casestate_fact(cs, "needle", &b);
	assert_string_equal(b.data, "not recorded");
	b.len = 0;
	casestate_fact(cs, "no_such_item", &b);
	assert_string_equal(b.data, "not recorded");
	buf_free(&b);
	casestate_free(cs);
	evs_free(&e);
}

static void
test_reason_check(void **state)
{
	(void)state;
	struct err err = {0};
	const char *bad[] = {"", "ne", "o", "ok", "none", "xxxx xxxx", "x x x x x x x x",
	    "aaaaaaaaaaaa", "no no", "   ", "12 3"};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_not_equal(casestate_reason_check(bad[i], &err), ST_OK);
	assert_non_null(strstr(err.msg, "2 words"));
	const char *good[] = {"not diabetic on no treatment", "consent confirmed by phone",
	    "patient refused", "Müller refused", "INR 1.2 rechecked"};
	for (size_t i = 0; i < ARRAY_SIZE(good); i++)
		assert_int_equal(casestate_reason_check(good[i], &err), ST_OK);
}

/* The whole item, for the item view: nothing of the checklist row left out. */
static void
test_item_text(void **state)
{
	(void)state;
	struct evs e = {0};
	ev(&e, ACTION_NA, "weight", "", "", "weighed at the referring hospital", 0);
	struct casestate *cs = build(&e);
	struct item *w = &cs->cl->items[1];
	free(w->hint);
	w->hint = xstrdup("Soft range for adults (source: local policy 2024)");
	free(w->unit);
	w->unit = xstrdup("kg");
	w->has_low = w->has_high = true;
	w->low = 40;
	w->high = 150;
	w->has_stop_high = true;
	w->stop_high = 250;
	struct buf b = {0};
	casestate_item_text(cs, casestate_item(cs, "weight"), &b);
	const char *want[] = {"weight\n", "Kind: number, in kg, optional",
	    "Why / source: Soft range for adults (source: local policy 2024)", "Usual range: 40",
	    "150", "Stop answers: above 250 kg", "Now: n/a: weighed at the referring hospital"};
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		if (strstr(b.data, want[i]) == NULL)
			fail_msg("no '%s' in:\n%s", want[i], b.data);
	b.len = 0;
	casestate_item_text(cs, casestate_item(cs, "timeout"), &b);
	assert_non_null(strstr(b.data, "Kind: timeout, HARD STOP"));
	assert_non_null(strstr(b.data, "Prompts: identity; side"));
	buf_free(&b);
	casestate_free(cs);
	evs_free(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_case),
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_amend_supersedes),
		cmocka_unit_test(test_override_and_timeout),
		cmocka_unit_test(test_phases_repeat_and_close),
		cmocka_unit_test(test_timers),
		cmocka_unit_test(test_next_open),
		cmocka_unit_test(test_open_stops),
		cmocka_unit_test(test_fact),
		cmocka_unit_test(test_reason_check),
		cmocka_unit_test(test_item_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
