/*
 * timers: observation timers ("vitals every 15 minutes, 4 times"), derived
 * from a case's events and the clock, so that they survive a restart and
 * every terminal shows the same.
 *
 * For an item with repeat = every N minutes, K times: the first entry is due
 * when the item's phase starts (its phase_start event; the case's creation
 * for the pre-procedure phase), or at once when an entry was made before
 * that; after the first entry, entry k is due N*k minutes after the first
 * entry (fixed intervals, not from the last entry, so one late entry does
 * not shift the schedule).  An entry is "due" from 5 minutes before its time
 * and "overdue" from 1 minute after it.  K entries, an n/a, a closed or
 * cancelled case, or a phase not yet started: no timer.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_TIMERS_H
#define SPINELOG_TIMERS_H

#include <stdint.h>

#include "casestate.h"

#define TIMER_DUE_AHEAD_MS (5 * 60 * 1000)
#define TIMER_GRACE_MS (60 * 1000)

enum timer_state {
	TIMER_NONE,	/* no timer: not a repeat item, n/a, complete, phase not started */
	TIMER_PENDING,	/* next entry due later */
	TIMER_DUE,	/* due within 5 minutes, or now */
	TIMER_OVERDUE,	/* past its time by a minute or more */
};

struct timer {
	enum timer_state state;
	int64_t due_ms;		/* when the next entry is due (ms since the epoch) */
	int overdue_min;	/* whole minutes past due_ms, when overdue */
	int done, want;		/* entries made, entries asked for */
};

struct timer timers_item(const struct casestate *cs, const struct item_state *is, int64_t now_ms);

/* Over every item of a case: how many entries are due and overdue, and the
 * earliest next due time (0 when none). */
struct timer_counts {
	int due, overdue;
	int64_t next_due_ms;
};
void timers_case(const struct casestate *cs, int64_t now_ms, struct timer_counts *out);

/* "due 14:35" (local time of day), "OVERDUE 3 min", or "" when no timer. */
void timers_label(const struct timer *t, char *out, size_t size);

/* Milliseconds since the epoch, now. */
int64_t timers_now(void);

#endif
