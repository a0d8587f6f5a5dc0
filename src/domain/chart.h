/*
 * chart: every clinical write, one call each.  This is where an entry is
 * saved.
 *
 * A screen asks, checks what was typed with entry.c, then makes ONE chart_*
 * call; the call builds the event (or the rows and their events) and commits
 * them in one BEGIN IMMEDIATE transaction before returning, so a screen may
 * say "Saved" exactly when the call returned ST_OK.  On any failure nothing
 * is saved and err says why.  The rules that decide whether a write may
 * happen at all (a reason is required, a staff code is known) are checked
 * here too, so no front end can skip them.  (calcurse keeps the same split:
 * ui-todo.c prompts, todo.c changes state.)
 *
 * staff is the charting staff code; it must be registered (chart_register).
 */
#ifndef SPINELOG_CHART_H
#define SPINELOG_CHART_H

#include <stdint.h>

#include "checklist.h"
#include "hash.h"
#include "record.h"
#include "util.h"

struct db;	/* store/db.h: opaque above the storage layer */

/*
 * What a record or an amendment of an item saves.
 *
 * The checklist's rules (stop answers, cross-checks, early observations) are
 * checked BEFORE this call, by the dialog: casestate_check_entry() on the
 * case state it already holds gives the words to show (the nurse
 * acknowledges them; the entry is still saved, since the record must say
 * what is true) and the flag words, which casestate_flag_join() adds to the
 * kind's own flag ("high,stop").  chart does not recompute them: it has no
 * case state, and it needs none, because nothing depends on the flag.
 * Whether an answer stops, fails its cross-check or blocks a phase gate is
 * derived again by casestate from the checklist version and the log, so a
 * front end that forgets the flag loses the audit word, never the barrier.
 */
struct chart_entry {
	const char *value;	/* as entry.c encoded it */
	const char *unit;
	const char *flag;	/* "", "low", "high", "expired", "rr:high, ...", then
				 * "stop", "rule", "early" (casestate_check_entry) */
	const char *note;	/* e.g. the override reason of an expired lot; may be empty */
	int64_t amends;		/* the event this corrects, 0 for a first entry */
	const char *reason;	/* an amendment's reason: required when amends != 0 */
};

/* An item's value ("record"), or a correction of an earlier entry ("amend",
 * with the reason and any note joined as "reason; note"). */
int chart_record(struct db *db, const char *staff, int64_t case_id, const struct item *it,
    const struct chart_entry *e, struct err *err);
/* Not applicable to this patient, with a reason. */
int chart_na(struct db *db, const char *staff, int64_t case_id, const struct item *it,
    const char *reason, struct err *err);
/* A blocking item passed without being done, with a reason. */
int chart_override(struct db *db, const char *staff, int64_t case_id, const struct item *it,
    const char *reason, struct err *err);

/* A free-text note on item it of an open case (note_text).  Refused once the
 * case has ended (closed or cancelled): a late entry is an addendum. */
int chart_note(struct db *db, const char *staff, int64_t case_id, const struct item *it,
    const char *text, struct err *err);
/* A late entry on a case that has ended, closed or cancelled (VistA's
 * addendum): text (note_text) about item it (NULL: the whole case), with the
 * reason it comes late (note_reason).  Refused on an open case, where the
 * item is recorded or amended as usual.  Never changes an earlier entry. */
int chart_addendum(struct db *db, const char *staff, int64_t case_id, const struct item *it,
    const char *text, const char *reason, struct err *err);

/* The next phase starts (the phase gate passed). */
int chart_phase_start(struct db *db, const char *staff, int64_t case_id, enum phase next,
    struct err *err);
/* The post-procedure gate passed: the case is done and read-only. */
int chart_close(struct db *db, const char *staff, int64_t case_id, struct err *err);
/* The case will not go ahead, with a reason. */
int chart_cancel(struct db *db, const char *staff, int64_t case_id, const char *reason,
    struct err *err);

/* The time-out, prompt by prompt: a "yes" to prompt, a "no" to prompt (the
 * stop, with a reason), and the end with the team present. */
int chart_timeout_confirm(struct db *db, const char *staff, int64_t case_id,
    const struct item *it, const char *prompt, struct err *err);
int chart_timeout_stop(struct db *db, const char *staff, int64_t case_id,
    const struct item *it, const char *prompt, const char *reason, struct err *err);
int chart_timeout_done(struct db *db, const char *staff, int64_t case_id,
    const struct item *it, const char *team, struct err *err);

/* A new case on the current version of checklist cl: the version (stored
 * once per content) and the case row with its event, in ONE transaction.
 * Fills c->version_id, c->id and c->created_at (the caller frees created_at). */
int chart_new_case(struct db *db, const char *staff, const struct checklist *cl,
    struct case_info *c, struct err *err);

/* Register a staff code once: its name and role (both required).  A code
 * already registered is left as it was (a retry after a failed sign-in). */
int chart_register(struct db *db, const char *code, const char *name, const char *role,
    struct err *err);
/* Sign in at this terminal: *out is the staff member (the caller clears it).
 * ST_NOINPUT when the code is not registered (nothing is logged then). */
int chart_sign_in(struct db *db, const char *code, struct staff *out, struct err *err);
/* The session ends (why: "quit", "SIGHUP", ...). */
int chart_sign_out(struct db *db, const char *staff, const char *why, struct err *err);

/* For the live screens: a number that changes whenever another connection
 * commits (PRAGMA data_version). */
int chart_data_version(struct db *db, int64_t *version, struct err *err);
/* How far this machine's clock is behind the latest time in the log (0 when
 * it is not): a clock set back makes due observations look not yet due. */
int chart_clock_behind(struct db *db, int64_t now_ms, int64_t *behind_ms, struct err *err);
/* The head of the log, the anchor to keep outside the database. */
int chart_head(struct db *db, int64_t *id, char hash[HASH_HEX_LEN], struct err *err);

#endif
