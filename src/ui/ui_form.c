/*
 * ui_form: a form of typed fields, drawn as a modal box over the screen
 * below.  Each field is a wide-character line editor; a field may offer
 * choices (cycled with Left/Right) and a default, shown VistA's way after
 * the label ("Side: RIGHT//"): Enter on the empty field takes it, typing
 * replaces it, and the value saved is the one shown.  Labels, hints and the
 * reason for a refused value wrap rather than being cut at 80 columns; a
 * form taller than the screen scrolls to the selected field.  The form keeps
 * what was typed until it is closed, so a failed save can be retried.
 */
#include "ui_app.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* The most lines of a hint shown under the fields. */
#define HINT_ROWS 5

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

void
field_default(struct field *fl, const char *def)
{
	ui_copy(fl->def, sizeof fl->def, def ? def : "");
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

/* The choice the text names, or -1. */
static void
match_choice(struct field *fl)
{
	fl->choice = -1;
	for (size_t i = 0; i < fl->nchoices; i++)
		if (strcmp(fl->choices[i], fl->val) == 0)
			fl->choice = (int)i;
}

void
form_choices(struct field *fl, const char *const *choices, size_t n, bool strict)
{
	fl->choices = choices;
	fl->nchoices = n;
	fl->strict = strict;
	match_choice(fl);
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

/* --- drawing ------------------------------------------------------------- */

/* The layout of a form in a box w columns wide: the label column (labels
 * right-aligned, ": " after them) and the lines each field takes. */
struct layout {
	int w, lw;
	int rows[FORM_MAX];	/* label lines above the value (a long label), the value,
				 * and the reason for a refused value */
	int hint;		/* lines kept for the hint */
};

static bool
label_fits(const struct layout *l, const struct field *fl)
{
	return ui_width(fl->label) + 2 <= l->lw;
}

static const char *
field_hint(const struct field *fl)
{
	return fl->hint ? fl->hint : fl->choices ? "Left/Right: choose" : NULL;
}

static void
layout(const struct form *f, struct layout *l)
{
	l->w = f->wide ? COLS - 2 : (COLS > 78 ? 76 : COLS - 2);
	l->lw = 0;
	l->hint = 1;
	for (int i = 0; i < f->nf; i++) {
		int n = ui_width(f->f[i].label) + 2;
		if (n <= l->w / 2 && n > l->lw)
			l->lw = n;
	}
	for (int i = 0; i < f->nf; i++) {
		const struct field *fl = &f->f[i];
		char *lab = xasprintf("%s:", fl->label);
		l->rows[i] = 1 + (label_fits(l, fl) ? 0 : ui_wrap_count(l->w - 4, lab)) +
		    (fl->err[0] ? ui_wrap_count(l->w - 6, fl->err) : 0);
		free(lab);
		const char *h = field_hint(fl);
		int hr = h ? ui_wrap_count(l->w - 4, h) : 0;
		if (hr > l->hint)
			l->hint = hr > HINT_ROWS ? HINT_ROWS : hr;
	}
}

/* The columns character wc takes on screen, as ui_put draws it. */
static int
char_width(wchar_t wc)
{
	char mb[MB_LEN_MAX + 1];
	int n = wctomb(mb, wc);
	if (n <= 0)
		return 1;	/* drawn as '?' */
	mb[n] = '\0';
	return ui_width(mb);
}

/* Draw the editable text of fl in vw columns at (row, vx), scrolled so that
 * the cursor stays in view (as much text before it as fits in vw - 1
 * columns, found from the cursor back: one pass, however long the text);
 * returns the cursor's column. */
static int
field_text(struct field *fl, int row, int vx, int vw, enum role r)
{
	char tmp[FIELD_MAX * 4 + 1];
	size_t start = fl->cur;
	int cols = 0;

	while (start > 0) {
		int cw = char_width(fl->buf[start - 1]);
		if (cols + cw >= vw - 1)
			break;
		cols += cw;
		start--;
	}
	if (wcstombs(tmp, fl->buf + start, sizeof tmp) == (size_t)-1)
		tmp[0] = '\0';
	ui_put(row, vx, vw, r, tmp);
	return vx + cols;
}

/* One field from row: its label, "DEFAULT// " and the text; the reason
 * for a refused value under it.  Returns the rows used. */
static int
field_draw(struct app *a, const struct layout *l, struct field *fl, bool sel, int row, int x)
{
	int y0 = row, vx;
	if (label_fits(l, fl)) {
		int lw = ui_width(fl->label);
		ui_putf(row, x + l->lw - lw - 2, lw + 1, sel ? ROLE_KEY : ROLE_DIALOG, "%s:",
		    fl->label);
		vx = x + l->lw;
	} else {	/* a long label on its own lines, the value under it */
		char *lab = xasprintf("%s:", fl->label);
		row += ui_wrap(row, x, l->w - 4, 20, sel ? ROLE_KEY : ROLE_DIALOG, lab);
		free(lab);
		vx = x + 2;
	}
	int vw = x + l->w - 4 - vx;
	enum role r = sel ? ROLE_SELECTED : ROLE_DIALOG;
	ui_fill(row, vx, vw, r);
	if (fl->def[0] && strcmp(fl->val, fl->def) != 0) {	/* taken: the value alone;
		 * once typed over, at most half the width, as the text needs room */
		int dw = ui_putf(row, vx, fl->len ? vw / 2 : vw - 2, r, "%s//", fl->def);
		vx += dw + 1;
		vw -= dw + 1;
	}
	if (fl->choices && fl->strict) {
		ui_putf(row, vx, vw, r, "< %s >", fl->val);
		if (sel) {	/* no text cursor in a fixed choice */
			a->cy = row;
			a->cx = vx;
		}
	} else {
		int cx = field_text(fl, row, vx, vw, r);
		if (sel) {
			a->cy = row;
			a->cx = cx;
		}
		if (fl->choices && fl->nchoices && !sel && fl->len == 0 && !fl->def[0])
			ui_putf(row, vx, vw, ROLE_DIM, "(Left/Right: %s ...)", fl->choices[0]);
	}
	row++;
	if (fl->err[0])
		row += ui_wrap(row, x + 2, l->w - 6, 20, ROLE_ERROR, fl->err);
	return row - y0;
}

/* The first field to draw so that the selected one is in view in avail rows. */
static int
first_field(const struct form *f, const struct layout *l, int avail)
{
	int top = 0, used = 0;
	for (int i = 0; i <= f->sel; i++)
		used += l->rows[i];
	while (top < f->sel && used > avail)
		used -= l->rows[top++];
	return top;
}

static void
form_draw(struct app *a, void *st)
{
	struct form *f = st;
	struct layout l;
	layout(f, &l);
	int w = l.w, lines = 0;
	for (int i = 0; i < f->nf; i++)
		lines += l.rows[i];
	int intro = f->intro[0] ? ui_wrap_count(w - 4, f->intro) + 1 : 0;
	/* the selected field always shows: a taller intro gives way to it */
	int room = LINES - 6 - l.hint - l.rows[f->sel];
	if (intro > room)
		intro = room > 0 ? room : 0;
	int h = lines + intro + l.hint + 3;
	if (h > LINES - 3)
		h = LINES - 3;
	int y = (LINES - 2 - h) / 2, x = (COLS - w) / 2;
	if (y < 1)
		y = 1;
	ui_box(y, x, h, w, f->title);
	if (intro)
		ui_wrap(y + 1, x + 2, w - 4, intro - 1, ROLE_DIALOG, f->intro);
	int hy = y + h - 1 - l.hint, row = y + 1 + intro;
	for (int i = first_field(f, &l, hy - 1 - row); i < f->nf; i++) {
		if (row + l.rows[i] > hy - 1)
			break;
		row += field_draw(a, &l, &f->f[i], i == f->sel, row, x + 2);
	}
	const char *hint = field_hint(&f->f[f->sel]);
	if (hint)
		ui_wrap(hy, x + 2, w - 4, l.hint, ROLE_DIM, hint);
}

/* --- keys ---------------------------------------------------------------- */

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
	match_choice(fl);
}

/* Enter on an empty field with a default takes the default, as typed. */
static bool
take_default(struct field *fl)
{
	if (fl->len != 0 || fl->def[0] == '\0' || (fl->choices && fl->strict))
		return false;
	field_set(fl, fl->def);
	match_choice(fl);
	return true;
}

/* Enter on a number 1-9 in a field that offers choices (and has none by
 * that name) takes that choice, as Left/Right would have. */
static bool
take_number(struct field *fl)
{
	if (fl->choices == NULL || fl->strict || fl->choice >= 0 || fl->len != 1 ||
	    fl->buf[0] < L'1' || fl->buf[0] > L'9' || (size_t)(fl->buf[0] - L'1') >= fl->nchoices)
		return false;
	fl->choice = (int)(fl->buf[0] - L'1');
	field_set(fl, fl->choices[fl->choice]);
	return true;
}

/* Enter: the next field, or from the last one the form is submitted, every
 * empty field with a default shown taking it (Enter on the form takes what
 * it shows). */
static enum outcome
submit(struct app *a, struct form *f)
{
	struct field *fl = &f->f[f->sel];
	if (((!f->pick_digits && take_number(fl)) || take_default(fl)) && f->changed != NULL)
		f->changed(f, f->sel);
	if (f->sel < f->nf - 1 && (f->complete == NULL || !f->complete(f, f->sel))) {
		f->sel++;
		return OUT_STAY;
	}
	for (int i = 0; i < f->nf; i++) {
		if (f->f[i].overflow) {
			f->sel = i;
			return OUT_STAY;
		}
	}
	for (int i = 0; i < f->nf; i++) {
		if (take_default(&f->f[i]) && f->changed != NULL)
			f->changed(f, i);
		f->f[i].err[0] = '\0';
	}
	return f->submit(a, f);
}

/* In a one-field choice form of at most nine answers, a digit typed first
 * takes that answer and submits (more answers: the number and Enter). */
static bool
pick_digit(struct form *f, struct field *fl, enum action act, int key)
{
	if (!f->pick_digits || act != ACT_NONE || fl->len != 0 || key < '1' || key > '9' ||
	    (size_t)(key - '1') >= fl->nchoices || fl->nchoices > 9)
		return false;
	field_set(fl, fl->choices[key - '1']);
	fl->choice = key - '1';
	return true;
}

static enum outcome
form_key(struct app *a, void *st, enum action act, int key)
{
	struct form *f = st;
	struct field *fl = &f->f[f->sel];
	bool fixed = fl->choices && fl->strict;
	char before[sizeof fl->val];

	memcpy(before, fl->val, sizeof before);
	if (pick_digit(f, fl, act, key))
		return submit(a, f);
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
		return submit(a, f);
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

const struct screen ui_form = {
	.name = "form", .ctx = CTX_FORM, .modal = true, .text = true, .draw = form_draw,
	.key = form_key, .free = form_free,
};
