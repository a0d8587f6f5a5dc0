/* Worklist queries: through the indexes only (cases_day, open_case, cases_mrn,
 * event_case). */
#include "worklist.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"

static void
rows_clear(struct worklist *wl)
{
	for (size_t i = 0; i < wl->n; i++)
		casestate_free(wl->v[i].cs);
	free(wl->v);
	wl->v = NULL;
	wl->n = 0;
}

void
worklist_free(struct worklist *wl)
{
	rows_clear(wl);
	for (size_t i = 0; i < wl->ncl; i++)
		checklist_free(wl->cl[i]);
	free(wl->cl);
	free(wl->cl_id);
	memset(wl, 0, sizeof *wl);
}

static int
version(struct db *db, struct worklist *wl, int64_t id, const struct checklist **out,
    struct err *err)
{
	for (size_t i = 0; i < wl->ncl; i++) {
		if (wl->cl_id[i] == id) {
			*out = wl->cl[i];
			return ST_OK;
		}
	}
	struct checklist *cl;
	if (checklist_version_load(db, id, &cl, err) != ST_OK)
		return err->status;
	wl->cl = xreallocarray(wl->cl, wl->ncl + 1, sizeof *wl->cl);
	wl->cl_id = xreallocarray(wl->cl_id, wl->ncl + 1, sizeof *wl->cl_id);
	wl->cl[wl->ncl] = cl;
	wl->cl_id[wl->ncl++] = id;
	*out = cl;
	return ST_OK;
}

/* Run a query whose rows are (case id, version id) and load each case. */
static int
fill(struct db *db, sqlite3_stmt *st, struct worklist *wl, struct err *err)
{
	int64_t (*ids)[2] = NULL;
	size_t n = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n][0] = sqlite3_column_int64(st, 0);
		ids[n++][1] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return db_fail(db, rc, "reading the worklist", err);
	}
	rows_clear(wl);
	wl->v = xcalloc(n ? n : 1, sizeof *wl->v);
	for (size_t i = 0; i < n; i++) {
		const struct checklist *cl = NULL;
		struct casestate *cs = NULL;
		if (version(db, wl, ids[i][1], &cl, err) != ST_OK ||
		    casestate_load(db, ids[i][0], cl, &cs, err) != ST_OK) {
			free(ids);
			return err->status;
		}
		struct wl_row *r = &wl->v[wl->n++];
		r->cs = cs;
		for (int p = 0; p < PHASE__COUNT; p++) {
			r->done += cs->done[p];
			r->total += cs->total[p];
		}
	}
	free(ids);
	return ST_OK;
}

/*
 * open_case CROSS JOIN cases: open_case (a few rows) must drive the join.
 * Without statistics SQLite guesses the two tables alike and walks every
 * case ever scheduled, probing open_case for each: at 1,000,000 events that
 * made the worklist 2.4 times slower than on a database with only the cases
 * on screen (make bench).  CROSS JOIN fixes the order.
 */
int
worklist_day(struct db *db, const char *day, struct worklist *wl, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, version_id, scheduled_at FROM cases"
	    " WHERE day = :day UNION SELECT c.id, c.version_id, c.scheduled_at FROM open_case o"
	    " CROSS JOIN cases c ON c.id = o.case_id WHERE c.day < :day ORDER BY 3, 1", err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, day);
	return fill(db, st, wl, err);
}

int
worklist_open(struct db *db, struct worklist *wl, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT c.id, c.version_id FROM open_case o"
	    " CROSS JOIN cases c ON c.id = o.case_id ORDER BY c.scheduled_at, c.id", err);
	if (st == NULL)
		return err->status;
	return fill(db, st, wl, err);
}

int
worklist_search(struct db *db, const char *q, struct worklist *wl, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, version_id FROM cases WHERE mrn = :q"
	    " OR instr(lower(name), lower(:q)) > 0 ORDER BY scheduled_at DESC, id DESC LIMIT 200",
	    err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, q);
	return fill(db, st, wl, err);
}

int
worklist_duplicate(struct db *db, const char *mrn, const char *proc_key, const char *day,
    int64_t *id, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM cases WHERE mrn = :mrn AND proc_key = :p"
	    " AND day = :day ORDER BY id LIMIT 1", err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, mrn);
	db_bind_text(st, 2, proc_key);
	db_bind_text(st, 3, day);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, "looking for a duplicate case", err);
	return ST_OK;
}
