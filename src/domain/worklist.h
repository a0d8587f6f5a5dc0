/*
 * worklist: the cases a nurse sees first.  The cases scheduled on a day
 * (index cases_day) plus every case still open from an earlier day (the
 * open_case index), each with its progress derived from its own events
 * (index event_case), never by scanning the event table.  Also the search by
 * MRN or name, and the likely-duplicate check of the new-case form.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_WORKLIST_H
#define SPINELOG_WORKLIST_H

#include <stddef.h>
#include <stdint.h>

#include "casestate.h"
#include "util.h"

struct db;	/* store/db.h: opaque above the storage layer */

struct wl_row {
	struct casestate *cs;	/* owned; its checklist is borrowed from the cache */
	int done, total;	/* over all phases */
};

struct worklist {
	struct wl_row *v;
	size_t n;
	/* checklist versions loaded so far (one parse per version) */
	struct checklist **cl;
	int64_t *cl_id;
	size_t ncl;
};

/* Cases of day (local "YYYY-MM-DD") and open cases of earlier days, by
 * scheduled time.  Replaces wl's rows. */
int worklist_day(struct db *db, const char *day, struct worklist *wl, struct err *err);

/* Cases whose MRN equals q or whose name contains q (case-insensitive for
 * ASCII), newest first, at most 200. */
int worklist_search(struct db *db, const char *q, struct worklist *wl, struct err *err);

/* Every open case, any day (the open_case index), by scheduled time. */
int worklist_open(struct db *db, struct worklist *wl, struct err *err);

void worklist_free(struct worklist *wl);

/* The id of a case with this MRN and procedure on that day, or 0. */
int worklist_duplicate(struct db *db, const char *mrn, const char *proc_key, const char *day,
    int64_t *id, struct err *err);

#endif
