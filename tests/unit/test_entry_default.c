/*
 * Unit tests of the answers the entry dialogs propose (entry_default.h) and
 * of a typed choice (entry_choice), over the built-in sacroplasty checklist:
 * the case's side and level, the likely choice, the time-out team, the
 * medication site asked once, a repeat dose's vial and the pain of recent
 * vitals.  No database: the case state is built from events in memory.
 */
#include "testutil.h"

#include "actions.h"
#include "casestate.h"
#include "checklist.h"
#include "entry.h"
#include "entry_default.h"

/* 2026-11-26 08:00 UTC, the time of a case's first event. */
#define T0 INT64_C(1795680000000)
#define MIN INT64_C(60000)

struct kase {
	struct checklist *cl;
	const char *side, *level;
	struct cs_event *v;
	size_t n;
	int minute;		/* the time of the next event, minutes after T0 */
};

static int64_t
add(struct kase *k, const char *action, const char *item, const char *value, int64_t amends)
{
	k->v = xreallocarray(k->v, k->n + 1, sizeof *k->v);
	struct cs_event *e = &k->v[k->n++];
	memset(e, 0, sizeof *e);
	e->id = (int64_t)k->n + 100;
	clock_format_utc(T0 + k->minute * MIN, e->at);
	e->phase = xstrdup("");
	e->item_key = xstrdup(item);
	e->action = xstrdup(action);
	e->value = xstrdup(value);
	e->unit = xstrdup("");
	e->flag = xstrdup("");
	e->reason = xstrdup(amends ? "typo" : "");
	e->staff = xstrdup("QA");
	e->terminal = xstrdup("");
	e->amends = amends;
	return e->id;
}

static struct casestate *
state(struct kase *k)
{
	struct case_info c = {.id = 7, .mrn = xstrdup("M1"), .name = xstrdup("MULLER, Anna"),
	    .dob = xstrdup("1940-01-10"), .proc_key = xstrdup(k->cl->key),
	    .side = xstrdup(k->side), .level = xstrdup(k->level),
	    .proceduralist = xstrdup("Dr P"), .scheduled_at = xstrdup("2026-11-26 08:00")};
	return casestate_build(&c, k->cl, false, tu_events_dup(k->v, k->n), k->n);
}

static void
kase_free(struct kase *k)
{
	for (size_t i = 0; i < k->n; i++)
		cs_event_clear(&k->v[i]);
	free(k->v);
	checklist_free(k->cl);
}

static void
answer(struct kase *k, const char *key, int64_t now, struct entry_default *d)
{
	struct casestate *cs = state(k);
	const struct item *it = checklist_item(k->cl, key);
	assert_non_null(it);
	entry_default_answer(cs, it, now, d);
	casestate_free(cs);
}

static void
test_choice(void **st)
{
	(void)st;
	static const char *const c[] = {"none", "no", "left", "Lateral", "bilateral"};
	struct err err = {0};
	int i = -1;
	assert_int_equal(entry_choice("3", c, 5, &i, &err), ST_OK);
	assert_int_equal(i, 2);
	assert_int_equal(entry_choice(" LEFT ", c, 5, &i, &err), ST_OK);
	assert_int_equal(i, 2);
	assert_int_equal(entry_choice("no", c, 5, &i, &err), ST_OK);	/* whole beats prefix */
	assert_int_equal(i, 1);
	assert_int_equal(entry_choice("b", c, 5, &i, &err), ST_OK);
	assert_int_equal(i, 4);
	assert_int_equal(entry_choice("la", c, 5, &i, &err), ST_OK);	/* any letter case */
	assert_int_equal(i, 3);
	i = -1;
	assert_int_equal(entry_choice("l", c, 5, &i, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "begins both 'left' and 'Lateral'"));
	assert_int_equal(entry_choice("n", c, 5, &i, &err), ST_DATAERR);
	assert_int_equal(entry_choice("6", c, 5, &i, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "type 1 to 5"));
	assert_int_equal(entry_choice("0", c, 5, &i, &err), ST_DATAERR);
	assert_int_equal(entry_choice("right", c, 5, &i, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "'right' is not one of the answers"));
	assert_int_equal(entry_choice("  ", c, 5, &i, &err), ST_DATAERR);
	assert_int_equal(i, -1);	/* a refused answer leaves the index alone */
}

static void
test_team_members(void **st)
{
	(void)st;
	char buf[128];
	const char *m[4];
	assert_int_equal(entry_team_members(" Dr Patel (proc), RN QA,,RT Kim ", buf, sizeof buf,
	    m, 4), 3);
	assert_string_equal(m[0], "Dr Patel (proc)");
	assert_string_equal(m[1], "RN QA");
	assert_string_equal(m[2], "RT Kim");
	assert_int_equal(entry_team_members("A, B, C", buf, sizeof buf, m, 2), 2);
	assert_int_equal(entry_team_members(NULL, buf, sizeof buf, m, 4), 0);
	assert_int_equal(entry_team_members(" , ", buf, sizeof buf, m, 4), 0);
}

/* The case's side and level, labelled; a likely choice; a stop question
 * never answered by default; now for a time. */
static void
test_case_answers(void **st)
{
	(void)st;
	struct kase k = {.cl = tu_builtin("sacroplasty"), .side = "right", .level = "S2"};
	struct entry_default d;
	answer(&k, "side", T0, &d);
	assert_string_equal(d.label, "Side");
	assert_string_equal(d.value, "RIGHT");	/* as the banner shows it */
	answer(&k, "level_imaging", T0, &d);
	assert_string_equal(d.label, "Level");
	assert_string_equal(d.value, "S2");
	answer(&k, "position", T0, &d);
	assert_null(d.label);
	assert_string_equal(d.value, "prone");
	answer(&k, "procedure_match", T0, &d);	/* a hard stop: typed by hand */
	assert_string_equal(d.value, "");
	answer(&k, "discharge_time", T0, &d);
	assert_string_equal(d.value, "now");
	answer(&k, "inr", T0, &d);	/* a measurement has none */
	assert_string_equal(d.value, "");
	kase_free(&k);

	/* the level as a choice (a sacral nerve root block's S1-S4) */
	struct kase r = {.cl = tu_builtin("sacral-nerve-root-block"), .side = "left",
	    .level = "S2"};
	answer(&r, "level_imaging", T0, &d);
	assert_string_equal(d.label, "Level");
	assert_string_equal(d.value, "S2");
	answer(&r, "side", T0, &d);
	assert_string_equal(d.value, "LEFT");
	kase_free(&r);

	/* a case side the item does not offer: no default, and no label */
	struct kase m = {.cl = tu_builtin("sacroplasty"), .side = "n/a", .level = ""};
	answer(&m, "side", T0, &d);
	assert_null(d.label);
	assert_string_equal(d.value, "");
	answer(&m, "level_imaging", T0, &d);
	assert_string_equal(d.value, "");
	kase_free(&m);
}

/* A pain item proposes the pain of vitals at most 15 minutes old. */
static void
test_pain(void **st)
{
	(void)st;
	struct kase k = {.cl = tu_builtin("sacroplasty"), .side = "bilateral", .level = "S1"};
	struct entry_default d;
	answer(&k, "pain_post", T0, &d);
	assert_string_equal(d.value, "");	/* no vitals yet */
	add(&k, ACTION_RECORD, "vitals_baseline", "sys=128; dia=76; hr=72; rr=14; spo2=98; "
	    "pain=6", 0);
	k.minute = 10;
	add(&k, ACTION_RECORD, "vitals_post", "sys=120; dia=70; hr=70; rr=14; spo2=97", 0);
	answer(&k, "pain_post", T0 + 10 * MIN, &d);
	assert_string_equal(d.label, "Pain");
	assert_string_equal(d.value, "6");	/* the latest vitals that carry pain */
	assert_non_null(strstr(d.why, "vitals of"));
	answer(&k, "pain_post", T0 + ENTRY_PAIN_RECENT_MIN * MIN, &d);
	assert_string_equal(d.value, "6");
	answer(&k, "pain_post", T0 + (ENTRY_PAIN_RECENT_MIN + 1) * MIN, &d);
	assert_string_equal(d.value, "");	/* too old to propose */
	int64_t v = add(&k, ACTION_RECORD, "vitals_post", "sys=120; dia=70; hr=70; rr=14; "
	    "spo2=97; pain=3", 0);
	add(&k, ACTION_AMEND, "vitals_post", "sys=120; dia=70; hr=70; rr=14; spo2=97; pain=2", v);
	answer(&k, "pain_2h", T0 + 12 * MIN, &d);
	assert_string_equal(d.value, "2");	/* the corrected value, not the superseded */
	kase_free(&k);
}

static void
test_team_site_med(void **st)
{
	(void)st;
	struct kase k = {.cl = tu_builtin("sacroplasty"), .side = "left", .level = "S1"};
	struct casestate *cs = state(&k);
	char site[ENTRY_DEFAULT_LEN];
	assert_null(entry_default_team(cs));
	entry_default_site(cs, site, sizeof site);
	assert_string_equal(site, "left S1");
	assert_null(entry_default_med(cs, "lidocaine 1%"));
	casestate_free(cs);

	const struct item *to = checklist_item(k.cl, "timeout");
	for (size_t i = 0; i < to->nchoices; i++)
		add(&k, ACTION_TIMEOUT_CONFIRM, "timeout", to->choices[i], 0);
	add(&k, ACTION_TIMEOUT_DONE, "timeout", "Dr Patel, RN QA, RT Kim", 0);
	int64_t m = add(&k, ACTION_RECORD, "local_anaesthetic", "drug=lidocaine 1%; dose=5; "
	    "unit=mL; route=SC; site=left sacral ala; lot=L1; expiry=2099-01; time=08:05; "
	    "given_by=QA", 0);
	add(&k, ACTION_AMEND, "local_anaesthetic", "drug=lidocaine 1%; dose=5; unit=mL; "
	    "route=SC; site=left sacral alar; lot=L2; expiry=2099-01; time=08:05; given_by=QA", m);
	cs = state(&k);
	assert_string_equal(entry_default_team(cs), "Dr Patel, RN QA, RT Kim");
	entry_default_site(cs, site, sizeof site);
	assert_string_equal(site, "left sacral alar");
	const char *prev = entry_default_med(cs, "LIDOCAINE 1%");
	assert_non_null(prev);
	char *lot = entry_kv_get(prev, "lot");
	assert_string_equal(lot, "L2");
	free(lot);
	assert_null(entry_default_med(cs, "lidocaine 2%"));
	assert_null(entry_default_med(cs, ""));
	casestate_free(cs);
	kase_free(&k);

	/* no side to name: the level alone; neither: nothing */
	struct kase n = {.cl = tu_builtin("sacroplasty"), .side = "n/a", .level = "S2"};
	cs = state(&n);
	entry_default_site(cs, site, sizeof site);
	assert_string_equal(site, "S2");
	casestate_free(cs);
	kase_free(&n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_team_members),
		cmocka_unit_test(test_case_answers),
		cmocka_unit_test(test_pain),
		cmocka_unit_test(test_team_site_med),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
