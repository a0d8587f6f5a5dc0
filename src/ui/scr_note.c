/*
 * scr_note: notes and addenda (scr_note.h).  The forms keep what was typed
 * when the write fails (ui_saved), so a retry loses nothing; the domain
 * (chart.c, note.h) decides what is accepted and words the refusals.
 */
#include "scr_note.h"

#include <stdio.h>
#include <stdlib.h>

#include "actions.h"
#include "clock.h"
#include "note.h"

struct note_ctx {
	int64_t case_id;
	char key[CL_MAX_KEY + 1];	/* "" = the whole case (an addendum) */
	char label[CL_MAX_LABEL * 4 + 1];	/* UTF-8 */
};

/* The item of key in the case as it is now (the version never changes). */
static const struct item *
item_now(struct app *a, const struct note_ctx *n, struct casestate **cs, struct err *err)
{
	if (casestate_load(a->db, n->case_id, NULL, cs, err) != ST_OK)
		return NULL;
	return n->key[0] ? checklist_item((*cs)->cl, n->key) : NULL;
}

static enum outcome
note_submit(struct app *a, struct form *f)
{
	struct note_ctx *n = f->ctx;
	struct err err = {0};
	struct casestate *cs = NULL;
	if (note_text(f->f[0].val, &err) != ST_OK) {
		ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		return OUT_STAY;
	}
	const struct item *it = item_now(a, n, &cs, &err);
	int rc = it == NULL ? err_set(&err, err.status ? err.status : ST_SOFTWARE, "%s",
	    err.msg[0] ? err.msg : "the item is not in this case's checklist") :
	    chart_note(a->db, a->staff.code, n->case_id, it, f->f[0].val, &err);
	casestate_free(cs);
	if (!ui_saved(a, rc, &err))
		return OUT_PUSH;
	ui_message(a, ROLE_DONE, "Saved: note on %s", n->label);
	return OUT_POP;
}

static struct form *
note_form(const struct casestate *cs, const struct item *it, const char *why)
{
	struct note_ctx *n = xcalloc(1, sizeof *n);
	n->case_id = cs->c.id;
	ui_copy(n->key, sizeof n->key, it->key);
	ui_copy(n->label, sizeof n->label, it->label);
	char title[120];
	snprintf(title, sizeof title, "Note: %.*s", (int)text_fit(it->label, 60, NULL), it->label);
	struct form *f = form_new(title, note_submit, n, free);
	snprintf(f->intro, sizeof f->intro, "%s", why);
	f->wide = true;
	form_add(f, "Note", "", "free text, saved with your code and the time; Esc: no note");
	return f;
}

enum outcome
scr_note_open(struct app *a, const struct casestate *cs, const struct item_state *is)
{
	if (is == NULL)
		return OUT_STAY;
	if (cs->closed || cs->cancelled) {
		ui_message(a, ROLE_WARN, "This case is %s: a late entry is an addendum (S, then "
		    "%s).", casestate_case_status(cs), ui_actions[ACT_ADDENDUM].keyname);
		return OUT_STAY;
	}
	char why[300];
	snprintf(why, sizeof why, "A note on this item, kept in the log beside its entry "
	    "(%d so far). It changes no value.", is->notes);
	ui_set_next(a, &ui_form, note_form(cs, is->it, why));
	return OUT_PUSH;
}

void
scr_note_after_save(struct app *a, const struct casestate *cs, const struct item *it,
    const char *value)
{
	const struct item_state *is = casestate_item(cs, it->key);
	if (!note_asked(it, value) || is == NULL || is->notes > 0)
		return;
	char why[300];
	snprintf(why, sizeof why, "The answer '%.120s' asks for a note: write it now. Until "
	    "it is written the item shows 'note needed' and holds the phase gate.", value);
	ui_set_next(a, &ui_form, note_form(cs, it, why));
}

const char *
scr_note_mark(const struct item_state *is)
{
	return is->notes > 0 ? "*" : "";
}

void
scr_note_hint(const struct item_state *is, char **val)
{
	const char *had = *val ? *val : "";
	char *t = NULL;
	if (is->needs_note)
		t = xasprintf("%s%snote needed: %s writes it", had, *had ? "  " : "",
		    ui_actions[ACT_NOTE].keyname);
	else if (is->note != NULL)
		t = xasprintf("%s%snote (%s): %s", had, *had ? "  " : "", is->note->staff,
		    is->note->value);
	if (t == NULL)
		return;
	free(*val);
	*val = t;
}

/* --- addenda ------------------------------------------------------------- */

static enum outcome
addendum_submit(struct app *a, struct form *f)
{
	struct note_ctx *n = f->ctx;
	struct err err = {0};
	struct casestate *cs = NULL;
	f->f[0].err[0] = f->f[1].err[0] = '\0';
	if (note_text(f->f[0].val, &err) != ST_OK) {
		ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		f->sel = 0;
		return OUT_STAY;
	}
	if (note_reason(f->f[1].val, &err) != ST_OK) {
		ui_copy(f->f[1].err, sizeof f->f[1].err, err.msg);
		f->sel = 1;
		return OUT_STAY;
	}
	const struct item *it = item_now(a, n, &cs, &err);
	int rc = n->key[0] && it == NULL ? err_set(&err, err.status ? err.status : ST_SOFTWARE,
	    "%s", err.msg[0] ? err.msg : "the item is not in this case's checklist") :
	    chart_addendum(a->db, a->staff.code, n->case_id, it, f->f[0].val, f->f[1].val, &err);
	casestate_free(cs);
	if (!ui_saved(a, rc, &err))
		return OUT_PUSH;
	ui_message(a, ROLE_DONE, "Saved: addendum on %s", n->label);
	return OUT_POP_MODAL;
}

static enum outcome
addendum_form(struct app *a, struct note_ctx *n, const struct casestate *cs)
{
	char title[120], when[20];
	snprintf(title, sizeof title, "Addendum: %.*s", (int)text_fit(n->label, 60, NULL), n->label);
	struct form *f = form_new(title, addendum_submit, n, free);
	clock_local(cs->ended->at, "%Y-%m-%d %H:%M", when, sizeof when);
	snprintf(f->intro, sizeof f->intro, "A late entry on case %lld, %s %s by %s. It is "
	    "logged as an ADDENDUM with the time now, your code and the reason; the entries "
	    "made before stay as they are.", (long long)cs->c.id, casestate_case_status(cs),
	    when, cs->ended->staff);
	f->wide = true;
	form_add(f, "Addendum", "", "what is added: a value or free text");
	form_add(f, "Why late", "", "at least 2 words and 8 letters, e.g. found on ward round");
	ui_set_next(a, &ui_form, f);
	return OUT_PUSH;
}

static enum outcome
addendum_picked(struct app *a, void *ctx, size_t i)
{
	struct note_ctx *n = ctx;
	struct err err = {0};
	struct casestate *cs;
	if (casestate_load(a->db, n->case_id, NULL, &cs, &err) != ST_OK) {
		ui_message(a, ROLE_ERROR, "Could not read the case: %s", err.msg);
		return OUT_POP;
	}
	struct note_ctx *m = xcalloc(1, sizeof *m);
	m->case_id = n->case_id;
	if (i == 0 || i > cs->cl->nitems) {
		ui_copy(m->label, sizeof m->label, "the whole case");
	} else {
		ui_copy(m->key, sizeof m->key, cs->cl->items[i - 1].key);
		ui_copy(m->label, sizeof m->label, cs->cl->items[i - 1].label);
	}
	enum outcome o = cs->ended ? addendum_form(a, m, cs) : OUT_POP;
	if (cs->ended == NULL)
		free(m);
	casestate_free(cs);
	return o;
}

struct pick_list {
	struct note_ctx n;
	char **items;
	size_t count;
};

static void
pick_list_free(void *p)
{
	struct pick_list *l = p;
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	free(l);
}

enum outcome
scr_addendum_open(struct app *a, const struct casestate *cs)
{
	if (!cs->closed && !cs->cancelled) {
		ui_message(a, ROLE_WARN, "This case is still open: record or amend the item "
		    "itself (Enter shows the checklist).");
		return OUT_STAY;
	}
	struct pick_list *l = xcalloc(1, sizeof *l);
	l->n.case_id = cs->c.id;
	l->count = cs->cl->nitems + 1;
	l->items = xcalloc(l->count, sizeof *l->items);
	l->items[0] = xstrdup("(the whole case)");
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		const struct item_state *is = &cs->items[i];
		l->items[i + 1] = xasprintf("%s %-4.4s %s", casestate_glyph(is->status),
		    phase_name(is->it->phase), is->it->label);
	}
	void *p = pick_new("Addendum about which item?", (const char *const *)l->items, l->count,
	    addendum_picked, l, pick_list_free);
	ui_set_next(a, &ui_pick, p);
	return OUT_PUSH;
}
