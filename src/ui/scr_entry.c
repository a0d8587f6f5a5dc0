/*
 * scr_entry: the entry dialogs, one per item kind, and the steps after them:
 * acknowledging a value outside its soft range, the reason for an
 * amendment.  Whatever the path, a confirmed entry becomes ONE event,
 * committed before the screen says "Saved"; when the write fails the "NOT
 * saved" dialog opens over the dialog that holds the typed input, so Enter
 * (or y) there retries.  A field proposes what the case already knows
 * (entry_default.h).  The choice dialog is scr_entry_choice.c, the med and
 * antithrombotic dialogs (with the override reason for an expired lot)
 * scr_entry_med.c; the entry context the dialogs share is in scr_entry.h.
 */
#include "ui_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casestate.h"
#include "entry.h"
#include "entry_default.h"
#include "scr_entry.h"
#include "scr_note.h"

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

struct ectx *
scr_entry_ref(struct ectx *e)
{
	e->refs++;
	return e;
}

void
scr_entry_unref(void *p)
{
	struct ectx *e = p;
	if (e != NULL && --e->refs == 0)
		ectx_free(e);
}

void
scr_entry_set(char **dst, const char *s)
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
	scr_note_after_save(a, e->cs, e->it, e->value);	/* "describe in a note" */
	return OUT_POP_MODAL;
}

static enum outcome
amend_submit(struct app *a, struct form *f)
{
	struct err err = {0};
	if (entry_reason(f->f[0].val, &err) != ST_OK ||
	    casestate_reason_check(f->f[0].val, &err) != ST_OK) {
		ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		return OUT_STAY;
	}
	return commit(a, f->ctx, f->f[0].val);
}

static enum outcome
rules_yes(struct app *a, void *ctx)
{
	return scr_entry_finish(a, ctx);
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
	scr_entry_set(&e->checked, e->value);
	casestate_check_entry(e->cs, e->it, e->value, ui_now_ms(), &chk);
	casestate_flag_join(e->flag ? e->flag : "", &chk, flag, sizeof flag);
	scr_entry_set(&e->flag, flag);
	if (chk.msg[0] == '\0')
		return OUT_STAY;
	char *t = xasprintf("%s\n\n%s\ny saves it flagged [!], n goes back to change it.",
	    chk.msg, chk.blocks ? "Once saved it blocks the next phase until it is corrected "
	    "(e amends) or overridden with a reason (o)." : "It is saved flagged [!].");
	ui_set_next(a, &ui_confirm, confirm_new(chk.stop_answer ? "STOP answer" : chk.rule ?
	    "Does not match" : "Before it is due", t, rules_yes, NULL, scr_entry_ref(e),
	    scr_entry_unref));
	free(t);
	return OUT_PUSH;
}

/* The value is complete: save it, or for an amendment ask why first. */
enum outcome
scr_entry_finish(struct app *a, struct ectx *e)
{
	enum outcome said = say_rules(a, e);
	if (said != OUT_STAY)
		return said;
	if (e->amend_of == 0)
		return commit(a, e, NULL);
	char title[120];
	snprintf(title, sizeof title, "Amend: %.*s", (int)text_fit(e->it->label, 60, NULL),
	    e->it->label);
	struct form *f = form_new(title, amend_submit, scr_entry_ref(e), scr_entry_unref);
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
	return scr_entry_finish(a, ctx);
}

/* A value outside its soft range: shown flagged, saved only when seen. */
static enum outcome
acknowledge(struct app *a, struct ectx *e, const char *what)
{
	char *t = xasprintf("%s\n\nThe entry will be saved flagged [!]. Has the value been "
	    "checked and the responsible clinician told if needed?\ny saves it flagged, n goes "
	    "back to change it.", what);
	ui_set_next(a, &ui_confirm, confirm_new("Outside the usual range", t, ack_yes, NULL,
	    scr_entry_ref(e), scr_entry_unref));
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
		scr_entry_set(&e->value, num);
		scr_entry_set(&e->unit, e->it->unit);
		scr_entry_set(&e->flag, flag);
		if (*flag) {
			char range[64];
			entry_range_text(e->it, range, sizeof range);
			char *what = xasprintf("%s %s%s%s is %s: usual %s.", e->it->label, num,
			    *e->it->unit ? " " : "", e->it->unit, flag, range);
			enum outcome o = acknowledge(a, e, what);
			free(what);
			return o;
		}
		return scr_entry_finish(a, e);
	}
	case KIND_TIME: {
		char tm[ENTRY_WHEN_LEN];
		if (entry_when(s, tm, &err) != ST_OK)
			break;
		scr_entry_set(&e->value, tm);
		scr_entry_set(&e->flag, "");
		return scr_entry_finish(a, e);
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
		scr_entry_set(&e->value, s);
		scr_entry_set(&e->unit, e->it->unit);
		scr_entry_set(&e->flag, "");
		return scr_entry_finish(a, e);
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
	scr_entry_set(&e->value, value.data);
	scr_entry_set(&e->flag, flag.data);
	scr_entry_set(&e->unit, "");
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
	return scr_entry_finish(a, e);
}

/* The field hint: where its default comes from, then the item's own. */
static const char *
default_hint(struct ectx *e, const struct entry_default *d, const char *own)
{
	if (d->value[0] == '\0' || d->why[0] == '\0')
		return own;
	snprintf(e->hint, sizeof e->hint, "Enter takes %s (%s)%s%s", d->value, d->why,
	    own ? "; " : "", own ? own : "");
	return e->hint;
}

/* A number, a text or a time: one field, its default after the label. */
static struct form *
simple_form(struct ectx *e, const char *title, const struct entry_default *d, const char *init)
{
	const struct item *it = e->it;
	struct form *f = form_new(title, simple_submit, scr_entry_ref(e), scr_entry_unref);
	const char *label = d->label, *hint;
	char range[64];

	switch (it->kind) {
	case KIND_NUMBER:
		entry_range_text(it, range, sizeof range);
		snprintf(f->intro, sizeof f->intro, "a number%s%s%s%s. Enter saves.",
		    *it->unit ? " in " : "", it->unit, *range ? "; usual range " : "", range);
		if (label == NULL)
			label = *it->unit ? it->unit : "Value";
		hint = default_hint(e, d, NULL);
		break;
	case KIND_TIME:
		snprintf(f->intro, sizeof f->intro, "A time of day: now, 1430 or 14:30; an "
		    "earlier day first: yesterday 2000, 2026-11-30 0730. Enter alone takes now "
		    "and saves.");
		label = "Time";
		hint = "now, 1430, 14:30 or yesterday 2000";
		break;
	default:
		if (label == NULL)
			label = "Text";
		hint = default_hint(e, d, it->hint);
		break;
	}
	field_default(form_add(f, label, init, hint), d->value);
	return f;
}

/* --- opening ------------------------------------------------------------- */

/* The vitals: one field per measurement, its usual range as the hint. */
static struct form *
vitals_form(struct ectx *e, const char *title, int64_t amend_of, const char *prefill)
{
	struct form *f = form_new(title, vitals_submit, scr_entry_ref(e), scr_entry_unref);
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
	return f;
}


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
	snprintf(title, sizeof title, "%s%.*s", amend_of ? "Amend: " : "",
	    (int)text_fit(it->label, 60, NULL), it->label);
	struct form *f = NULL;
	struct entry_default d;
	entry_default_answer(e->cs, it, ui_now_ms(), &d);
	if (amend_of)
		d.value[0] = '\0';	/* a correction starts from the value it corrects */

	switch (it->kind) {
	case KIND_CHECK:	/* only amended here: a check is done with one key */
	case KIND_CHOICE:
		f = scr_entry_choice_form(e, title, &d);
		if (f == NULL)
			return scr_entry_pick(a, e, title, &d);
		break;
	case KIND_NUMBER:
	case KIND_TEXT:
		f = simple_form(e, title, &d, amend_of ? prefill : "");
		break;
	case KIND_TIME: {
		char dated[ENTRY_WHEN_LEN];
		f = simple_form(e, title, &d, !amend_of ? "" : scr_entry_dated(e, prefill, dated));
		break;
	}
	case KIND_VITALS:
		f = vitals_form(e, title, amend_of, prefill);
		break;
	case KIND_ANTITHROMBOTIC:
		f = scr_entry_med_at_form(e, title, amend_of, prefill);
		break;
	case KIND_MED:
		f = scr_entry_med_form(a, e, title, amend_of, prefill);
		break;
	case KIND_TIMEOUT:
	default:
		ectx_free(e);	/* no dialog took it */
		return OUT_STAY;
	}
	ui_set_next(a, &ui_form, f);
	return OUT_PUSH;
}

const char *
scr_entry_dated(const struct ectx *e, const char *value, char buf[ENTRY_WHEN_LEN])
{
	for (size_t i = 0; i < e->cs->nev; i++)
		if (e->cs->ev[i].id == e->amend_of)
			return entry_when_dated(value, e->cs->ev[i].at, buf) ? buf : value;
	return value;
}

/* A check item, or a time item now: one key, one event. */
enum outcome
scr_entry_now(struct app *a, int64_t case_id, const struct item *it)
{
	char now[6];
	struct err err = {0};
	struct ectx *e = ectx_load(a, case_id, it);
	if (e == NULL)
		return OUT_STAY;
	if (it->kind == KIND_TIME)
		entry_time("", now, &err);	/* empty: now, which cannot fail */
	scr_entry_set(&e->value, it->kind == KIND_TIME ? now : "done");
	scr_entry_ref(e);
	enum outcome out = scr_entry_finish(a, e);
	scr_entry_unref(e);	/* the rules' dialog, if any, holds its own reference */
	return out;
}
