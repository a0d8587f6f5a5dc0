/*
 * casestate: everything the screens show about a case, derived from its
 * events.  casestate_build() is a pure function of the case row, its
 * checklist version and its events in log order: per item the status
 * (open, done, n/a, flagged, overridden, corrected), the current value, time
 * and staff, the entries superseded by amendments, the repeat count and the
 * time-out progress; per phase done/total; the current phase; and what
 * blocks the next phase.  Screens never keep clinical state of their own:
 * after each committed event they reload and draw this.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_CASESTATE_H
#define SPINELOG_CASESTATE_H

#include <stdbool.h>
#include <stdint.h>

#include "checklist.h"
#include "clock.h"
#include "util.h"

struct db;	/* store/db.h: opaque above the storage layer */
#include "record.h"

/* One event of the case, owned. */
struct cs_event {
	int64_t id;
	char at[CLOCK_UTC_LEN];
	char *phase, *item_key, *action, *value, *unit, *flag, *reason, *staff;
	char *terminal;		/* where it was entered (event.terminal) */
	int64_t amends;
	int64_t superseded_by;	/* the amend event that corrected this one, 0 = none */
};

enum cs_status {
	CS_OPEN, CS_DONE, CS_NA, CS_FLAGGED, CS_OVERRIDDEN, CS_CORRECTED
};

struct item_state {
	const struct item *it;
	enum cs_status status;
	const struct cs_event *cur;	 /* the entry in force (record, na, amend,
					  * timeout_done), NULL when none */
	const struct cs_event *override; /* the override, NULL when none */
	int entries;			 /* live entries (for repeat items) */
	const struct cs_event *first;	 /* the first entry (repeat timers count from it) */
	/* time-out items */
	int to_confirmed;		 /* prompts confirmed in the run under way */
	const struct cs_event *to_stop;	 /* the stop that ended the last run, if no
					  * completed run followed */
	bool to_done;
};

enum cs_block { BLOCK_REQUIRED, BLOCK_STOP, BLOCK_TIMEOUT };

struct cs_blocker {
	const struct item_state *is;
	enum cs_block why;
};

struct casestate {
	struct case_info c;
	struct checklist *cl;
	bool own_cl;
	struct cs_event *ev;		/* in log order */
	size_t nev;
	struct item_state *items;	/* parallel to cl->items */
	enum phase phase;		/* the phase under way */
	bool closed, cancelled;
	const struct cs_event *ended;	/* the close or cancel event */
	int done[PHASE__COUNT], total[PHASE__COUNT];
	const char *allergies;		/* value of an allergy item once recorded, or NULL */
	char phase_at[PHASE__COUNT][CLOCK_UTC_LEN];	/* phase_start times; "" = none */
};

/* Build from parts; takes ownership of c's strings, cl (when own_cl) and ev. */
struct casestate *casestate_build(struct case_info *c, struct checklist *cl, bool own_cl,
    struct cs_event *ev, size_t nev);

/* Load case id with its checklist version and its events (index event_case).
 * cl, when not NULL, is that version already loaded (borrowed). */
int casestate_load(struct db *db, int64_t case_id, const struct checklist *cl,
    struct casestate **out, struct err *err);
void casestate_free(struct casestate *cs);
void cs_event_clear(struct cs_event *e);

/* The item state of an item key, or NULL. */
const struct item_state *casestate_item(const struct casestate *cs, const char *key);

/* What blocks leaving phase p (moving to the next phase, or closing the case
 * after post): fills up to max blockers, returns how many there are. */
size_t casestate_blockers(const struct casestate *cs, enum phase p, struct cs_blocker *out,
    size_t max);

/*
 * Observation timers (items with a repeat).  The first entry is due when the
 * item's phase starts (phase_start; a pre-phase item has no start time, so
 * its timer starts with its first entry); entry k is due (k - 1) x the
 * interval after the first entry, whenever that was made.  Nothing is due once the item has all its entries, is n/a or
 * overridden, or the case has ended.  Returns whether an entry is due and
 * when (milliseconds since the epoch).
 */
bool casestate_due(const struct casestate *cs, const struct item_state *is, int64_t *due_ms);

/* Counts over a case at now_ms: entries overdue (casestate_overdue) and due
 * soon (within CS_DUE_SOON_MS); *next_ms the earliest due time, 0 = none. */
#define CS_DUE_SOON_MS (5 * 60 * 1000)
/* An entry is overdue once its due minute has passed. */
#define CS_LATE_MS (60 * 1000)
bool casestate_overdue(int64_t due_ms, int64_t now_ms);
void casestate_timers(const struct casestate *cs, int64_t now_ms, int *due_soon, int *overdue,
    int64_t *next_ms);

/* "[ ]", "[x]", "[-]", "[!]", "[~]" */
const char *casestate_glyph(enum cs_status s);
const char *casestate_status_name(enum cs_status s);	/* "open", "done", ... */
const char *casestate_block_name(enum cs_block b);	/* "required", "STOP", ... */
/* Whether the case is open, closed or cancelled, as a word. */
const char *casestate_case_status(const struct casestate *cs);

#endif
