/* Worklist queries: through the indexes only (worklist_open_sched,
 * worklist_open_started, cases_day, event_case, event_case_cancel; schema
 * 002), a page at a time. */
#include "worklist.h"

#include <stdio.h>
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

/* Case ids and their checklist versions, as a query returned them. */
struct ids {
	int64_t (*v)[2];
	size_t n;
};

/* Step st, whose rows are (case id, version id), to the end into out. */
static int
ids_read(struct db *db, sqlite3_stmt *st, struct ids *out, struct err *err)
{
	int rc;
	out->v = NULL;
	out->n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
		out->v[out->n][0] = sqlite3_column_int64(st, 0);
		out->v[out->n++][1] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(out->v);
		out->v = NULL;
		out->n = 0;
		return db_fail(db, rc, "reading the worklist", err);
	}
	return ST_OK;
}

/* Replace wl's rows with the casestates of ids, in that order. */
static int
fill(struct db *db, const struct ids *ids, struct worklist *wl, struct err *err)
{
	rows_clear(wl);
	wl->v = xcalloc(ids->n ? ids->n : 1, sizeof *wl->v);
	for (size_t i = 0; i < ids->n; i++) {
		const struct checklist *cl = NULL;
		struct casestate *cs = NULL;
		if (version(db, wl, ids->v[i][1], &cl, err) != ST_OK ||
		    casestate_load(db, ids->v[i][0], cl, &cs, err) != ST_OK)
			return err->status;
		struct wl_row *r = &wl->v[wl->n++];
		r->cs = cs;
		for (int p = 0; p < PHASE__COUNT; p++) {
			r->done += cs->done[p];
			r->total += cs->total[p];
		}
	}
	return ST_OK;
}

/*
 * The page queries, two per list: forward (the list's order, rows after the
 * key) and backward (rows before the key, nearest first).  Each reads at most
 * :n rows of the index range that starts at the key, so a page costs the
 * same at the top of a list of five cases and deep in one of 380,000.
 *
 * The day list is two ranges merged: the open cases by worklist_open_sched
 * (every day), and the day's cases by cases_day.  The day's open cases are in
 * both; UNION keeps one of each.  The first :n rows of the union are among
 * the first :n of either range (a row preceded by :n rows of its own range is
 * preceded by :n of the union), so :n from each is enough, and neither range
 * is read further than the page, however many cases the day has.
 *
 * The search walks cases_day in reverse as the order (day, scheduled_at, id),
 * which is the order (scheduled_at, id) because day is the first ten
 * characters of scheduled_at; a name that matches few cases reads the whole
 * index once, page by page.
 */
enum { FWD, BACK };

static const char *const sql_day[2] = {
	"SELECT k.id, c.version_id FROM ("
	" SELECT * FROM (SELECT case_id AS id, scheduled_at AS at FROM worklist_open"
	"  WHERE (scheduled_at, case_id) > (:at, :id) ORDER BY scheduled_at, case_id LIMIT :n)"
	" UNION"
	" SELECT * FROM (SELECT id, scheduled_at AS at FROM cases WHERE day = :day"
	"  AND (scheduled_at, id) > (:at, :id) ORDER BY scheduled_at, id LIMIT :n)"
	") k CROSS JOIN cases c ON c.id = k.id ORDER BY k.at, k.id LIMIT :n",

	"SELECT k.id, c.version_id FROM ("
	" SELECT * FROM (SELECT case_id AS id, scheduled_at AS at FROM worklist_open"
	"  WHERE (scheduled_at, case_id) < (:at, :id)"
	"  ORDER BY scheduled_at DESC, case_id DESC LIMIT :n)"
	" UNION"
	" SELECT * FROM (SELECT id, scheduled_at AS at FROM cases WHERE day = :day"
	"  AND (scheduled_at, id) < (:at, :id) ORDER BY scheduled_at DESC, id DESC LIMIT :n)"
	") k CROSS JOIN cases c ON c.id = k.id ORDER BY k.at DESC, k.id DESC LIMIT :n",
};

static const char *const sql_find[2] = {
	"SELECT id, version_id FROM cases"
	" WHERE (day, scheduled_at, id) < (substr(:at, 1, 10), :at, :id)"
	" AND (mrn = :q OR instr(lower(name), lower(:q)) > 0)"
	" ORDER BY day DESC, scheduled_at DESC, id DESC LIMIT :n",

	"SELECT id, version_id FROM cases"
	" WHERE (day, scheduled_at, id) > (substr(:at, 1, 10), :at, :id)"
	" AND (mrn = :q OR instr(lower(name), lower(:q)) > 0)"
	" ORDER BY day, scheduled_at, id LIMIT :n",
};

/* Keys beyond either end of every list: scheduled_at is text that starts
 * with a digit, and no UTF-8 text has a 0xFF byte. */
static const struct wl_key key_low = {"", 0};
static const struct wl_key key_high = {"\xff", INT64_MAX};

static bool
is_find(const struct wl_list *l)
{
	return l->query != NULL && *l->query != '\0';
}

/* Up to limit rows from key in direction dir (nearest first). */
static int
range(struct db *db, const struct wl_list *l, int dir, const struct wl_key *key, size_t limit,
    struct ids *out, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, is_find(l) ? sql_find[dir] : sql_day[dir], err);
	if (st == NULL)
		return err->status;
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":at"), key->at, -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), key->id);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":n"), (sqlite3_int64)limit);
	if (is_find(l))
		db_bind_text(st, sqlite3_bind_parameter_index(st, ":q"), l->query);
	else
		db_bind_text(st, sqlite3_bind_parameter_index(st, ":day"), l->day);
	return ids_read(db, st, out, err);
}

/* Whether any row lies beyond key in direction dir. */
static int
any(struct db *db, const struct wl_list *l, int dir, const struct wl_key *key, bool *yes,
    struct err *err)
{
	struct ids got;
	if (range(db, l, dir, key, 1, &got, err) != ST_OK)
		return err->status;
	*yes = got.n > 0;
	free(got.v);
	return ST_OK;
}

static void
key_of(const struct casestate *cs, struct wl_key *k)
{
	snprintf(k->at, sizeof k->at, "%s", cs->c.scheduled_at);
	k->id = cs->c.id;
}

void
worklist_key(const struct worklist *wl, size_t i, struct wl_key *key)
{
	key_of(wl->v[i].cs, key);
}

int
worklist_page(struct db *db, const struct wl_list *list, enum wl_seek seek,
    const struct wl_key *key, size_t rows, struct worklist *wl, struct err *err)
{
	/* The list's first and last keys: the day list runs up, a search down. */
	const struct wl_key *start = is_find(list) ? &key_high : &key_low;
	const struct wl_key *end = is_find(list) ? &key_low : &key_high;
	int dir = seek == WL_LAST || seek == WL_BEFORE ? BACK : FWD;
	struct wl_key k = seek == WL_FIRST ? *start : seek == WL_LAST ? *end : *key;
	struct ids got;
	bool beyond, behind = false;

	if (rows == 0)
		rows = 1;
	if (seek == WL_FROM)	/* the row at key too: one id back in list order */
		k.id += is_find(list) ? 1 : -1;
	if (range(db, list, dir, &k, rows + 1, &got, err) != ST_OK)
		return err->status;
	beyond = got.n > rows;
	if (beyond)
		got.n = rows;
	if (dir == BACK) {	/* nearest first: put the page in list order */
		for (size_t i = 0; i < got.n / 2; i++) {
			int64_t t[2] = {got.v[i][0], got.v[i][1]};
			memcpy(got.v[i], got.v[got.n - 1 - i], sizeof t);
			memcpy(got.v[got.n - 1 - i], t, sizeof t);
		}
	}
	int rc = fill(db, &got, wl, err);
	free(got.v);
	if (rc != ST_OK)
		return rc;
	/* And on the other side of the page: anything at all, when it is empty. */
	struct wl_key edge = dir == FWD ? *end : *start;
	if (wl->n > 0)
		key_of(wl->v[dir == FWD ? 0 : wl->n - 1].cs, &edge);
	if (any(db, list, !dir, &edge, &behind, err) != ST_OK)
		return err->status;
	wl->more_after = dir == FWD ? beyond : behind;
	wl->more_before = dir == FWD ? behind : beyond;
	/* Near an end, a full page rather than a short one. */
	if (wl->n < rows && behind && seek != WL_FIRST && seek != WL_LAST)
		return worklist_page(db, list, dir == FWD ? WL_LAST : WL_FIRST, NULL, rows, wl, err);
	return ST_OK;
}

int
worklist_reread(struct db *db, struct worklist *wl, struct err *err)
{
	struct ids ids = {xcalloc(wl->n ? wl->n : 1, sizeof *ids.v), wl->n};
	for (size_t i = 0; i < wl->n; i++) {
		ids.v[i][0] = wl->v[i].cs->c.id;
		ids.v[i][1] = wl->v[i].cs->c.version_id;
	}
	int rc = fill(db, &ids, wl, err);
	free(ids.v);
	return rc;
}

int
worklist_count(struct db *db, const char *day, struct wl_counts *out, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT (SELECT n FROM worklist_open_count), count(*),"
	    " coalesce(sum(EXISTS (SELECT 1 FROM event e WHERE e.case_id = c.id"
	    "  AND e.action = 'case_cancel')), 0)"
	    " FROM cases c WHERE c.day = :day"
	    " AND NOT EXISTS (SELECT 1 FROM open_case o WHERE o.case_id = c.id)", err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->open = sqlite3_column_int64(st, 0);
		out->cancelled = sqlite3_column_int64(st, 2);
		out->closed = sqlite3_column_int64(st, 1) - out->cancelled;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc, "counting the worklist", err);
	return ST_OK;
}

static bool
has_timers(const struct checklist *cl)
{
	for (size_t i = 0; i < cl->nitems; i++)
		if (cl->items[i].repeat_every > 0)
			return true;
	return false;
}

int
worklist_timers(struct db *db, int64_t now_ms, int *due_soon, int *overdue, struct err *err)
{
	struct worklist cache = {0};
	struct ids ids;
	int rc = ST_OK;

	*due_soon = *overdue = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT w.case_id, c.version_id FROM worklist_open w"
	    " CROSS JOIN cases c ON c.id = w.case_id WHERE w.started = 1 ORDER BY w.case_id", err);
	if (st == NULL || ids_read(db, st, &ids, err) != ST_OK)
		return err->status;
	for (size_t i = 0; i < ids.n; i++) {
		const struct checklist *cl;
		struct casestate *cs;
		if ((rc = version(db, &cache, ids.v[i][1], &cl, err)) != ST_OK)
			break;
		if (!has_timers(cl))
			continue;
		if ((rc = casestate_load(db, ids.v[i][0], cl, &cs, err)) != ST_OK)
			break;
		int soon, over;
		int64_t next;
		casestate_timers(cs, now_ms, &soon, &over, &next);
		*due_soon += soon;
		*overdue += over;
		casestate_free(cs);
	}
	free(ids.v);
	worklist_free(&cache);
	return rc;
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
