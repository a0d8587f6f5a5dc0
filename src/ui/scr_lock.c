/*
 * scr_lock: the locked screen.  It shows no patient data at all, only that
 * spinelog is locked, how many observations are due or overdue over all open
 * cases (so that a locked terminal still calls someone), and whether an open
 * dialog was closed by the lock (HIPAA automatic logoff).  The staff-code
 * form opens with it: the charting staff's code and Enter resume where it
 * was; another registered code switches the charting staff (a sign_in event).
 * A code with a PIN is asked for it first (scr_pin.c).
 */
#include "ui_app.h"

#include <stdlib.h>
#include <string.h>

#include "entry.h"

static enum outcome unlock_submit(struct app *a, struct form *f);

struct form *
scr_lock_form(void)
{
	struct form *f = form_new("Unlock", unlock_submit, NULL, NULL);
	snprintf(f->intro, sizeof f->intro, "Your staff code resumes; another colleague's code "
	    "switches who is charting.");
	form_add(f, "Staff code", "", NULL);
	return f;
}

struct lock_state {
	bool dropped;	/* the lock closed a dialog: its typed input is gone */
};

void *
scr_lock_new(struct app *a, bool dropped)
{
	struct lock_state *l = xcalloc(1, sizeof *l);
	(void)a;
	l->dropped = dropped;
	return l;
}

static enum outcome
unlock_submit(struct app *a, struct form *f)
{
	struct err err = {0};
	struct staff s = {0};
	const char *code = f->f[0].val;
	bool needed = false;

	int rc = entry_staff_code(code, &err) != ST_OK ? ST_NOINPUT :
	    chart_pin_needed(a->db, code, &needed, &err);
	if (rc == ST_OK && needed) {	/* scr_pin resumes or switches */
		ui_set_next(a, &scr_pin, scr_pin_new(code, true));
		return OUT_REPLACE;
	}
	if (rc == ST_OK && a->staff.code != NULL && strcmp(code, a->staff.code) == 0)
		return OUT_UNLOCK;
	if (rc == ST_OK)
		rc = chart_sign_in(a->db, code, &s, &err);
	if (rc == ST_NOINPUT) {
		snprintf(f->f[0].err, sizeof f->f[0].err, "not a known staff code; a new colleague "
		    "starts spinelog and registers there");
		field_set(&f->f[0], "");
		return OUT_STAY;
	}
	if (!ui_saved(a, rc, &err))
		return OUT_PUSH;
	staff_clear(&a->staff);
	a->staff = s;
	ui_message(a, ROLE_DONE, "Now charting: %s %s (%s)", s.role, s.code, s.name);
	return OUT_UNLOCK;
}

static void
draw(struct app *a, void *st)
{
	const struct lock_state *l = st;
	ui_put(1, (COLS - 20) / 2, 24, ROLE_TITLE, a->utf8 ? "spinelog — locked" :
	    "spinelog - locked");
	ui_put(2, 4, COLS - 8, ROLE_NORMAL, "Type a staff code and press Enter.");
	if (l->dropped)
		ui_wrap(3, 4, COLS - 8, 2, ROLE_WARN, "A dialog was open when the screen locked: "
		    "what was typed in it was NOT saved.");
	if (a->overdue > 0)
		ui_putf(LINES - 4, 4, COLS - 8, ROLE_ERROR, "%d observation%s OVERDUE, %d due "
		    "soon: unlock to see which.", a->overdue, a->overdue == 1 ? "" : "s",
		    a->due_soon);
	else if (a->due_soon > 0)
		ui_putf(LINES - 4, 4, COLS - 8, ROLE_WARN, "%d observation%s due soon: unlock to "
		    "see which.", a->due_soon, a->due_soon == 1 ? "" : "s");
}

static enum outcome
key(struct app *a, void *st, enum action act, int k)
{
	(void)st;
	(void)k;
	if (act == ACT_SUBMIT) {	/* the form was closed with Esc: open it again */
		ui_set_next(a, &ui_form, scr_lock_form());
		return OUT_PUSH;
	}
	return OUT_STAY;
}

const struct screen scr_lock = {
	.name = "lock", .ctx = CTX_LOCK, .draw = draw, .key = key, .free = free,
};
