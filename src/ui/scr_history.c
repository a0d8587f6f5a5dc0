/*
 * scr_history: every event of a case, or of one item, in log order: when,
 * who, what, the value, the flag and the reason.  An entry corrected by an
 * amendment stays, marked "superseded by #N", so the old and the new value
 * are both in view.  Values and reasons are shown whole, wrapped to the
 * width of the screen (and wrapped again after a resize).
 */
#include "ui_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "casestate.h"
#include "clock.h"
#include "entry.h"

struct hist {
	int64_t case_id;
	char key[64];		/* "" = the whole case */
	struct casestate *cs;
	int rows;		/* lines shown at the last draw (the banner may grow) */
	char err[300];
	struct ui_text text;	/* rebuilt on reload */
	int cols;		/* the width it was wrapped to */
};

void *
scr_history_new(struct app *a, int64_t case_id, const char *item_key)
{
	(void)a;
	struct hist *h = xcalloc(1, sizeof *h);
	h->case_id = case_id;
	ui_copy(h->key, sizeof h->key, item_key ? item_key : "");
	return h;
}

static void
hist_free(void *st)
{
	struct hist *h = st;
	ui_text_clear(&h->text);
	casestate_free(h->cs);
	free(h);
}

static void
build(struct hist *h)
{
	ui_text_clear(&h->text);
	h->cols = COLS;
	for (size_t i = 0; i < h->cs->nev; i++) {
		const struct cs_event *e = &h->cs->ev[i];
		if (h->key[0] && strcmp(e->item_key, h->key) != 0)
			continue;
		const struct item *it = *e->item_key ? checklist_item(h->cs->cl, e->item_key) : NULL;
		char when[32];
		clock_local(e->at, "%m-%d %H:%M:%S", when, sizeof when);
		enum role r = e->superseded_by ? ROLE_DIM : ROLE_NORMAL;
		char *head = xasprintf("#%-4lld %s %-4s %-15s %s", (long long)e->id, when, e->staff,
		    e->action, it ? it->label : e->phase);
		ui_text_wrap(&h->text, e->superseded_by ? ROLE_DIM : ROLE_TITLE, COLS - 2, "", head);
		free(head);
		/* a note or an addendum is free text, whatever the item's kind */
		bool free_text = strcmp(e->action, ACTION_NOTE) == 0 ||
		    strcmp(e->action, ACTION_ADDENDUM) == 0;
		char *val = it && !free_text ? entry_summary(it->kind, e->value, e->unit) :
		    xstrdup(strcmp(e->action, ACTION_CASE_CREATE) == 0 ? "case created" : e->value);
		struct buf b = {0};
		if (*val)
			buf_printf(&b, "%s: %s", free_text ? e->action : "value", val);
		if (*e->flag)
			buf_printf(&b, "%sflag: %s", b.len ? "  " : "", e->flag);
		if (e->amends)
			buf_printf(&b, "%scorrects #%lld", b.len ? "  " : "", (long long)e->amends);
		if (*e->reason)
			buf_printf(&b, "%sreason: %s", b.len ? "  " : "", e->reason);
		if (e->superseded_by)
			buf_printf(&b, "%s(superseded by #%lld)", b.len ? "  " : "",
			    (long long)e->superseded_by);
		free(val);
		if (b.len)
			ui_text_wrap(&h->text, r, COLS - 2, "      ", b.data);
		buf_free(&b);
	}
}

static void
reload(struct app *a, void *st)
{
	struct hist *h = st;
	struct err err = {0};
	struct casestate *cs;
	if (casestate_load(a->db, h->case_id, NULL, &cs, &err) != ST_OK) {
		ui_copy(h->err, sizeof h->err, err.msg);
		return;
	}
	casestate_free(h->cs);
	h->cs = cs;
	build(h);
}

static void
draw(struct app *a, void *st)
{
	struct hist *h = st;
	ui_status_line(a, "history");
	if (h->cs == NULL) {
		ui_wrap(2, 2, COLS - 4, 4, ROLE_ERROR, h->err);
		return;
	}
	if (h->cols != COLS) {	/* resized: wrap again, keeping the place */
		size_t top = h->text.top;
		build(h);
		h->text.top = top;
	}
	int ty = 1 + ui_banner(a, 1, &h->cs->c, h->cs->cl, h->cs->allergies);
	h->rows = LINES - (ty + 1) - 2;	/* below: status line and footer */
	const struct item *it = h->key[0] ? checklist_item(h->cs->cl, h->key) : NULL;
	ui_putf(ty, 1, COLS - 2, ROLE_TITLE, "History of %s%s (oldest first)",
	    it ? "item: " : "the whole case", it ? it->label : "");
	ui_text_draw(&h->text, ty + 1, h->rows);
	if (h->text.n == 0)
		ui_put(ty + 2, 3, COLS - 6, ROLE_DIM, "Nothing recorded yet.");
}

static enum outcome
key(struct app *a, void *st, enum action act, int k)
{
	struct hist *h = st;
	(void)a;
	(void)k;
	if (ui_scroll(act, &h->text.top, h->text.n, (size_t)(h->rows > 1 ? h->rows : 1)))
		return OUT_STAY;
	switch (act) {
	case ACT_BACK:
	case ACT_ESC:
		return OUT_POP;
	default:
		break;
	}
	return OUT_STAY;
}

const struct screen scr_history = {
	.name = "history", .ctx = CTX_HISTORY | CTX_LIST, .reload = reload, .draw = draw,
	.key = key, .free = hist_free,
};
