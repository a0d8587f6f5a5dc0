/*
 * scr_summary: a case at a glance (scr_summary.h).  The lines come from
 * summary_build() in the domain, wrapped to the terminal's width, and are
 * built again when the width changes; the case is reread after every
 * change to the database like every screen.
 */
#include "scr_summary.h"

#include <stdio.h>
#include <stdlib.h>

#include "casestate.h"
#include "scr_note.h"
#include "summary.h"

struct sum {
	int64_t case_id;
	struct casestate *cs;
	int cols;		/* the width the text was built for */
	int rows;		/* text lines shown at the last draw */
	char err[300];
	struct ui_text text;
};

void *
scr_summary_new(struct app *a, int64_t case_id)
{
	(void)a;
	struct sum *s = xcalloc(1, sizeof *s);
	s->case_id = case_id;
	return s;
}

static void
sum_free(void *st)
{
	struct sum *s = st;
	ui_text_clear(&s->text);
	casestate_free(s->cs);
	free(s);
}

static void
build(struct sum *s)
{
	static const enum role roles[] = {
		[SUM_TEXT] = ROLE_NORMAL, [SUM_HEAD] = ROLE_TITLE, [SUM_WARN] = ROLE_WARN,
		[SUM_DIM] = ROLE_DIM, [SUM_ADDENDUM] = ROLE_DONE,
	};
	struct summary sm = {0};
	size_t top = s->text.top;
	ui_text_clear(&s->text);
	s->cols = COLS;
	summary_build(s->cs, COLS - 2, &sm);
	for (size_t i = 0; i < sm.n; i++) {
		ui_text_add(&s->text, roles[sm.v[i].tone], sm.v[i].text);
		sm.v[i].text = NULL;	/* taken */
	}
	summary_clear(&sm);
	s->text.top = top;	/* the place in the text stays on a reread */
}

static void
reload(struct app *a, void *st)
{
	struct sum *s = st;
	struct err err = {0};
	struct casestate *cs;
	if (casestate_load(a->db, s->case_id, NULL, &cs, &err) != ST_OK) {
		ui_copy(s->err, sizeof s->err, err.msg);
		if (s->cs != NULL)
			ui_message(a, ROLE_ERROR, "Could not re-read the case: %s", err.msg);
		return;
	}
	casestate_free(s->cs);
	s->cs = cs;
	build(s);
}

static void
draw(struct app *a, void *st)
{
	struct sum *s = st;
	char where[64];
	snprintf(where, sizeof where, "case %lld summary", (long long)s->case_id);
	ui_status_line(a, where);
	if (s->cs == NULL) {
		ui_wrap(2, 2, COLS - 4, 5, ROLE_ERROR, s->err);
		return;
	}
	if (s->cols != COLS)
		build(s);	/* resized: wrap again */
	int ty = 1 + ui_banner(a, 1, &s->cs->c, s->cs->cl, s->cs->allergies);
	s->rows = LINES - (ty + 1) - 2;	/* below: status line and footer */
	ui_putf(ty, 1, COLS - 2, ROLE_TITLE, "Summary of case %lld (%s)%s",
	    (long long)s->case_id, casestate_case_status(s->cs), s->text.n > (size_t)s->rows ?
	    "  PgDn/j for more" : "");
	ui_text_draw(&s->text, ty + 1, s->rows);
}

static enum outcome
key(struct app *a, void *st, enum action act, int k)
{
	struct sum *s = st;
	(void)k;
	if (ui_scroll(act, &s->text.top, s->text.n, (size_t)(s->rows > 1 ? s->rows : 1)))
		return OUT_STAY;
	switch (act) {
	case ACT_CHECKLIST:
		ui_set_next(a, &scr_case, scr_case_new(a, s->case_id));
		return OUT_REPLACE;
	case ACT_ADDENDUM:
		return s->cs ? scr_addendum_open(a, s->cs) : OUT_STAY;
	case ACT_CASE_HISTORY:
		ui_set_next(a, &scr_history, scr_history_new(a, s->case_id, NULL));
		return OUT_PUSH;
	case ACT_BACK:
	case ACT_ESC:
		return OUT_POP;
	default:
		break;
	}
	return OUT_STAY;
}

const struct screen scr_summary = {
	.name = "summary", .ctx = CTX_SUMMARY | CTX_LIST, .reload = reload, .draw = draw,
	.key = key, .free = sum_free,
};
