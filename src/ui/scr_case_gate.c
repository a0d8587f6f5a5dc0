/*
 * scr_case_gate: the case screen's phase gate and reason dialogs.  The gate
 * lists what blocks the next phase, the dangerous answers first and in
 * words, and puts the cursor on the first blocker; with nothing blocking it
 * asks to start the next phase or to close the case.  n/a and override ask
 * for a reason; the domain (chart.c) refuses a write without one.
 */
#include "scr_case.h"

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
		return OUT_POP;
	}
	enum phase next = cs->phase + 1;
	if (!ui_saved(a, chart_phase_start(a->db, a->staff.code, s->id, next, &err), &err))
		return OUT_REPLACE;
	ui_message(a, ROLE_DONE, "%s started.", phase_title(next));
	s->view = next;
	s->sel = s->top = 0;
	return OUT_POP;
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
	/* the dangerous answers first, in words (the box shows what fits) */
	for (size_t i = 0; i < n && i < ARRAY_SIZE(b); i++) {
		if (b[i].why != BLOCK_STOP_ANSWER && b[i].why != BLOCK_RULE)
			continue;
		buf_puts(&t, "\n [!] ");
		casestate_blocker_text(cs, &b[i], &t);
	}
	for (size_t i = 0; i < n && i < ARRAY_SIZE(b); i++)
		if (b[i].why != BLOCK_STOP_ANSWER && b[i].why != BLOCK_RULE)
			buf_printf(&t, "\n %s %s - %s", casestate_glyph(b[i].is->status),
			    b[i].is->it->label, casestate_block_name(b[i].why));
	bool to = false;
	for (size_t i = 0; i < n && i < ARRAY_SIZE(b); i++)
		to |= b[i].why == BLOCK_TIMEOUT;
	buf_puts(&t, "\n\nRecord them (Enter), or mark n/a with a reason (a); a hard stop "
	    "passes only when done or overridden with a reason (o).");
	if (to)
		buf_puts(&t, " Enter on the time-out runs it.");
	ui_set_next(a, &ui_alert, alert_new("Phase gate", t.data, ROLE_WARN));
	buf_free(&t);
	/* put the cursor on the first blocker */
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		if (&cs->items[i] == b[0].is) {
			size_t f;
			s->view = cs->items[i].it->phase;
			checklist_phase_items(cs->cl, s->view, &f);
			s->sel = i - f;
		}
	}
	return OUT_PUSH;
}

struct reason_ctx {
	struct case_state *s;	/* the case screen, below the form */
	char key[CL_MAX_KEY + 1];
	bool na;		/* else an override */
};

static enum outcome
reason_submit(struct app *a, struct form *f)
{
	struct reason_ctx *r = f->ctx;
	struct err err = {0};
	/* Looked up now: the case screen may have reloaded since the form opened. */
	const struct item *it = r->s->cs ? checklist_item(r->s->cs->cl, r->key) : NULL;
	if (it == NULL) {
		ui_message(a, ROLE_ERROR, "The case could not be read again; nothing was saved.");
		return OUT_POP;
	}
	if (entry_reason(f->f[0].val, &err) != ST_OK) {
		ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		return OUT_STAY;
	}
	int rc = r->na ? chart_na(a->db, a->staff.code, r->s->id, it, f->f[0].val, &err) :
	    chart_override(a->db, a->staff.code, r->s->id, it, f->f[0].val, &err);
	if (!ui_saved(a, rc, &err))
		return OUT_PUSH;
	ui_message(a, ROLE_DONE, "Saved: %s %s", it->label, r->na ? "not applicable" :
	    "overridden");
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
	snprintf(title, sizeof title, "%s: %.60s", na ? "Not applicable" : "Override",
	    is->it->label);
	struct form *f = form_new(title, reason_submit, r, free);
	snprintf(f->intro, sizeof f->intro, na ? "Why does this item not apply to this "
	    "patient?" : "Pass this blocking item without it being done. The override is "
	    "logged with your code and shows as [!] from now on.");
	form_add(f, "Reason", "", na ? "e.g. not diabetic; no sedation given" :
	    "e.g. consent confirmed by phone with the proceduralist");
	ui_set_next(a, &ui_form, f);
	return OUT_PUSH;
}
