/*
 * scr_lock: the locked screen.  It shows no patient data at all, only that
 * spinelog is locked and how to resume (HIPAA automatic logoff).  The charting
 * staff's code resumes where it was; another registered code switches the
 * charting staff (a sign_in event) and resumes.
 */
#include "ui_app.h"

#include <stdlib.h>
#include <string.h>

#include "entry.h"

static enum outcome unlock_submit(struct app *a, struct form *f);

static struct form *
unlock_form(void)
{
	struct form *f = form_new("Unlock", unlock_submit, NULL, NULL);
	snprintf(f->intro, sizeof f->intro, "Your staff code resumes; another colleague's code "
	    "switches who is charting.");
	form_add(f, "Staff code", "", NULL);
	return f;
}

void *
scr_lock_new(struct app *a)
{
	(void)a;
	return NULL;
}

static enum outcome
unlock_submit(struct app *a, struct form *f)
{
	struct err err = {0};
	struct staff s = {0};
	const char *code = f->f[0].val;

	if (a->staff.code != NULL && strcmp(code, a->staff.code) == 0)
		return OUT_UNLOCK;
	int rc = chart_sign_in(a->db, code, &s, &err);
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
	(void)st;
	ui_put(LINES / 2 - 6, (COLS - 20) / 2, 24, ROLE_TITLE, a->utf8 ? "spinelog — locked" :
	    "spinelog - locked");
	ui_put(LINES / 2 - 4, 4, COLS - 8, ROLE_NORMAL, "Press Enter and type a staff code.");
}

static enum outcome
key(struct app *a, void *st, enum action act, int k)
{
	(void)st;
	(void)k;
	if (act == ACT_SUBMIT) {
		ui_set_next(a, &ui_form, unlock_form());
		return OUT_PUSH;
	}
	return OUT_STAY;
}

const struct screen scr_lock = {"lock", CTX_LOCK, false, false, NULL, draw, key, NULL};
