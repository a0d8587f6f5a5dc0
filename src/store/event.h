/*
 * event: the append-only, hash-chained audit log.
 *
 * Every user action that changes clinical state is one event, committed in
 * its own transaction before the screen says it is saved.  event_append()
 * takes the write lock (BEGIN IMMEDIATE), reads the chain head, computes
 *
 *     hash = SHA-256(prev_hash || canonical(event))
 *
 * and inserts and commits.  canonical() writes each field as a netstring,
 * "<byte length>:<bytes>,", in the order of struct event below (spinelog(1),
 * HASH CHAIN), so no two different events encode alike.  prev_hash of the
 * first event is 64 zeros.  Concurrent processes serialize on the lock; none
 * loses an event or forks the chain.
 *
 * The encoding is over the values as spinelog stores them: text without a
 * NUL byte, recorded_at in exactly one form, case_id and amends NULL when
 * there is none.  A stored value in any other form could encode like another
 * one (text after a NUL, a case_id of 0 against NULL), so event_from_row()
 * refuses it and verify reports it; and event_insert() reads back what it
 * stored, so that nothing in the file (a trigger, say) can make an entry
 * vanish or change while the screen says "Saved".
 */
#ifndef SPINELOG_EVENT_H
#define SPINELOG_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clock.h"
#include "db.h"
#include "hash.h"

#define EVENT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The action of the event that covers a checklist_version row (actions.h
 * names it for the domain as ACTION_CHECKLIST_VERSION). */
#define EVENT_CHECKLIST_VERSION "checklist_version"

/* The action of the event that records a schema upgrade of a database
 * that already existed (value "from=N; to=M"; ACTION_SCHEMA_UPGRADE). */
#define EVENT_SCHEMA_UPGRADE "schema_upgrade"

/* The columns of the event table in the order of struct event, for reading
 * events back with event_from_row(). */
#define EVENT_COLUMNS "id, recorded_at, case_id, phase, item_key, action, value, unit," \
	" flag, reason, amends, staff_code, os_user, terminal, prev_hash, hash"

/*
 * An event.  The caller fills the inputs (text fields may be NULL = empty;
 * case_id and amends 0 = none); event_append() fills id, recorded_at,
 * os_user and terminal (when NULL or empty, from host.h), prev_hash and hash.  Strings are borrowed.
 */
struct event {
	int64_t id;
	char recorded_at[CLOCK_UTC_LEN];
	int64_t case_id;
	const char *phase;	/* "pre", "procedure", "post" or empty */
	const char *item_key;
	const char *action;	/* see spinelog(1), ACTIONS */
	const char *value;
	const char *unit;
	const char *flag;
	const char *reason;
	int64_t amends;
	const char *staff_code;
	const char *os_user;
	const char *terminal;
	char prev_hash[HASH_HEX_LEN];
	char hash[HASH_HEX_LEN];
};

/* Append one event in its own transaction.  On failure nothing is saved.
 * Success means the row was read back from the database exactly as written;
 * otherwise the error says "NOT saved". */
int event_append(struct db *db, struct event *ev, struct err *err);

/* Append inside a transaction the caller opened with db_begin() (for a case
 * row and its event together). */
int event_insert(struct db *db, struct event *ev, struct err *err);
/* The same, with recorded_at = at (taken in this transaction) instead of the
 * clock now: a row and the event that creates it carry one time, which
 * verify compares (staff.created_at, cases.created_at, first_used_at). */
int event_insert_at(struct db *db, struct event *ev, const char *at, struct err *err);

/*
 * Append an amendment (ev->amends set) in its own transaction.  It is refused
 * when the event it amends is not an event of the same case, or when that
 * event has been amended already: two terminals correcting one entry at once
 * would otherwise both be told "Saved" while the later value silently wins.
 * The message names who amended it, when, and the amending event; a further
 * correction amends that amendment.
 */
int event_amend(struct db *db, struct event *ev, struct err *err);

/*
 * Fill ev from a row of EVENT_COLUMNS (text borrowed from the statement until
 * its next step; recorded_at, prev_hash and hash copied).  Returns true when
 * every value is stored in its one canonical form: text as TEXT without a NUL
 * byte, recorded_at exactly YYYY-MM-DDTHH:MM:SS.mmmZ, case_id and amends NULL
 * or a positive INTEGER, id a positive INTEGER, prev_hash and hash 64
 * characters (that they are the right hex digits shows when they are
 * compared with the hashes they must equal).  Otherwise false, with why
 * naming the column and what is wrong.
 */
bool event_from_row(sqlite3_stmt *st, struct event *ev, char *why, size_t n);

/* Is column i of st text in canonical form: stored as TEXT, no NUL byte?
 * (For the rows that events cover: staff, cases, checklist versions.) */
bool event_col_is_text(sqlite3_stmt *st, int i);

/* Is s exactly YYYY-MM-DDTHH:MM:SS.mmmZ (digits where the digits go)? */
bool event_is_utc(const char *s, size_t n);

/*
 * The value of a "checklist_version" event: the checklist_version row it
 * covers, as "id=..; procedure=..; sha256=..; size=..; source=..;
 * first_used_at=.." (buf_kv, spinelog(1) ACTIONS).  The content itself is
 * covered through sha256 and size.  Caller frees.
 */
char *event_version_value(int64_t id, const char *proc_key, const char *sha256, int64_t size,
    const char *source, const char *first_used_at);

/*
 * The upgrade to schema version 2 (db_schema.c runs it in the migration's
 * transaction): record a "checklist_version" event for every checklist_version
 * row stored before checklist versions were logged, with the reason
 * EVENT_UPGRADE_REASON.  *n is how many were recorded.
 */
#define EVENT_UPGRADE_REASON "recorded at upgrade to schema version 2: stored before " \
	"checklist versions were logged"
int event_log_versions(struct db *db, int *n, struct err *err);

/* The chain head: id 0 and EVENT_GENESIS for an empty log. */
int event_head(struct db *db, int64_t *id, char hash[HASH_HEX_LEN], struct err *err);

/* The latest recorded_at in the log (index event_time); "" when empty. */
int event_last_at(struct db *db, char at[CLOCK_UTC_LEN], struct err *err);

/* hash = SHA-256(prev_hash || canonical(ev)) */
void event_hash(struct hasher *h, const struct event *ev, const char *prev_hash,
    char out[HASH_HEX_LEN]);


#endif
