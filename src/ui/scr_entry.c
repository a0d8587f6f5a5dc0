/*
 * scr_entry: the entry dialogs, one per item kind, and the steps after them:
 * acknowledging a value outside its soft range, the override reason for an
 * expired lot, the reason for an amendment.  Whatever the path, a confirmed
 * entry becomes ONE event, committed before the screen says "Saved"; when
 * the write fails the "NOT saved" dialog opens over the dialog that holds the
 * typed input, so Enter (or y) there retries.
 *
 * The dialogs share one entry context (reference-counted, as each dialog on
 * the stack holds it); it owns its own copy of the case state so that a
 * reload of the case screen behind cannot pull the item from under it.
 */
#include "ui_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casestate.h"
#include "clock.h"
#include "drugtab.h"
#include "entry.h"
#include "holdtab.h"

struct ectx {
	int refs;
	struct casestate *cs;
	const struct item *it;
	int64_t amend_of;
	char *value, *unit, *flag, *reason;
	char *checked;		/* the value the checklist's rules were last said for */
	const char *const *choices;	/* for a pick */
	size_t nchoices;
	char vit_hints[VIT__COUNT][80];	/* the vitals form's field hints */
	/* the tables (the app's catalogue, which outlives the dialog); for a
	 * med, the dose field's hint and what the expired-lot form names */
	const struct drugtab *drugs;
	const struct holdtab *holds;
	char dose_hint[160];
	bool expired;
	char *lot, *drug, *expiry;
	const char **at_drugs;	/* antithrombotic: none, then the hold table's drugs */
};

static struct ectx *
ref(struct ectx *e)
{
	e->refs++;
	return e;
}

static void
ectx_free(struct ectx *e)
{
	casestate_free(e->cs);
	free(e->value);
	free(e->unit);
	free(e->flag);
	free(e->reason);
	free(e->checked);
	free(e->lot);
	free(e->drug);
	free(e->expiry);
	free(e->at_drugs);
	free(e);
}

static void
unref(void *p)
{
	struct ectx *e = p;
	if (e != NULL && --e->refs == 0)
		ectx_free(e);
}

static void
set(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s ? s : "");
}

static enum outcome
commit(struct app *a, struct ectx *e, const char *amend_reason)
{
	struct err err = {0};
	struct chart_entry ce = {.value = e->value, .unit = e->unit, .flag = e->flag,
	    .note = e->reason, .amends = e->amend_of, .reason = amend_reason};
	if (!ui_saved(a, chart_record(a->db, a->staff.code, e->cs->c.id, e->it, &ce, &err), &err))
		return OUT_PUSH;
	char *sum = entry_summary(e->it->kind, e->value, e->unit);
	ui_message(a, e->flag && *e->flag ? ROLE_WARN : ROLE_DONE, "Saved: %s%s%s%s",
	    e->it->label, *sum ? " " : "", sum, e->flag && *e->flag ? " (flagged)" : "");
	free(sum);
	return OUT_POP_MODAL;
}

static enum outcome
amend_submit(struct app *a, struct form *f)
{
	struct err err = {0};
	if (entry_reason(f->f[0].val, &err) != ST_OK) {
		ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		return OUT_STAY;
	}
	return commit(a, f->ctx, f->f[0].val);
}

static enum outcome finish(struct app *a, struct ectx *e);

static enum outcome
rules_yes(struct app *a, void *ctx)
{
	return finish(a, ctx);
}

/*
 * The checklist's rules on the answer about to be saved (casestate): a stop
 * answer, an answer that fails its cross-check (LEFT on a RIGHT case) or an
 * observation long before it is due is said first, in words, and saved only
 * when seen; its flag words join the entry's flag for the audit record.
 * Returns OUT_STAY when there is nothing to say (go on saving).
 */
static enum outcome
say_rules(struct app *a, struct ectx *e)
{
	struct cs_check chk;
	char flag[64];
	if (e->checked != NULL && strcmp(e->checked, e->value) == 0)
		return OUT_STAY;	/* seen: y in the dialog below */
	set(&e->checked, e->value);
	casestate_check_entry(e->cs, e->it, e->value, ui_now_ms(), &chk);
	casestate_flag_join(e->flag ? e->flag : "", &chk, flag, sizeof flag);
	set(&e->flag, flag);
	if (chk.msg[0] == '\0')
		return OUT_STAY;
	char *t = xasprintf("%s\n\n%s\ny saves it flagged [!], n goes back to change it.",
	    chk.msg, chk.blocks ? "Once saved it blocks the next phase until it is corrected "
	    "(e amends) or overridden with a reason (o)." : "It is saved flagged [!].");
	ui_set_next(a, &ui_confirm, confirm_new(chk.stop_answer ? "STOP answer" : chk.rule ?
	    "Does not match" : "Before it is due", t, rules_yes, NULL, ref(e), unref));
	free(t);
	return OUT_PUSH;
}

/* The value is complete: save it, or for an amendment ask why first. */
static enum outcome
finish(struct app *a, struct ectx *e)
{
	enum outcome said = say_rules(a, e);
	if (said != OUT_STAY)
		return said;
	if (e->amend_of == 0)
		return commit(a, e, NULL);
	char title[120];
	snprintf(title, sizeof title, "Amend: %.60s", e->it->label);
	struct form *f = form_new(title, amend_submit, ref(e), unref);
	char *sum = entry_summary(e->it->kind, e->value, e->unit);
	snprintf(f->intro, sizeof f->intro, "New value: %s. The old entry stays in the "
	    "history, marked superseded.", *sum ? sum : e->value);
	free(sum);
	form_add(f, "Reason", "", "why the correction, e.g. typed on the wrong patient line");
	ui_set_next(a, &ui_form, f);
	return OUT_PUSH;
}

static enum outcome
ack_yes(struct app *a, void *ctx)
{
	return finish(a, ctx);
}

/* A value outside its soft range: shown flagged, saved only when seen. */
static enum outcome
acknowledge(struct app *a, struct ectx *e, const char *what)
{
	char *t = xasprintf("%s\n\nThe entry will be saved flagged [!]. Has the value been "
	    "checked and the responsible clinician told if needed?\ny saves it flagged, n goes "
	    "back to change it.", what);
	ui_set_next(a, &ui_confirm, confirm_new("Outside the usual range", t, ack_yes, NULL,
	    ref(e), unref));
	free(t);
	return OUT_PUSH;
}

/* --- simple kinds: number, text, time ------------------------------------ */

static enum outcome
simple_submit(struct app *a, struct form *f)
{
	struct ectx *e = f->ctx;
	struct err err = {0};
	const char *s = f->f[0].val;

	switch (e->it->kind) {
	case KIND_NUMBER: {
		double v;
		const char *flag;
		char num[NUM_MAX];
		if (entry_number(s, e->it, &v, num, &flag, &err) != ST_OK)
			break;
		set(&e->value, num);
		set(&e->unit, e->it->unit);
		set(&e->flag, flag);
		if (*flag) {
			char range[64];
			entry_range_text(e->it, range, sizeof range);
			char *what = xasprintf("%s %s%s%s is %s: usual %s.", e->it->label, num,
			    *e->it->unit ? " " : "", e->it->unit, flag, range);
			enum outcome o = acknowledge(a, e, what);
			free(what);
			return o;
		}
		return finish(a, e);
	}
	case KIND_TIME: {
		char tm[6];
		if (entry_time(s, tm, &err) != ST_OK)
			break;
		set(&e->value, tm);
		return finish(a, e);
	}
	default:
		if (entry_has_control(s)) {
			err_set(&err, ST_DATAERR, "control characters are not allowed");
			break;
		}
		if (*s == '\0') {
			err_set(&err, ST_DATAERR, "type the text, or Esc and a for not applicable");
			break;
		}
		set(&e->value, s);
		set(&e->unit, e->it->unit);
		return finish(a, e);
	}
	ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
	return OUT_STAY;
}

/* --- vitals -------------------------------------------------------------- */

static enum outcome
vitals_submit(struct app *a, struct form *f)
{
	struct ectx *e = f->ctx;
	struct err err = {0};
	const char *in[VIT__COUNT];
	struct buf value = {0}, flag = {0};
	int bad;

	for (int i = 0; i < VIT__COUNT; i++)
		in[i] = f->f[i].val;
	if (entry_vitals(in, &value, &flag, &bad, &err) != ST_OK) {
		ui_copy(f->f[bad].err, sizeof f->f[bad].err, err.msg);
		f->sel = bad;
		buf_free(&value);
		buf_free(&flag);
		return OUT_STAY;
	}
	set(&e->value, value.data);
	set(&e->flag, flag.data);
	set(&e->unit, "");
	buf_free(&value);
	buf_free(&flag);
	if (*e->flag) {
		char *sum = entry_summary(KIND_VITALS, e->value, "");
		struct buf out = {0};
		for (int i = 0; i < VIT__COUNT; i++) {
			const struct vital_def *d = entry_vital(i);
			char key[16];
			snprintf(key, sizeof key, "%s:", d->key);
			const char *hit = strstr(e->flag, key);
			if (hit == NULL || (hit != e->flag && hit[-1] != ','))
				continue;
			char *v = entry_kv_get(e->value, d->key);
			if (d->has_high)
				buf_printf(&out, "\n  %s %s %s: usual %g-%g", d->label, v ? v : "?",
				    strncmp(hit + strlen(key), "low", 3) == 0 ? "LOW" : "HIGH", d->low,
				    d->high);
			else
				buf_printf(&out, "\n  %s %s LOW: usual %g or more", d->label,
				    v ? v : "?", d->low);
			free(v);
		}
		char *what = xasprintf("%s\nOutside the NEWS2 score-0 band:%s", sum,
		    out.data ? out.data : "");
		buf_free(&out);
		enum outcome o = acknowledge(a, e, what);
		free(what);
		free(sum);
		return o;
	}
	return finish(a, e);
}

/* --- med ----------------------------------------------------------------- */

static enum outcome
expired_submit(struct app *a, struct form *f)
{
	struct ectx *e = f->ctx;
	struct err err = {0};
	if (entry_reason(f->f[0].val, &err) != ST_OK) {
		ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		return OUT_STAY;
	}
	char *r = xasprintf("expired lot given: %s", f->f[0].val);
	set(&e->reason, r);
	free(r);
	set(&e->flag, *e->flag ? "unit,expired" : "expired");
	return finish(a, e);
}

/* An expired lot is refused unless overridden with a reason; else save. */
static enum outcome
med_expired(struct app *a, struct ectx *e)
{
	if (!e->expired)
		return finish(a, e);
	struct form *r = form_new("EXPIRED LOT", expired_submit, ref(e), unref);
	snprintf(r->intro, sizeof r->intro, "Lot %s of %s expired (%s). Do not give it unless "
	    "there is no alternative. Esc goes back; to record it anyway give the reason.",
	    e->lot, e->drug, e->expiry);
	form_add(r, "Override reason", "", "e.g. no other stock, approved by Dr X");
	ui_set_next(a, &ui_form, r);
	return OUT_PUSH;
}

static enum outcome
unit_yes(struct app *a, void *ctx)
{
	return med_expired(a, ctx);
}

/* The dose field's hint: the drug's plausible single dose (drug table). */
static void
dose_hint(struct ectx *e, const char *drug)
{
	const struct drug *d = drugtab_find(e->drugs, drug);
	char range[96] = "";
	if (d != NULL)
		drugtab_range_text(d, range, sizeof range);
	if (*range)
		snprintf(e->dose_hint, sizeof e->dose_hint, "amount; %s: one dose %s is plausible",
		    d->name, range);
	else
		snprintf(e->dose_hint, sizeof e->dose_hint, "amount, e.g. 40");
}

/* The unit field follows the drug: its "drug:unit" in the item, else the
 * drug table's, else the item's (drugtab_unit_for). */
static void
med_changed(struct form *f, int i)
{
	struct ectx *e = f->ctx;
	if (i != MED_DRUG)
		return;
	field_set(&f->f[MED_UNIT], drugtab_unit_for(e->drugs, e->it, f->f[MED_DRUG].val));
	dose_hint(e, f->f[MED_DRUG].val);
}

static enum outcome
med_submit(struct app *a, struct form *f)
{
	struct ectx *e = f->ctx;
	struct err err = {0};
	const char *in[MED__COUNT];
	struct buf value = {0};
	char today[11], dose_text[NUM_MAX];
	double dose;
	struct dose_check dc;
	int bad;

	clock_local_day(0, today);
	for (int i = 0; i < MED__COUNT; i++)
		in[i] = f->f[i].val;
	if (entry_med(in, today, &value, &e->expired, &bad, &err) != ST_OK) {
		ui_copy(f->f[bad].err, sizeof f->f[bad].err, err.msg);
		f->sel = bad;
		buf_free(&value);
		return OUT_STAY;
	}
	/* entry_med took the dose: a number */
	num_parse(in[MED_DOSE], &dose, dose_text, &err);
	drugtab_check_dose(e->drugs, e->it, in[MED_DRUG], dose, dose_text, in[MED_UNIT], &dc);
	if (dc.refuse) {
		ui_copy(f->f[MED_DOSE].err, sizeof f->f[MED_DOSE].err, dc.msg);
		f->sel = MED_DOSE;
		buf_free(&value);
		return OUT_STAY;
	}
	set(&e->value, value.data);
	set(&e->unit, in[MED_UNIT]);
	set(&e->flag, dc.unit ? "unit" : "");
	set(&e->reason, "");
	set(&e->lot, in[MED_LOT]);
	set(&e->drug, in[MED_DRUG]);
	set(&e->expiry, in[MED_EXPIRY]);
	buf_free(&value);
	if (!dc.unit)
		return med_expired(a, e);
	char *t = xasprintf("%s\n\nThe entry will be saved flagged [!] unit.\ny saves it "
	    "flagged, n goes back to change it.", dc.msg);
	ui_set_next(a, &ui_confirm, confirm_new("Not the drug's unit", t, unit_yes, NULL, ref(e),
	    unref));
	free(t);
	return OUT_PUSH;
}

/* --- antithrombotic ------------------------------------------------------- */

static enum outcome
hold_yes(struct app *a, void *ctx)
{
	return finish(a, ctx);
}

/*
 * The hold check (holdtab.h): the time since the last dose against the hold
 * table for this case's risk class.  A hold not met, a shared decision or a
 * drug the table lacks is said before saving; only a hold not met is
 * flagged "hold".  It stays the prescriber's decision: nothing is blocked
 * and nothing is ever cleared by the check.
 */
static enum outcome
at_submit(struct app *a, struct form *f)
{
	struct ectx *e = f->ctx;
	struct err err = {0};
	const char *in[AT__COUNT];
	struct buf value = {0};
	struct at_entry at;
	struct hold_check hc;
	int64_t now = ui_now_ms();
	int bad;

	for (int i = 0; i < AT__COUNT; i++)
		in[i] = f->f[i].val;
	if (entry_antithrombotic(in, now, &value, &at, &bad, &err) != ST_OK) {
		ui_copy(f->f[bad].err, sizeof f->f[bad].err, err.msg);
		f->sel = bad;
		buf_free(&value);
		return OUT_STAY;
	}
	holdtab_check(e->holds, at.none ? "none" : in[AT_DRUG], e->cs->cl->risk,
	    at.has_crcl ? &at.crcl : NULL, at.last_ms, now, &hc);
	holdtab_value(&hc, &value);
	set(&e->value, value.data);
	set(&e->unit, "");
	set(&e->flag, hc.result == HOLD_NOT_MET ? "hold" : "");
	buf_free(&value);
	if (hc.msg[0] == '\0')
		return finish(a, e);
	bool flagged = hc.result == HOLD_NOT_MET;
	char *t = xasprintf("%s\n\nThe decision stays with the prescriber: tell them, and record "
	    "what they decide in the hold plan item.\ny saves it%s, n goes back to change it.",
	    hc.msg, flagged ? " flagged [!] hold" : "");
	ui_set_next(a, &ui_confirm, confirm_new(flagged ? "Hold plan not met" : "Hold plan", t,
	    hold_yes, NULL, ref(e), unref));
	free(t);
	return OUT_PUSH;
}

static struct form *
at_form(struct ectx *e, const char *title, int64_t amend_of, const char *prefill)
{
	static const char *const hints[AT__COUNT] = {
		"Left/Right: none, or a drug of the hold table; or type it",
		"e.g. 5 mg twice daily", "local YYYY-MM-DD HH:MM, e.g. 2026-11-25 08:00; or none",
		"optional: mL/min (DOAC holds may depend on it)",
	};
	struct form *f = form_new(title, at_submit, ref(e), unref);
	size_t n;
	const char **drugs = holdtab_drugs(e->holds, &n);

	f->wide = true;
	e->at_drugs = xcalloc(n + 1, sizeof *e->at_drugs);
	e->at_drugs[0] = "none";
	memcpy(e->at_drugs + 1, drugs, n * sizeof *drugs);
	free(drugs);
	snprintf(f->intro, sizeof f->intro, "Bleeding risk of this procedure: %s. On saving, the "
	    "time since the last dose is compared with the hold table; a hold not met is said "
	    "and flagged, and the decision stays with the prescriber.", e->cs->cl->risk);
	for (int i = 0; i < AT__COUNT; i++) {
		char *old = amend_of ? entry_kv_get(prefill, entry_at_key(i)) : NULL;
		struct field *fl = form_add(f, entry_at_label(i), old ? old : "", hints[i]);
		free(old);
		if (i == AT_DRUG)
			form_choices(fl, e->at_drugs, n + 1, false);
	}
	return f;
}

/* --- choice -------------------------------------------------------------- */

static enum outcome
picked(struct app *a, void *ctx, size_t i)
{
	struct ectx *e = ctx;
	set(&e->value, e->choices[i]);
	return finish(a, e);
}

/* --- opening ------------------------------------------------------------- */

static const char *const check_amend[] = {"done", "not done"};

/* An entry context with its own copy of the case state; NULL (said on the
 * status line) when the case cannot be read. */
static struct ectx *
ectx_load(struct app *a, int64_t case_id, const struct item *it0)
{
	struct err err = {0};
	struct ectx *e = xcalloc(1, sizeof *e);
	if (casestate_load(a->db, case_id, NULL, &e->cs, &err) != ST_OK ||
	    (e->it = checklist_item(e->cs->cl, it0->key)) == NULL) {
		ui_message(a, ROLE_ERROR, "%s", err.msg[0] ? err.msg : "item not found");
		ectx_free(e);
		return NULL;
	}
	return e;
}

enum outcome
scr_entry_open(struct app *a, int64_t case_id, const struct item *it0, int64_t amend_of,
    const char *prefill)
{
	struct ectx *e = ectx_load(a, case_id, it0);
	if (e == NULL)
		return OUT_STAY;
	e->amend_of = amend_of;
	e->drugs = a->cat.drugs;
	e->holds = a->cat.holds;
	const struct item *it = e->it;
	char title[120];
	snprintf(title, sizeof title, "%s%.60s", amend_of ? "Amend: " : "", it->label);
	struct form *f = NULL;
	char hint[160];

	switch (it->kind) {
	case KIND_CHECK:
	case KIND_CHOICE:
		e->choices = it->kind == KIND_CHECK ? check_amend : (const char *const *)it->choices;
		e->nchoices = it->kind == KIND_CHECK ? 2 : it->nchoices;
		void *pick = pick_new(title, e->choices, e->nchoices, picked, ref(e), unref);
		int own = amend_of ? -1 : casestate_default_choice(e->cs, it);
		if (own >= 0)
			pick_select(pick, (size_t)own);	/* e.g. the case's own side */
		ui_set_next(a, &ui_pick, pick);
		return OUT_PUSH;
	case KIND_NUMBER:
		f = form_new(title, simple_submit, ref(e), unref);
		if (it->has_low || it->has_high) {
			char range[64];
			entry_range_text(it, range, sizeof range);
			snprintf(hint, sizeof hint, "a number%s%s; usual range %s",
			    *it->unit ? " in " : "", it->unit, range);
		} else
			snprintf(hint, sizeof hint, "a number%s%s", *it->unit ? " in " : "",
			    it->unit);
		form_add(f, *it->unit ? it->unit : "Value", amend_of ? prefill : "", NULL)->hint =
		    NULL;
		snprintf(f->intro, sizeof f->intro, "%s. Enter saves.", hint);
		break;
	case KIND_TEXT:
		f = form_new(title, simple_submit, ref(e), unref);
		form_add(f, "Text", amend_of ? prefill : "", it->hint);
		break;
	case KIND_TIME:
		f = form_new(title, simple_submit, ref(e), unref);
		snprintf(f->intro, sizeof f->intro, "A time of day: empty or now = now; 1430 or "
		    "14:30. Enter saves.");
		form_add(f, "Time", amend_of ? prefill : "", "empty = now");
		break;
	case KIND_VITALS:
		f = form_new(title, vitals_submit, ref(e), unref);
		snprintf(f->intro, sizeof f->intro, "Enter moves down and saves from the last "
		    "field. Temperature and pain may stay empty.");
		for (int i = 0; i < VIT__COUNT; i++) {
			const struct vital_def *d = entry_vital(i);
			char *old = amend_of ? entry_kv_get(prefill, d->key) : NULL;
			struct field *fl = form_add(f, d->label, old ? old : "", NULL);
			free(old);
			char *h = e->vit_hints[i];	/* lives as long as the form */
			if (d->has_low && d->has_high)
				snprintf(h, sizeof e->vit_hints[i], "%s; usual %g-%g (NEWS2 0)",
				    d->unit, d->low, d->high);
			else if (d->has_low)
				snprintf(h, sizeof e->vit_hints[i], "%s; usual >= %g (NEWS2 0)",
				    d->unit, d->low);
			else
				snprintf(h, sizeof e->vit_hints[i], "%s, %g-%g", d->unit, d->min,
				    d->max);
			fl->hint = h;
		}
		break;
	case KIND_ANTITHROMBOTIC:
		f = at_form(e, title, amend_of, prefill);
		break;
	case KIND_MED: {
		f = form_new(title, med_submit, ref(e), unref);
		f->wide = true;
		f->changed = med_changed;
		char *drug = amend_of ? entry_kv_get(prefill, "drug") : NULL;
		dose_hint(e, drug ? drug : "");
		free(drug);
		static const char *const hints[MED__COUNT] = {
			"Left/Right: suggested drugs, or type", NULL,
			"e.g. mg, ml", "Left/Right: SC, intra-articular, IV ..., or type", "e.g. left SI joint",
			"from the label", "YYYY-MM or YYYY-MM-DD, from the label",
			"empty = now; 1430 or 14:30", "staff code", "optional: second staff code",
		};
		for (int i = 0; i < MED__COUNT; i++) {
			char *old = amend_of ? entry_kv_get(prefill, entry_med_key(i)) : NULL;
			const char *init = old ? old : i == MED_UNIT ? it->unit :
			    i == MED_GIVEN_BY ? a->staff.code : "";
			struct field *fl = form_add(f, entry_med_label(i), init, i == MED_DOSE ?
			    e->dose_hint : hints[i]);
			free(old);
			if (i == MED_DRUG && it->nchoices)
				form_choices(fl, (const char *const *)it->choices, it->nchoices, false);
			if (i == MED_ROUTE) {
				size_t n;
				const char *const *routes = entry_routes(&n);
				form_choices(fl, routes, n, false);
			}
		}
		break;
	}
	case KIND_TIMEOUT:
	default:
		ectx_free(e);	/* no dialog took it */
		return OUT_STAY;
	}
	ui_set_next(a, &ui_form, f);
	return OUT_PUSH;
}

/* A check item: one key, one event. */
enum outcome
scr_entry_check(struct app *a, int64_t case_id, const struct item *it)
{
	struct ectx *e = ectx_load(a, case_id, it);
	if (e == NULL)
		return OUT_STAY;
	set(&e->value, "done");
	ref(e);
	enum outcome out = finish(a, e);
	unref(e);	/* the rules' dialog, if any, holds its own reference */
	return out;
}
