/*
 * scr_timeout: the time-out, a read-do step that takes the whole screen.
 * The patient identifiers, procedure, side and level stay in view, large;
 * the checklist's confirmation prompts are read aloud and answered in turn
 * (each "yes" one timeout_confirm event); any "no" stops the time-out with a
 * reason (timeout_stop); after the last prompt the team present is recorded
 * (timeout_done).  Progress comes from the events, so a time-out interrupted
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
	const struct case_info *c = &s->cs->c;
	ui_fill(1, 0, COLS, ROLE_BANNER);
	ui_put(1, 2, COLS - 4, ROLE_BANNER, "TIME-OUT: everyone stops. Read aloud; the team "
	    "answers.");
	/* The identifiers stay in view above the prompts, whole: a long name
	 * or title wraps rather than pushing the MRN, birth date or level off. */
	char side[32];
	ui_copy(side, sizeof side, c->side);
	for (char *p = side; *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	char *lines[] = {
		xasprintf("Patient %s", c->name),
		xasprintf("MRN %s   Born %s", c->mrn, c->dob),
		xstrdup(s->cs->cl->title),
		xasprintf("Side %s   Level %s", side, *c->level ? c->level : "-"),
	};
	int y = 3;
	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		int h = ui_wrap_count(COLS - 4, lines[i]);
		for (int k = 0; k < h; k++)
			ui_fill(y + k, 0, COLS, ROLE_TITLE);
		y += ui_wrap(y, 2, COLS - 4, h, ROLE_TITLE, lines[i]);
		free(lines[i]);
	}
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
	y = LINES - 5;
	if (is->override)
		ui_putf(y, 4, COLS - 8, ROLE_WARN, "[!] Time-out overridden: %s",
		    is->override->reason);
	if (is->to_done) {
		ui_putf(y, 4, COLS - 8, ROLE_DONE, "Time-out complete. Team present: %s",
		    is->cur ? is->cur->value : "");
		ui_put(y + 1, 4, COLS - 8, ROLE_NORMAL, "q back to the case");
	} else if (is->to_stop && is->to_confirmed == 0) {
		ui_putf(y, 4, COLS - 8, ROLE_ERROR, "[!] STOPPED at \"%s\": %s", is->to_stop->value,
		    is->to_stop->reason);
		ui_put(y + 1, 4, COLS - 8, ROLE_NORMAL, "Resolve it, then y starts the time-out "
		    "again from the first prompt. q back.");
	} else if (is->to_confirmed >= (int)n) {
		ui_put(y, 4, COLS - 8, ROLE_KEY, "All confirmed. y: record the team present.");
	} else {
		ui_put(y, 4, COLS - 8, ROLE_KEY, "y yes, confirmed      n no: STOP the time-out");
	}
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
stop_submit(struct app *a, struct form *f)
{
	struct to_state *s = f->ctx;
	struct err err = {0};
	if (entry_reason(f->f[0].val, &err) != ST_OK) {
		ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		return OUT_STAY;
	}
	const struct item_state *is = casestate_item(s->cs, s->key);
	if (!ui_saved(a, chart_timeout_stop(a->db, a->staff.code, s->case_id, is->it,
	    is->it->choices[is->to_confirmed], f->f[0].val, &err), &err))
		return OUT_PUSH;
	ui_message(a, ROLE_ERROR, "Time-out STOPPED and recorded.");
	return OUT_POP;
}

static enum outcome
key(struct app *a, void *st, enum action act, int k)
{
	struct to_state *s = st;
	const struct item_state *is = state(s);
	(void)k;

	if (act == ACT_BACK || act == ACT_ESC)
		return OUT_POP;
	if (is == NULL || is->to_done || (act != ACT_YES && act != ACT_NO))
		return OUT_STAY;
	if (s->cs->closed || s->cs->cancelled)
		return OUT_STAY;
	size_t n = is->it->nchoices;
	if (act == ACT_YES && is->to_confirmed >= (int)n) {
		struct form *f = form_new("Team present", team_submit, s, NULL);
		snprintf(f->intro, sizeof f->intro, "Everyone in the room who took part in the "
		    "time-out.");
		form_add(f, "Team", "", "e.g. Dr Patel (proc), RN QA, RT Kim");
		ui_set_next(a, &ui_form, f);
		return OUT_PUSH;
	}
	if (act == ACT_YES) {
		struct err err = {0};
		return ui_saved(a, chart_timeout_confirm(a->db, a->staff.code, s->case_id, is->it,
		    is->it->choices[is->to_confirmed], &err), &err) ? OUT_STAY : OUT_PUSH;
	}
	if (is->to_confirmed >= (int)n)
		return OUT_STAY;
	struct form *f = form_new("STOP the time-out", stop_submit, s, NULL);
	snprintf(f->intro, sizeof f->intro, "\"%s\" was answered no. Say what is wrong; the "
	    "procedure cannot start until the time-out is completed.",
	    is->it->choices[is->to_confirmed]);
	form_add(f, "Reason", "", "e.g. consent form names the other side");
	ui_set_next(a, &ui_form, f);
	return OUT_PUSH;
}

const struct screen scr_timeout = {
	.name = "time-out", .ctx = CTX_TIMEOUT, .reload = reload, .draw = draw, .key = key,
	.free = to_free,
};
