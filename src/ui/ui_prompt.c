/*
 * ui_prompt: the pick list every screen uses (forms are in ui_form.c,
 * questions and messages in ui_dialog.c): a modal list drawn over the
 * screen below, one line per choice, 1-9 or Enter to take one.
 */
#include "ui_app.h"

#include <stdlib.h>
#include <string.h>

/* --- pick ---------------------------------------------------------------- */

struct pick {
	char title[160];
	const char *const *items;
	size_t n, sel;
	pick_fn on_pick;
	void *ctx;
	void (*ctx_free)(void *);
};

void *
pick_new(const char *title, const char *const *items, size_t n, pick_fn on_pick, void *ctx,
    void (*ctx_free)(void *))
{
	struct pick *p = xcalloc(1, sizeof *p);
	ui_copy(p->title, sizeof p->title, title);
	p->items = items;
	p->n = n;
	p->on_pick = on_pick;
	p->ctx = ctx;
	p->ctx_free = ctx_free;
	return p;
}

void
pick_select(void *st, size_t index)
{
	struct pick *p = st;
	if (index < p->n)
		p->sel = index;
}

static void
pick_free(void *st)
{
	struct pick *p = st;
	if (p->ctx_free)
		p->ctx_free(p->ctx);
	free(p);
}

static void
pick_draw(struct app *a, void *st)
{
	(void)a;
	struct pick *p = st;
	int w = COLS > 64 ? 60 : COLS - 4;
	int h = (int)p->n + 4;
	if (h > LINES - 3)
		h = LINES - 3;
	int y = (LINES - 2 - h) / 2, x = (COLS - w) / 2;
	ui_box(y, x, h, w, p->title);
	int rows = h - 4;
	size_t top = p->sel >= (size_t)rows ? p->sel - (size_t)rows + 1 : 0;
	for (int i = 0; i < rows && top + (size_t)i < p->n; i++) {
		size_t k = top + (size_t)i;
		enum role r = k == p->sel ? ROLE_SELECTED : ROLE_DIALOG;
		ui_fill(y + 1 + i, x + 1, w - 2, r);
		if (k < 9)
			ui_putf(y + 1 + i, x + 2, w - 4, r, "%zu  %s", k + 1, p->items[k]);
		else
			ui_putf(y + 1 + i, x + 2, w - 4, r, "   %s", p->items[k]);
	}
	ui_putf(y + h - 2, x + 2, w - 4, ROLE_DIM, "%s or %s choose, %s cancel",
	    ui_actions[ACT_SUBMIT].keyname, ui_actions[ACT_PICK_N].keyname,
	    ui_actions[ACT_ESC].keyname);
}

static enum outcome
pick_key(struct app *a, void *st, enum action act, int key)
{
	struct pick *p = st;
	if (ui_list_move(act, &p->sel, p->n, p->n))	/* the whole list is one page */
		return OUT_STAY;
	switch (act) {
	case ACT_SUBMIT:
		return p->n ? p->on_pick(a, p->ctx, p->sel) : OUT_STAY;
	case ACT_PICK_N:	/* the key is the item's number, 1 to 9 */
		if ((size_t)(key - '1') >= p->n)
			return OUT_STAY;
		p->sel = (size_t)(key - '1');
		return p->on_pick(a, p->ctx, p->sel);
	case ACT_ESC:
		return OUT_POP;
	default:
		return OUT_STAY;
	}
}

const struct screen ui_pick = {
	.name = "pick", .ctx = CTX_PICK | CTX_LIST, .modal = true, .draw = pick_draw,
	.key = pick_key, .free = pick_free,
};
