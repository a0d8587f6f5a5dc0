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
 * The checklist's rules (spinelog-checklist(5)) are worked out here too, from
 * the same events: whether each item applies (its `when`), whether the answer
 * in force is a stop answer ('!'), whether it passes its cross-check
 * (`must`), and when observation timers are due.  None of it is stored: a
 * corrected answer changes it everywhere, and an old case reads the same on
 * every terminal and in every report.
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
	bool early;		/* derived: an observation made more than half an interval
				 * before it was due (casestate_due) */
};

enum cs_status {
	CS_OPEN, CS_DONE, CS_NA, CS_FLAGGED, CS_OVERRIDDEN, CS_CORRECTED
};

/* The cross-check (`must`) of an item's answer in force. */
enum cs_rule {
	CS_RULE_NONE,		/* no must, or nothing recorded to check */
	CS_RULE_OK,
	CS_RULE_FAIL,		/* the answer fails it: flagged "rule" */
	CS_RULE_PENDING,	/* something it compares with is not known yet */
};

struct item_state {
	const struct item *it;
	enum cs_status status;
	const struct cs_event *cur;	 /* the entry in force (record, na, amend,
					  * timeout_done), NULL when none */
	const struct cs_event *override; /* the override, NULL when none */
	int entries;			 /* live entries (for repeat items; repeat "*": the
					  * doses given) */
	int flagged;			 /* repeat "*": entries not superseded that carry a
					  * flag; any one keeps the item flagged [!] */
	const struct cs_event *first;	 /* the first entry (repeat timers count from it) */
	const struct cs_event *last;	 /* the latest record or amendment */
	/* time-out items */
	int to_confirmed;		 /* prompts confirmed in the run under way */
	const struct cs_event *to_stop;	 /* the stop that ended the last run, if no
					  * completed run followed */
	bool to_done;
	/* rules */
	bool applies;			 /* false while its `when` is known to be false: not
					  * counted, never blocks, no n/a needed, no timer */
	char applies_at[CLOCK_UTC_LEN];	 /* when it last came back to apply; "" = from
					  * the start */
	bool stop_answer;		 /* the entry in force is a stop answer ('!') */
	enum cs_rule must;		 /* its cross-check, on the entry in force */
	bool passed;			 /* an override later than the entry in force */
	int early;			 /* entries made early (cs_event.early) */
	/* notes (casestate_notes.c) */
	int notes;			 /* "note" events on the item */
	const struct cs_event *note;	 /* the latest of them, NULL when none */
	bool needs_note;		 /* the answer in force asks for a note (note.h)
					  * and none is written: the item shows it, and
					  * it holds the phase gate like a required item */
	int addenda;			 /* "addendum" events about the item */
};

/* What blocks a phase gate.  STOP_ANSWER and RULE block a stop item whose
 * answer is a stop answer or fails its cross-check, until the answer is
 * corrected or an override is recorded after it. */
enum cs_block { BLOCK_REQUIRED, BLOCK_STOP, BLOCK_TIMEOUT, BLOCK_STOP_ANSWER, BLOCK_RULE,
	BLOCK_NOTE };

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
	int done[PHASE__COUNT], total[PHASE__COUNT];	/* of the items that apply */
	/* The allergies: the answer in force of the checklist's declared allergy
	 * item (meta,allergy_item), whole, or NULL until recorded (n/a is not an
	 * allergy).  No other item ever shows here. */
	const char *allergies;
	const struct item_state *allergy;	/* that item, or NULL when none */
	char phase_at[PHASE__COUNT][CLOCK_UTC_LEN];	/* phase_start times; "" = none */
	int notes, addenda;	/* note and addendum events of the case */
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

/* Count the notes and addenda of a case and mark the items whose answer
 * asks for a note that is not written (casestate_build calls it last). */
void casestate_notes(struct casestate *cs);

/* The item state of an item key, or NULL. */
const struct item_state *casestate_item(const struct casestate *cs, const char *key);

/* What blocks leaving phase p (moving to the next phase, or closing the case
 * after post): fills up to max blockers, returns how many there are. */
size_t casestate_blockers(const struct casestate *cs, enum phase p, struct cs_blocker *out,
    size_t max);

/*
 * Observation timers (items with a repeat).  The first entry is due when the
 * item's phase starts (phase_start; a pre-phase item has no start time, so
 * its timer starts with its first entry), or when the item came to apply if
 * that was later, or, for "after KEY", one interval after KEY's last entry
 * (after its last scheduled one when KEY has a timer too).  Entry k is due
 * (k - 1) x the interval after the first entry, whenever that was made.
 * Nothing is due once the item has all its entries, does not apply, is n/a
 * or overridden, its "until KEY" is recorded, or the case has ended.
 * Returns whether an entry is due and when (milliseconds since the epoch).
 */
bool casestate_due(const struct casestate *cs, const struct item_state *is, int64_t *due_ms);
/* Whether an entry of a timed item made at at_ms is early: more than half an
 * interval (1 / CS_EARLY_FRACTION) before it is due, or before a chained
 * timer's "after KEY" has happened at all.  *due_ms is the due time, 0 when
 * not known. */
#define CS_EARLY_FRACTION 2
bool casestate_is_early(const struct casestate *cs, const struct item_state *is, int64_t at_ms,
    int64_t *due_ms);

/* Counts over a case at now_ms: entries overdue (casestate_overdue) and due
 * soon (within CS_DUE_SOON_MS); *next_ms the earliest due time, 0 = none. */
#define CS_DUE_SOON_MS (5 * 60 * 1000)
/* An entry is overdue once its due minute has passed. */
#define CS_LATE_MS (60 * 1000)
bool casestate_overdue(int64_t due_ms, int64_t now_ms);
void casestate_timers(const struct casestate *cs, int64_t now_ms, int *due_soon, int *overdue,
    int64_t *next_ms);

/* --- rules, for the screens and the report ------------------------------- */

/* Why an item does not apply, for the screen: "not needed: Sedation plan is
 * local only".  With detail (the report), each answer's time and staff
 * follow: "not needed by rule (Sedation plan is local only, 08:55 QA)".
 * Nothing when it
 * applies. */
void casestate_not_needed(const struct casestate *cs, const struct item_state *is, bool detail,
    struct buf *out);

/* What is wrong with the answer in force, in words, or nothing: a stop
 * answer ("Stop answer: mismatch - stop and escalate") and a failed
 * cross-check ("Side LEFT does not match the case side RIGHT: ..."). */
void casestate_problem(const struct casestate *cs, const struct item_state *is,
    struct buf *out);

/* The items whose answer in force is a stop answer or fails its cross-check,
 * overridden or not, in checklist order (for the time-out screen, which reads
 * them aloud with the side and level, and the banner): fills up to max,
 * returns how many there are. */
size_t casestate_alerts(const struct casestate *cs, const struct item_state **out, size_t max);

/* A blocker in words, for the phase gate: the item's label, why, and what
 * passes it ("correct the entry or override with a reason"). */
void casestate_blocker_text(const struct casestate *cs, const struct cs_blocker *b,
    struct buf *out);

/*
 * What the UI calls before saving an answer (chart_record), with the value
 * encoded as it will be saved and the time of saving.  Says whether it is a
 * stop answer, fails the item's cross-check or comes early, the words to show
 * (the nurse acknowledges them; on a stop item the entry is still saved, and
 * the phase is then blocked until it is corrected or overridden), and the
 * flag words to add to the entry's flag.  The case state decides blocking
 * from the log, not from the flag, so a missing flag never unblocks anything;
 * the flag is for the audit record (the export's flag column).
 */
struct cs_check {
	bool stop_answer;	/* an option marked '!' or a number beyond a '!' limit */
	bool rule;		/* fails the item's must */
	bool pending;		/* the must compares with something not known yet */
	bool early;		/* more than half an interval before it is due */
	bool blocks;		/* a stop item: once saved it blocks the phase gate */
	char flag[32];		/* "stop", "rule", "early", comma-separated; "" = none */
	char msg[768];		/* what to show before saving; "" = nothing to say */
};
void casestate_check_entry(const struct casestate *cs, const struct item *it, const char *value,
    int64_t now_ms, struct cs_check *out);
/* Join an entry's own flag (e.g. "high" from entry_number) and the check's:
 * "high,stop".  out has room for size bytes. */
void casestate_flag_join(const char *flag, const struct cs_check *chk, char *out, size_t size);

/* The choice a pick list starts on: the index of the first option that
 * satisfies the item's must (e.g. the case's own side for "= case.side"),
 * or -1 when the item has no must or it cannot be decided. */
int casestate_default_choice(const struct casestate *cs, const struct item *it);

/* "[ ]", "[x]", "[-]", "[!]", "[~]" */
const char *casestate_glyph(enum cs_status s);
const char *casestate_block_name(enum cs_block b);	/* "required", "STOP", ... */
/* Whether the case is open, closed or cancelled, as a word. */
const char *casestate_case_status(const struct casestate *cs);

/* --- the bedside flow (casestate_flow.c) --------------------------------- */

/* The next open item of phase p (nothing recorded, not n/a, not overridden,
 * applies), looking from position from of the phase's items onwards and
 * then from its top: *out is its position in the phase.  An item that holds
 * the phase gate (required, or an answer waiting for its note) comes before
 * an optional one, so that the cursor passes over what the case does not
 * need; an optional item only when nothing holds the gate.  False when every
 * item of the phase has an answer. */
bool casestate_next_open(const struct casestate *cs, enum phase p, size_t from, size_t *out);
/* How many items of phase p are open (as casestate_next_open counts them). */
size_t casestate_open_count(const struct casestate *cs, enum phase p);
/* The hard stops of the pre-procedure phase that still block (open, n/a, a
 * stop answer or a failed cross-check, not overridden): the time-out cannot
 * start while there are any.  Fills up to max, returns how many. */
size_t casestate_open_stops(const struct casestate *cs, struct cs_blocker *out, size_t max);
/* What an item holds, for the time-out's read-out: every live entry in
 * words, joined with "; " (a repeat item has one per drug), a time with how
 * long ago it was ("07:30 (1 h 5 min ago)"), "n/a: REASON", or "not
 * recorded" (also when the checklist has no such item). */
void casestate_fact(const struct casestate *cs, const char *key, struct buf *out);
/* The whole of an item, in words, for the screen's item view: label, kind,
 * unit, hard stop or required, hint (its source), usual range, choices or
 * prompts, stop answers, repeat, when it applies and its cross-check as
 * written, then what it holds now and what is wrong with it. */
void casestate_item_text(const struct casestate *cs, const struct item_state *is,
    struct buf *out);
/* A reason that says something: at least CS_REASON_WORDS words and
 * CS_REASON_LETTERS letters or digits, not one character repeated.  "ne" or
 * "ok" typed into a reason by mistake is refused, with the rule in words. */
#define CS_REASON_WORDS 2
#define CS_REASON_LETTERS 8
int casestate_reason_check(const char *s, struct err *err);

#endif
