/*
 * casestate_query: what the screens and the report ask of a case's state
 * once casestate.c has built it.  When the next entry of an observation
 * timer is due and whether one came early (the timers), what holds a phase
 * gate (the blockers), and the short words for a status, a blocker and the
 * case.  Nothing here changes the state.
 */
#include "casestate_int.h"

#include "actions.h"

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
		} else if (it->stop && answer_wrong(is) && !is->passed) {
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
