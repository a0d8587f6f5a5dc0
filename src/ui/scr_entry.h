/*
 * scr_entry.h: what the entry dialogs' two files share (private to them):
 * scr_entry.c opens the dialog for an item and takes every entry through
 * its last steps (the checklist's rules, an amendment's reason, saving);
 * scr_entry_choice.c holds the choice dialog, scr_entry_med.c the med and
 * antithrombotic dialogs.
 */
#ifndef SPINELOG_SCR_ENTRY_H
#define SPINELOG_SCR_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "casestate.h"
#include "drugtab.h"
#include "entry.h"
#include "entry_default.h"
#include "holdtab.h"
#include "ui_app.h"

/*
 * The entry context the dialogs share (reference-counted, as each dialog on
 * the stack holds it); it owns its own copy of the case state so that a
 * reload of the case screen behind cannot pull the item from under it.
 */
struct ectx {
	int refs;
	struct casestate *cs;
	const struct item *it;
	int64_t amend_of;
	char *value, *unit, *flag, *reason;
	char *checked;		/* the value the checklist's rules were last said for */
	const char *const *choices;	/* for a pick */
	size_t nchoices;
	char vit_hints[VIT__COUNT][80];	/* the vitals form's field hints */
	char hint[400];		/* the field hint of a one-field dialog */
	/* the tables (the app's catalogue, which outlives the dialog); for a
	 * med, the dose field's hint and what the expired-lot form names */
	const struct drugtab *drugs;
	const struct holdtab *holds;
	char dose_hint[160];
	bool expired;
	char *lot, *drug, *expiry;
	const char **at_drugs;	/* antithrombotic: none, then the hold table's drugs */
	/* med: the time-out team, offered for who gave and who checked it */
	char team_buf[400];
	const char *team[8];
	size_t nteam;
};

/* Another reference to e, for a dialog that holds it; scr_entry_unref
 * drops one (the dialogs' free function) and frees e with the last. */
struct ectx *scr_entry_ref(struct ectx *e);
void scr_entry_unref(void *p);
/* Replace *dst with a copy of s (NULL as ""). */
void scr_entry_set(char **dst, const char *s);
/* The value of a time (a time item's, a med's time) that an amendment
 * starts from: a stored "HH:MM" of another day than today with its day (in
 * buf), so that saving it unchanged does not move it to today. */
const char *scr_entry_dated(const struct ectx *e, const char *value,
    char buf[ENTRY_WHEN_LEN]);
/* The value is complete: say the checklist's rules on it, then save it, or
 * for an amendment ask why first (scr_entry.c). */
enum outcome scr_entry_finish(struct app *a, struct ectx *e);

/* The dialog of a choice item, or of a check item's amendment (done, not
 * done), with its default d; NULL when the answers are too many to list in
 * a form: then scr_entry_pick opens the pick list (scr_entry_choice.c). */
struct form *scr_entry_choice_form(struct ectx *e, const char *title,
    const struct entry_default *d);
enum outcome scr_entry_pick(struct app *a, struct ectx *e, const char *title,
    const struct entry_default *d);

/* The med dialog, and the antithrombotic one, for e's item; amend_of and
 * prefill as for scr_entry_open (scr_entry_med.c). */
struct form *scr_entry_med_form(struct app *a, struct ectx *e, const char *title,
    int64_t amend_of, const char *prefill);
struct form *scr_entry_med_at_form(struct ectx *e, const char *title, int64_t amend_of,
    const char *prefill);

#endif
