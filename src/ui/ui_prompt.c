/*
 * ui_prompt: the dialogs every screen uses besides the form (ui_form.c): a
 * pick list, a yes/no question and a message that must be closed.  Each is
 * a modal screen drawn over the screen below.
 */
#include "ui_app.h"

#include <stdlib.h>
#include <string.h>

/* --- confirm ------------------------------------------------------------- */

struct confirm {
	char title[160];
	char *text;
	confirm_fn on_yes, on_no;
	void *ctx;
	void (*ctx_free)(void *);
};

void *
confirm_new(const char *title, const char *text, confirm_fn on_yes, confirm_fn on_no, void *ctx,
    void (*ctx_free)(void *))
{
	struct confirm *c = xcalloc(1, sizeof *c);
	ui_copy(c->title, sizeof c->title, title);
	c->text = xstrdup(text);
	c->on_yes = on_yes;
	c->on_no = on_no;
	c->ctx = ctx;
	c->ctx_free = ctx_free;
	return c;
}

static void
confirm_free(void *st)
{
	struct confirm *c = st;
	if (c->ctx_free)
		c->ctx_free(c->ctx);
	free(c->text);
	free(c);
}

static void
text_box(const char *title, const char *text, const char *keys, enum role r)
{
	int w = COLS > 74 ? 70 : COLS - 4;
	int lines = ui_wrap_count(w - 4, text) + (r == ROLE_ERROR ? 1 : 0);
	int h = lines + 4;
	if (h > LINES - 3)
		h = LINES - 3;
	int y = (LINES - 2 - h) / 2, x = (COLS - w) / 2;
	ui_box(y, x, h, w, title);
	if (r == ROLE_ERROR)
		ui_fill(y + 1, x + 1, w - 2, ROLE_ERROR), ui_put(y + 1, x + 2, w - 4, ROLE_ERROR, title);
	ui_wrap(y + 1 + (r == ROLE_ERROR ? 1 : 0), x + 2, w - 4, h - 3, ROLE_DIALOG, text);
	ui_put(y + h - 2, x + 2, w - 4, ROLE_KEY, keys);
}

static void
confirm_draw(struct app *a, void *st)
{
	(void)a;
	struct confirm *c = st;
	text_box(c->title, c->text, "y yes    n no    Esc cancel", ROLE_WARN);
}

static enum outcome
confirm_key(struct app *a, void *st, enum action act, int key)
{
	(void)key;
	struct confirm *c = st;
	if (act == ACT_YES)
		return c->on_yes ? c->on_yes(a, c->ctx) : OUT_POP;
	if (act == ACT_NO)
		return c->on_no ? c->on_no(a, c->ctx) : OUT_POP;
	if (act == ACT_ESC)
		return OUT_POP;
	return OUT_STAY;
}

const struct screen ui_confirm = {"confirm", CTX_CONFIRM, true, false, NULL, confirm_draw,
	confirm_key, confirm_free};

/* --- alert --------------------------------------------------------------- */

struct alert {
	char title[160];
	char *text;
	enum role r;
};

void *
alert_new(const char *title, const char *text, enum role r)
{
	struct alert *al = xcalloc(1, sizeof *al);
	ui_copy(al->title, sizeof al->title, title);
	al->text = xstrdup(text);
	al->r = r;
	return al;
}

static void
alert_free(void *st)
{
	struct alert *al = st;
	free(al->text);
	free(al);
}

static void
alert_draw(struct app *a, void *st)
{
	(void)a;
	struct alert *al = st;
	text_box(al->title, al->text, "Enter close", al->r);
}

static enum outcome
alert_key(struct app *a, void *st, enum action act, int key)
{
	(void)a;
	(void)st;
	(void)key;
	return act == ACT_CLOSE ? OUT_POP : OUT_STAY;
}

const struct screen ui_alert = {"alert", CTX_ALERT, true, false, NULL, alert_draw, alert_key,
	alert_free};

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

const struct screen ui_pick = {"pick", CTX_PICK | CTX_LIST, true, false, NULL, pick_draw,
	pick_key, pick_free};
