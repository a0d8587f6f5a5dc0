/* Observation timers: due and overdue at the right minute, from events alone. */
#include "testutil.h"

#include "actions.h"
#include "casestate.h"
#include "timers.h"

static const char checklist_csv[] =
    "phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint\n"
    "meta,title,Timer test,,,,,,,,,\n"
    "meta,risk,low,,,,,,,,,\n"
    "pre,identity,Identity,check,,,,,yes,yes,,two identifiers\n"
    "procedure,timeout,Time-out,timeout,,,,Patient|Site,yes,yes,,UP.01.03.01\n"
    "post,vitals_post,Vitals,vitals,,,,,yes,,15m*2,NEWS2\n"
    "post,pain,Pain,number,/10,0,10,,,,,NRS\n";

static int64_t
at(int h, int m)
{
	/* 2026-11-26 00:00 UTC + h:m */
	return INT64_C(1795651200000) + ((int64_t)h * 60 + m) * 60000;
}

struct evs {
	struct cs_event v[16];
	size_t n;
};

static void
add(struct evs *l, int64_t ms, const char *phase, const char *item, const char *action)
{
	struct cs_event *e = &l->v[l->n++];
	memset(e, 0, sizeof *e);
	e->id = (int64_t)l->n;
	clock_format_utc(ms, e->at);
	e->phase = xstrdup(phase);
	e->item_key = xstrdup(item);
	e->action = xstrdup(action);
	e->value = xstrdup(strcmp(action, ACTION_RECORD) == 0 ? "sys=120; dia=80" : "");
	e->unit = xstrdup("");
	e->flag = xstrdup("");
	e->reason = xstrdup(strcmp(action, ACTION_NA) == 0 ? "no reason needed here" : "");
	e->staff = xstrdup("QA");
}

/* The case as it stands after the first n events of the script. */
static struct casestate *
case_after(size_t n)
{
	struct evs l = {0};
	add(&l, at(8, 0), "", "", ACTION_CASE_CREATE);
	add(&l, at(8, 30), "procedure", "", ACTION_PHASE_START);
	add(&l, at(9, 0), "post", "", ACTION_PHASE_START);
	add(&l, at(9, 3), "post", "vitals_post", ACTION_RECORD);
	add(&l, at(9, 20), "post", "vitals_post", ACTION_RECORD);
	assert_true(n <= l.n);
	for (size_t i = n; i < l.n; i++)
		cs_event_clear(&l.v[i]);
	struct cs_event *ev = xcalloc(n ? n : 1, sizeof *ev);
	memcpy(ev, l.v, n * sizeof *ev);

	struct checklist *cl = NULL;
	struct cl_errors errs = {0};
	assert_int_equal(checklist_parse("t.csv", "timer-test", checklist_csv,
	    sizeof checklist_csv - 1, &cl, &errs), ST_OK);
	struct case_info c = {.id = 1, .mrn = xstrdup("M1"), .name = xstrdup("A"),
	    .dob = xstrdup("1950-01-01"), .proc_key = xstrdup("timer-test"),
	    .side = xstrdup("left"), .level = xstrdup(""), .proceduralist = xstrdup(""),
	    .scheduled_at = xstrdup("2026-11-26 08:00")};
	return casestate_build(&c, cl, true, ev, n);
}

static struct timer
vitals_timer(size_t events, int64_t now)
{
	struct casestate *cs = case_after(events);
	struct timer t = timers_item(cs, casestate_item(cs, "vitals_post"), now);
	casestate_free(cs);
	return t;
}

static void
test_waits_for_its_phase(void **state)
{
	(void)state;
	assert_int_equal(vitals_timer(2, at(8, 59)).state, TIMER_NONE);
}

static void
test_first_entry_due_when_phase_starts(void **state)
{
	(void)state;
	struct timer t = vitals_timer(3, at(9, 0));
	assert_int_equal(t.state, TIMER_DUE);
	assert_true(t.due_ms == at(9, 0));
	t = vitals_timer(3, at(9, 0) + 59999);
	assert_int_equal(t.state, TIMER_DUE);
	t = vitals_timer(3, at(9, 1));
	assert_int_equal(t.state, TIMER_OVERDUE);
	assert_int_equal(t.overdue_min, 1);
	char label[32];
	t = vitals_timer(3, at(9, 3) - 1);
	timers_label(&t, label, sizeof label);
	assert_string_equal(label, "OVERDUE 2 min");
}

static void
test_next_entries_at_fixed_intervals(void **state)
{
	(void)state;
	char label[32];
	/* first entry 09:03: the second is due 09:18, not 15 min after a late one */
	struct timer t = vitals_timer(4, at(9, 10));
	assert_int_equal(t.state, TIMER_PENDING);
	assert_true(t.due_ms == at(9, 18));
	assert_int_equal(t.done, 1);
	assert_int_equal(t.want, 2);
	timers_label(&t, label, sizeof label);
	assert_string_equal(label, "due 09:18");
	assert_int_equal(vitals_timer(4, at(9, 12) + 59999).state, TIMER_PENDING);
	assert_int_equal(vitals_timer(4, at(9, 13)).state, TIMER_DUE);
	assert_int_equal(vitals_timer(4, at(9, 18) + 59999).state, TIMER_DUE);
	t = vitals_timer(4, at(9, 21));
	assert_int_equal(t.state, TIMER_OVERDUE);
	assert_int_equal(t.overdue_min, 3);
}

static void
test_complete_after_k_entries(void **state)
{
	(void)state;
	assert_int_equal(vitals_timer(5, at(12, 0)).state, TIMER_NONE);
}

static void
test_counts_over_a_case(void **state)
{
	(void)state;
	struct casestate *cs = case_after(3);
	struct timer_counts tc;
	timers_case(cs, at(9, 30), &tc);
	assert_int_equal(tc.overdue, 1);
	assert_int_equal(tc.due, 0);
	assert_true(tc.next_due_ms == at(9, 0));
	cs->closed = true;	/* a closed case asks for nothing */
	timers_case(cs, at(9, 30), &tc);
	assert_int_equal(tc.overdue, 0);
	assert_true(tc.next_due_ms == 0);
	casestate_free(cs);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_waits_for_its_phase),
		cmocka_unit_test(test_first_entry_due_when_phase_starts),
		cmocka_unit_test(test_next_entries_at_fixed_intervals),
		cmocka_unit_test(test_complete_after_k_entries),
		cmocka_unit_test(test_counts_over_a_case),
	};
	return cmocka_run_group_tests_name("timers", tests, NULL, NULL);
}
