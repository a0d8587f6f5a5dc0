/*
 * scr_signin: who is charting.  A staff code (initials or badge number); an
 * unknown code registers the name and role once (a staff_register event).
 * Each sign-in is a sign_in event.  --staff CODE skips the code prompt but
 * not the event, nor the PIN of a code that has one (scr_pin.c).  The screen itself only shows what spinelog is; the code
 * and registration are dialogs over it.
 */
#include "ui_app.h"

#include <stdlib.h>
#include <string.h>

#include "entry.h"

static const char *const roles[] = {"RN", "MD", "RT", "tech", "student"};

static enum outcome code_submit(struct app *a, struct form *f);

static struct form *
code_form(void)
{
	struct form *f = form_new("Sign in", code_submit, NULL, NULL);
	snprintf(f->intro, sizeof f->intro, "Type your staff code (initials or badge number) "
	    "and press Enter.");
	form_add(f, "Staff code", "", "Esc leaves the form; q on the screen behind quits");
	return f;
}

void *
scr_signin_new(struct app *a)
{
	(void)a;
	return NULL;
}

static enum outcome
signed_in(struct app *a, const char *code, struct form *f)
{
	struct err err = {0};
	struct staff s = {0};

	int rc = chart_sign_in(a->db, code, &s, &err);
	if (rc == ST_NOINPUT) {
		if (f != NULL)
			ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		ui_message(a, ROLE_ERROR, "%s", err.msg);
		return OUT_STAY;
	}
	if (!ui_saved(a, rc, &err))
		return OUT_PUSH;
	staff_clear(&a->staff);
	a->staff = s;
	ui_message(a, ROLE_DONE, "Signed in as %s %s (%s)", s.role, s.code, s.name);
	ui_set_next(a, &scr_worklist, scr_worklist_new(a));
	return f != NULL ? OUT_REPLACE : OUT_PUSH;
}

/* A code with a PIN is asked for it first (scr_pin signs in). */
static enum outcome
pin_or_sign_in(struct app *a, const char *code, struct form *f)
{
	struct err err = {0};
	bool needed;
	if (chart_pin_needed(a->db, code, &needed, &err) != ST_OK) {
		ui_message(a, ROLE_ERROR, "%s", err.msg);
		return OUT_STAY;
	}
	if (!needed)
		return signed_in(a, code, f);
	ui_set_next(a, &scr_pin, scr_pin_new(code, false));
	return f != NULL ? OUT_REPLACE : OUT_PUSH;
}

struct reg {
	char code[64];
};

static enum outcome
reg_submit(struct app *a, struct form *f)
{
	struct reg *r = f->ctx;
	struct err err = {0};
	if (entry_name(f->f[0].val, &err) != ST_OK) {
		snprintf(f->f[0].err, sizeof f->f[0].err, "your name is needed, e.g. Quinn Avery");
		f->sel = 0;
		return OUT_STAY;
	}
	if (entry_reason(f->f[1].val, &err) != ST_OK) {
		snprintf(f->f[1].err, sizeof f->f[1].err, "your role is needed (Left/Right: RN, MD, "
		    "...)");
		f->sel = 1;
		return OUT_STAY;
	}
	if (!ui_saved(a, chart_register(a->db, r->code, f->f[0].val, f->f[1].val, &err), &err))
		return OUT_PUSH;
	return signed_in(a, r->code, f);
}

static enum outcome
start(struct app *a, const char *code, struct form *from)
{
	struct err err = {0};
	struct staff s = {0};

	if (entry_staff_code(code, &err) != ST_OK) {
		if (from != NULL) {
			ui_copy(from->f[0].err, sizeof from->f[0].err, err.msg);
			return OUT_STAY;
		}
		ui_message(a, ROLE_ERROR, "--staff: %s", err.msg);
		ui_set_next(a, &ui_form, code_form());
		return OUT_PUSH;
	}
	int rc = staff_get(a->db, code, &s, &err);
	staff_clear(&s);
	if (rc == ST_OK)
		return pin_or_sign_in(a, code, from);
	if (rc != ST_NOINPUT) {
		ui_message(a, ROLE_ERROR, "%s", err.msg);
		return OUT_STAY;
	}
	struct reg *r = xcalloc(1, sizeof *r);
	ui_copy(r->code, sizeof r->code, code);
	struct form *f = form_new("New staff member", reg_submit, r, free);
	snprintf(f->intro, sizeof f->intro, "Code %s is new here. Your name and role are "
	    "recorded once, with every entry you make.", code);
	form_add(f, "Name", "", "as colleagues know you, e.g. Quinn Avery");
	struct field *role = form_add(f, "Role", "RN", "Left/Right: RN, MD, RT, tech, student, "
	    "or type another");
	form_choices(role, roles, ARRAY_SIZE(roles), false);
	ui_set_next(a, &ui_form, f);
	return from != NULL ? OUT_REPLACE : OUT_PUSH;
}

static enum outcome
code_submit(struct app *a, struct form *f)
{
	return start(a, f->f[0].val, f);
}

enum outcome
scr_signin_start(struct app *a)
{
	if (a->o->staff != NULL)
		return start(a, a->o->staff, NULL);
	ui_set_next(a, &ui_form, code_form());
	return OUT_PUSH;
}

static void
draw(struct app *a, void *st)
{
	(void)st;
	ui_status_line(a, "");
	ui_put(2, 2, COLS - 4, ROLE_TITLE, "spinelog: bedside checklist for spine interventions");
	ui_wrap(4, 2, COLS - 4, 6, ROLE_NORMAL, "Every entry is saved at once, with your staff "
	    "code and the time, in a tamper-evident log.\n\nPress Enter to sign in, ? for help, "
	    "q to quit.");
}

static enum outcome
key(struct app *a, void *st, enum action act, int k)
{
	(void)st;
	(void)k;
	if (act == ACT_BACK)
		return OUT_QUIT;
	if (act == ACT_SUBMIT) {
		ui_set_next(a, &ui_form, code_form());
		return OUT_PUSH;
	}
	return OUT_STAY;
}

const struct screen scr_signin = {
	.name = "sign-in", .ctx = CTX_SIGNIN, .draw = draw, .key = key,
};
