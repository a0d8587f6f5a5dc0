/*
 * scr_case_info: what the case screen shows in a message of its own.  The
 * whole of the selected item (i): a row and the line under the list cut
 * what does not fit in 80 columns, so here nothing is cut (the message
 * wraps and scrolls); the line under the list, which says when it cut
 * something.  The case report saved to a file for printing (p).
 * Who else wrote in the case (another terminal).  And the hard stops that
 * keep the time-out from starting.
 */
#include "scr_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "clock.h"
#include "entry.h"
#include "host.h"
#include "report.h"
#include "scr_note.h"

/* Say when another terminal has entered something in this case since the
 * last read: who, what and where, on the status line. */
void
scr_case_notice_others(struct app *a, const struct casestate *old, const struct casestate *cs)
{
	int64_t seen = old->nev ? old->ev[old->nev - 1].id : 0;
	const struct cs_event *last = NULL;
	int n = 0;

	for (size_t i = 0; i < cs->nev; i++) {
		const struct cs_event *e = &cs->ev[i];
		if (e->id > seen && e->terminal != NULL && strcmp(e->terminal, host_terminal()) != 0) {
			last = e;
			n++;
		}
	}
	if (last == NULL)
		return;
	const struct item_state *is = *last->item_key ? casestate_item(cs, last->item_key) : NULL;
	char when[8];
	clock_local(last->at, "%H:%M", when, sizeof when);
	ui_message(a, ROLE_WARN, "Another terminal (%s): %s %s %s at %s%s", last->terminal,
	    last->staff, last->action, is ? is->it->label : "", when,
	    n > 1 ? " (and more)" : "");
}

char *
scr_case_value(const struct item_state *is)
{
	const struct cs_event *e = is->cur;
	if (is->it->kind == KIND_TIMEOUT) {
		if (is->to_done)
			return xasprintf("done; team: %s", e ? e->value : "");
		if (is->to_stop)
			return xasprintf("stopped: %s", is->to_stop->reason);
		if (is->to_confirmed)
			return xasprintf("%d of %zu confirmed", is->to_confirmed, is->it->nchoices);
		return xstrdup("");
	}
	if (e == NULL)
		return xstrdup(is->override ? is->override->reason : "");
	if (strcmp(e->action, ACTION_NA) == 0)
		return xasprintf("n/a: %s", e->reason);
	return entry_summary(is->it->kind, e->value, e->unit);
}

/* The line under the list, for the selected item: why it is not needed or
 * what is wrong with its answer, else its value in full, else its kind,
 * range and hint. */
void
scr_case_draw_hint(const struct casestate *cs, const struct item_state *is)
{
	const struct item *it = is->it;
	char range[64] = "";
	if (it->kind == KIND_NUMBER && (it->has_low || it->has_high)) {
		char r[48];
		entry_range_text(it, r, sizeof r);
		snprintf(range, sizeof range, ", usual %s", r);
	} else if (it->kind == KIND_NUMBER && *it->unit) {
		snprintf(range, sizeof range, " in %.*s", (int)text_fit(it->unit, 40, NULL), it->unit);
	}
	char *val = is->cur ? scr_case_value(is) : NULL;
	scr_note_hint(is, &val);	/* its latest note, or "note needed" */
	struct buf why = {0};
	if (!is->applies)
		casestate_not_needed(cs, is, false, &why);
	else
		casestate_problem(cs, is, &why);
	char *t;
	enum role r = ROLE_DIM;
	if (why.len > 0 && !is->applies)	/* the kind first, as on every item */
		t = xasprintf("%s, %s", kind_name(it->kind), why.data);
	else if (why.len > 0)
		r = ROLE_ERROR, t = xasprintf("%s: %s", it->label, why.data);
	else if (val != NULL && *val)	/* in full, as the row may cut it */
		t = xasprintf("%s: %s", it->label, val);
	else
		t = xasprintf("%s%s%s%s: %s", kind_name(it->kind), range, it->stop ?
		    ", hard stop" : it->required ? ", required" : "", it->repeat_times > 1 ?
		    ", repeat" : "", it->hint ? it->hint : "");
	/* what does not fit says where to read it whole */
	static const char more[] = " ...i";
	if (ui_width(t) > COLS - 2) {
		int w = ui_put(LINES - 3, 1, COLS - 2 - (int)strlen(more), r, t);
		ui_put(LINES - 3, 1 + w, (int)strlen(more), ROLE_KEY, more);
	} else {
		ui_put(LINES - 3, 1, COLS - 2, r, t);
	}
	free(t);
	buf_free(&why);
	free(val);
}

enum outcome
scr_case_info(struct app *a, struct case_state *s, const struct item_state *is)
{
	struct buf t = {0};
	casestate_item_text(s->cs, is, &t);
	char title[80];
	snprintf(title, sizeof title, "Item: %.40s (%s)", is->it->key,
	    phase_title(is->it->phase));
	ui_set_next(a, &ui_alert, alert_new(title, t.data, ROLE_NORMAL));
	buf_free(&t);
	return OUT_PUSH;
}

/* The case report, as 'spinelog report' prints it, saved for printing. */
enum outcome
scr_case_report(struct app *a, struct case_state *s)
{
	struct err err = {0};
	char *path = NULL, *t;

	if (report_save(a->db, s->id, NULL, &path, &err) != ST_OK) {
		t = xasprintf("%s", err.msg);
		ui_set_next(a, &ui_alert, alert_new("Report NOT saved", t, ROLE_ERROR));
	} else {
		t = xasprintf("The report of case %lld was saved to\n%s\n\nPrint it from there "
		    "(e.g. lp); it ends with the hash of the case's last event.", (long long)s->id,
		    path);
		ui_set_next(a, &ui_alert, alert_new("Report saved", t, ROLE_DONE));
	}
	free(t);
	free(path);
	return OUT_PUSH;
}

enum outcome
scr_case_go(struct app *a, void *ctx)
{
	struct case_state *s = ctx;
	(void)a;
	const struct item_state *is = s->cs ? casestate_item(s->cs, s->gate_first) : NULL;
	if (is != NULL) {
		size_t f;
		s->view = is->it->phase;
		checklist_phase_items(s->cs->cl, s->view, &f);
		s->sel = (size_t)(is - s->cs->items) - f;
	}
	return OUT_POP;
}

bool
scr_case_stops_first(struct app *a, struct case_state *s)
{
	struct cs_blocker b[16];
	size_t n = casestate_open_stops(s->cs, b, ARRAY_SIZE(b));
	if (n == 0)
		return false;
	struct buf t = {0};
	buf_printf(&t, "The time-out cannot start while %zu hard stop%s of the pre-procedure "
	    "phase %s open:\n", n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
	for (size_t i = 0; i < n && i < ARRAY_SIZE(b); i++) {
		buf_printf(&t, "\n %s ", casestate_glyph(b[i].is->status));
		casestate_blocker_text(s->cs, &b[i], &t);
	}
	buf_puts(&t, "\n\nRecord each one, or override it with a reason (o).");
	void *al = alert_new("Time-out not started", t.data, ROLE_WARN);
	buf_free(&t);
	ui_copy(s->gate_first, sizeof s->gate_first, b[0].is->it->key);
	alert_on_enter(al, n == 1 ? "go to it" : "go to the first", scr_case_go, s);
	ui_set_next(a, &ui_alert, al);
	return true;
}
