/*
 * Deriving a case's state from its events.  The rules (spinelog(1), ACTIONS):
 * a record, n/a or amendment puts an entry in force for its item; an
 * amendment supersedes the event it amends; an override marks a blocking
 * item passed (shown [!] from then on); time-out prompts are confirmed in
 * turn, a stop ends the run, timeout_done completes it; phase_start moves the
 * case on; case_close and case_cancel end it.
 *
 * The checklist's rules are applied while the events are replayed: after
 * each entry the `when` of every item is evaluated again, so an item that
 * comes back to apply knows the moment it did (its timer starts then), and
 * each observation knows whether it was made early.  The words for all of
 * this are in casestate_rules.c; what is due and what blocks a phase gate,
 * asked of the state once built, in casestate_query.c.
 */
#include "casestate_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "db.h"
#include "rule.h"

void
cs_event_clear(struct cs_event *e)
{
	free(e->phase);
	free(e->item_key);
	free(e->action);
	free(e->value);
	free(e->unit);
	free(e->flag);
	free(e->reason);
	free(e->staff);
	free(e->terminal);
	memset(e, 0, sizeof *e);
}

void
casestate_free(struct casestate *cs)
{
	if (cs == NULL)
		return;
	case_clear(&cs->c);
	if (cs->own_cl)
		checklist_free(cs->cl);
	for (size_t i = 0; i < cs->nev; i++)
		cs_event_clear(&cs->ev[i]);
	free(cs->ev);
	free(cs->items);
	free(cs);
}

static struct item_state *
find(struct casestate *cs, const char *key)
{
	for (size_t i = 0; i < cs->cl->nitems; i++)
		if (strcmp(cs->cl->items[i].key, key) == 0)
			return &cs->items[i];
	return NULL;
}

const struct item_state *
casestate_item(const struct casestate *cs, const char *key)
{
	return find((struct casestate *)cs, key);
}

static struct cs_event *
event_by_id(struct casestate *cs, int64_t id)
{
	for (size_t i = 0; i < cs->nev; i++)
		if (cs->ev[i].id == id)
			return &cs->ev[i];
	return NULL;
}

static void
apply(struct casestate *cs, struct cs_event *e)
{
	struct item_state *is = *e->item_key ? find(cs, e->item_key) : NULL;

	if (act_is(e, ACTION_PHASE_START)) {
		if (phase_parse(e->phase, &cs->phase))
			memcpy(cs->phase_at[cs->phase], e->at, CLOCK_UTC_LEN);
	} else if (act_is(e, ACTION_CASE_CORRECT)) {
		case_apply_correction(&cs->c, e->value);	/* e.g. the side, for case.side */
	} else if (act_is(e, ACTION_CASE_CLOSE) || act_is(e, ACTION_CASE_CANCEL)) {
		cs->closed = act_is(e, ACTION_CASE_CLOSE);
		cs->cancelled = !cs->closed;
		cs->ended = e;
	} else if (is == NULL) {
		return;		/* an item of another version, or a case-level event */
	} else if (act_is(e, ACTION_RECORD)) {
		int64_t at, due;
		if (is->it->repeat_every > 0 && clock_parse_utc(e->at, &at))
			e->early = casestate_is_early(cs, is, at, &due);
		is->early += e->early;
		is->cur = e;
		is->last = e;
		is->entries++;
		if (is->first == NULL)
			is->first = e;
	} else if (act_is(e, ACTION_NA)) {
		is->cur = e;
	} else if (act_is(e, ACTION_AMEND)) {
		struct cs_event *old = event_by_id(cs, e->amends);
		if (old != NULL)
			old->superseded_by = e->id;
		if (old == NULL || is->cur == old || is->cur == NULL)
			is->cur = e;
		is->last = e;
		if (old != NULL && act_is(old, ACTION_NA))
			is->entries++;	/* an n/a corrected into a value */
	} else if (act_is(e, ACTION_OVERRIDE)) {
		is->override = e;
	} else if (act_is(e, ACTION_TIMEOUT_CONFIRM)) {
		is->to_confirmed++;
	} else if (act_is(e, ACTION_TIMEOUT_STOP)) {
		is->to_stop = e;
		is->to_confirmed = 0;
	} else if (act_is(e, ACTION_TIMEOUT_DONE)) {
		is->to_done = true;
		is->to_stop = NULL;
		is->cur = e;
	}
}

static enum cs_status
status_of(const struct item_state *is)
{
	if (is->override != NULL && (!answer_wrong(is) || is->passed))
		return CS_OVERRIDDEN;
	if (is->it->kind == KIND_TIMEOUT && !is->to_done)
		return is->to_stop ? CS_FLAGGED : CS_OPEN;
	if (is->cur == NULL)
		return CS_OPEN;
	if (act_is(is->cur, ACTION_NA))
		return CS_NA;
	/* a check corrected to "not done" is open again (the history keeps why) */
	if (is->it->kind == KIND_CHECK && strcmp(is->cur->value, "not done") == 0)
		return CS_OPEN;
	if (*is->cur->flag || is->flagged > 0 || answer_wrong(is) || is->cur->early)
		return CS_FLAGGED;
	if (act_is(is->cur, ACTION_AMEND))
		return CS_CORRECTED;
	return CS_DONE;
}

/* Evaluate every `when` again after event e (NULL: before any event).  An
 * item that comes back to apply remembers when, so that its timer starts
 * then.  A `when` names only items above it, so one pass in file order sees
 * each item's inputs already settled. */
static void
applicability(struct casestate *cs, const struct cs_event *e)
{
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		struct item_state *is = &cs->items[i];
		if (is->it->when == NULL)
			continue;
		bool was = is->applies;
		is->applies = rule_eval(is->it->when, cs, (int)i, NULL) != TRI_FALSE;
		if (is->applies && !was && e != NULL)
			memcpy(is->applies_at, e->at, CLOCK_UTC_LEN);
	}
}

/* The declared allergy item's answer, whole; never another item's. */
static void
allergy(struct casestate *cs)
{
	const struct item *a = cs->cl->allergy_item;
	if (a == NULL) {
		/* a checklist built in code, not read from a file */
		a = checklist_item(cs->cl, "allergies");
		if (a != NULL && a->kind != KIND_TEXT && a->kind != KIND_CHOICE)
			a = NULL;
	}
	if (a == NULL)
		return;
	cs->allergy = &cs->items[a - cs->cl->items];
	const struct cs_event *cur = cs->allergy->cur;
	if (cur != NULL && !act_is(cur, ACTION_NA) && strcmp(cur->action, ACTION_TIMEOUT_DONE))
		cs->allergies = cur->value;
}

struct casestate *
casestate_build(struct case_info *c, struct checklist *cl, bool own_cl, struct cs_event *ev,
    size_t nev)
{
	struct casestate *cs = xcalloc(1, sizeof *cs);
	cs->c = *c;
	memset(c, 0, sizeof *c);
	cs->cl = cl;
	cs->own_cl = own_cl;
	cs->ev = ev;
	cs->nev = nev;
	cs->phase = PHASE_PRE;
	cs->items = xcalloc(cl->nitems ? cl->nitems : 1, sizeof *cs->items);
	for (size_t i = 0; i < cl->nitems; i++) {
		cs->items[i].it = &cl->items[i];
		cs->items[i].applies = true;
	}
	applicability(cs, NULL);
	for (size_t i = 0; i < nev; i++) {
		apply(cs, &ev[i]);
		if (*ev[i].item_key)
			applicability(cs, &ev[i]);
	}
	/* Every dose of a repeat "*" item stands on its own: one flagged dose
	 * (an unexpected unit, a hold not met) keeps the item flagged, however
	 * many come after it, until that entry itself is corrected. */
	for (size_t i = 0; i < nev; i++) {
		struct item_state *is = *ev[i].item_key ? find(cs, ev[i].item_key) : NULL;
		if (is != NULL && is->it->repeat_any && *ev[i].flag && ev[i].superseded_by == 0 &&
		    (act_is(&ev[i], ACTION_RECORD) || act_is(&ev[i], ACTION_AMEND)))
			is->flagged++;
	}
	for (size_t i = 0; i < cl->nitems; i++) {
		struct item_state *is = &cs->items[i];
		const struct item *it = is->it;
		bool live = is->cur != NULL && !act_is(is->cur, ACTION_NA) &&
		    (act_is(is->cur, ACTION_RECORD) || act_is(is->cur, ACTION_AMEND));
		is->stop_answer = live && rule_stop_answer(it, is->cur->value);
		if (it->must != NULL && live) {
			enum tri t = rule_eval(it->must, cs, (int)i, NULL);
			is->must = t == TRI_TRUE ? CS_RULE_OK : t == TRI_FALSE ? CS_RULE_FAIL :
			    CS_RULE_PENDING;
		}
		is->passed = is->override != NULL && (is->cur == NULL ||
		    is->override->id > is->cur->id);
		is->status = status_of(is);
		if (!is->applies)
			continue;
		cs->total[it->phase]++;
		if (is->status != CS_OPEN && !(is->status == CS_FLAGGED && it->kind == KIND_TIMEOUT))
			cs->done[it->phase]++;
	}
	allergy(cs);
	casestate_notes(cs);
	return cs;
}

int
casestate_load(struct db *db, int64_t case_id, const struct checklist *cl, struct casestate **out,
    struct err *err)
{
	struct case_info c = {0};
	struct checklist *own = NULL;

	*out = NULL;
	if (case_get(db, case_id, &c, err) != ST_OK)
		return err->status;
	if (cl == NULL) {
		if (checklist_version_load(db, c.version_id, &own, err) != ST_OK) {
			case_clear(&c);
			return err->status;
		}
		cl = own;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT id, recorded_at, phase, item_key, action, value,"
	    " unit, flag, reason, amends, staff_code, terminal FROM event WHERE case_id = :id"
	    " ORDER BY id",
	    err);
	if (st == NULL) {
		case_clear(&c);
		checklist_free(own);
		return err->status;
	}
	sqlite3_bind_int64(st, 1, case_id);
	struct cs_event *ev = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ev = xreallocarray(ev, cap, sizeof *ev);
		}
		struct cs_event *e = &ev[n++];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(st, 0);
		snprintf(e->at, sizeof e->at, "%s", db_col_text(st, 1));
		e->phase = xstrdup(db_col_text(st, 2));
		e->item_key = xstrdup(db_col_text(st, 3));
		e->action = xstrdup(db_col_text(st, 4));
		e->value = xstrdup(db_col_text(st, 5));
		e->unit = xstrdup(db_col_text(st, 6));
		e->flag = xstrdup(db_col_text(st, 7));
		e->reason = xstrdup(db_col_text(st, 8));
		e->amends = sqlite3_column_int64(st, 9);
		e->staff = xstrdup(db_col_text(st, 10));
		e->terminal = xstrdup(db_col_text(st, 11));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < n; i++)
			cs_event_clear(&ev[i]);
		free(ev);
		case_clear(&c);
		checklist_free(own);
		return db_fail(db, rc, "reading the case's events", err);
	}
	*out = casestate_build(&c, own ? own : (struct checklist *)cl, own != NULL, ev, n);
	return ST_OK;
}
