/*
 * scr_entry_med: the two medication dialogs of the entry screens.  A med
 * given here: the unit field follows the drug, the dose is checked against
 * the drug table (an implausible dose refused, another unit said and
 * flagged), and an expired lot is saved only with an override reason.  An
 * antithrombotic taken at home: the time since the last dose is checked
 * against the hold table and said before saving, the decision left with the
 * prescriber.  Both end in scr_entry_finish (scr_entry.c), like every entry.
 */
#include "ui_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "drugtab.h"
#include "entry.h"
#include "entry_default.h"
#include "holdtab.h"
#include "scr_entry.h"

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
	scr_entry_set(&e->reason, r);
	free(r);
	scr_entry_set(&e->flag, *e->flag ? "unit,expired" : "expired");
	return scr_entry_finish(a, e);
}

/* An expired lot is refused unless overridden with a reason; else save. */
static enum outcome
med_expired(struct app *a, struct ectx *e)
{
	if (!e->expired)
		return scr_entry_finish(a, e);
	struct form *r = form_new("EXPIRED LOT", expired_submit, scr_entry_ref(e), scr_entry_unref);
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
	/* the same drug again: its route, lot and expiry proposed (not for an
	 * amendment, which starts from the entry it corrects) */
	if (e->amend_of)
		return;
	static const enum med same[] = {MED_ROUTE, MED_LOT, MED_EXPIRY};
	const char *prev = entry_default_med(e->cs, f->f[MED_DRUG].val);
	for (size_t k = 0; k < sizeof same / sizeof same[0]; k++) {
		char *v = prev ? entry_kv_get(prev, entry_med_key(same[k])) : NULL;
		field_default(&f->f[same[k]], v);
		free(v);
	}
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
	scr_entry_set(&e->value, value.data);
	scr_entry_set(&e->unit, in[MED_UNIT]);
	scr_entry_set(&e->flag, dc.unit ? "unit" : "");
	scr_entry_set(&e->reason, "");
	scr_entry_set(&e->lot, in[MED_LOT]);
	scr_entry_set(&e->drug, in[MED_DRUG]);
	scr_entry_set(&e->expiry, in[MED_EXPIRY]);
	buf_free(&value);
	if (!dc.unit)
		return med_expired(a, e);
	char *t = xasprintf("%s\n\nThe entry will be saved flagged [!] unit.\ny saves it "
	    "flagged, n goes back to change it.", dc.msg);
	ui_set_next(a, &ui_confirm, confirm_new("Not the drug's unit", t, unit_yes, NULL,
	    scr_entry_ref(e), scr_entry_unref));
	free(t);
	return OUT_PUSH;
}

/* --- antithrombotic ------------------------------------------------------- */

static enum outcome
hold_yes(struct app *a, void *ctx)
{
	return scr_entry_finish(a, ctx);
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
	scr_entry_set(&e->value, value.data);
	scr_entry_set(&e->unit, "");
	scr_entry_set(&e->flag, hc.result == HOLD_NOT_MET ? "hold" : "");
	buf_free(&value);
	if (hc.msg[0] == '\0')
		return scr_entry_finish(a, e);
	bool flagged = hc.result == HOLD_NOT_MET;
	char *t = xasprintf("%s\n\nThe decision stays with the prescriber: tell them, and record "
	    "what they decide in the hold plan item.\ny saves it%s, n goes back to change it.",
	    hc.msg, flagged ? " flagged [!] hold" : "");
	ui_set_next(a, &ui_confirm, confirm_new(flagged ? "Hold plan not met" : "Hold plan", t,
	    hold_yes, NULL, scr_entry_ref(e), scr_entry_unref));
	free(t);
	return OUT_PUSH;
}

/* No antithrombotic taken: dose, last dose and CrCl have nothing to say, so
 * Enter on the drug saves (when they are still empty). */
static bool
at_complete(const struct form *f, int i)
{
	if (i != AT_DRUG || strcasecmp(f->f[AT_DRUG].val, "none") != 0)
		return false;
	for (int k = AT_DRUG + 1; k < AT__COUNT; k++)
		if (f->f[k].len != 0)
			return false;
	return true;
}

struct form *
scr_entry_med_at_form(struct ectx *e, const char *title, int64_t amend_of, const char *prefill)
{
	static const char *const hints[AT__COUNT] = {
		"Left/Right or 1-9: none (Enter then saves), or a drug of the hold table; or type it",
		"e.g. 5 mg twice daily", "local YYYY-MM-DD HH:MM, e.g. 2026-11-25 08:00; or none",
		"optional: mL/min (DOAC holds may depend on it)",
	};
	struct form *f = form_new(title, at_submit, scr_entry_ref(e), scr_entry_unref);
	size_t n;
	const char **drugs = holdtab_drugs(e->holds, &n);

	f->wide = true;
	f->complete = at_complete;
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

/* What a new med entry proposes: the site (asked once: the last
 * medication's, else the case's side and level), now, the nurse as the
 * giver; the time-out team is offered for who gave and who checked it,
 * never proposed as a check that nobody made. */
static void
med_defaults(struct app *a, struct ectx *e, struct form *f)
{
	char site[ENTRY_DEFAULT_LEN];
	entry_default_site(e->cs, site, sizeof site);
	field_default(&f->f[MED_SITE], site);
	field_default(&f->f[MED_TIME], "now");
	field_default(&f->f[MED_GIVEN_BY], a->staff.code);
	e->nteam = entry_team_members(entry_default_team(e->cs), e->team_buf,
	    sizeof e->team_buf, e->team, sizeof e->team / sizeof e->team[0]);
	if (e->nteam > 0) {
		form_choices(&f->f[MED_GIVEN_BY], e->team, e->nteam, false);
		form_choices(&f->f[MED_CHECKED_BY], e->team, e->nteam, false);
	}
}

struct form *
scr_entry_med_form(struct app *a, struct ectx *e, const char *title, int64_t amend_of,
    const char *prefill)
{
	static const char *const hints[MED__COUNT] = {
		"Left/Right or 1-9: suggested drugs, or type", NULL,
		"e.g. mg, ml", "Left/Right or 1-9: SC, intra-articular, IV ..., or type",
		"e.g. left SI joint; Enter takes the last medication's site, else the case's "
		"side and level",
		"from the label", "YYYY-MM or YYYY-MM-DD, from the label",
		"now, 1430, 14:30 or yesterday 2000", "staff code or name; Left/Right: the time-out team",
		"optional: who checked it with you; Left/Right: the time-out team",
	};
	const struct item *it = e->it;
	struct form *f = form_new(title, med_submit, scr_entry_ref(e), scr_entry_unref);

	f->wide = true;
	f->changed = med_changed;
	char *drug = amend_of ? entry_kv_get(prefill, "drug") : NULL;
	dose_hint(e, drug ? drug : "");
	free(drug);
	for (int i = 0; i < MED__COUNT; i++) {
		char *old = amend_of ? entry_kv_get(prefill, entry_med_key(i)) : NULL, dated[ENTRY_WHEN_LEN];
		const char *init = old ? old : i == MED_UNIT ? it->unit : "";
		if (old != NULL && i == MED_TIME)
			init = scr_entry_dated(e, old, dated);
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
	if (!amend_of)
		med_defaults(a, e, f);
	return f;
}
