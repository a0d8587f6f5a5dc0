/*
 * record: staff and cases, the rows that events are about.
 *
 * Both tables are append-only.  A staff member or a case is created by one
 * transaction that inserts the row and its creating event together; the
 * event's value is the row's canonical text (record_encode_*), so the hash
 * chain covers the row and verify can tell when a row was changed behind
 * spinelog's back.  Anything that changes about a case later (cancellation,
 * closing, a demographic correction) is a later event, never an UPDATE.
 */
#ifndef SPINELOG_RECORD_H
#define SPINELOG_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

struct db;	/* store/db.h: opaque above the storage layer */
struct checklist;	/* checklist.h */

struct staff {
	char *code, *name, *role;
};

struct case_info {
	int64_t id;
	char *mrn, *name, *dob;		/* dob: YYYY-MM-DD */
	char *proc_key;
	int64_t version_id;		/* checklist_version.id the case started with */
	char *side;			/* left, right, bilateral, midline, n/a */
	char *level;			/* S1, L4-L5 ... or empty */
	char *proceduralist;
	char *scheduled_at;		/* local "YYYY-MM-DD HH:MM" */
	char *created_at;		/* UTC, filled by case_create */
};

/* ST_OK and *out filled, or ST_NOINPUT when the code is unknown. */
int staff_get(struct db *db, const char *code, struct staff *out, struct err *err);
/* Insert the staff row and its "staff_register" event. */
int staff_register(struct db *db, const char *code, const char *name, const char *role,
    struct err *err);
void staff_clear(struct staff *s);
char *staff_encode(const char *name, const char *role);

/* Insert the case row and its "case_create" event (by staff_code) in one
 * transaction; fills c->id and c->created_at.  With cl, the case starts on
 * that checklist: its version is stored (checklist_version_put) in the same
 * transaction and fills c->version_id (chart_new_case); without, the
 * caller's c->version_id stands.  The case is open until a "case_close" or
 * "case_cancel" event. */
int case_create(struct db *db, struct case_info *c, const char *staff_code,
    const struct checklist *cl, struct err *err);
/* The same inside a transaction the caller opened (db_begin), e.g. to import
 * a whole worklist at once; reason says where the case came from. */
int case_insert(struct db *db, struct case_info *c, const char *staff_code, const char *reason,
    struct err *err);
int case_get(struct db *db, int64_t id, struct case_info *out, struct err *err);
/* The case as it stands: its row with every case_correct event applied in
 * log order (the row itself never changes). */
int case_current(struct db *db, int64_t id, struct case_info *out, struct err *err);
/* Apply the fields of a case_correct event's value to c. */
void case_apply_correction(struct case_info *c, const char *value);
/* The case_correct value that turns was into now (only the fields that
 * differ, of name, dob, side, level, proceduralist, scheduled_at; a field
 * NULL on either side is not compared), or NULL when they agree.  Caller
 * frees. */
char *case_correction(const struct case_info *was, const struct case_info *now);
/* Log a case_correct event (value from case_correction, reason required)
 * inside a transaction the caller opened. */
int case_correct_insert(struct db *db, int64_t case_id, const char *value, const char *staff_code,
    const char *reason, struct err *err);
void case_clear(struct case_info *c);
char *case_encode(const struct case_info *c);

/* Whether case id is open (not closed or cancelled): ST_NOINPUT when there
 * is no such case.  Inside a transaction (db_begin) the answer holds until
 * it ends, so a write that depends on it cannot race a close. */
int case_is_open(struct db *db, int64_t id, bool *open, struct err *err);

/* Record that a case ended (action "case_close" or "case_cancel", reason
 * required for a cancel) and drop it from the open-case index, atomically. */
int case_end(struct db *db, int64_t case_id, const char *action, const char *reason,
    const char *staff_code, struct err *err);

#endif
