/*
 * Unit tests of the rule language (rule.h): parsing `when` and `must` against
 * a checklist, evaluating every operator and connective on a case built from
 * events (three-valued), the case.* references, durations on times, the
 * errors a nurse manager sees, and the rules in words.
 */
#include "testutil.h"

#include "actions.h"
#include "casestate.h"
#include "checklist.h"
#include "rule.h"

#define HDR "phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint,when,must\n"
#define META "meta,title,Rules,,,,,,,,,,,\nmeta,risk,high,,,,,,,,,,,\n"
/* Items, by line: 4 sedation_plan, 5 diabetes, 6 aldrete, 7 bed_start, 8 bed_end,
 * 9 side, 10 level, 11 note, 12 check, 13 drug, 14 timeout, 15 discharge. */
#define ITEMS \
	"pre,sedation_plan,Sedation plan,choice,,,,local only|minimal|moderate|MAC or general,yes,,,,,\n" \
	"pre,diabetes,Diabetes,choice,,,,no|diet|oral|insulin,yes,,,,,\n" \
	"pre,aldrete,Aldrete,number,,9,10,,,,,,,\n" \
	"pre,bed_start,Bed rest start,time,,,,,,,,,,\n" \
	"pre,bed_end,Bed rest end,time,,,,,,,,,,\n" \
	"pre,side,Side,choice,,,,left|right|bilateral,yes,yes,,,,\n" \
	"pre,level,Level,text,,,,,,,,,,\n" \
	"pre,note,Note,text,,,,,,,,,,\n" \
	"pre,check,Checked,check,,,,,,,,,,\n" \
	"pre,drug,Steroid,med,mg,,,dexamethasone|triamcinolone,,,,,,\n" \
	"procedure,timeout,Time-out,timeout,,,,a|b,yes,yes,,,,\n" \
	"post,discharge,Discharge,check,,,,,yes,yes,,,,\n"

static struct checklist *cl_g;

static int
setup(void **state)
{
	(void)state;
	struct cl_errors errs = {0};
	const char *csv = HDR META ITEMS;
	if (checklist_parse("r.csv", "rules", csv, strlen(csv), &cl_g, &errs) != ST_OK) {
		for (size_t i = 0; i < errs.n; i++) {
			char *s = cl_error_format(&errs.v[i]);
			print_error("%s\n", s);
			free(s);
		}
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	checklist_free(cl_g);
	return 0;
}

static int
idx(const char *key)
{
	int i = checklist_index(cl_g, key);
	assert_true(i >= 0);
	return i;
}

/* Parse text as a rule of item key; fails the test on an error. */
static struct rule *
parse(const char *key, bool is_must, const char *text)
{
	char msg[400] = "";
	struct rule *r = rule_parse(text, cl_g, idx(key), is_must, msg, sizeof msg);
	if (r == NULL)
		fail_msg("'%s' refused: %s", text, msg);
	return r;
}

/* Parse text that must be refused with a message containing needle. */
static void
refused(const char *key, bool is_must, const char *text, const char *needle)
{
	char msg[400] = "";
	struct rule *r = rule_parse(text, cl_g, idx(key), is_must, msg, sizeof msg);
	if (r != NULL) {
		rule_free(r);
		fail_msg("'%s' was accepted", text);
	}
	if (strstr(msg, needle) == NULL)
		fail_msg("'%s': message '%s' lacks '%s'", text, msg, needle);
}

/* --- a case built from events -------------------------------------------- */

struct evs {
	struct cs_event *v;
	size_t n;
};

static void
rec(struct evs *e, const char *action, const char *item, const char *value, int minute)
{
	e->v = xreallocarray(e->v, e->n + 1, sizeof *e->v);
	struct cs_event *x = &e->v[e->n++];
	memset(x, 0, sizeof *x);
	x->id = (int64_t)e->n;
	/* 2026-11-26 08:00 UTC plus minute */
	clock_format_utc(INT64_C(1795680000000) + (int64_t)minute * 60000, x->at);
	x->phase = xstrdup("pre");
	x->item_key = xstrdup(item);
	x->action = xstrdup(action);
	x->value = xstrdup(value);
	x->unit = xstrdup("");
	x->flag = xstrdup("");
	x->reason = xstrdup(strcmp(action, ACTION_NA) == 0 ? "not needed" : "");
	x->staff = xstrdup("QA");
	x->terminal = xstrdup("");
}

/* A case (side right, level L4-L5, born 1950-06-15, scheduled 2026-11-26)
 * over cl_g, which the case borrows. */
static struct casestate *
build(struct evs *e, const char *side, const char *level)
{
	struct case_info c = {.mrn = xstrdup("M1"), .name = xstrdup("A"),
	    .dob = xstrdup("1950-06-15"), .proc_key = xstrdup("rules"), .side = xstrdup(side),
	    .level = xstrdup(level), .proceduralist = xstrdup(""),
	    .scheduled_at = xstrdup("2026-11-26 08:30")};
	struct evs own = {xcalloc(e->n + 1, sizeof *own.v), e->n};
	if (e->n > 0)	/* the strings move to the case */
		memcpy(own.v, e->v, e->n * sizeof *e->v);
	free(e->v);
	e->v = NULL;
	e->n = 0;
	return casestate_build(&c, cl_g, false, own.v, own.n);
}

static enum tri
eval(struct casestate *cs, const char *key, bool is_must, const char *text, const char *value)
{
	struct rule *r = parse(key, is_must, text);
	enum tri t = rule_eval(r, cs, idx(key), value);
	rule_free(r);
	return t;
}

/* --- tests ------------------------------------------------------------------ */

static void
test_names_and_operators(void **state)
{
	(void)state;
	struct evs e = {0};
	rec(&e, ACTION_RECORD, "sedation_plan", "MAC or general", 0);
	rec(&e, ACTION_RECORD, "diabetes", "insulin", 1);
	rec(&e, ACTION_RECORD, "aldrete", "8", 2);
	struct casestate *cs = build(&e, "right", "L4-L5");

	/* = and != against names, "MAC or general" read as one name */
	assert_int_equal(eval(cs, "discharge", false, "sedation_plan = MAC or general", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "sedation_plan != local only", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "sedation_plan = moderate|MAC or general", NULL),
	    TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "sedation_plan = local only|minimal", NULL),
	    TRI_FALSE);
	assert_int_equal(eval(cs, "discharge", false, "diabetes = oral | insulin", NULL), TRI_TRUE);
	/* numbers: each comparison */
	assert_int_equal(eval(cs, "discharge", false, "aldrete >= 9", NULL), TRI_FALSE);
	assert_int_equal(eval(cs, "discharge", false, "aldrete > 7.5", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "aldrete < 8", NULL), TRI_FALSE);
	assert_int_equal(eval(cs, "discharge", false, "aldrete <= 8", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "aldrete = 8", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "aldrete != 8", NULL), TRI_FALSE);
	/* done / not done */
	assert_int_equal(eval(cs, "discharge", false, "diabetes done", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "side not done", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "side done", NULL), TRI_FALSE);
	/* an answer not given is unknown, not false */
	assert_int_equal(eval(cs, "discharge", false, "side = left", NULL), TRI_UNKNOWN);
	casestate_free(cs);
}

static void
test_and_or_three_valued(void **state)
{
	(void)state;
	struct evs e = {0};
	rec(&e, ACTION_RECORD, "diabetes", "oral", 0);
	struct casestate *cs = build(&e, "right", "L4-L5");
	const char *t = "diabetes = oral|insulin and drug done";
	assert_int_equal(eval(cs, "discharge", false, t, NULL), TRI_FALSE);
	assert_int_equal(eval(cs, "discharge", false, "diabetes = oral and side = left", NULL),
	    TRI_UNKNOWN);
	assert_int_equal(eval(cs, "discharge", false, "diabetes = no and side = left", NULL), TRI_FALSE);
	assert_int_equal(eval(cs, "discharge", false, "diabetes = no or side = left", NULL),
	    TRI_UNKNOWN);
	assert_int_equal(eval(cs, "discharge", false, "diabetes = oral or side = left", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "diabetes = no or check done", NULL), TRI_FALSE);
	casestate_free(cs);

	rec(&e, ACTION_RECORD, "diabetes", "oral", 0);
	rec(&e, ACTION_RECORD, "drug", "drug=dexamethasone; dose=8; unit=mg", 1);
	cs = build(&e, "right", "L4-L5");
	assert_int_equal(eval(cs, "discharge", false, t, NULL), TRI_TRUE);
	/* a med compares by its drug */
	assert_int_equal(eval(cs, "discharge", false, "drug = dexamethasone", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "drug != triamcinolone", NULL), TRI_TRUE);
	casestate_free(cs);

	/* n/a is not an answer: unknown for a comparison, not done */
	rec(&e, ACTION_NA, "diabetes", "", 0);
	cs = build(&e, "right", "L4-L5");
	assert_int_equal(eval(cs, "discharge", false, "diabetes = no", NULL), TRI_UNKNOWN);
	assert_int_equal(eval(cs, "discharge", false, "diabetes not done", NULL), TRI_TRUE);
	casestate_free(cs);
}

static void
test_case_references(void **state)
{
	(void)state;
	struct evs e = {0};
	struct casestate *cs = build(&e, "right", "L4-5");

	assert_int_equal(eval(cs, "side", true, "= case.side", "right"), TRI_TRUE);
	assert_int_equal(eval(cs, "side", true, "= case.side", "left"), TRI_FALSE);
	assert_int_equal(eval(cs, "side", true, "= case.side", NULL), TRI_UNKNOWN);
	assert_int_equal(eval(cs, "discharge", false, "case.side = left|bilateral", NULL), TRI_FALSE);
	assert_int_equal(eval(cs, "discharge", false, "case.side != left", NULL), TRI_TRUE);
	/* levels compare in one spelling: L4-5 = L4-L5 = l4-l5 */
	assert_int_equal(eval(cs, "level", true, "= case.level", "L4-L5"), TRI_TRUE);
	assert_int_equal(eval(cs, "level", true, "= case.level", "l4-l5"), TRI_TRUE);
	assert_int_equal(eval(cs, "level", true, "= case.level", "L5-S1"), TRI_FALSE);
	assert_int_equal(eval(cs, "discharge", false, "case.level = L4-L5|L5-S1", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "case.region = lumbar", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "case.region = thoracic|cervical", NULL),
	    TRI_FALSE);
	assert_int_equal(eval(cs, "discharge", false, "case.procedure = rules", NULL), TRI_TRUE);
	/* born 1950-06-15, scheduled 2026-11-26: 76 */
	assert_int_equal(eval(cs, "discharge", false, "case.age >= 76", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "discharge", false, "case.age > 76", NULL), TRI_FALSE);
	assert_int_equal(eval(cs, "discharge", false, "risk = intermediate|high", NULL), TRI_TRUE);
	casestate_free(cs);

	/* a case without a level: the region is unknown */
	cs = build(&e, "midline", "");
	assert_int_equal(eval(cs, "discharge", false, "case.region = sacral", NULL), TRI_UNKNOWN);
	assert_int_equal(eval(cs, "level", true, "= case.level", "S1"), TRI_UNKNOWN);
	casestate_free(cs);
}

static void
test_times_and_durations(void **state)
{
	(void)state;
	struct evs e = {0};
	rec(&e, ACTION_RECORD, "bed_start", "09:30", 90);	/* charted at 09:30 */
	struct casestate *cs = build(&e, "right", "");
	/* a stored time of day is on the day its entry was made (2026-11-26);
	 * one typed with its day is on that day */
	const char *must = ">= bed_start + 60m";
	assert_int_equal(eval(cs, "bed_end", true, must, "2026-11-26 10:30"), TRI_TRUE);
	assert_int_equal(eval(cs, "bed_end", true, must, "2026-11-26 10:29"), TRI_FALSE);
	assert_int_equal(eval(cs, "bed_end", true, ">= bed_start + 1h", "2026-11-26 10:45"),
	    TRI_TRUE);
	assert_int_equal(eval(cs, "bed_end", true, "< bed_start - 30m", "2026-11-26 08:59"),
	    TRI_TRUE);
	/* a day later is a day later, not the same time of day */
	assert_int_equal(eval(cs, "bed_end", true, "< bed_start - 30m", "2026-11-27 08:59"),
	    TRI_FALSE);
	/* an answer typed now without a day is today's: days after the start */
	assert_int_equal(eval(cs, "bed_end", true, must, "09:31"), TRI_TRUE);
	/* a rule's own time is a time of day, whatever the day */
	assert_int_equal(eval(cs, "bed_end", true, "> 10:00", "2026-11-26 10:01"), TRI_TRUE);
	assert_int_equal(eval(cs, "bed_end", true, "> 10:00", "2026-11-20 09:59"), TRI_FALSE);
	casestate_free(cs);

	/* across midnight: 23:40 on the 26th + 60m is 00:40 on the 27th */
	rec(&e, ACTION_RECORD, "bed_start", "23:40", 940);	/* charted at 23:40 */
	cs = build(&e, "right", "");
	assert_int_equal(eval(cs, "bed_end", true, must, "2026-11-27 00:45"), TRI_TRUE);
	assert_int_equal(eval(cs, "bed_end", true, must, "2026-11-27 00:15"), TRI_FALSE);
	assert_int_equal(eval(cs, "bed_end", true, must, "2026-11-26 00:45"), TRI_FALSE);
	casestate_free(cs);

	/* a start "23:40" charted five minutes after midnight (typed before
	 * it): the 25th's 23:40, so a bed rest to 00:45 is 65 minutes */
	rec(&e, ACTION_RECORD, "bed_start", "23:40", -475);	/* 2026-11-26 00:05 UTC */
	cs = build(&e, "right", "");
	assert_int_equal(eval(cs, "bed_end", true, must, "2026-11-26 00:45"), TRI_TRUE);
	assert_int_equal(eval(cs, "bed_end", true, must, "2026-11-26 00:30"), TRI_FALSE);
	casestate_free(cs);

	/* a start typed with its day: "2026-11-25 22:00", entered on the 26th */
	rec(&e, ACTION_RECORD, "bed_start", "2026-11-25 22:00", 0);
	cs = build(&e, "right", "");
	assert_int_equal(eval(cs, "bed_end", true, must, "2026-11-25 23:00"), TRI_TRUE);
	assert_int_equal(eval(cs, "bed_end", true, must, "2026-11-26 22:30"), TRI_TRUE);
	assert_int_equal(eval(cs, "bed_end", true, must, "2026-11-25 22:59"), TRI_FALSE);
	casestate_free(cs);

	/* KEY.time: when the entry was made (08:00 and 08:45 here, in UTC) */
	setenv("TZ", "UTC", 1);
	tzset();
	rec(&e, ACTION_RECORD, "note", "x", 0);
	rec(&e, ACTION_RECORD, "check", "done", 45);
	cs = build(&e, "right", "");
	assert_int_equal(eval(cs, "drug", false, "check.time >= note.time + 45m", NULL), TRI_TRUE);
	assert_int_equal(eval(cs, "drug", false, "check.time >= note.time + 50m", NULL), TRI_FALSE);
	casestate_free(cs);
}

static void
test_parse_errors(void **state)
{
	(void)state;
	refused("discharge", false, "nosuch = yes", "unknown item 'nosuch'");
	refused("discharge", false, "case.weight > 3", "unknown 'case.weight'");
	refused("discharge", false, "sedation_plan = local-only",
	    "'local-only' is not a choice of sedation_plan (local only, minimal, moderate, "
	    "MAC or general)");
	refused("discharge", false, "case.side = up", "'up' is not one of left, right, bilateral");
	refused("discharge", false, "risk = severe", "'severe' is not one of low, intermediate, high");
	refused("discharge", false, "sedation_plan < moderate", "compare numbers and times");
	refused("discharge", false, "aldrete >= nine", "'nine' is not a number");
	refused("discharge", false, "check = done", "write 'check done' or 'check not done'");
	refused("discharge", false, "diabetes = no and aldrete > 3 or check done",
	    "with 'and' or with 'or', not both");
	refused("discharge", false, "diabetes = no aldrete", "'no aldrete' is not a choice");
	refused("discharge", false, "diabetes", "an operator is missing");
	refused("discharge", false, "case.side done", "said of an item key");
	refused("bed_end", true, ">= bed_start + 60", "is not a duration");
	refused("bed_end", true, ">= bed_start + 13h", "too long");
	refused("bed_end", true, ">= 25:00", "is not a time of day");
	refused("level", false, "case.level = Q1", "is not a spinal level");
	/* a when may only name items above it; a must may name any */
	refused("diabetes", false, "aldrete >= 9", "'aldrete' comes later in the file (line 6)");
	refused("diabetes", false, "diabetes = no", "names the item itself");
	refused("discharge", false, "= case.side", "a when starts with an item key");
	refused("side", true, "side = left", "starting with an operator");
	rule_free(parse("sedation_plan", true, "aldrete >= 9 or check done"));
	rule_free(parse("drug", true, "drug.time >= timeout.time - 60m"));
}

static void
test_words(void **state)
{
	(void)state;
	struct { const char *key; bool must; const char *text, *words; } cases[] = {
		{"discharge", false, "sedation_plan != local only", "Sedation plan is not local only"},
		{"discharge", false, "sedation_plan = moderate|MAC or general",
		    "Sedation plan is moderate or 'MAC or general'"},
		{"discharge", false, "diabetes != no|diet", "Diabetes is neither no nor diet"},
		{"discharge", false, "diabetes = oral|insulin and drug done",
		    "Diabetes is oral or insulin and Steroid is recorded"},
		{"side", true, "= case.side", "equal the case's side"},
		{"bed_end", true, ">= bed_start + 60m", "be at or after Bed rest start + 1 h"},
		{"discharge", false, "aldrete < 9 or case.region = thoracic",
		    "Aldrete is below 9 or the case's region is thoracic"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct rule *r = parse(cases[i].key, cases[i].must, cases[i].text);
		struct buf b = {0};
		rule_words(r, cl_g, idx(cases[i].key), &b);
		assert_string_equal(b.data, cases[i].words);
		buf_free(&b);
		rule_free(r);
	}

	/* why a rule does not hold, with the answers */
	struct evs e = {0};
	rec(&e, ACTION_RECORD, "sedation_plan", "local only", 0);
	rec(&e, ACTION_RECORD, "bed_start", "09:30", 91);
	struct casestate *cs = build(&e, "right", "S1");
	struct { const char *key; bool must; const char *text, *value, *why; } why[] = {
		{"discharge", false, "sedation_plan != local only", NULL, "Sedation plan is local only"},
		{"discharge", false, "sedation_plan != local only or drug done", NULL,
		    "Sedation plan is local only and Steroid is not recorded"},
		{"side", true, "= case.side", "left", "Side LEFT does not match the case side RIGHT"},
		{"level", true, "= case.level", "S3", "Level S3 does not match the case level S1"},
		{"bed_end", true, ">= bed_start + 60m", "2026-11-26 10:05", "Bed rest end is "
		    "2026-11-26 10:05: it must be at or after Bed rest start + 1 h (Bed rest start "
		    "is 2026-11-26 09:30)"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(why); i++) {
		struct rule *r = parse(why[i].key, why[i].must, why[i].text);
		struct buf b = {0};
		rule_why_not(r, cs, idx(why[i].key), why[i].value, false, &b);
		assert_string_equal(b.data, why[i].why);
		buf_free(&b);
		rule_free(r);
	}
	casestate_free(cs);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_and_operators),
		cmocka_unit_test(test_and_or_three_valued),
		cmocka_unit_test(test_case_references),
		cmocka_unit_test(test_times_and_durations),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests_name("rule", tests, setup, teardown);
}
