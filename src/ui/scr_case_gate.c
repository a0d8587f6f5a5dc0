/*
 * scr_case_gate: the case screen's phase gate and reason dialogs.  The gate
 * lists what blocks the next phase, the dangerous answers first and in
 * words, and puts the cursor on the first blocker; with nothing blocking it
 * asks to start the next phase or to close the case.  n/a and override ask
 * for a reason; the domain (chart.c) refuses a write without one.
 */
#include "scr_case.h"
#include "scr_summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"

static enum outcome
gate_yes(struct app *a, void *ctx)
{
	struct case_state *s = ctx;
	struct casestate *cs = s->cs;
	struct err err = {0};
	if (cs->phase == PHASE_POST) {
		if (!ui_saved(a, chart_close(a->db, a->staff.code, s->id, &err), &err))
			return OUT_REPLACE;
		ui_message(a, ROLE_DONE, "Case closed.");
		/* what was recorded, flagged and overridden, over the checklist */
		ui_set_next(a, &scr_summary, scr_summary_new(a, s->id));
		return OUT_REPLACE;
	}
	enum phase next = cs->phase + 1;
	if (!ui_saved(a, chart_phase_start(a->db, a->staff.code, s->id, next, &err), &err))
		return OUT_REPLACE;
	ui_message(a, ROLE_DONE, "%s started.", phase_title(next));
	s->view = next;
	s->sel = s->top = 0;
	s->jump_open = true;	/* to its first open item, once reloaded */
	return OUT_POP;
}

/* One blocker of the gate: glyph, label, why, and where it is. */
static void
blocker_line(const struct casestate *cs, const struct cs_blocker *b, struct buf *t)
{
	size_t f;
	checklist_phase_items(cs->cl, b->is->it->phase, &f);
	size_t row = (size_t)(b->is - cs->items) - f + 1;
	if (b->why == BLOCK_STOP_ANSWER || b->why == BLOCK_RULE) {
		buf_puts(t, "\n [!] ");
		casestate_blocker_text(cs, b, t);
	} else {
		buf_printf(t, "\n %s %s - %s", casestate_glyph(b->is->status), b->is->it->label,
		    casestate_block_name(b->why));
	}
	buf_printf(t, " (%s, row %zu)", phase_title(b->is->it->phase), row);
}

enum outcome
scr_case_gate(struct app *a, struct case_state *s)
{
	struct casestate *cs = s->cs;
	struct cs_blocker b[64];
	if (cs->closed || cs->cancelled) {
		ui_message(a, ROLE_WARN, "This case is %s.", casestate_case_status(cs));
		return OUT_STAY;
	}
	size_t n = casestate_blockers(cs, cs->phase, b, ARRAY_SIZE(b));
	const char *what = cs->phase == PHASE_POST ? "close the case" : phase_title(cs->phase + 1);
	if (n == 0) {
		char *t = cs->phase == PHASE_POST ? xstrdup("Nothing blocks closing the case. "
		    "Close it? It then shows as done and becomes read-only.") :
		    xasprintf("Start the %s phase?", what);
		ui_set_next(a, &ui_confirm, confirm_new(cs->phase == PHASE_POST ? "Close case" :
		    "Next phase", t, gate_yes, NULL, s, NULL));
		free(t);
		return OUT_PUSH;
	}
	struct buf t = {0};
	buf_printf(&t, "Cannot %s%s yet: %zu item%s block%s it.\n", cs->phase == PHASE_POST ?
	    "" : "start ", what, n, n == 1 ? "" : "s", n == 1 ? "s" : "");
	/* the dangerous answers first, in words, then the rest; each with
	 * where it is (phase and row), as the list shows it */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n && i < ARRAY_SIZE(b); i++)
			if ((b[i].why == BLOCK_STOP_ANSWER || b[i].why == BLOCK_RULE) == (pass == 0))
				blocker_line(cs, &b[i], &t);
	bool to = false;
	for (size_t i = 0; i < n && i < ARRAY_SIZE(b); i++)
		to |= b[i].why == BLOCK_TIMEOUT;
	buf_puts(&t, "\n\nRecord them (Enter on the item), or mark n/a with a reason (a); a "
	    "hard stop passes only when done or overridden with a reason (o). n goes from "
	    "one open item to the next.");
	if (to)
		buf_puts(&t, " Enter on the time-out runs it.");
	void *al = alert_new("Phase gate", t.data, ROLE_WARN);
	buf_free(&t);
	ui_copy(s->gate_first, sizeof s->gate_first, b[0].is->it->key);
	alert_on_enter(al, n == 1 ? "go to it" : "go to the first", scr_case_go, s);
	ui_set_next(a, &ui_alert, al);
	return OUT_PUSH;
}

struct reason_ctx {
	struct case_state *s;	/* the case screen, below the form */
	char key[CL_MAX_KEY + 1];
	bool na;		/* else an override */
	char reason[FIELD_MAX * 4 + 1];	/* an override's, while it is confirmed */
};

/* The item of the dialog, looked up now: the case screen may have reloaded
 * since the form opened. */
static const struct item *
reason_item(struct app *a, struct reason_ctx *r)
{
	const struct item *it = r->s->cs ? checklist_item(r->s->cs->cl, r->key) : NULL;
	if (it == NULL)
		ui_message(a, ROLE_ERROR, "The case could not be read again; nothing was saved.");
	return it;
}

static enum outcome
override_yes(struct app *a, void *ctx)
{
	struct reason_ctx *r = ctx;
	struct err err = {0};
	const struct item *it = reason_item(a, r);
	if (it == NULL)
		return OUT_POP_MODAL;
	if (!ui_saved(a, chart_override(a->db, a->staff.code, r->s->id, it, r->reason, &err),
	    &err))
		return OUT_PUSH;	/* back here after the message: retry */
	ui_message(a, ROLE_DONE, "Saved: %s overridden", it->label);
	return OUT_POP_MODAL;
}

/* The override, in words, before it is saved: what it passes and why. */
static enum outcome
override_confirm(struct app *a, struct reason_ctx *r, const struct item *it, const char *reason)
{
	struct case_state *s = r->s;
	const struct item_state *is = casestate_item(s->cs, it->key);
	struct buf t = {0};
	buf_printf(&t, "OVERRIDE the %s \"%s\" (%s phase).\n\n", it->stop ? "hard stop" :
	    "blocking item", it->label, phase_title(it->phase));
	struct buf why = {0};
	if (is != NULL)
		casestate_problem(s->cs, is, &why);
	if (why.len > 0)
		buf_printf(&t, "Its answer: %s\n\n", why.data);
	else if (it->kind == KIND_TIMEOUT)
		buf_puts(&t, "The time-out is not completed.\n\n");
	else
		buf_puts(&t, "It is not done.\n\n");
	buf_free(&why);
	buf_printf(&t, "Reason: %s\n\nThe override is logged with your code (%s) and shows "
	    "as [!] from now on.", reason, a->staff.code);
	ui_copy(r->reason, sizeof r->reason, reason);
	ui_flush_typed(a);
	ui_set_next(a, &ui_arm, arm_new("Override a blocking item", t.data, "OVERRIDE",
	    override_yes, r, NULL));
	buf_free(&t);
	return OUT_PUSH;
}

static enum outcome
reason_submit(struct app *a, struct form *f)
{
	struct reason_ctx *r = f->ctx;
	struct err err = {0};
	const struct item *it = reason_item(a, r);
	if (it == NULL)
		return OUT_POP;
	if (entry_reason(f->f[0].val, &err) != ST_OK ||
	    casestate_reason_check(f->f[0].val, &err) != ST_OK) {
		ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		return OUT_STAY;
	}
	if (!r->na)
		return override_confirm(a, r, it, f->f[0].val);
	if (!ui_saved(a, chart_na(a->db, a->staff.code, r->s->id, it, f->f[0].val, &err), &err))
		return OUT_PUSH;
	ui_message(a, ROLE_DONE, "Saved: %s not applicable", it->label);
	return OUT_POP;
}

enum outcome
scr_case_ask_reason(struct app *a, struct case_state *s, const struct item_state *is, bool na)
{
	struct reason_ctx *r = xcalloc(1, sizeof *r);
	r->s = s;
	ui_copy(r->key, sizeof r->key, is->it->key);
	r->na = na;
	char title[120];
	snprintf(title, sizeof title, "%s: %.*s", na ? "Not applicable" : "Override",
	    (int)text_fit(is->it->label, 60, NULL), is->it->label);
	struct form *f = form_new(title, reason_submit, r, free);
	snprintf(f->intro, sizeof f->intro, "%s A reason is at least %d words and %d "
	    "letters.", na ? "Why does this item not apply to this patient?" : "Pass this "
	    "blocking item without it being done: say why; you confirm it on the next screen.",
	    CS_REASON_WORDS, CS_REASON_LETTERS);
	form_add(f, "Reason", "", na ? "e.g. not diabetic; no sedation given" :
	    "e.g. consent confirmed by phone with the proceduralist");
	ui_flush_typed(a);	/* a word typed ahead is not a reason */
	ui_set_next(a, &ui_form, f);
	return OUT_PUSH;
}

enum outcome
scr_case_override(struct app *a, struct case_state *s, const struct item_state *is)
{
	struct cs_blocker b[64];
	size_t nb = casestate_blockers(s->cs, is->it->phase, b, ARRAY_SIZE(b));
	if (is->it->kind == KIND_TIMEOUT && is->it->phase == PHASE_PROCEDURE)
		nb += casestate_blockers(s->cs, PHASE_PRE, b + nb, ARRAY_SIZE(b) - nb);
	bool blocks = false;
	for (size_t i = 0; i < nb && i < ARRAY_SIZE(b); i++)
		blocks |= b[i].is == is;
	if (!blocks) {
		ui_message(a, ROLE_WARN, "Only an item that blocks the next phase can be "
		    "overridden.");
		ui_typing_start(a);
		return OUT_STAY;
	}
	scr_case_expect_save(s, is);
	return scr_case_ask_reason(a, s, is, false);
}
