/*
 * verify_rows: the tables verify checks against the events that made them
 * (verify_int.h).  A staff, cases or checklist_version row must be stored in
 * its one form and match the event that created it, and every such event
 * still have its row; open_case must list exactly the cases that were
 * created and not closed or cancelled.  The rows and the events, each in key
 * order, are merged.
 */
#include "verify_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "db.h"
#include "event.h"
#include "record.h"

static int
by_key(const void *a, const void *b)
{
	const struct made *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->ev < y->ev ? -1 : x->ev > y->ev;
}

static int
by_code(const void *a, const void *b)
{
	const struct made *x = a, *y = b;
	int c = strcmp(x->code, y->code);
	return c != 0 ? c : (x->ev < y->ev ? -1 : x->ev > y->ev);
}

/* qsort, which may not be given the NULL of an empty list. */
static void
made_sort(struct made_list *l, int (*cmp)(const void *, const void *))
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp);
}

/*
 * Is t the time of the row that event m created?  Since schema version 2 a
 * row and its creating event carry one time.  Before it, the row read the
 * clock a moment before the event did, in the same transaction: then t must
 * lie after the event before m (unless the clock went back) and by m's time.
 */
static bool
row_time_ok(const char *t, const struct made *m, const struct walk *w)
{
	if (m->ev >= w->upgraded)
		return strcmp(t, m->at) == 0;
	if (strcmp(t, m->at) > 0)
		return false;
	return strcmp(m->at, m->prev_at) < 0 || strcmp(t, m->prev_at) >= 0;
}

/* Columns first..last of st are text in canonical form; else a fault. */
static bool
row_texts(sqlite3_stmt *st, int first, int last, const char *what, struct verify_report *r)
{
	for (int i = first; i <= last; i++) {
		if (!event_col_is_text(st, i)) {
			verify_fault(r, 0, "%s: %s is not stored as spinelog stores text (a NUL "
			    "byte, or another storage class): it was written behind spinelog's "
			    "back", what, sqlite3_column_name(st, i));
			return false;
		}
	}
	return true;
}

/* Column i of st has the storage class type (an integer, a BLOB); else a
 * fault. */
static bool
row_class(sqlite3_stmt *st, int i, int type, const char *what, struct verify_report *r)
{
	if (sqlite3_column_type(st, i) == type)
		return true;
	verify_fault(r, 0, "%s: %s is not stored as %s: it was written behind spinelog's back",
	    what, sqlite3_column_name(st, i), type == SQLITE_BLOB ? "a BLOB" : "an integer");
	return false;
}

/* The time a row keeps (created_at) in canonical form; else a fault. */
static bool
row_time(sqlite3_stmt *st, int i, const char *what, struct verify_report *r)
{
	const char *t = db_col_text(st, i);
	if (event_is_utc(t, strlen(t)))
		return true;
	verify_fault(r, 0, "%s: %s '%.40s' is not in the form YYYY-MM-DDTHH:MM:SS.mmmZ: it was "
	    "written behind spinelog's back", what, sqlite3_column_name(st, i), t);
	return false;
}

/*
 * A table whose rows are each created with one event (staff_register,
 * case_create, checklist_version): every row must have its event and match
 * it, every such event its row.  The rows and the events are merged in key
 * order.
 */
struct covered {
	const char *noun;		/* "staff", "case", "checklist version" */
	const char *table;
	const char *action;		/* the creating event */
	const char *made;		/* "registered", "created", "recorded" */
	const char *sql;		/* the rows, key first, in key order */
	bool by_code;			/* keyed by staff code, not by id */
	/* The row's values in their one stored form; else a fault. */
	bool (*form)(sqlite3_stmt *st, const char *what, struct verify_report *r);
	/* The row against the event m that created it; else a fault. */
	void (*match)(sqlite3_stmt *st, const char *what, const struct made *m,
	    const struct walk *w, struct verify_report *r);
};

static const char *
key_text(const struct covered *c, const struct made *m, char buf[24])
{
	if (c->by_code)
		return m->code;
	snprintf(buf, 24, "%lld", (long long)m->key);
	return buf;
}

/* <0, 0, >0: event m's row comes before, is, or comes after the row st. */
static int
key_cmp(const struct covered *c, const struct made *m, sqlite3_stmt *st)
{
	if (c->by_code)
		return strcmp(m->code, db_col_text(st, 0));
	int64_t id = sqlite3_column_int64(st, 0);
	return m->key < id ? -1 : m->key > id;
}

static void
no_row(const struct covered *c, const struct made *m, struct verify_report *r)
{
	char k[24];
	verify_fault(r, m->ev, "%s %s, %s by event %lld, has no row in %s: the row was deleted",
	    c->noun, key_text(c, m, k), c->made, (long long)m->ev, c->table);
}

static int
check_covered(struct db *db, const struct covered *c, struct made_list *l,
    const struct walk *w, struct verify_report *r, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, c->sql, err);
	char what[160], k[24];
	size_t i;
	int rc;

	if (st == NULL)
		return err->status;
	made_sort(l, c->by_code ? by_code : by_key);
	for (i = 0; i < l->n; i++) {
		const struct made *m = &l->v[i], *before = i ? &l->v[i - 1] : NULL;
		if (!c->by_code && m->key <= 0)
			verify_fault(r, m->ev, "event %lld (%s) names no %s", (long long)m->ev,
			    c->action, c->noun);
		else if (before && (c->by_code ? strcmp(before->code, m->code) == 0 :
		    before->key == m->key))
			verify_fault(r, m->ev, "%s %s is %s twice, by events %lld and %lld",
			    c->noun, key_text(c, m, k), c->made, (long long)before->ev,
			    (long long)m->ev);
		if (!r->ok)
			return ST_OK;
	}
	i = 0;
	while (r->ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(what, sizeof what, "%s %.60s", c->noun, db_col_text(st, 0));
		if (!c->form(st, what, r))
			break;
		int order = i < l->n ? key_cmp(c, &l->v[i], st) : 1;
		if (order < 0)
			no_row(c, &l->v[i], r);
		else if (order > 0)
			verify_fault(r, 0, "%s has no %s event, so the hash chain does not cover "
			    "it: the row was added behind spinelog's back", what, c->action);
		else
			c->match(st, what, &l->v[i++], w, r);
	}
	sqlite3_reset(st);
	if (r->ok && rc != SQLITE_DONE)
		return db_fail(db, rc, "reading the rows the events created", err);
	if (r->ok && i < l->n)
		no_row(c, &l->v[i], r);
	return ST_OK;
}

static bool
staff_form(sqlite3_stmt *st, const char *what, struct verify_report *r)
{
	return row_texts(st, 0, 3, what, r) && row_time(st, 3, what, r);
}

/* A row encoded as want, created at t, is what event m (which "made" it)
 * says; else a fault.  Frees want. */
static bool
row_is_event(const char *what, const char *made, char *want, const char *t,
    const struct made *m, const struct walk *w, struct verify_report *r)
{
	if (strcmp(want, m->value) != 0)
		verify_fault(r, m->ev, "%s: the row differs from event %lld that %s it", what,
		    (long long)m->ev, made);
	else if (!row_time_ok(t, m, w))
		verify_fault(r, m->ev, "%s: created_at %s is not the time of event %lld that %s it "
		    "(%s): the row was changed", what, t, (long long)m->ev, made, m->at);
	free(want);
	return r->ok;
}

static void
staff_match(sqlite3_stmt *st, const char *what, const struct made *m, const struct walk *w,
    struct verify_report *r)
{
	row_is_event(what, "registered", staff_encode(db_col_text(st, 1), db_col_text(st, 2)),
	    db_col_text(st, 3), m, w, r);
}

static const struct covered staff_rows = {
	"staff", "staff", ACTION_STAFF_REGISTER, "registered",
	"SELECT code, name, role, created_at FROM staff ORDER BY code", true,
	staff_form, staff_match,
};

static bool
case_form(sqlite3_stmt *st, const char *what, struct verify_report *r)
{
	return row_texts(st, 1, 4, what, r) && row_texts(st, 6, 11, what, r) &&
	    row_time(st, 11, what, r) && row_class(st, 5, SQLITE_INTEGER, what, r);
}

static void
case_match(sqlite3_stmt *st, const char *what, const struct made *m, const struct walk *w,
    struct verify_report *r)
{
	struct case_info c = {
		.mrn = (char *)db_col_text(st, 1), .name = (char *)db_col_text(st, 2),
		.dob = (char *)db_col_text(st, 3), .proc_key = (char *)db_col_text(st, 4),
		.version_id = sqlite3_column_int64(st, 5), .side = (char *)db_col_text(st, 6),
		.level = (char *)db_col_text(st, 7), .proceduralist = (char *)db_col_text(st, 8),
		.scheduled_at = (char *)db_col_text(st, 9),
	};
	const char *day = db_col_text(st, 10);
	if (row_is_event(what, "created", case_encode(&c), db_col_text(st, 11), m, w, r) &&
	    (strlen(day) != 10 || strncmp(day, c.scheduled_at, 10) != 0))
		verify_fault(r, m->ev, "%s: day %.20s is not the date of its scheduled time %.20s "
		    "(event %lld): the worklist index was changed", what, day, c.scheduled_at,
		    (long long)m->ev);
}

static const struct covered case_rows = {
	"case", "cases", ACTION_CASE_CREATE, "created",
	"SELECT id, mrn, name, dob, proc_key, version_id, side, level, proceduralist,"
	" scheduled_at, day, created_at FROM cases ORDER BY id", false,
	case_form, case_match,
};

/* The one event in sorted l with this key (the first), or NULL. */
static const struct made *
find_key(const struct made_list *l, int64_t key)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && l->v[lo].key == key ? &l->v[lo] : NULL;
}

/* Case c was created and no event ended it, yet open_case lacks it. */
static void
not_open(const struct made *c, struct verify_report *r)
{
	verify_fault(r, c->ev, "case %lld, created by event %lld and never closed or cancelled, "
	    "is missing from open_case: the row was deleted (the worklist no longer shows the "
	    "case)", (long long)c->key, (long long)c->ev);
}

/* open_case, rebuilt from the events: the cases created and not yet closed
 * or cancelled, no more and no fewer.  cases is sorted (check_covered). */
static int
check_open(struct db *db, struct walk *w, struct verify_report *r, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT case_id FROM open_case ORDER BY case_id", err);
	if (st == NULL)
		return err->status;
	made_sort(&w->ended, by_key);
	size_t i = 0;
	int rc;
	/* The open cases in id order: created ones that no event ended. */
	while (r->ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		for (; i < w->cases.n && w->cases.v[i].key < id; i++) {
			if (find_key(&w->ended, w->cases.v[i].key) == NULL) {
				not_open(&w->cases.v[i], r);
				break;
			}
		}
		if (!r->ok)
			break;
		const struct made *end = find_key(&w->ended, id);
		if (i == w->cases.n || w->cases.v[i].key != id)
			verify_fault(r, 0, "open_case lists case %lld, which no event created: the "
			    "row was added behind spinelog's back", (long long)id);
		else if (end != NULL)
			verify_fault(r, end->ev, "open_case lists case %lld, which event %lld %s: "
			    "the row was added behind spinelog's back", (long long)id,
			    (long long)end->ev, "closed or cancelled");
		i++;
	}
	sqlite3_reset(st);
	if (r->ok && rc != SQLITE_DONE)
		return db_fail(db, rc, "reading the open cases", err);
	for (; r->ok && i < w->cases.n; i++)
		if (find_key(&w->ended, w->cases.v[i].key) == NULL)
			not_open(&w->cases.v[i], r);
	return ST_OK;
}

static bool
version_form(sqlite3_stmt *st, const char *what, struct verify_report *r)
{
	return row_texts(st, 1, 3, what, r) && row_texts(st, 5, 5, what, r) &&
	    row_time(st, 5, what, r) && row_class(st, 4, SQLITE_BLOB, what, r);
}

/* The content hashes to its sha256, and the row (content by sha256 and
 * size) equals the event that recorded it. */
static void
version_match(sqlite3_stmt *st, const char *what, const struct made *m,
    const struct walk *w, struct verify_report *r)
{
	char sha[HASH_HEX_LEN];
	const void *content = sqlite3_column_blob(st, 4);	/* before _bytes */
	int64_t size = sqlite3_column_bytes(st, 4);
	const char *key = db_col_text(st, 1);
	(void)w;
	sha256_hex(content, (size_t)size, sha);
	char *want = event_version_value(sqlite3_column_int64(st, 0), key, db_col_text(st, 2),
	    size, db_col_text(st, 3), db_col_text(st, 5));
	if (strcmp(sha, db_col_text(st, 2)) != 0)
		verify_fault(r, m->ev, "%s (%.60s): its content does not hash to its sha256: the "
		    "stored checklist was changed", what, key);
	else if (strcmp(want, m->value) != 0)
		verify_fault(r, m->ev, "%s (%.60s): the row differs from event %lld that recorded "
		    "it (its content, procedure, source or time was changed)", what, key,
		    (long long)m->ev);
	free(want);
}

static const struct covered version_rows = {
	"checklist version", "checklist_version", ACTION_CHECKLIST_VERSION, "recorded",
	"SELECT id, proc_key, sha256, source, content, first_used_at FROM checklist_version"
	" ORDER BY id", false,
	version_form, version_match,
};

int
verify_rows(struct db *db, struct walk *w, struct verify_report *r, struct err *err)
{
	if (check_covered(db, &staff_rows, &w->staff, w, r, err) != ST_OK ||
	    (r->ok && check_covered(db, &case_rows, &w->cases, w, r, err) != ST_OK) ||
	    (r->ok && check_open(db, w, r, err) != ST_OK) ||
	    (r->ok && check_covered(db, &version_rows, &w->versions, w, r, err) != ST_OK) ||
	    (r->ok && verify_pins(db, r, err) != ST_OK))
		return err->status;
	return ST_OK;
}
