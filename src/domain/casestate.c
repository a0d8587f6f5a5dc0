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
 * this are in casestate_rules.c.
 */
#include "casestate.h"

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

static bool
act_is(const struct cs_event *e, const char *action)
{
	return strcmp(e->action, action) == 0;
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

/* The answer in force has something wrong with it that an override passes
 * only when given after it. */
static bool
problem(const struct item_state *is)
{
	return is->stop_answer || is->must == CS_RULE_FAIL;
}

static enum cs_status
status_of(const struct item_state *is)
{
	if (is->override != NULL && (!problem(is) || is->passed))
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
	if (*is->cur->flag || is->flagged > 0 || problem(is) || is->cur->early)
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

/* The state of the item a timer is chained to. */
static const struct item_state *
state_of(const struct casestate *cs, const struct item *it)
{
	return it ? &cs->items[it - cs->cl->items] : NULL;
}

/* Whether the schedule has ended by its "until KEY": KEY has an entry in
 * force (or was overridden). */
static bool
schedule_ended(const struct casestate *cs, const struct item_state *is)
{
	const struct item_state *u = state_of(cs, is->it->repeat_until);
	return u != NULL && (u->cur != NULL || u->override != NULL || u->to_done);
}

/* When the first entry of an "after KEY" timer is due: one interval after
 * KEY's last entry, once KEY's own schedule (if any) is complete, or after
 * KEY was marked n/a or overridden. */
static bool
after_anchor(const struct casestate *cs, const struct item_state *is, int64_t *t)
{
	const struct item_state *a = state_of(cs, is->it->repeat_after);
	const char *at = NULL;
	if (a->override != NULL)
		at = a->override->at;
	else if (a->cur != NULL && act_is(a->cur, ACTION_NA))
		at = a->cur->at;
	else if (a->last != NULL && (a->it->repeat_times <= 1 || a->entries >= a->it->repeat_times))
		at = a->last->at;
	if (at == NULL || !clock_parse_utc(at, t))
		return false;
	*t += (int64_t)is->it->repeat_every * 60000;
	return true;
}

/* When the next entry is due as the log stands, whatever the case's status;
 * false when it cannot be known yet (or nothing more is asked). */
static bool
next_due(const struct casestate *cs, const struct item_state *is, int64_t *due_ms)
{
	const struct item *it = is->it;
	int64_t start, since;

	if (it->repeat_every <= 0 || it->repeat_times < 1 || is->entries >= it->repeat_times ||
	    schedule_ended(cs, is))
		return false;
	if (is->first != NULL) {
		if (!clock_parse_utc(is->first->at, &start))
			return false;
		*due_ms = start + (int64_t)is->entries * it->repeat_every * 60000;
		return true;
	}
	if (it->repeat_after != NULL) {
		if (!after_anchor(cs, is, &start))
			return false;
	} else if (!clock_parse_utc(cs->phase_at[it->phase], &start)) {
		return false;
	}
	if (is->applies_at[0] && clock_parse_utc(is->applies_at, &since) && since > start)
		start = since;
	*due_ms = start;
	return true;
}

bool
casestate_due(const struct casestate *cs, const struct item_state *is, int64_t *due_ms)
{
	const struct item *it = is->it;

	if (it->repeat_every <= 0 || !is->applies || is->status == CS_NA ||
	    is->override != NULL || cs->closed || cs->cancelled || it->phase > cs->phase)
		return false;
	return next_due(cs, is, due_ms);
}

bool
casestate_is_early(const struct casestate *cs, const struct item_state *is, int64_t at_ms,
    int64_t *due_ms)
{
	const struct item *it = is->it;
	int64_t half = (int64_t)it->repeat_every * 60000 / CS_EARLY_FRACTION;

	*due_ms = 0;
	if (it->repeat_every <= 0 || !is->applies || is->entries >= it->repeat_times)
		return false;
	if (next_due(cs, is, due_ms))
		return at_ms < *due_ms - half;
	/* A chained timer whose anchor has not happened: not due yet at all. */
	return is->first == NULL && it->repeat_after != NULL && !schedule_ended(cs, is);
}

bool
casestate_overdue(int64_t due_ms, int64_t now_ms)
{
	return now_ms >= due_ms + CS_LATE_MS;
}

void
casestate_timers(const struct casestate *cs, int64_t now_ms, int *due_soon, int *overdue,
    int64_t *next_ms)
{
	*due_soon = *overdue = 0;
	*next_ms = 0;
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		int64_t due;
		if (!casestate_due(cs, &cs->items[i], &due))
			continue;
		if (casestate_overdue(due, now_ms))
			(*overdue)++;
		else if (due <= now_ms + CS_DUE_SOON_MS)
			(*due_soon)++;
		if (*next_ms == 0 || due < *next_ms)
			*next_ms = due;
	}
}

static bool
timeout_passed(const struct item_state *is)
{
	return is->to_done || is->override != NULL;
}

size_t
casestate_blockers(const struct casestate *cs, enum phase p, struct cs_blocker *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		const struct item_state *is = &cs->items[i];
		const struct item *it = is->it;
		bool blocks = false;
		enum cs_block why = BLOCK_REQUIRED;

		/* The procedure cannot start without the time-out, wherever the
		 * checklist put it before the post phase. */
		if (it->kind == KIND_TIMEOUT && (it->phase == p ||
		    (p == PHASE_PRE && it->phase == PHASE_PROCEDURE))) {
			blocks = !timeout_passed(is);
			why = BLOCK_TIMEOUT;
		} else if (it->phase != p || !is->applies) {
			continue;	/* an item that does not apply never blocks */
		} else if (it->stop && problem(is) && !is->passed) {
			/* a stop answer or a failed cross-check: the answer was
			 * saved, and holds the gate like an open hard stop */
			blocks = true;
			why = is->stop_answer ? BLOCK_STOP_ANSWER : BLOCK_RULE;
		} else if (is->override != NULL) {
			continue;
		} else if (is->needs_note) {
			blocks = true;	/* "describe in a note": answered, not described */
			why = BLOCK_NOTE;
		} else if (it->stop) {
			blocks = is->status == CS_OPEN || is->status == CS_NA;
			why = BLOCK_STOP;
		} else if (it->required) {
			/* an "until" schedule is complete once it ended with an entry */
			int want = schedule_ended(cs, is) && is->entries > 0 ? is->entries :
			    it->repeat_times;
			blocks = is->status == CS_OPEN ||
			    (it->repeat_times > 1 && is->status != CS_NA && is->entries < want);
		}
		if (!blocks)
			continue;
		if (n < max)
			out[n] = (struct cs_blocker){is, why};
		n++;
	}
	return n;
}

const char *
casestate_glyph(enum cs_status s)
{
	static const char *const g[] = {"[ ]", "[x]", "[-]", "[!]", "[!]", "[~]"};
	return g[s];
}

const char *
casestate_block_name(enum cs_block b)
{
	static const char *const g[] = {"required", "STOP", "time-out not done",
	    "STOP answer", "cross-check failed", "note needed"};
	return g[b];
}

const char *
casestate_case_status(const struct casestate *cs)
{
	return cs->cancelled ? "cancelled" : cs->closed ? "closed" : "open";
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
