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
 */
#ifndef SPINELOG_EVENT_H
#define SPINELOG_EVENT_H

#include <stdint.h>

#include "clock.h"
#include "db.h"
#include "hash.h"

#define EVENT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

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

/* Append one event in its own transaction.  On failure nothing is saved. */
int event_append(struct db *db, struct event *ev, struct err *err);

/* Append inside a transaction the caller opened with db_begin() (for a case
 * row and its event together). */
int event_insert(struct db *db, struct event *ev, struct err *err);

/* The chain head: id 0 and EVENT_GENESIS for an empty log. */
int event_head(struct db *db, int64_t *id, char hash[HASH_HEX_LEN], struct err *err);

/* hash = SHA-256(prev_hash || canonical(ev)) */
void event_hash(struct hasher *h, const struct event *ev, const char *prev_hash,
    char out[HASH_HEX_LEN]);


#endif
