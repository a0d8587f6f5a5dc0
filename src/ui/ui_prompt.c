/*
 * ui_prompt: the dialogs every screen uses.  A form of typed fields (a
 * wide-character line editor per field, choices cycled with Left/Right,
 * the reason for a refused value shown under the field) and a pick list
 * (questions and messages are in ui_dialog.c).  Each is a modal
 * screen drawn over the screen below; the form keeps what was typed until it
 * is closed, so a failed save can be retried.
 */
#include "ui_app.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* --- form ---------------------------------------------------------------- */

struct form *
form_new(const char *title, form_submit_fn submit, void *ctx, void (*ctx_free)(void *))
{
	struct form *f = xcalloc(1, sizeof *f);
	ui_copy(f->title, sizeof f->title, title);
	f->submit = submit;
	f->ctx = ctx;
	f->ctx_free = ctx_free;
	return f;
}

static void
sync(struct field *fl)
{
	fl->buf[fl->len] = L'\0';
	if (wcstombs(fl->val, fl->buf, sizeof fl->val) == (size_t)-1)
		fl->val[0] = '\0';
}

void
field_set(struct field *fl, const char *s)
{
	size_t n = mbstowcs(fl->buf, s, FIELD_MAX - 1);
	fl->len = n == (size_t)-1 ? 0 : n;
	fl->cur = fl->len;
	sync(fl);
}

struct field *
form_add(struct form *f, const char *label, const char *init, const char *hint)
{
	if (f->nf == FORM_MAX)
		die("form %s: too many fields", f->title);
	struct field *fl = &f->f[f->nf++];
	fl->label = label;
	fl->hint = hint;
	field_set(fl, init ? init : "");
	return fl;
}

void
form_choices(struct field *fl, const char *const *choices, size_t n, bool strict)
{
	fl->choices = choices;
	fl->nchoices = n;
	fl->strict = strict;
	fl->choice = -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(choices[i], fl->val) == 0)
			fl->choice = (int)i;
	if (strict && fl->choice < 0 && n > 0) {
		fl->choice = 0;
		field_set(fl, choices[0]);
	}
}

bool
form_field_empty(const void *st)
{
	const struct form *f = st;
	return f->f[f->sel].len == 0 && !(f->f[f->sel].choices && f->f[f->sel].strict);
}

static void
form_free(void *st)
{
	struct form *f = st;
	if (f->ctx_free)
		f->ctx_free(f->ctx);
	free(f);
}

static void
form_draw(struct app *a, void *st)
{
	struct form *f = st;
	int w = f->wide ? COLS - 2 : (COLS > 78 ? 76 : COLS - 2);
	int lines = 0;
	for (int i = 0; i < f->nf; i++)
		lines += 1 + (f->f[i].err[0] ? 1 : 0);
	int intro = f->intro[0] ? ui_wrap_count(w - 4, f->intro) + 1 : 0;
	int h = lines + intro + 4;
	if (h > LINES - 3)
		h = LINES - 3;
	int y = (LINES - 2 - h) / 2, x = (COLS - w) / 2;
	if (y < 1)
		y = 1;
	ui_box(y, x, h, w, f->title);
	if (intro)
		ui_wrap(y + 1, x + 2, w - 4, intro - 1, ROLE_DIALOG, f->intro);
	int row = y + 1 + intro, lw = 16;
	for (int i = 0; i < f->nf && row < y + h - 2; i++) {
		struct field *fl = &f->f[i];
		bool sel = i == f->sel;
		ui_put(row, x + 2, lw, sel ? ROLE_KEY : ROLE_DIALOG, fl->label);
		int vx = x + 2 + lw + 1, vw = w - lw - 5;
		ui_fill(row, vx, vw, sel ? ROLE_SELECTED : ROLE_DIALOG);
		if (fl->choices && fl->strict) {
			ui_putf(row, vx, vw, sel ? ROLE_SELECTED : ROLE_DIALOG, "< %s >", fl->val);
		} else {
			/* scroll so the cursor stays in view */
			char tmp[FIELD_MAX * 4 + 1];
			size_t start = 0;
			for (;;) {
				wchar_t save = fl->buf[fl->cur];
				fl->buf[fl->cur] = L'\0';
				size_t n = wcstombs(tmp, fl->buf + start, sizeof tmp);
				fl->buf[fl->cur] = save;
				if (n == (size_t)-1 || ui_width(tmp) < vw - 1 || start >= fl->cur)
					break;
				start++;
			}
			if (wcstombs(tmp, fl->buf + start, sizeof tmp) == (size_t)-1)
				tmp[0] = '\0';
			ui_put(row, vx, vw, sel ? ROLE_SELECTED : ROLE_DIALOG, tmp);
			if (sel) {
				wchar_t save = fl->buf[fl->cur];
				fl->buf[fl->cur] = L'\0';
				if (wcstombs(tmp, fl->buf + start, sizeof tmp) == (size_t)-1)
					tmp[0] = '\0';
				fl->buf[fl->cur] = save;
				a->cy = row;
				a->cx = vx + ui_width(tmp);
			}
			if (fl->choices && fl->nchoices && !sel && fl->len == 0)
				ui_putf(row, vx, vw, ROLE_DIM, "(Left/Right: %s ...)", fl->choices[0]);
		}
		row++;
		if (fl->err[0] && row < y + h - 2)
			ui_putf(row++, x + 4, w - 6, ROLE_ERROR, "%s", fl->err);
	}
	const struct field *cur = &f->f[f->sel];
	if (cur->hint)
		ui_put(y + h - 2, x + 2, w - 4, ROLE_DIM, cur->hint);
	else if (cur->choices)
		ui_put(y + h - 2, x + 2, w - 4, ROLE_DIM, "Left/Right: choose");
	if (cur->choices && cur->strict) {	/* no text cursor in a choice */
		a->cy = y + h - 2;
		a->cx = x + 2;
	}
}

static void
cycle(struct field *fl, int d)
{
	if (fl->nchoices == 0)
		return;
	int n = (int)fl->nchoices;
	fl->choice = ((fl->choice < 0 ? (d > 0 ? -1 : 0) : fl->choice) + d + n) % n;
	field_set(fl, fl->choices[fl->choice]);
}

/* A key that is no action in a text field: a character is typed, if it fits. */
static void
insert(struct field *fl, int key)
{
	if (key < ' ' || key >= UK_BASE || !iswprint((wint_t)key))
		return;
	if (fl->len >= FIELD_MAX - 1) {
		fl->overflow = true;
		snprintf(fl->err, sizeof fl->err, "too long: at most %d characters fit; "
		    "shorten it (%s clears)", FIELD_MAX - 1, ui_actions[ACT_CLEAR_FIELD].keyname);
		return;
	}
	memmove(fl->buf + fl->cur + 1, fl->buf + fl->cur, (fl->len - fl->cur) * sizeof(wchar_t));
	fl->buf[fl->cur++] = (wchar_t)key;
	fl->len++;
}

/* The line editor of a text field: the editing actions, and a key that is no
 * action typed; then whether the text is one of the field's choices. */
static void
edit(struct field *fl, enum action act, int key)
{
	if (fl->overflow && (act == ACT_DEL_BACK || act == ACT_DEL_CHAR || act == ACT_CLEAR_FIELD)) {
		fl->overflow = false;	/* edited after the warning: what shows is the value */
		fl->err[0] = '\0';
	}
	switch (act) {
	case ACT_DEL_BACK:
		if (fl->cur > 0) {
			memmove(fl->buf + fl->cur - 1, fl->buf + fl->cur,
			    (fl->len - fl->cur) * sizeof(wchar_t));
			fl->cur--;
			fl->len--;
		}
		break;
	case ACT_DEL_CHAR:
		if (fl->cur < fl->len) {
			memmove(fl->buf + fl->cur, fl->buf + fl->cur + 1,
			    (fl->len - fl->cur - 1) * sizeof(wchar_t));
			fl->len--;
		}
		break;
	case ACT_LINE_START:
		fl->cur = 0;
		break;
	case ACT_LINE_END:
		fl->cur = fl->len;
		break;
	case ACT_CLEAR_FIELD:
		fl->len = fl->cur = 0;
		break;
	case ACT_NONE:
		insert(fl, key);
		break;
	default:
		break;
	}
	sync(fl);
	fl->choice = -1;
	for (size_t i = 0; i < fl->nchoices; i++)
		if (strcmp(fl->choices[i], fl->val) == 0)
			fl->choice = (int)i;
}

static enum outcome
form_key(struct app *a, void *st, enum action act, int key)
{
	struct form *f = st;
	struct field *fl = &f->f[f->sel];
	bool fixed = fl->choices && fl->strict;
	char before[sizeof fl->val];

	memcpy(before, fl->val, sizeof before);

	/* a fixed choice has no text to type into: there a character is looked
	 * up as a key (Space: the next choice) */
	if (fixed && act == ACT_NONE)
		act = ui_keys_lookup(CTX_FORM, key, false);
	switch (act) {
	case ACT_ESC:
		return OUT_POP;
	case ACT_NEXT_FIELD:
		f->sel = (f->sel + 1) % f->nf;
		return OUT_STAY;
	case ACT_PREV_FIELD:
		f->sel = (f->sel + f->nf - 1) % f->nf;
		return OUT_STAY;
	case ACT_SUBMIT:
		if (f->sel < f->nf - 1) {
			f->sel++;
			return OUT_STAY;
		}
		for (int i = 0; i < f->nf; i++) {
			if (f->f[i].overflow) {
				f->sel = i;
				return OUT_STAY;
			}
		}
		for (int i = 0; i < f->nf; i++)
			f->f[i].err[0] = '\0';
		return f->submit(a, f);
	case ACT_CYCLE_PREV:
		if (fl->choices && (fl->strict || fl->len == 0 || fl->choice >= 0))
			cycle(fl, -1);
		else if (fl->cur > 0)
			fl->cur--;
		break;
	case ACT_CYCLE_NEXT:
		if (fl->choices && (fl->strict || fl->len == 0 || fl->choice >= 0))
			cycle(fl, 1);
		else if (fl->cur < fl->len)
			fl->cur++;
		break;
	case ACT_CYCLE_CHOICE:	/* only in a fixed choice: in text, Space is typed */
		if (fixed)
			cycle(fl, 1);
		break;
	default:
		if (!fixed)
			edit(fl, act, key);
		break;
	}
	if (f->changed != NULL && strcmp(before, fl->val) != 0)
		f->changed(f, f->sel);
	return OUT_STAY;
}

const struct screen ui_form = {"form", CTX_FORM, true, true, NULL, form_draw, form_key,
	form_free};

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
