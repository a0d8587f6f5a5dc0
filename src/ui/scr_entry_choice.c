/*
 * scr_entry_choice: the dialog of a choice item.  Its answers are listed,
 * numbered, above one field that shows the default VistA's way
 * ("Side: RIGHT//"): a digit takes an answer at once, as a pick list does;
 * first letters and Enter take the one they begin; Enter alone takes the
 * default.  A list too long for the form opens the scrolling pick list,
 * starting on the default.  A check item's amendment (done or not done) is a
 * choice too.  The answer then goes through scr_entry_finish like every
 * entry: a stop answer or a failed cross-check is said before it is saved.
 */
#include "ui_app.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "entry.h"
#include "entry_default.h"
#include "scr_entry.h"

static const char *const check_amend[] = {"done", "not done"};

static enum outcome
picked(struct app *a, void *ctx, size_t i)
{
	struct ectx *e = ctx;
	scr_entry_set(&e->value, e->choices[i]);
	scr_entry_set(&e->flag, "");	/* not the flag of an answer said and taken back */
	return scr_entry_finish(a, e);
}

/* The answer typed (its number, or its first letters) or taken as the
 * default; the answer is then saved as the checklist writes it. */
static enum outcome
choice_submit(struct app *a, struct form *f)
{
	struct ectx *e = f->ctx;
	struct err err = {0};
	int i;
	if (entry_choice(f->f[0].val, e->choices, e->nchoices, &i, &err) != ST_OK) {
		ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		return OUT_STAY;
	}
	return picked(a, e, (size_t)i);
}

/* The most lines of answers a choice form lists above its field (at 80x24);
 * a longer list opens the scrolling pick list instead. */
#define CHOICE_ROWS 12

/* A choice too long to list in a form: the pick list, starting on the
 * default. */
enum outcome
scr_entry_pick(struct app *a, struct ectx *e, const char *title, const struct entry_default *d)
{
	void *pick = pick_new(title, e->choices, e->nchoices, picked, scr_entry_ref(e),
	    scr_entry_unref);
	for (size_t i = 0; i < e->nchoices && d->value[0]; i++)
		if (strcasecmp(e->choices[i], d->value) == 0)
			pick_select(pick, i);
	ui_set_next(a, &ui_pick, pick);
	return OUT_PUSH;
}

/*
 * A choice: its answers numbered above one field that shows the default
 * ("Side: RIGHT//"); a digit takes that answer at once, first letters and
 * Enter the one they begin, Enter alone the default.  A stop answer is
 * marked, and is still said in words before it is saved.  NULL when the
 * answers are too many to list (then the pick list).
 */
struct form *
scr_entry_choice_form(struct ectx *e, const char *title, const struct entry_default *d)
{
	const struct item *it = e->it;
	struct buf b = {0};

	bool check = it->kind == KIND_CHECK;
	e->choices = check ? check_amend : (const char *const *)it->choices;
	e->nchoices = check ? 2 : it->nchoices;
	for (size_t i = 0; i < e->nchoices; i++)
		buf_printf(&b, "%s%2zu  %s%s", i ? "\n" : "", i + 1, e->choices[i],
		    !check && it->choice_stop && it->choice_stop[i] ? "  (STOP)" : "");
	struct form *f = NULL;
	if (b.data != NULL && strlen(b.data) < sizeof f->intro &&
	    ui_wrap_count(72, b.data) <= CHOICE_ROWS) {
		f = form_new(title, choice_submit, scr_entry_ref(e), scr_entry_unref);
		ui_copy(f->intro, sizeof f->intro, b.data);
	}
	buf_free(&b);
	if (f == NULL)
		return NULL;
	f->pick_digits = true;
	struct field *fl = form_add(f, d->label ? d->label : "Answer", "", NULL);
	form_choices(fl, e->choices, e->nchoices, false);
	field_default(fl, d->value);
	if (d->value[0])
		snprintf(e->hint, sizeof e->hint, "Enter takes %s%s%s%s; 1-9 choose another at "
		    "once, or first letters and Enter", d->value, d->why[0] ? " (" : "", d->why,
		    d->why[0] ? ")" : "");
	else
		snprintf(e->hint, sizeof e->hint, "1-9 choose at once; or first letters and Enter");
	fl->hint = e->hint;
	return f;
}
