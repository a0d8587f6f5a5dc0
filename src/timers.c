/* Observation timers derived from a case's events (rules in timers.h). */
#include "timers.h"

#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "clock.h"

int64_t
timers_now(void)
{
	char now[CLOCK_UTC_LEN];
	int64_t ms = 0;
	clock_now(now);
	clock_parse_utc(now, &ms);
	return ms;
}

/* When the item's phase started, or -1 when it has not. */
static int64_t
phase_started(const struct casestate *cs, enum phase p)
{
	for (size_t i = 0; i < cs->nev; i++) {
		const struct cs_event *e = &cs->ev[i];
		bool starts = p == PHASE_PRE ? strcmp(e->action, ACTION_CASE_CREATE) == 0 :
		    strcmp(e->action, ACTION_PHASE_START) == 0 && strcmp(e->phase, phase_name(p)) == 0;
		int64_t ms;
		if (starts && clock_parse_utc(e->at, &ms))
			return ms;
	}
	return p == PHASE_PRE ? 0 : -1;	/* a case always has its pre phase */
}

struct timer
timers_item(const struct casestate *cs, const struct item_state *is, int64_t now_ms)
{
	const struct item *it = is->it;
	struct timer t = {.state = TIMER_NONE, .done = is->entries, .want = it->repeat_times};
	int64_t first = -1;

	if (it->repeat_every <= 0 || cs->closed || cs->cancelled || is->status == CS_NA ||
	    is->entries >= it->repeat_times)
		return t;
	for (size_t i = 0; i < cs->nev && first < 0; i++) {
		const struct cs_event *e = &cs->ev[i];
		if (strcmp(e->item_key, it->key) == 0 && strcmp(e->action, ACTION_RECORD) == 0)
			clock_parse_utc(e->at, &first);
	}
	if (first >= 0 && is->entries > 0) {
		t.due_ms = first + (int64_t)is->entries * it->repeat_every * 60000;
	} else {
		t.due_ms = phase_started(cs, it->phase);
		if (t.due_ms < 0)
			return t;	/* its phase has not started */
	}
	if (now_ms >= t.due_ms + TIMER_GRACE_MS) {
		t.state = TIMER_OVERDUE;
		t.overdue_min = (int)((now_ms - t.due_ms) / 60000);
	} else if (now_ms >= t.due_ms - TIMER_DUE_AHEAD_MS) {
		t.state = TIMER_DUE;
	} else {
		t.state = TIMER_PENDING;
	}
	return t;
}

void
timers_case(const struct casestate *cs, int64_t now_ms, struct timer_counts *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		struct timer t = timers_item(cs, &cs->items[i], now_ms);
		if (t.state == TIMER_NONE)
			continue;
		out->due += t.state == TIMER_DUE;
		out->overdue += t.state == TIMER_OVERDUE;
		if (out->next_due_ms == 0 || t.due_ms < out->next_due_ms)
			out->next_due_ms = t.due_ms;
	}
}

void
timers_label(const struct timer *t, char *out, size_t size)
{
	char utc[CLOCK_UTC_LEN], hm[8];

	switch (t->state) {
	case TIMER_NONE:
		snprintf(out, size, "%s", "");
		break;
	case TIMER_OVERDUE:
		snprintf(out, size, "OVERDUE %d min", t->overdue_min);
		break;
	case TIMER_DUE:
	case TIMER_PENDING:
		clock_format_utc(t->due_ms, utc);
		clock_local(utc, "%H:%M", hm, sizeof hm);
		snprintf(out, size, "due %s", hm);
		break;
	}
}
