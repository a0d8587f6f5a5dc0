/*
 * worklist: the cases a nurse sees first, a page at a time.
 *
 * The day list is every open case, whatever day it is scheduled for, and the
 * closed and cancelled cases of the day shown, in scheduled order.  Open
 * cases of every day, not only of earlier days: a case scheduled "today" on a
 * terminal far east is "tomorrow" on one far west, and both must list it
 * (the day shown only decides which finished cases are added).  A search
 * lists the cases whose MRN or name matches, any day, newest first.
 *
 * Either list can hold hundreds of thousands of cases (a schedule import), so
 * it is read a page at a time by keyset: a page is the rows after (or before)
 * the key of a row already shown, read through the indexes in list order
 * (worklist_open_sched, cases_day), and only the page's cases get a casestate.
 * The header's totals come from worklist_count, the status line's timers from
 * worklist_timers, neither of which reads a casestate per open case.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_WORKLIST_H
#define SPINELOG_WORKLIST_H

#include <stdbool.h>
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
	struct wl_row *v;	/* the page, in list order */
	size_t n;
	bool more_before, more_after;	/* rows beyond the page on either side */
	/* checklist versions loaded so far (one parse per version) */
	struct checklist **cl;
	int64_t *cl_id;
	size_t ncl;
};

/* Which list: the day list of day (local "YYYY-MM-DD"), or, when query is
 * neither NULL nor empty, the cases whose MRN equals it or whose name
 * contains it (case-insensitive for ASCII). */
struct wl_list {
	const char *day;
	const char *query;
};

/* A row's place in its list: scheduled time, then case id. */
#define WL_KEY_AT 32
struct wl_key {
	char at[WL_KEY_AT];
	int64_t id;
};

enum wl_seek {
	WL_FIRST,	/* the first page */
	WL_LAST,	/* the last page */
	WL_FROM,	/* the page that starts with the row at key, or the next one */
	WL_AFTER,	/* the page after the row at key */
	WL_BEFORE,	/* the page that ends just before the row at key */
};

/*
 * Read one page of at most rows rows into wl (replacing its rows).  A page is
 * full whenever the list has that many rows: reading forward (FROM, AFTER)
 * near the end gives the last page, backward (BEFORE) near the start the
 * first.  wl->more_before and more_after say whether rows lie beyond it.
 * key is not read for WL_FIRST and WL_LAST.
 */
int worklist_page(struct db *db, const struct wl_list *list, enum wl_seek seek,
    const struct wl_key *key, size_t rows, struct worklist *wl, struct err *err);

/* Read the page's cases again (their progress), not the list: after a change
 * to the database, a search's results do not need the search again. */
int worklist_reread(struct db *db, struct worklist *wl, struct err *err);

/* The key of row i of the page. */
void worklist_key(const struct worklist *wl, size_t i, struct wl_key *key);

/* The day list's totals: every open case (a number the schema keeps), and
 * the day's closed and cancelled ones (the day's cases through cases_day);
 * never a casestate. */
struct wl_counts {
	int64_t open, closed, cancelled;
};
int worklist_count(struct db *db, const char *day, struct wl_counts *out, struct err *err);

/*
 * Observation timers over every open case at now_ms, as casestate_timers
 * counts them (entries overdue, and due within CS_DUE_SOON_MS).  Only the
 * open cases with something entered since their creation are read (the
 * started flag of worklist_open, schema 002), each through casestate and freed
 * at once: a case with nothing but its case_create event has no phase
 * started and no entry, so no timer of it has a start and none is due.
 * The work follows the cases under way, not the cases open.
 */
int worklist_timers(struct db *db, int64_t now_ms, int *due_soon, int *overdue,
    struct err *err);

void worklist_free(struct worklist *wl);

/* The id of a case with this MRN and procedure on that day, or 0. */
int worklist_duplicate(struct db *db, const char *mrn, const char *proc_key, const char *day,
    int64_t *id, struct err *err);

#endif
