/*
 * scr_timeout: the time-out, a read-do step that takes the whole screen.
 * The patient identifiers, procedure, side and level stay in view, large;
 * so do what the team confirms from the chart (allergy, antithrombotics and
 * the last dose, INR, platelets and how long ago they were drawn: "not
 * recorded" when missing).  The checklist's confirmation prompts are read
 * aloud and answered in turn:
 * Enter confirms (one timeout_confirm event); ! stops the time-out, with a
 * reason and a deliberate confirmation (timeout_stop); after the last prompt
 * the team present is recorded (timeout_done).  No letter answers a prompt,
 * so a word typed here does nothing (ui.c's typing guard drops the rest of
 * it).  The time-out does not start while a hard stop of the pre-procedure
 * phase is open.  Progress comes from the events, so a time-out interrupted
 * (a lost terminal) resumes at the prompt where it stopped.
 */
#include "ui_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casestate.h"
#include "clock.h"
#include "entry.h"

struct to_state {
	int64_t case_id;
	char key[64];
	struct casestate *cs;
	char err[300];
	char reason[FIELD_MAX * 4 + 1];	/* a stop's, while it is confirmed */
	char prompt[CL_MAX_LABEL * 4 + 200];	/* the prompt it stops at */
};

void *
scr_timeout_new(struct app *a, int64_t case_id, const char *item_key)
{
	(void)a;
	struct to_state *s = xcalloc(1, sizeof *s);
	s->case_id = case_id;
	ui_copy(s->key, sizeof s->key, item_key);
	return s;
}

static void
to_free(void *st)
{
	struct to_state *s = st;
	casestate_free(s->cs);
	free(s);
}

static void
reload(struct app *a, void *st)
{
	struct to_state *s = st;
	struct err err = {0};
	struct casestate *cs;
	if (casestate_load(a->db, s->case_id, NULL, &cs, &err) != ST_OK) {
		ui_copy(s->err, sizeof s->err, err.msg);
		return;
	}
	casestate_free(s->cs);
	s->cs = cs;
}

static const struct item_state *
state(const struct to_state *s)
{
	return s->cs ? casestate_item(s->cs, s->key) : NULL;
}

/* The hard stops of the pre-procedure phase that are open: the time-out
 * does not start until they pass.  Drawn from line y; false when none. */
static bool
blocked(const struct to_state *s, int y)
{
	struct cs_blocker b[16];
	size_t n = casestate_open_stops(s->cs, b, ARRAY_SIZE(b));
	if (n == 0)
		return false;
	ui_putf(y++, 2, COLS - 4, ROLE_ERROR, "The time-out cannot start: %zu hard stop%s of "
	    "the pre-procedure phase %s open:", n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
	for (size_t i = 0; i < n && i < ARRAY_SIZE(b) && y < LINES - 3; i++) {
		struct buf t = {0};
		casestate_blocker_text(s->cs, &b[i], &t);
		ui_putf(y++, 4, COLS - 6, ROLE_WARN, "%s %s", casestate_glyph(b[i].is->status),
		    t.data);
		buf_free(&t);
	}
	ui_put(LINES - 3, 2, COLS - 4, ROLE_KEY, "q back to the case: Enter on the time-out "
	    "there goes to the first of them.");
	return true;
}

/* The identifiers, whole (a long name or title wraps rather than pushing
 * the MRN, birth date or level off), then what the team confirms from the
 * chart.  Returns the next free line. */
static int
draw_facts(const struct to_state *s)
{
	const struct case_info *c = &s->cs->c;
	char side[32];
	ui_copy(side, sizeof side, c->side);
	for (char *p = side; *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	struct buf at = {0}, inr = {0};
	casestate_fact(s->cs, "antithrombotics", &at);
	casestate_fact(s->cs, "inr", &inr);
	buf_puts(&inr, "   Platelets ");
	casestate_fact(s->cs, "platelets", &inr);
	if (casestate_item(s->cs, "labs_drawn") != NULL) {
		buf_puts(&inr, "   Drawn ");
		casestate_fact(s->cs, "labs_drawn", &inr);
	}
	char *lines[] = {
		xasprintf("Patient %s", c->name),
		xasprintf("MRN %s   Born %s", c->mrn, c->dob),
		xstrdup(s->cs->cl->title),
		xasprintf("Side %s   Level %s", side, *c->level ? c->level : "not recorded"),
		xasprintf("Allergy: %s", s->cs->allergies ? s->cs->allergies : s->cs->allergy &&
		    s->cs->allergy->cur ? "n/a" : "not recorded"),
		xasprintf("Antithrombotics: %s", at.data),
		xasprintf("INR %s", inr.data),
	};
	buf_free(&at);
	buf_free(&inr);
	int y = 3;
	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		enum role r = i < 4 ? ROLE_TITLE : ROLE_NORMAL;
		int h = ui_wrap_count(COLS - 4, lines[i]);
		for (int k = 0; k < h && i < 4; k++)
			ui_fill(y + k, 0, COLS, r);
		y += ui_wrap(y, 2, COLS - 4, h, r, lines[i]);
		free(lines[i]);
	}
	return y;
}

/* Where the time-out stands, and the keys, in the three lines above the
 * status line: a stop's reason wraps onto two. */
static void
draw_state(const struct item_state *is)
{
	int y = LINES - 5, w = COLS - 8;
	size_t n = is->it->nchoices;
	if (is->override)
		ui_putf(y, 4, w, ROLE_WARN, "[!] Time-out overridden: %s", is->override->reason);
	if (is->to_done) {
		ui_putf(y, 4, w, ROLE_DONE, "Time-out complete. Team present: %s",
		    is->cur ? is->cur->value : "");
		ui_put(y + 2, 4, w, ROLE_NORMAL, "q back to the case");
	} else if (is->to_stop && is->to_confirmed == 0) {
		char *t = xasprintf("[!] STOPPED at \"%s\": %s", is->to_stop->value,
		    is->to_stop->reason);
		ui_wrap(y, 4, w, 2, ROLE_ERROR, t);
		free(t);
		ui_put(y + 2, 4, w, ROLE_NORMAL, "Resolve it, then Enter starts the time-out again "
		    "from the first prompt. q back.");
	} else if (is->to_confirmed >= (int)n) {
		ui_put(y + 2, 4, w, ROLE_KEY, "All confirmed. Enter: record the team present.");
	} else {
		ui_put(y + 2, 4, w, ROLE_KEY, "Enter: confirmed      !: NO - STOP the time-out");
	}
}

static void
draw(struct app *a, void *st)
{
	struct to_state *s = st;
	const struct item_state *is = state(s);
	ui_status_line(a, "TIME-OUT");
	if (is == NULL) {
		ui_wrap(2, 2, COLS - 4, 4, ROLE_ERROR, s->err[0] ? s->err : "no time-out item");
		return;
	}
	ui_fill(1, 0, COLS, ROLE_BANNER);
	ui_put(1, 2, COLS - 4, ROLE_BANNER, "TIME-OUT: everyone stops. Read aloud; the team "
	    "answers.");
	int y = draw_facts(s);
	if (!is->to_done && is->to_confirmed == 0 && blocked(s, y + 1))
		return;
	int top_y = ++y, rows = LINES - 5 - top_y;
	size_t n = is->it->nchoices;
	size_t cur = is->to_done ? 0 : (size_t)is->to_confirmed;
	size_t top = cur >= (size_t)rows ? cur - (size_t)rows + 1 : 0;
	for (size_t i = top; i < n && y < top_y + rows; i++) {
		bool done = is->to_done || (int)i < is->to_confirmed;
		bool now = !is->to_done && i == cur;
		ui_putf(y++, 4, COLS - 8, now ? ROLE_SELECTED : done ? ROLE_DONE : ROLE_DIM,
		    "%s %zu of %zu  %s", done ? "[x]" : now ? " > " : "[ ]", i + 1, n,
		    is->it->choices[i]);
	}
	draw_state(is);
}

static enum outcome
team_submit(struct app *a, struct form *f)
{
	struct to_state *s = f->ctx;
	struct err err = {0};
	if (entry_reason(f->f[0].val, &err) != ST_OK) {
		snprintf(f->f[0].err, sizeof f->f[0].err, "name who is present, e.g. Dr Patel, "
		    "RN QA, RT Kim");
		return OUT_STAY;
	}
	const struct item *it = checklist_item(s->cs->cl, s->key);
	if (!ui_saved(a, chart_timeout_done(a->db, a->staff.code, s->case_id, it, f->f[0].val,
	    &err), &err))
		return OUT_PUSH;
	ui_message(a, ROLE_DONE, "Time-out complete.");
	return OUT_POP;
}

static enum outcome
stop_yes(struct app *a, void *ctx)
{
	struct to_state *s = ctx;
	struct err err = {0};
	const struct item_state *is = state(s);
	if (is == NULL || is->to_done)
		return OUT_POP_MODAL;
	if (!ui_saved(a, chart_timeout_stop(a->db, a->staff.code, s->case_id, is->it, s->prompt,
	    s->reason, &err), &err))
		return OUT_PUSH;
	ui_message(a, ROLE_ERROR, "Time-out STOPPED and recorded.");
	return OUT_POP_MODAL;
}

static enum outcome
stop_submit(struct app *a, struct form *f)
{
	struct to_state *s = f->ctx;
	struct err err = {0};
	if (entry_reason(f->f[0].val, &err) != ST_OK ||
	    casestate_reason_check(f->f[0].val, &err) != ST_OK) {
		ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		return OUT_STAY;
	}
	ui_copy(s->reason, sizeof s->reason, f->f[0].val);
	char *t = xasprintf("STOP the time-out at the prompt:\n  \"%s\"\n\nReason: %s\n\n"
	    "The procedure cannot start until a new time-out is completed (or it is "
	    "overridden with a reason).", s->prompt, s->reason);
	ui_flush_typed(a);
	ui_set_next(a, &ui_arm, arm_new("STOP the time-out", t, "STOP", stop_yes, s, NULL));
	free(t);
	return OUT_PUSH;
}

static enum outcome
ask_team(struct app *a, struct to_state *s)
{
	struct form *f = form_new("Team present", team_submit, s, NULL);
	snprintf(f->intro, sizeof f->intro, "Everyone in the room who took part in the "
	    "time-out.");
	/* who is in the room by definition: the case's proceduralist and the
	 * nurse signed in here; the nurse adds the others (or corrects it) */
	char team[FIELD_MAX];
	const char *proc = s->cs != NULL && s->cs->c.proceduralist != NULL ?
	    s->cs->c.proceduralist : "", *role = a->staff.role != NULL ? a->staff.role : "";
	snprintf(team, sizeof team, "%.80s%s%.20s%s%.40s", proc, *proc ? ", " : "", role,
	    *role ? " " : "", a->staff.code);
	form_add(f, "Team", text_blank(team) ? "" : team, "add everyone else present, "
	    "e.g. , RT Kim");
	ui_set_next(a, &ui_form, f);
	return OUT_PUSH;
}

static enum outcome
ask_stop(struct app *a, struct to_state *s, const struct item_state *is)
{
	ui_copy(s->prompt, sizeof s->prompt, is->it->choices[is->to_confirmed]);
	struct form *f = form_new("STOP the time-out", stop_submit, s, NULL);
	snprintf(f->intro, sizeof f->intro, "\"%.200s\" was answered no. Say what is wrong (at "
	    "least %d words, %d letters); you confirm the stop on the next screen.", s->prompt,
	    CS_REASON_WORDS, CS_REASON_LETTERS);
	form_add(f, "Reason", "", "e.g. consent form names the other side");
	ui_flush_typed(a);
	ui_set_next(a, &ui_form, f);
	return OUT_PUSH;
}

static enum outcome
key(struct app *a, void *st, enum action act, int k)
{
	struct to_state *s = st;
	const struct item_state *is = state(s);
	(void)k;

	if (act == ACT_BACK || act == ACT_ESC)
		return OUT_POP;
	if (is == NULL || is->to_done || (act != ACT_TO_CONFIRM && act != ACT_TO_STOP))
		return OUT_STAY;
	if (s->cs->closed || s->cs->cancelled)
		return OUT_STAY;
	struct cs_blocker b[1];
	if (is->to_confirmed == 0 && casestate_open_stops(s->cs, b, 1) > 0) {
		ui_message(a, ROLE_ERROR, "Not started: a pre-procedure hard stop is open (q back).");
		return OUT_STAY;
	}
	size_t n = is->it->nchoices;
	if (is->to_confirmed >= (int)n)
		return act == ACT_TO_CONFIRM ? ask_team(a, s) : OUT_STAY;
	if (act == ACT_TO_STOP)
		return ask_stop(a, s, is);
	struct err err = {0};
	return ui_saved(a, chart_timeout_confirm(a->db, a->staff.code, s->case_id, is->it,
	    is->it->choices[is->to_confirmed], &err), &err) ? OUT_STAY : OUT_PUSH;
}

const struct screen scr_timeout = {
	.name = "time-out", .ctx = CTX_TIMEOUT, .reload = reload, .draw = draw, .key = key,
	.free = to_free,
};
