/*
 * verify: prove the log was not altered.  Checks PRAGMA integrity_check; that
 * the schema is exactly what the embedded migrations create (no trigger,
 * view, index or table more, none missing, none redefined); that every event
 * is stored in its one canonical form, ids run 1..N without a gap, every
 * prev_hash is the hash before it and every hash recomputes; that every
 * staff, case and checklist_version row matches the event that created it and
 * every such event still has its row; that open_case is exactly the cases
 * the events leave open; and (with an anchor) that the anchor hash is in the
 * chain.  spinelog(1), HASH CHAIN, lists what this proves and what only an
 * anchor kept elsewhere can.  Clock anomalies (an event recorded earlier than
 * the one before it) are warnings, not faults: the log, not the clock,
 * orders events.
 */
#ifndef SPINELOG_VERIFY_H
#define SPINELOG_VERIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

struct db;	/* store/db.h: opaque above the storage layer */
#include "hash.h"

struct verify_report {
	bool ok;
	int64_t events;
	char head[HASH_HEX_LEN];
	int64_t bad_event;		/* first broken event id, 0 when none or not event-specific */
	char problem[512];		/* why, when !ok */
	int64_t clock_anomalies;	/* events recorded earlier than their predecessor */
	int64_t first_anomaly;
};

/* ST_OK when the check ran (see r->ok for the verdict); another status when
 * the database could not be read. */
int verify_run(struct db *db, const char *anchor, struct verify_report *r, struct err *err);

#endif
