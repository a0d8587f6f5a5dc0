/*
 * scr_newcase: the new-case form.  MRN, name, date of birth, procedure
 * (from the checklist catalogue), side, level, proceduralist and scheduled
 * time on the worklist's day.  Each field is checked on save, the reason
 * shown under the field; a likely duplicate (same MRN, procedure and day)
 * asks first.  The case is bound to the current version of its checklist.
 */
#include "ui_app.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "entry.h"
#include "worklist.h"

enum { F_MRN, F_NAME, F_DOB, F_PROC, F_SIDE, F_LEVEL, F_WHO, F_TIME };

struct nc {
	char day[11];
	const char **titles;	/* borrowed from the catalogue */
	size_t n;
	struct form *form;
	struct case_info c;	/* the validated case (strings borrowed from the form) */
	char sched[17];
};

static void
nc_free(void *p)
{
	struct nc *nc = p;
	free(nc->titles);
	free(nc);
}

static enum outcome
create(struct app *a, struct nc *nc)
{
	struct err err = {0};
	const struct checklist *cl = catalog_find(&a->cat, nc->c.proc_key);
	struct case_info c = nc->c;

	int rc = chart_new_case(a->db, a->staff.code, cl, &c, &err);
	free(c.created_at);
	if (!ui_saved(a, rc, &err))
		return OUT_PUSH;
	ui_message(a, ROLE_DONE, "Case %lld created for %s", (long long)c.id, c.name);
	ui_set_next(a, &scr_case, scr_case_new(a, c.id));
	return OUT_POP_MODAL;
}

static enum outcome
dup_yes(struct app *a, void *ctx)
{
	return create(a, ctx);
}

static char *
trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static enum outcome
submit(struct app *a, struct form *f)
{
	struct nc *nc = f->ctx;
	struct err err = {0};
	char today[11], sched[17], level[ENTRY_LEVEL_LEN];
	const char *side = NULL;
	int bad = -1;

	clock_local_day(0, today);
	for (int i = 0; i < f->nf; i++)
		trim(f->f[i].val);

#define CHECK(i, call) do { if ((call) != ST_OK) { \
	ui_copy(f->f[i].err, sizeof f->f[i].err, err.msg); if (bad < 0) bad = i; } } while (0)
	CHECK(F_MRN, entry_mrn(f->f[F_MRN].val, &err));
	CHECK(F_NAME, entry_name(f->f[F_NAME].val, &err));
	CHECK(F_DOB, entry_dob(f->f[F_DOB].val, today, &err));
	CHECK(F_SIDE, entry_side(f->f[F_SIDE].val, &side, &err));
	CHECK(F_LEVEL, entry_level(f->f[F_LEVEL].val, level, &err));
	CHECK(F_WHO, entry_proceduralist(f->f[F_WHO].val, &err));
	CHECK(F_TIME, entry_sched(nc->day, f->f[F_TIME].val, sched, &err));
#undef CHECK
	/* shown as it will be stored: l4-l5 is typed as often as L4-L5 */
	if (f->f[F_LEVEL].err[0] == '\0')
		field_set(&f->f[F_LEVEL], level);
	if (bad >= 0) {
		f->sel = bad;
		return OUT_STAY;
	}
	int pi = f->f[F_PROC].choice < 0 ? 0 : f->f[F_PROC].choice;
	nc->c = (struct case_info){
		.mrn = f->f[F_MRN].val, .name = f->f[F_NAME].val, .dob = f->f[F_DOB].val,
		.proc_key = a->cat.v[pi]->key, .side = f->f[F_SIDE].val,
		.level = f->f[F_LEVEL].val, .proceduralist = f->f[F_WHO].val,
	};
	memcpy(nc->sched, sched, sizeof sched);
	nc->c.scheduled_at = nc->sched;

	int64_t dup = 0;
	if (worklist_duplicate(a->db, nc->c.mrn, nc->c.proc_key, nc->day, &dup, &err) != ST_OK) {
		ui_message(a, ROLE_ERROR, "%s", err.msg);
		return OUT_STAY;
	}
	if (dup != 0) {
		char *t = xasprintf("MRN %s already has a %s on %s (case %lld). Create another "
		    "case anyway?", nc->c.mrn, a->cat.v[pi]->title, nc->day, (long long)dup);
		ui_set_next(a, &ui_confirm, confirm_new("Likely duplicate", t, dup_yes, NULL, nc,
		    NULL));
		free(t);
		return OUT_PUSH;
	}
	return create(a, nc);
}

struct form *
scr_newcase_new(struct app *a)
{
	if (a->cat.n == 0) {
		ui_message(a, ROLE_ERROR, "No checklists are installed; see 'spinelog checklists "
		    "list'");
		return NULL;
	}
	struct nc *nc = xcalloc(1, sizeof *nc);
	clock_local_day(0, nc->day);
	if (a->depth > 0 && a->stack[a->depth - 1].scr == &scr_worklist)
		ui_copy(nc->day, sizeof nc->day, scr_worklist_day(a->stack[a->depth - 1].st));
	nc->n = a->cat.n;
	nc->titles = xcalloc(nc->n, sizeof *nc->titles);
	for (size_t i = 0; i < nc->n; i++)
		nc->titles[i] = a->cat.v[i]->title;
	struct form *f = form_new("New case", submit, nc, nc_free);
	nc->form = f;
	snprintf(f->intro, sizeof f->intro, "For %s. Read the identifiers from the wristband. "
	    "Enter moves to the next field and saves from the last.", nc->day);
	form_add(f, "MRN", "", "medical record number, from the wristband");
	form_add(f, "Patient name", "", "FAMILY, Given, e.g. MÜLLER, Anna");
	form_add(f, "Date of birth", "", "YYYY-MM-DD");
	form_choices(form_add(f, "Procedure", "", "Left/Right: choose the procedure"),
	    nc->titles, nc->n, true);
	size_t nsides;
	const char *const *sides = entry_sides(&nsides);
	form_choices(form_add(f, "Side", "", "Left/Right: left, right, bilateral, midline, n/a"),
	    sides, nsides, true);
	form_add(f, "Level", "", "spinal level, e.g. S1, L4-L5, C7-T1; empty when none");
	form_add(f, "Proceduralist", "", "who does the procedure");
	field_default(form_add(f, "Time", "", "scheduled time: now, or 1430 or 14:30"), "now");
	return f;
}
