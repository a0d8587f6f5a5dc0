/*
 * verify_int: what the three parts of verify share: verify.c runs the
 * checks in order, verify_chain.c walks the hash chain and collects the
 * events that create rows, verify_rows.c checks those rows and open_case
 * against them.  Not for other modules.
 */
#ifndef SPINELOG_VERIFY_INT_H
#define SPINELOG_VERIFY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clock.h"
#include "verify.h"

/* An event that creates a row (or ends a case), as the chain walk met it. */
struct made {
	int64_t ev;			/* the event's id */
	int64_t key;			/* case id, checklist version id */
	char *code;			/* staff code (staff_register only) */
	char *value;
	char prev_at[CLOCK_UTC_LEN];	/* recorded_at of the event before it */
	char at[CLOCK_UTC_LEN];
};

struct made_list {
	struct made *v;
	size_t n, cap;
};

/* What the chain walk collects for the row checks. */
struct walk {
	struct made_list staff, cases, ended, versions;
	/* The event that upgraded the database to schema version 2, 0 when it
	 * was created at version 2 or later: rows made before it took their
	 * created_at from a clock reading of their own (below). */
	int64_t upgraded;
};

/* Record the first fault: r is no longer ok, bad_event is id (0 when the
 * fault is not one event's), problem the words. */
void verify_fault(struct verify_report *r, int64_t id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Walk the event log from the genesis hash: every event in its canonical
 * form, ids without a gap, every prev_hash and hash as recomputed; clock
 * anomalies counted; *anchor_found when anchor is one of the hashes; w gets
 * the events that create rows (verify_chain.c). */
int verify_chain(struct db *db, const char *anchor, bool *anchor_found, struct walk *w,
    struct verify_report *r, struct err *err);
void verify_chain_free(struct walk *w);

/* The staff, cases and checklist_version rows against the events in w that
 * created them, and open_case against the cases the events leave open
 * (verify_rows.c). */
int verify_rows(struct db *db, struct walk *w, struct verify_report *r, struct err *err);
/* verify_pins.c: every PIN row has its pin_set event and holds what it says;
 * every pin_set event has its row. */
int verify_pins(struct db *db, struct verify_report *r, struct err *err);

#endif
