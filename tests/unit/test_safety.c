/*
 * The checklists as safety barriers (issue 11), over the real built-in
 * checklists (the embedded catalogue): answers that stop, cross-checks with
 * the case, conditional items, chained timers, early observations and the
 * declared allergy item, all derived by casestate from the log alone.
 */
#include "testutil.h"

#include "actions.h"
#include "casestate.h"
#include "checklist.h"

/* A case under construction: its checklist and its events so far. */
struct kase {
	struct checklist *cl;
	const char *side, *level;
	struct cs_event *v;
	size_t n;
	int minute;		/* the time of the next event: minutes after 08:00 UTC */
};

static int64_t
add(struct kase *k, const char *action, const char *item, const char *value, const char *reason,
    int64_t amends)
{
	k->v = xreallocarray(k->v, k->n + 1, sizeof *k->v);
	struct cs_event *e = &k->v[k->n++];
	memset(e, 0, sizeof *e);
	e->id = (int64_t)k->n + 100;
	clock_format_utc(INT64_C(1795680000000) + (int64_t)k->minute * 60000, e->at);
	bool phase = strcmp(action, ACTION_PHASE_START) == 0;
	e->phase = xstrdup(phase ? item : "");
	e->item_key = xstrdup(phase ? "" : item);
	e->action = xstrdup(action);
	e->value = xstrdup(value ? value : "");
	e->unit = xstrdup("");
	e->flag = xstrdup("");
	e->reason = xstrdup(reason ? reason : "");
	e->staff = xstrdup("QA");
	e->terminal = xstrdup("");
	e->amends = amends;
	return e->id;
}

static int64_t
record(struct kase *k, const char *item, const char *value)
{
	return add(k, ACTION_RECORD, item, value, NULL, 0);
}

/* The case state now; the case keeps its events for more. */
static struct casestate *
state(struct kase *k)
{
	struct case_info c = {.id = 7, .mrn = xstrdup("M1"), .name = xstrdup("NGUYEN Thi Anh"),
	    .dob = xstrdup("1960-02-01"), .proc_key = xstrdup(k->cl->key),
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

/* A harmless answer for an item: inside its ranges, the first option. */
static const char *
benign(const struct item *it, char *buf, size_t size)
{
	switch (it->kind) {
	case KIND_CHECK:
		return "done";
	case KIND_NUMBER:
		snprintf(buf, size, "%g", it->has_low ? it->low : it->has_stop_low ? it->stop_low :
		    it->has_high && it->high < 1 ? it->high : 1);
		return buf;
	case KIND_CHOICE:
		return it->choices[0];
	case KIND_TEXT:
		return "none known";
	case KIND_TIME:
		return "08:00";
	case KIND_VITALS:
		return "sys=128; dia=76; hr=72; rr=14; spo2=98; temp=36.8; pain=3";
	case KIND_MED:
		return "drug=lidocaine 1%; dose=2; unit=mL; route=SC; site=back; lot=A1; "
		    "expiry=2099-12; time=08:10; given_by=Dr P";
	case KIND_ANTITHROMBOTIC:
		return "drug=none";
	default:
		return NULL;
	}
}

/* Answer every item of phase p that applies and has no answer yet, one a
 * minute, taking answers from over (key=value pairs) where given. */
static void
chart_phase(struct kase *k, enum phase p, const char *const *over)
{
	for (size_t i = 0; i < k->cl->nitems; i++) {
		const struct item *it = &k->cl->items[i];
		char buf[32];
		if (it->phase != p || it->kind == KIND_TIMEOUT)
			continue;
		struct casestate *cs = state(k);
		bool skip = !cs->items[i].applies || cs->items[i].cur != NULL;
		/* a pick list starts on the case's own side or level */
		int def = casestate_default_choice(cs, it);
		casestate_free(cs);
		if (skip)
			continue;
		const char *v = def >= 0 ? it->choices[def] : benign(it, buf, sizeof buf);
		for (size_t o = 0; over != NULL && over[o] != NULL; o += 2)
			if (strcmp(over[o], it->key) == 0)
				v = over[o + 1];
		record(k, it->key, v);
		k->minute++;
	}
}

static void
timeout_done(struct kase *k)
{
	const struct item *to = checklist_item(k->cl, "timeout");
	for (size_t i = 0; i < to->nchoices; i++)
		add(k, ACTION_TIMEOUT_CONFIRM, "timeout", to->choices[i], NULL, 0);
	add(k, ACTION_TIMEOUT_DONE, "timeout", "Dr P, RN QA", NULL, 0);
	k->minute++;
}

/* Is item key among the blockers of phase p, and why? -1 when not. */
static int
blocked_by(const struct casestate *cs, enum phase p, const char *key)
{
	struct cs_blocker b[64];
	size_t n = casestate_blockers(cs, p, b, 64);
	for (size_t i = 0; i < n && i < 64; i++)
		if (strcmp(b[i].is->it->key, key) == 0)
			return (int)b[i].why;
	return -1;
}

static size_t
nblockers(const struct casestate *cs, enum phase p)
{
	struct cs_blocker b[64];
	return casestate_blockers(cs, p, b, 64);
}

static const struct item_state *
st(const struct casestate *cs, const char *key)
{
	const struct item_state *is = casestate_item(cs, key);
	assert_non_null(is);
	return is;
}

/*
 * The acceptance: a sacral nerve root block charted with a mismatch,
 * the hold plan not met, INR 2.6, LEFT on a RIGHT case and a positive
 * pregnancy test cannot enter the procedure phase; the gate lists each one
 * until an override names each one.
 */
static void
test_acceptance_sacral_block(void **state_)
{
	(void)state_;
	struct kase k = {.cl = tu_builtin("sacral-nerve-root-block"), .side = "right", .level = "S1"};
	const char *over[] = {
		"procedure_match", "mismatch - stop and escalate",
		"hold_plan", "not met - escalate",
		"inr", "2.6",
		"side", "left",
		"pregnancy", "test positive - physician decides",
		NULL,
	};
	chart_phase(&k, PHASE_PRE, over);
	struct casestate *cs = state(&k);
	const char *stops[] = {"procedure_match", "hold_plan", "inr", "pregnancy"};
	for (size_t i = 0; i < ARRAY_SIZE(stops); i++) {
		assert_int_equal(blocked_by(cs, PHASE_PRE, stops[i]), BLOCK_STOP_ANSWER);
		assert_true(st(cs, stops[i])->stop_answer);
		assert_int_equal(st(cs, stops[i])->status, CS_FLAGGED);
		assert_string_equal(casestate_glyph(st(cs, stops[i])->status), "[!]");
	}
	assert_int_equal(blocked_by(cs, PHASE_PRE, "side"), BLOCK_RULE);
	assert_int_equal(st(cs, "side")->must, CS_RULE_FAIL);
	assert_int_equal(blocked_by(cs, PHASE_PRE, "timeout"), BLOCK_TIMEOUT);
	assert_int_equal(nblockers(cs, PHASE_PRE), 6);
	/* the gate says what is wrong, in words */
	struct cs_blocker b[16];
	size_t n = casestate_blockers(cs, PHASE_PRE, b, 16);
	bool said = false;
	for (size_t i = 0; i < n; i++) {
		struct buf t = {0};
		casestate_blocker_text(cs, &b[i], &t);
		if (b[i].why == BLOCK_RULE)
			said = strstr(t.data, "Side LEFT does not match the case side RIGHT: re-verify "
			    "with the patient, consent, order and site mark") != NULL;
		if (b[i].why == BLOCK_STOP_ANSWER && strcmp(b[i].is->it->key, "inr") == 0)
			assert_non_null(strstr(t.data, "the answer '2.6' stops the procedure"));
		buf_free(&t);
	}
	assert_true(said);
	/* the time-out screen can list them all, with the side mismatch */
	const struct item_state *al[8];
	assert_int_equal(casestate_alerts(cs, al, 8), 5);
	assert_string_equal(al[0]->it->key, "procedure_match");
	assert_string_equal(al[4]->it->key, "pregnancy");
	casestate_free(cs);

	/* overrides name each one; the last one left still blocks */
	const char *all[] = {"procedure_match", "hold_plan", "inr", "side", "pregnancy"};
	for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
		add(&k, ACTION_OVERRIDE, all[i], NULL, "proceduralist decided: Dr P", 0);
		k.minute++;
		cs = state(&k);
		assert_int_equal(blocked_by(cs, PHASE_PRE, all[i]), -1);
		assert_int_equal(st(cs, all[i])->status, CS_OVERRIDDEN);
		assert_int_equal(nblockers(cs, PHASE_PRE), 6 - 1 - i);
		casestate_free(cs);
	}
	timeout_done(&k);
	cs = state(&k);
	assert_int_equal(nblockers(cs, PHASE_PRE), 0);
	casestate_free(cs);
	kase_free(&k);
}

/* An override given before the dangerous answer does not pass it; a
 * correction (amend) does. */
static void
test_override_must_follow_the_answer(void **state_)
{
	(void)state_;
	struct kase k = {.cl = tu_builtin("sacral-nerve-root-block"), .side = "right", .level = "S1"};
	chart_phase(&k, PHASE_PRE, NULL);
	timeout_done(&k);
	struct casestate *cs = state(&k);
	assert_int_equal(nblockers(cs, PHASE_PRE), 0);
	casestate_free(cs);

	add(&k, ACTION_OVERRIDE, "side", NULL, "ticked early", 0);
	k.minute++;
	int64_t left = record(&k, "side", "left");
	k.minute++;
	cs = state(&k);
	assert_int_equal(blocked_by(cs, PHASE_PRE, "side"), BLOCK_RULE);
	assert_int_equal(st(cs, "side")->status, CS_FLAGGED);
	casestate_free(cs);

	add(&k, ACTION_AMEND, "side", "right", "patient said right; consent says right", left);
	cs = state(&k);
	assert_int_equal(blocked_by(cs, PHASE_PRE, "side"), -1);
	assert_int_equal(st(cs, "side")->must, CS_RULE_OK);
	assert_int_equal(nblockers(cs, PHASE_PRE), 0);
	casestate_free(cs);
	kase_free(&k);
}

/* A cross-check in the procedure phase: the level seen on imaging against
 * the case's level holds the post-procedure phase until corrected. */
static void
test_level_on_imaging(void **state_)
{
	(void)state_;
	struct kase k = {.cl = tu_builtin("sacral-nerve-root-block"), .side = "right", .level = "S1"};
	chart_phase(&k, PHASE_PRE, NULL);
	timeout_done(&k);
	add(&k, ACTION_PHASE_START, "procedure", NULL, NULL, 0);
	const char *over[] = {"level_imaging", "S3", "guidance", "fluoroscopy", NULL};
	chart_phase(&k, PHASE_PROCEDURE, over);
	struct casestate *cs = state(&k);
	assert_int_equal(blocked_by(cs, PHASE_PROCEDURE, "level_imaging"), BLOCK_RULE);
	struct buf t = {0};
	casestate_problem(cs, st(cs, "level_imaging"), &t);
	assert_non_null(strstr(t.data, "Level S3 does not match the case level S1"));
	buf_free(&t);
	/* the pick list starts on the case's own level */
	const struct item *it = checklist_item(k.cl, "level_imaging");
	assert_string_equal(it->choices[casestate_default_choice(cs, it)], "S1");
	casestate_free(cs);
	kase_free(&k);
}

/* A stop answer on an item that is not a stop is flagged, not blocking. */
static void
test_stop_answer_on_a_plain_item(void **state_)
{
	(void)state_;
	struct kase k = {.cl = tu_builtin("si-joint-injection"), .side = "left", .level = ""};
	chart_phase(&k, PHASE_PRE, NULL);
	timeout_done(&k);
	add(&k, ACTION_PHASE_START, "procedure", NULL, NULL, 0);
	chart_phase(&k, PHASE_PROCEDURE, NULL);
	add(&k, ACTION_PHASE_START, "post", NULL, NULL, 0);
	const char *over[] = {"puncture_site", "haematoma - pressure and escalate", NULL};
	chart_phase(&k, PHASE_POST, over);
	struct casestate *cs = state(&k);
	const struct item_state *is = st(cs, "puncture_site");
	assert_true(is->stop_answer);
	assert_int_equal(is->status, CS_FLAGGED);
	assert_int_equal(blocked_by(cs, PHASE_POST, "puncture_site"), -1);
	struct cs_check chk;
	casestate_check_entry(cs, is->it, "haematoma - pressure and escalate", 0, &chk);
	assert_true(chk.stop_answer && !chk.blocks);
	assert_string_equal(chk.flag, "stop");
	assert_non_null(strstr(chk.msg, "saved flagged [!]"));
	casestate_free(cs);
	kase_free(&k);
}

/*
 * A local-only SI joint injection: no sedation item is counted, no timer
 * runs, nothing conditional asks for an n/a; recording a sedation drug after
 * all brings the intra-procedure vitals back, due from that moment.
 */
static void
test_local_only_si_joint(void **state_)
{
	(void)state_;
	struct kase k = {.cl = tu_builtin("si-joint-injection"), .side = "left", .level = ""};
	const char *over[] = {"sedation_plan", "local only", "injection_type", "diagnostic",
	    "diabetes", "no", "contrast_reaction", "none", NULL};
	chart_phase(&k, PHASE_PRE, over);
	struct casestate *cs = state(&k);
	const char *not_needed[] = {"contrast_premed", "glucose", "last_solids", "last_clears",
	    "iv_access", "sedation_assessment", "monitoring"};
	for (size_t i = 0; i < ARRAY_SIZE(not_needed); i++) {
		const struct item_state *is = st(cs, not_needed[i]);
		assert_false(is->applies);
		assert_null(is->cur);		/* never answered, not even n/a */
	}
	/* only the time-out blocks: no n/a was typed for any of them */
	assert_int_equal(nblockers(cs, PHASE_PRE), 1);
	assert_int_equal(cs->done[PHASE_PRE], cs->total[PHASE_PRE]);
	size_t first, n = checklist_phase_items(k.cl, PHASE_PRE, &first);
	assert_int_equal(cs->total[PHASE_PRE], (int)n - 7);
	struct buf t = {0};
	casestate_not_needed(cs, st(cs, "iv_access"), false, &t);
	assert_string_equal(t.data, "not needed: Sedation plan is local only");
	buf_free(&t);
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		const struct item_state *is = &cs->items[i];
		if (is->it->phase == PHASE_PRE)
			assert_true(is->status != CS_NA);
	}
	casestate_free(cs);

	timeout_done(&k);
	add(&k, ACTION_PHASE_START, "procedure", NULL, NULL, 0);
	k.minute += 40;
	cs = state(&k);
	int64_t due;
	assert_false(st(cs, "vitals_intra")->applies);
	assert_false(st(cs, "sedation")->applies);
	assert_false(casestate_due(cs, st(cs, "vitals_intra"), &due));
	int soon, overdue;
	int64_t next;
	casestate_timers(cs, INT64_C(1795680000000) + 24 * 3600000, &soon, &overdue, &next);
	assert_int_equal(overdue, 0);
	/* diagnostic only: no steroid asked for; fluoroscopy: no CT dose */
	assert_false(st(cs, "steroid")->applies);
	casestate_free(cs);

	/* midazolam given after all: monitoring comes back, due from then */
	int at = k.minute;
	record(&k, "sedation", "drug=midazolam; dose=1; unit=mg; route=IV; site=L hand; lot=A; "
	    "expiry=2099-01; time=09:00; given_by=Dr P");
	k.minute++;
	cs = state(&k);
	const struct item_state *vi = st(cs, "vitals_intra");
	assert_true(vi->applies);
	assert_true(casestate_due(cs, vi, &due));
	assert_true(due == INT64_C(1795680000000) + (int64_t)at * 60000);
	assert_int_equal(blocked_by(cs, PHASE_PROCEDURE, "vitals_intra"), BLOCK_REQUIRED);
	casestate_free(cs);
	kase_free(&k);
}

/* The sedation plan answer changes: the item comes back, counted and
 * required, and its words say why it was not needed before. */
static void
test_condition_comes_back(void **state_)
{
	(void)state_;
	struct kase k = {.cl = tu_builtin("si-joint-injection"), .side = "left", .level = ""};
	int64_t plan = record(&k, "sedation_plan", "local only");
	k.minute++;
	struct casestate *cs = state(&k);
	int total = cs->total[PHASE_PRE];
	assert_false(st(cs, "iv_access")->applies);
	casestate_free(cs);
	add(&k, ACTION_AMEND, "sedation_plan", "moderate", "patient anxious: moderate sedation",
	    plan);
	cs = state(&k);
	assert_true(st(cs, "iv_access")->applies);
	assert_true(st(cs, "last_solids")->applies);
	assert_int_equal(cs->total[PHASE_PRE], total + 5);
	assert_int_equal(blocked_by(cs, PHASE_PRE, "iv_access"), BLOCK_REQUIRED);
	casestate_free(cs);
	kase_free(&k);
}

/* Sacroplasty's second-hour observations start one interval after the first
 * hour's last entry; intra-procedure vitals end with the procedure. */
static void
test_after_and_until_timers(void **state_)
{
	(void)state_;
	struct kase k = {.cl = tu_builtin("sacroplasty"), .side = "bilateral", .level = "S1-S3"};
	const char *pre[] = {"sedation_plan", "moderate", NULL};
	chart_phase(&k, PHASE_PRE, pre);
	timeout_done(&k);
	int proc = k.minute;
	add(&k, ACTION_PHASE_START, "procedure", NULL, NULL, 0);
	struct casestate *cs = state(&k);
	int64_t due, base = INT64_C(1795680000000);
	assert_true(casestate_due(cs, st(cs, "vitals_intra"), &due));
	assert_true(due == base + (int64_t)proc * 60000);
	casestate_free(cs);

	record(&k, "vitals_intra", "sys=120; dia=70; hr=70; rr=14; spo2=97");
	k.minute += 15;
	record(&k, "procedure_end", "08:50");
	cs = state(&k);
	assert_false(casestate_due(cs, st(cs, "vitals_intra"), &due));	/* ended by procedure_end */
	assert_int_equal(blocked_by(cs, PHASE_PROCEDURE, "vitals_intra"), -1);
	casestate_free(cs);

	add(&k, ACTION_PHASE_START, "post", NULL, NULL, 0);
	int post = k.minute;
	cs = state(&k);
	assert_true(casestate_due(cs, st(cs, "vitals_post"), &due));
	assert_true(due == base + (int64_t)post * 60000);
	assert_false(casestate_due(cs, st(cs, "vitals_post_q30"), &due));	/* not yet */
	casestate_free(cs);
	for (int i = 0; i < 4; i++) {
		k.minute = post + 15 * i;
		record(&k, "vitals_post", "sys=120; dia=70; hr=70; rr=14; spo2=97");
		cs = state(&k);
		assert_true(casestate_due(cs, st(cs, "vitals_post_q30"), &due) == (i == 3));
		casestate_free(cs);
	}
	cs = state(&k);
	assert_true(casestate_due(cs, st(cs, "vitals_post_q30"), &due));
	assert_true(due == base + (int64_t)(post + 45 + 30) * 60000);
	casestate_free(cs);
	kase_free(&k);
}

/* An observation made more than half an interval early is flagged early. */
static void
test_early_observation(void **state_)
{
	(void)state_;
	struct kase k = {.cl = tu_builtin("sacroplasty"), .side = "left", .level = "S2"};
	chart_phase(&k, PHASE_PRE, NULL);
	timeout_done(&k);
	add(&k, ACTION_PHASE_START, "procedure", NULL, NULL, 0);
	chart_phase(&k, PHASE_PROCEDURE, NULL);
	add(&k, ACTION_PHASE_START, "post", NULL, NULL, 0);
	int post = k.minute;
	int64_t base = INT64_C(1795680000000);
	record(&k, "vitals_post", "sys=120; dia=70; hr=70; rr=14; spo2=97");
	struct casestate *cs = state(&k);
	const struct item *vp = checklist_item(k.cl, "vitals_post");
	struct cs_check chk;
	/* the second is due at +15: at +5 it is early, at +8 it is not */
	casestate_check_entry(cs, vp, "sys=120", base + (int64_t)(post + 5) * 60000, &chk);
	assert_true(chk.early);
	assert_string_equal(chk.flag, "early");
	assert_non_null(strstr(chk.msg, "more than half an interval early"));
	casestate_check_entry(cs, vp, "sys=120", base + (int64_t)(post + 8) * 60000, &chk);
	assert_false(chk.early);
	/* the second hour before the first is complete: early */
	casestate_check_entry(cs, checklist_item(k.cl, "vitals_post_q30"), "sys=120",
	    base + (int64_t)(post + 5) * 60000, &chk);
	assert_true(chk.early);
	assert_non_null(strstr(chk.msg, "its timer starts after"));
	casestate_free(cs);

	k.minute = post + 5;
	record(&k, "vitals_post", "sys=121; dia=70; hr=70; rr=14; spo2=97");
	cs = state(&k);
	assert_int_equal(st(cs, "vitals_post")->early, 1);
	assert_int_equal(st(cs, "vitals_post")->status, CS_FLAGGED);
	assert_true(cs->ev[cs->nev - 1].early);
	assert_false(cs->ev[cs->nev - 2].early);
	casestate_free(cs);
	kase_free(&k);
}

/* What the entry dialogs call before saving. */
static void
test_check_entry_and_default_choice(void **state_)
{
	(void)state_;
	struct kase k = {.cl = tu_builtin("sacral-nerve-root-block"), .side = "right", .level = "S1"};
	struct casestate *cs = state(&k);
	const struct item *side = checklist_item(k.cl, "side");
	struct cs_check chk;

	casestate_check_entry(cs, side, "left", 0, &chk);
	assert_true(chk.rule && chk.blocks && !chk.stop_answer);
	assert_string_equal(chk.flag, "rule");
	assert_non_null(strstr(chk.msg, "Side LEFT does not match the case side RIGHT: re-verify "
	    "with the patient, consent, order and site mark; correct the entry or the case, or "
	    "override with a reason"));
	casestate_check_entry(cs, side, "right", 0, &chk);
	assert_false(chk.rule || chk.blocks);
	assert_string_equal(chk.msg, "");
	assert_string_equal(side->choices[casestate_default_choice(cs, side)], "right");

	casestate_check_entry(cs, checklist_item(k.cl, "inr"), "2.6", 0, &chk);
	assert_true(chk.stop_answer && chk.blocks);
	assert_non_null(strstr(chk.msg, "INR 2.6 is beyond the stop limit (above 1.5)"));
	assert_non_null(strstr(chk.msg, "holds the procedure until the entry is corrected or "
	    "overridden"));
	casestate_check_entry(cs, checklist_item(k.cl, "inr"), "1.5", 0, &chk);
	assert_false(chk.stop_answer);
	char flag[64];
	casestate_check_entry(cs, checklist_item(k.cl, "platelets"), "30", 0, &chk);
	casestate_flag_join("low", &chk, flag, sizeof flag);
	assert_string_equal(flag, "low,stop");
	casestate_flag_join("", &chk, flag, sizeof flag);
	assert_string_equal(flag, "stop");

	casestate_check_entry(cs, checklist_item(k.cl, "pregnancy"),
	    "test positive - physician decides", 0, &chk);
	assert_true(chk.stop_answer && chk.blocks);
	assert_non_null(strstr(chk.msg, "is a stop answer for Pregnancy status (test positive "
	    "stops)"));
	/* no must, no default */
	assert_int_equal(casestate_default_choice(cs, checklist_item(k.cl, "diabetes")), -1);
	casestate_free(cs);

	/* a case without a side: the cross-check is pending, no default */
	k.side = "";
	cs = state(&k);
	casestate_check_entry(cs, side, "left", 0, &chk);
	assert_true(chk.pending && !chk.rule);
	assert_int_equal(casestate_default_choice(cs, side), -1);
	casestate_free(cs);
	kase_free(&k);
}

/* A must that is a condition on another answer: steroid on a suspected
 * septic joint is flagged (the SI septic question itself stops). */
static void
test_must_on_another_item(void **state_)
{
	(void)state_;
	struct kase k = {.cl = tu_builtin("si-joint-injection"), .side = "left", .level = ""};
	const char *over[] = {"injection_type", "therapeutic",
	    "septic_suspected", "yes - no steroid, tell proceduralist", NULL};
	chart_phase(&k, PHASE_PRE, over);
	struct casestate *cs = state(&k);
	assert_int_equal(blocked_by(cs, PHASE_PRE, "septic_suspected"), BLOCK_STOP_ANSWER);
	struct cs_check chk;
	casestate_check_entry(cs, checklist_item(k.cl, "steroid"), "drug=triamcinolone", 0, &chk);
	assert_true(chk.rule && !chk.blocks);
	assert_non_null(strstr(chk.msg, "Septic arthritis suspected is yes - no steroid"));
	casestate_free(cs);
	kase_free(&k);
}

/* Contrast after an allergic-like reaction without premedication: said
 * before saving (the contrast item's must), saved flagged, shown [!]; a
 * physiologic reaction, none, or premedication on record passes. */
static void
test_contrast_after_allergic_reaction(void **state_)
{
	(void)state_;
	const char *names[] = {"piriformis-injection", "sacral-nerve-root-block",
	    "si-joint-injection", "disc-aspiration-biopsy", "percutaneous-discectomy",
	    "vertebral-biopsy", "sacroplasty"};
	const char *contrast = "drug=iohexol; dose=3; unit=mL; route=perineural; site=S1; "
	    "lot=C1; expiry=2099-12; time=09:00; given_by=Dr P";
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		struct kase k = {.cl = tu_builtin(names[i]), .side = "right", .level = "S1"};
		const struct item *it = checklist_item(k.cl, "contrast");
		assert_non_null(it);
		assert_non_null(it->must);
		struct cs_check chk;

		/* not known yet: pending, nothing said */
		struct casestate *cs = state(&k);
		casestate_check_entry(cs, it, contrast, 0, &chk);
		assert_true(chk.pending && !chk.rule && chk.msg[0] == '\0');
		casestate_free(cs);

		record(&k, "contrast_reaction", "allergic-like moderate-severe");
		cs = state(&k);
		casestate_check_entry(cs, it, contrast, 0, &chk);
		assert_true(chk.rule && !chk.blocks);
		assert_string_equal(chk.flag, "rule");
		assert_non_null(strstr(chk.msg, "Prior reaction to contrast is none or physiologic "
		    "only or Contrast premedication is recorded"));
		assert_non_null(strstr(chk.msg, "allergic-like moderate-severe"));
		/* where the checklist has the needle check, "not used" passes it */
		const struct item *check = checklist_item(k.cl, "contrast_check");
		if (check != NULL) {
			casestate_check_entry(cs, check, "confirmed", 0, &chk);
			assert_true(chk.rule);
			casestate_check_entry(cs, check, "not used", 0, &chk);
			assert_false(chk.rule);
		}
		casestate_free(cs);
		/* saved anyway (the record says what is true): [!] */
		record(&k, "contrast", contrast);
		cs = state(&k);
		assert_int_equal(st(cs, "contrast")->must, CS_RULE_FAIL);
		assert_string_equal(casestate_glyph(st(cs, "contrast")->status), "[!]");
		casestate_free(cs);
		/* the premedication on record passes it */
		record(&k, "contrast_premed", "drug=prednisone; dose=50; unit=mg; route=PO; "
		    "site=oral; lot=P1; expiry=2099-12; time=07:00; given_by=RN QA");
		cs = state(&k);
		assert_int_equal(st(cs, "contrast")->must, CS_RULE_OK);
		casestate_free(cs);
		kase_free(&k);

		k = (struct kase){.cl = tu_builtin(names[i]), .side = "right", .level = "S1"};
		record(&k, "contrast_reaction", "physiologic only");
		record(&k, "contrast", contrast);
		cs = state(&k);
		assert_int_equal(st(cs, "contrast")->must, CS_RULE_OK);
		casestate_free(cs);
		kase_free(&k);
	}
}

/* The banner's allergies come from the declared item, whole; another item
 * whose key mentions allergy never replaces them. */
static void
test_allergy_item(void **state_)
{
	(void)state_;
	const char *names[] = {"piriformis-injection", "sacral-nerve-root-block",
	    "si-joint-injection", "disc-aspiration-biopsy", "percutaneous-discectomy",
	    "vertebral-biopsy", "sacroplasty"};
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		struct checklist *cl = tu_builtin(names[i]);
		assert_non_null(cl->allergy_item);
		assert_string_equal(cl->allergy_item->key, "allergies");
		checklist_free(cl);
	}

	/* the old sacroplasty bug: "cement_allergy = no" after the allergies */
	const char *csv =
	    "phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint\n"
	    "meta,title,T,,,,,,,,,\nmeta,risk,high,,,,,,,,,\nmeta,allergy_item,allergies,,,,,,,,,\n"
	    "pre,allergies,Allergies,text,,,,,yes,,,\n"
	    "pre,cement_allergy,Cement allergy,choice,,,,no|yes,yes,,,\n"
	    "procedure,timeout,Time-out,timeout,,,,a,yes,yes,,\n"
	    "post,discharge,Discharge,check,,,,,yes,yes,,\n";
	struct cl_errors errs = {0};
	struct kase k = {.side = "right", .level = "S1"};
	assert_int_equal(checklist_parse("t.csv", "t", csv, strlen(csv), &k.cl, &errs), ST_OK);
	const char *text = "iodinated contrast - anaphylaxis 2019 (ICU), chlorhexidine - rash, "
	    "latex - urticaria, penicillin - angioedema; premedication per ACR";
	record(&k, "allergies", text);
	record(&k, "cement_allergy", "no");
	struct casestate *cs = state(&k);
	assert_string_equal(cs->allergies, text);	/* whole, not cut */
	assert_string_equal(cs->allergy->it->key, "allergies");
	casestate_free(cs);
	kase_free(&k);

	/* a declared item that does not exist, or is not text or choice */
	char *bad = xasprintf("%s", csv);
	char *p = strstr(bad, "allergy_item,allergies");
	memcpy(p, "allergy_item,allergiez", strlen("allergy_item,allergiez"));
	struct checklist *cl = NULL;
	assert_int_equal(checklist_parse("t.csv", "t", bad, strlen(bad), &cl, &errs), ST_DATAERR);
	assert_int_equal(errs.v[0].line, 4);
	assert_int_equal(errs.v[0].column, 3);
	assert_non_null(strstr(errs.v[0].msg, "allergy_item 'allergiez': no item"));
	cl_errors_free(&errs);
	free(bad);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_acceptance_sacral_block),
		cmocka_unit_test(test_override_must_follow_the_answer),
		cmocka_unit_test(test_level_on_imaging),
		cmocka_unit_test(test_stop_answer_on_a_plain_item),
		cmocka_unit_test(test_local_only_si_joint),
		cmocka_unit_test(test_condition_comes_back),
		cmocka_unit_test(test_after_and_until_timers),
		cmocka_unit_test(test_early_observation),
		cmocka_unit_test(test_check_entry_and_default_choice),
		cmocka_unit_test(test_must_on_another_item),
		cmocka_unit_test(test_allergy_item),
		cmocka_unit_test(test_contrast_after_allergic_reaction),
	};
	return cmocka_run_group_tests_name("safety", tests, NULL, NULL);
}
