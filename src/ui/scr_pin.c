/*
 * scr_pin: the PIN of a staff code that has one, asked after the code at
 * sign-in and at unlock (chart.h, chart_pin_check).  A dialog of its own
 * rather than a form field: what is typed is shown as one '*' a digit and
 * never kept past the check.  A wrong PIN is said here and the dialog stays
 * for another try; after several, it says how long to wait (the wait holds
 * on every terminal: the wrong PINs are events).
 */
#include "ui_app.h"

#include <stdlib.h>
#include <string.h>

#include "pin.h"

struct pin_state {
	char code[64];
	bool unlock;		/* over the lock screen: resume or switch staff */
	char buf[PIN_MAX_DIGITS + 1];
	size_t len;
	char err[200];
};

void *
scr_pin_new(const char *code, bool unlock)
{
	struct pin_state *p = xcalloc(1, sizeof *p);
	ui_copy(p->code, sizeof p->code, code);
	p->unlock = unlock;
	return p;
}

static void
pin_free(void *st)
{
	struct pin_state *p = st;
	if (p != NULL)
		explicit_bzero(p->buf, sizeof p->buf);
	free(p);
}

static void
draw(struct app *a, void *st)
{
	struct pin_state *p = st;
	int w = COLS > 62 ? 60 : COLS - 2, h = p->err[0] ? 7 : 6;
	int y = (LINES - 2 - h) / 2, x = (COLS - w) / 2;
	char stars[PIN_MAX_DIGITS + 1];

	(void)a;
	ui_box(y, x, h, w, "PIN");
	ui_putf(y + 1, x + 2, w - 4, ROLE_DIALOG, "Staff code %s has a PIN: type it and press "
	    "Enter.", p->code);
	memset(stars, '*', p->len);
	stars[p->len] = '\0';
	ui_put(y + 3, x + 2, 8, ROLE_KEY, "PIN");
	ui_fill(y + 3, x + 10, PIN_MAX_DIGITS + 2, ROLE_SELECTED);
	ui_put(y + 3, x + 10, PIN_MAX_DIGITS + 2, ROLE_SELECTED, stars);
	if (p->err[0])
		ui_put(y + 4, x + 2, w - 4, ROLE_ERROR, p->err);
	a->cy = y + 3;
	a->cx = x + 10 + (int)p->len;
}

/* The right PIN: who is charting now, and where to go. */
static enum outcome
accepted(struct app *a, struct pin_state *p, struct staff *s)
{
	if (s->code == NULL)		/* the charting staff's own PIN: resume */
		return OUT_UNLOCK;
	staff_clear(&a->staff);
	a->staff = *s;
	if (p->unlock) {
		ui_message(a, ROLE_DONE, "Now charting: %s %s (%s)", s->role, s->code, s->name);
		return OUT_UNLOCK;
	}
	ui_message(a, ROLE_DONE, "Signed in as %s %s (%s)", s->role, s->code, s->name);
	ui_set_next(a, &scr_worklist, scr_worklist_new(a));
	return OUT_REPLACE;
}

static enum outcome
submit(struct app *a, struct pin_state *p)
{
	struct err err = {0};
	struct staff s = {0};
	int wait_s, rc;
	bool resume = p->unlock && a->staff.code != NULL && strcmp(p->code, a->staff.code) == 0;

	if (resume)
		rc = chart_pin_check(a->db, p->code, p->buf, ui_now_ms(), &wait_s, &err);
	else
		rc = chart_sign_in_pin(a->db, p->code, p->buf, ui_now_ms(), &s, &wait_s, &err);
	explicit_bzero(p->buf, sizeof p->buf);
	p->len = 0;
	if (rc == ST_OK)
		return accepted(a, p, &s);
	if (rc == ST_NOPERM || rc == ST_TEMPFAIL) {
		ui_copy(p->err, sizeof p->err, err.msg);
		return OUT_STAY;
	}
	if (!ui_saved(a, rc, &err))	/* the sign-in event, or the wrong PIN's */
		return OUT_PUSH;
	return OUT_STAY;
}

static enum outcome
key(struct app *a, void *st, enum action act, int k)
{
	struct pin_state *p = st;
	switch (act) {
	case ACT_ESC:
		return OUT_POP;
	case ACT_SUBMIT:
		return submit(a, p);
	case ACT_DEL_BACK:
		if (p->len > 0)
			p->buf[--p->len] = '\0';
		break;
	case ACT_CLEAR_FIELD:
		explicit_bzero(p->buf, sizeof p->buf);
		p->len = 0;
		break;
	case ACT_NONE:
		if (k < '0' || k > '9')
			ui_copy(p->err, sizeof p->err, "a PIN is digits only");
		else if (p->len < PIN_MAX_DIGITS)
			p->buf[p->len++] = (char)k;
		break;
	default:
		break;
	}
	return OUT_STAY;
}

const struct screen scr_pin = {
	.name = "pin", .ctx = CTX_FORM, .modal = true, .text = true, .draw = draw, .key = key,
	.free = pin_free,
};
