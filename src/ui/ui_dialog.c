/*
 * ui_dialog: the dialogs of text.  A yes/no question, a deliberate
 * confirmation (override, time-out stop: it starts on "Go back" and only
 * Right then Enter does it) and a message that must be closed (Enter may do
 * one thing, such as going to an item).  Each is a modal screen drawn over
 * the screen below; the text wraps, and a text longer than the screen
 * scrolls, so nothing is cut off without a way to read it.
 */
#include "ui_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the text of a dialog ------------------------------------------------ */

/* The box of a question or message: the text word-wrapped, scrolled from
 * line *top when it is longer than the screen (Up/Down, PgUp/PgDn; the last
 * line says that there is more), the keys at the bottom.  Returns the rows
 * of text shown, for the page size. */
static int
text_box(const char *title, const char *text, const char *keys, enum role r, size_t *top)
{
	int w = COLS > 74 ? 70 : COLS - 4;
	int head = r == ROLE_ERROR ? 1 : 0;
	int lines = ui_wrap_count(w - 4, text);
	int h = lines + head + 4;
	if (h > LINES - 3)
		h = LINES - 3;
	int rows = h - 4 - head;
	if (*top + (size_t)rows > (size_t)lines)
		*top = lines > rows ? (size_t)(lines - rows) : 0;
	int y = (LINES - 2 - h) / 2, x = (COLS - w) / 2;
	ui_box(y, x, h, w, title);
	if (head) {
		ui_fill(y + 1, x + 1, w - 2, ROLE_ERROR);
		ui_put(y + 1, x + 2, w - 4, ROLE_ERROR, title);
	}
	ui_wrap_from(y + 1 + head, x + 2, w - 4, rows, (int)*top, ROLE_DIALOG, text);
	if (lines > rows)	/* on the bottom border: more to read */
		ui_putf(y + h - 1, x + 2, w - 4, ROLE_WARN, " lines %zu-%zu of %d: Up/Down, "
		    "PgUp/PgDn read on ", *top + 1, *top + (size_t)rows, lines);
	ui_put(y + h - 2, x + 2, w - 4, ROLE_KEY, keys);
	return rows;
}

/* --- confirm ------------------------------------------------------------- */

struct confirm {
	char title[160];
	char *text;
	confirm_fn on_yes, on_no;
	void *ctx;
	void (*ctx_free)(void *);
	size_t top;
	int rows;
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
confirm_draw(struct app *a, void *st)
{
	(void)a;
	struct confirm *c = st;
	c->rows = text_box(c->title, c->text, "y yes    n no    Esc cancel", ROLE_WARN, &c->top);
}

static enum outcome
confirm_key(struct app *a, void *st, enum action act, int key)
{
	(void)key;
	struct confirm *c = st;
	if (ui_scroll(act, &c->top, (size_t)-1 / 2, (size_t)(c->rows > 1 ? c->rows : 1)))
		return OUT_STAY;	/* (text_box keeps top within the text) */
	if (act == ACT_YES)
		return c->on_yes ? c->on_yes(a, c->ctx) : OUT_POP;
	if (act == ACT_NO)
		return c->on_no ? c->on_no(a, c->ctx) : OUT_POP;
	if (act == ACT_ESC)
		return OUT_POP;
	return OUT_STAY;
}

const struct screen ui_confirm = {
	.name = "confirm", .ctx = CTX_CONFIRM | CTX_LIST, .modal = true, .draw = confirm_draw,
	.key = confirm_key, .free = confirm_free,
};

/* --- deliberate confirmation --------------------------------------------- */

/*
 * For what must not happen by a slip of the hand (an override, stopping the
 * time-out): the text says what will be saved, in words; the choice starts
 * on "Go back", and only moving to the action (Left/Right/Tab) and then Enter
 * does it.  No letter does anything here, so a word typed ahead cannot
 * confirm it, and neither can Enter alone.  Type-ahead is dropped when it
 * opens (arm_open).
 */
struct arm {
	char title[160];
	char action[60];
	char *text;
	confirm_fn on_yes;
	void *ctx;
	void (*ctx_free)(void *);
	bool armed;		/* the action is highlighted */
	size_t top;
	int rows;
};

void *
arm_new(const char *title, const char *text, const char *action, confirm_fn on_yes, void *ctx,
    void (*ctx_free)(void *))
{
	struct arm *m = xcalloc(1, sizeof *m);
	ui_copy(m->title, sizeof m->title, title);
	ui_copy(m->action, sizeof m->action, action);
	m->text = xstrdup(text);
	m->on_yes = on_yes;
	m->ctx = ctx;
	m->ctx_free = ctx_free;
	return m;
}

static void
arm_free(void *st)
{
	struct arm *m = st;
	if (m->ctx_free)
		m->ctx_free(m->ctx);
	free(m->text);
	free(m);
}

static void
arm_draw(struct app *a, void *st)
{
	(void)a;
	struct arm *m = st;
	char keys[160];
	if (m->armed)
		snprintf(keys, sizeof keys, "  Go back    [ %s ]    Enter: %s   Left: back",
		    m->action, m->action);
	else
		snprintf(keys, sizeof keys, "[ Go back ]    %s      Right, then Enter: %s",
		    m->action, m->action);
	m->rows = text_box(m->title, m->text, keys, ROLE_WARN, &m->top);
}

static enum outcome
arm_key(struct app *a, void *st, enum action act, int key)
{
	(void)key;
	struct arm *m = st;
	if (ui_scroll(act, &m->top, (size_t)-1 / 2, (size_t)(m->rows > 1 ? m->rows : 1)))
		return OUT_STAY;
	switch (act) {
	case ACT_ARM_SWITCH:
		m->armed = !m->armed;
		return OUT_STAY;
	case ACT_SUBMIT:
		if (!m->armed)
			return OUT_POP;
		return m->on_yes(a, m->ctx);
	case ACT_ESC:
		return OUT_POP;
	default:
		return OUT_STAY;
	}
}

const struct screen ui_arm = {
	.name = "confirm", .ctx = CTX_ARM | CTX_LIST, .modal = true, .draw = arm_draw,
	.key = arm_key, .free = arm_free,
};

/* --- alert --------------------------------------------------------------- */

struct alert {
	char title[160];
	char *text;
	enum role r;
	confirm_fn on_enter;	/* NULL: Enter closes */
	void *ctx;
	char enter[60];		/* what Enter does, for the keys line */
	size_t top;
	int rows;
};

void *
alert_new(const char *title, const char *text, enum role r)
{
	struct alert *al = xcalloc(1, sizeof *al);
	ui_copy(al->title, sizeof al->title, title);
	al->text = xstrdup(text);
	al->r = r;
	ui_copy(al->enter, sizeof al->enter, "close");
	return al;
}

void
alert_on_enter(void *st, const char *what, confirm_fn on_enter, void *ctx)
{
	struct alert *al = st;
	al->on_enter = on_enter;
	al->ctx = ctx;
	ui_copy(al->enter, sizeof al->enter, what);
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
	char keys[120];
	snprintf(keys, sizeof keys, "%sEnter %s", al->on_enter ? "Esc close    " : "", al->enter);
	al->rows = text_box(al->title, al->text, keys, al->r, &al->top);
}

static enum outcome
alert_key(struct app *a, void *st, enum action act, int key)
{
	(void)key;
	struct alert *al = st;
	if (ui_scroll(act, &al->top, (size_t)-1 / 2, (size_t)(al->rows > 1 ? al->rows : 1)))
		return OUT_STAY;
	if (act == ACT_SUBMIT && al->on_enter)
		return al->on_enter(a, al->ctx);
	return act == ACT_CLOSE || act == ACT_SUBMIT ? OUT_POP : OUT_STAY;
}

const struct screen ui_alert = {
	.name = "alert", .ctx = CTX_ALERT | CTX_LIST, .modal = true, .draw = alert_draw,
	.key = alert_key, .free = alert_free,
};
