/* Appending to the hash-chained event log. */
#include "event.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

/*
 * The canonical encoding goes through a small buffer to the digest in a few
 * large pieces, with lengths formatted by hand: verify hashes every event of
 * the log, and snprintf plus some 45 digest updates per event were most of
 * its time.
 */
struct canon {
	struct hasher *h;
	size_t n;
	char b[512];
};

static void
canon_put(struct canon *c, const void *p, size_t n)
{
	if (n > sizeof c->b - c->n) {
		hasher_add(c->h, c->b, c->n);
		c->n = 0;
		if (n > sizeof c->b) {
			hasher_add(c->h, p, n);
			return;
		}
	}
	memcpy(c->b + c->n, p, n);
	c->n += n;
}

/* The decimal digits of v, written backwards ending before end. */
static char *
decimal(uint64_t v, char *end)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return end;
}

static void
add_field(struct canon *c, const char *s, size_t n)
{
	char len[24], *p = decimal(n, len + sizeof len - 1);
	len[sizeof len - 1] = ':';
	canon_put(c, p, (size_t)(len + sizeof len - p));
	canon_put(c, s, n);
	canon_put(c, ",", 1);
}

static void
add_text(struct canon *c, const char *s)
{
	add_field(c, s ? s : "", s ? strlen(s) : 0);
}

static void
add_int(struct canon *c, int64_t v, int zero_is_empty)
{
	char s[24], *end = s + sizeof s, *p;
	if (v == 0 && zero_is_empty) {
		add_field(c, "", 0);
		return;
	}
	p = decimal(v < 0 ? -(uint64_t)v : (uint64_t)v, end);
	if (v < 0)
		*--p = '-';
	add_field(c, p, (size_t)(end - p));
}

void
event_hash(struct hasher *h, const struct event *ev, const char *prev_hash, char out[HASH_HEX_LEN])
{
	struct canon c = {.h = h};

	hasher_start(h);
	canon_put(&c, prev_hash, 64);
	add_int(&c, ev->id, 0);
	add_text(&c, ev->recorded_at);
	add_int(&c, ev->case_id, 1);
	add_text(&c, ev->phase);
	add_text(&c, ev->item_key);
	add_text(&c, ev->action);
	add_text(&c, ev->value);
	add_text(&c, ev->unit);
	add_text(&c, ev->flag);
	add_text(&c, ev->reason);
	add_int(&c, ev->amends, 1);
	add_text(&c, ev->staff_code);
	add_text(&c, ev->os_user);
	add_text(&c, ev->terminal);
	hasher_add(h, c.b, c.n);
	hasher_hex(h, out);
}

int
event_head(struct db *db, int64_t *id, char hash[HASH_HEX_LEN], struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1", err);
	if (st == NULL)
		return err->status;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		snprintf(hash, HASH_HEX_LEN, "%s", db_col_text(st, 1));
	} else if (rc == SQLITE_DONE) {
		*id = 0;
		memcpy(hash, EVENT_GENESIS, HASH_HEX_LEN);
	} else {
		return db_fail(db, rc, "reading the chain head", err);
	}
	sqlite3_reset(st);
	return ST_OK;
}

static const char *const column[] = {
	"id", "recorded_at", "case_id", "phase", "item_key", "action", "value", "unit", "flag",
	"reason", "amends", "staff_code", "os_user", "terminal", "prev_hash", "hash",
};

static const char *
storage_class(int type)
{
	switch (type) {
	case SQLITE_INTEGER: return "an INTEGER";
	case SQLITE_FLOAT: return "a REAL";
	case SQLITE_BLOB: return "a BLOB";
	case SQLITE_NULL: return "NULL";
	default: return "TEXT";
	}
}

bool
event_col_is_text(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) != SQLITE_TEXT)
		return false;
	const unsigned char *s = sqlite3_column_text(st, i);	/* before _bytes */
	int n = sqlite3_column_bytes(st, i);
	return s != NULL && memchr(s, '\0', (size_t)n) == NULL;
}

bool
event_is_utc(const char *s, size_t n)
{
	static const char form[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	if (n != sizeof form - 1)
		return false;
	for (size_t i = 0; i < n; i++)
		if (form[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != form[i])
			return false;
	return true;
}

/* A text column in canonical form, or false with why filled; *len its bytes. */
static bool
text_col(sqlite3_stmt *st, int i, const char **out, size_t *len, char *why, size_t n)
{
	int type = sqlite3_column_type(st, i);
	const char *s = (const char *)sqlite3_column_text(st, i);	/* before _bytes */
	size_t bytes = (size_t)sqlite3_column_bytes(st, i);
	if (type != SQLITE_TEXT || s == NULL) {
		snprintf(why, n, "%s is stored as %s, not as text", column[i],
		    storage_class(type));
		return false;
	}
	if (memchr(s, '\0', bytes) != NULL) {
		snprintf(why, n, "%s holds a NUL byte (what follows it would not be covered by "
		    "the hash)", column[i]);
		return false;
	}
	*out = s;
	if (len != NULL)
		*len = bytes;
	return true;
}

/* An id column: a positive INTEGER, or NULL (0) where none is allowed. */
static bool
id_col(sqlite3_stmt *st, int i, bool none_ok, int64_t *out, char *why, size_t n)
{
	int type = sqlite3_column_type(st, i);
	*out = 0;
	if (type == SQLITE_NULL && none_ok)
		return true;
	if (type != SQLITE_INTEGER) {
		snprintf(why, n, "%s is stored as %s, not as an integer", column[i],
		    storage_class(type));
		return false;
	}
	*out = sqlite3_column_int64(st, i);
	if (*out <= 0) {
		snprintf(why, n, "%s is %lld%s", column[i], (long long)*out, none_ok ?
		    " (an event without one stores NULL, which would hash alike)" : "");
		return false;
	}
	return true;
}

/*
 * Per event of a long log, so without snprintf or a second look at a column.
 * prev_hash and hash need only their length here: each is then compared
 * whole with a hash computed as 64 lower-case hex digits (the one before it,
 * the one it should be), so any other digit shows there.
 */
bool
event_from_row(sqlite3_stmt *st, struct event *ev, char *why, size_t n)
{
	const char *at = "", *prev = "", *hash = "";
	size_t at_len = 0, prev_len = 0, hash_len = 0;

	memset(ev, 0, sizeof *ev);
	if (!id_col(st, 0, false, &ev->id, why, n) || !text_col(st, 1, &at, &at_len, why, n) ||
	    !id_col(st, 2, true, &ev->case_id, why, n) ||
	    !text_col(st, 3, &ev->phase, NULL, why, n) ||
	    !text_col(st, 4, &ev->item_key, NULL, why, n) ||
	    !text_col(st, 5, &ev->action, NULL, why, n) ||
	    !text_col(st, 6, &ev->value, NULL, why, n) ||
	    !text_col(st, 7, &ev->unit, NULL, why, n) ||
	    !text_col(st, 8, &ev->flag, NULL, why, n) ||
	    !text_col(st, 9, &ev->reason, NULL, why, n) ||
	    !id_col(st, 10, true, &ev->amends, why, n) ||
	    !text_col(st, 11, &ev->staff_code, NULL, why, n) ||
	    !text_col(st, 12, &ev->os_user, NULL, why, n) ||
	    !text_col(st, 13, &ev->terminal, NULL, why, n) ||
	    !text_col(st, 14, &prev, &prev_len, why, n) ||
	    !text_col(st, 15, &hash, &hash_len, why, n))
		return false;
	if (!event_is_utc(at, at_len)) {
		snprintf(why, n, "recorded_at '%.40s' is not in the form YYYY-MM-DDTHH:MM:SS.mmmZ",
		    at);
		return false;
	}
	if (prev_len != HASH_HEX_LEN - 1 || hash_len != HASH_HEX_LEN - 1) {
		snprintf(why, n, "%s is not 64 hex digits long",
		    prev_len != HASH_HEX_LEN - 1 ? "prev_hash" : "hash");
		return false;
	}
	memcpy(ev->recorded_at, at, CLOCK_UTC_LEN);
	memcpy(ev->prev_hash, prev, HASH_HEX_LEN);
	memcpy(ev->hash, hash, HASH_HEX_LEN);
	return true;
}

static bool
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The field of the two events that differs, or NULL. */
static const char *
differs(const struct event *a, const struct event *b)
{
	const char *const ta[] = {a->phase, a->item_key, a->action, a->value, a->unit, a->flag,
	    a->reason, a->staff_code, a->os_user, a->terminal};
	const char *const tb[] = {b->phase, b->item_key, b->action, b->value, b->unit, b->flag,
	    b->reason, b->staff_code, b->os_user, b->terminal};
	static const int col[] = {3, 4, 5, 6, 7, 8, 9, 11, 12, 13};

	if (a->id != b->id)
		return column[0];
	if (strcmp(a->recorded_at, b->recorded_at) != 0)
		return column[1];
	if (a->case_id != b->case_id)
		return column[2];
	if (a->amends != b->amends)
		return column[10];
	for (size_t i = 0; i < ARRAY_SIZE(ta); i++)
		if (!same_text(ta[i], tb[i]))
			return column[col[i]];
	if (strcmp(a->prev_hash, b->prev_hash) != 0)
		return column[14];
	if (strcmp(a->hash, b->hash) != 0)
		return column[15];
	return NULL;
}

static int
not_saved(struct db *db, struct err *err, const char *fmt, const char *arg)
{
	char what[256];
	snprintf(what, sizeof what, fmt, arg);
	return err_set(err, ST_DATAERR, "%s: NOT saved: %s; something in the database that "
	    "spinelog did not make (a trigger, say) interfered: run 'spinelog verify' and "
	    "tell whoever looks after spinelog", db_path(db), what);
}

/*
 * The row just inserted must be the head of the log and read back exactly as
 * written: an INSERT can "succeed" without storing anything (a foreign
 * trigger's RAISE(IGNORE)), and nothing may say "Saved" then.
 */
static int
confirm_stored(struct db *db, const struct event *ev, struct err *err)
{
	if (sqlite3_changes(db_handle(db)) != 1)
		return not_saved(db, err, "the database did not store the entry%s", "");
	sqlite3_stmt *st = db_stmt(db, "SELECT " EVENT_COLUMNS " FROM event ORDER BY id DESC"
	    " LIMIT 1", err);
	if (st == NULL)
		return err->status;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return not_saved(db, err, "the database did not store the entry%s", "");
		return db_fail(db, rc, "reading the entry back", err);
	}
	struct event got;
	char why[200];
	const char *field = NULL;
	if (!event_from_row(st, &got, why, sizeof why))
		field = why;
	else if ((field = differs(ev, &got)) != NULL && strcmp(field, "id") == 0)
		field = "the entry is not the last in the log";
	if (field != NULL)
		not_saved(db, err, "the entry read back is not what was written (%s)", field);
	sqlite3_reset(st);
	return field == NULL ? ST_OK : err->status;
}

static const char sql_insert[] =
    "INSERT INTO event (id, recorded_at, case_id, phase, item_key, action, value, unit,"
    " flag, reason, amends, staff_code, os_user, terminal, prev_hash, hash)"
    " VALUES (:id, :at, :case, :phase, :item, :action, :value, :unit,"
    " :flag, :reason, :amends, :staff, :user, :tty, :prev, :hash)";

int
event_insert(struct db *db, struct event *ev, struct err *err)
{
	return event_insert_at(db, ev, NULL, err);
}

int
event_insert_at(struct db *db, struct event *ev, const char *at, struct err *err)
{
	int64_t head;

	if (ev->action == NULL || *ev->action == '\0')
		die("event_insert: an event needs an action");
	/* Every event says who and where: an empty value is filled like a NULL one. */
	if (ev->os_user == NULL || *ev->os_user == '\0')
		ev->os_user = host_user();
	if (ev->terminal == NULL || *ev->terminal == '\0')
		ev->terminal = host_terminal();
	if (event_head(db, &head, ev->prev_hash, err) != ST_OK)
		return err->status;
	ev->id = head + 1;
	if (at != NULL)
		snprintf(ev->recorded_at, sizeof ev->recorded_at, "%s", at);
	else
		clock_now(ev->recorded_at);
	struct hasher *h = hasher_new();
	event_hash(h, ev, ev->prev_hash, ev->hash);
	hasher_free(h);

	sqlite3_stmt *st = db_stmt(db, sql_insert, err);
	if (st == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, ev->id);
	db_bind_text(st, 2, ev->recorded_at);
	if (ev->case_id)
		sqlite3_bind_int64(st, 3, ev->case_id);
	db_bind_text(st, 4, ev->phase);
	db_bind_text(st, 5, ev->item_key);
	db_bind_text(st, 6, ev->action);
	db_bind_text(st, 7, ev->value);
	db_bind_text(st, 8, ev->unit);
	db_bind_text(st, 9, ev->flag);
	db_bind_text(st, 10, ev->reason);
	if (ev->amends)
		sqlite3_bind_int64(st, 11, ev->amends);
	db_bind_text(st, 12, ev->staff_code);
	db_bind_text(st, 13, ev->os_user);
	db_bind_text(st, 14, ev->terminal);
	db_bind_text(st, 15, ev->prev_hash);
	db_bind_text(st, 16, ev->hash);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "saving the entry", err);
	return confirm_stored(db, ev, err);
}

int
event_append(struct db *db, struct event *ev, struct err *err)
{
	if (db_begin(db, err) != ST_OK)
		return err->status;
	if (event_insert(db, ev, err) != ST_OK) {
		db_rollback(db);
		return err->status;
	}
	return db_commit(db, err);
}

/* Is the amendment ev allowed: is ev->amends an event of the same case that
 * nobody has amended yet?  Inside the write transaction. */
static int
amend_allowed(struct db *db, const struct event *ev, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT case_id FROM event WHERE id = :id", err);
	if (st == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, ev->amends);
	int rc = sqlite3_step(st);
	int64_t case_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, "looking up the entry to correct", err);
	if (rc == SQLITE_DONE || case_id != ev->case_id)
		return err_set(err, ST_DATAERR, "NOT saved: event %lld, which this corrects, is "
		    "not an entry of this case", (long long)ev->amends);

	/* case_id first: the event_case index finds the case's few events. */
	st = db_stmt(db, "SELECT e.id, e.recorded_at, e.staff_code, s.name, e.terminal"
	    " FROM event e LEFT JOIN staff s ON s.code = e.staff_code"
	    " WHERE e.case_id IS :case AND e.amends = :id ORDER BY e.id LIMIT 1", err);
	if (st == NULL)
		return err->status;
	if (ev->case_id)
		sqlite3_bind_int64(st, 1, ev->case_id);
	sqlite3_bind_int64(st, 2, ev->amends);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char when[32], who[160];
		const char *code = db_col_text(st, 2), *name = db_col_text(st, 3);
		if (!clock_local(db_col_text(st, 1), "%Y-%m-%d %H:%M:%S", when, sizeof when))
			snprintf(when, sizeof when, "%.24s UTC", db_col_text(st, 1));
		if (*code == '\0')
			snprintf(who, sizeof who, "someone");
		else if (*name == '\0')
			snprintf(who, sizeof who, "%.60s", code);
		else
			snprintf(who, sizeof who, "%.90s (%.60s)", name, code);
		err_set(err, ST_DATAERR, "NOT saved: this entry (event %lld) was already amended "
		    "by %s at %s on %.80s (event %lld), while you were correcting it; its value "
		    "is the one in force now: look at it, and amend that if it is still wrong",
		    (long long)ev->amends, who, when, db_col_text(st, 4),
		    (long long)sqlite3_column_int64(st, 0));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return err->status;
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "looking for other corrections", err);
	return ST_OK;
}

int
event_amend(struct db *db, struct event *ev, struct err *err)
{
	if (ev->amends <= 0)
		die("event_amend: an amendment needs the event it amends");
	if (db_begin(db, err) != ST_OK)
		return err->status;
	if (amend_allowed(db, ev, err) != ST_OK || event_insert(db, ev, err) != ST_OK) {
		db_rollback(db);
		return err->status;
	}
	return db_commit(db, err);
}

char *
event_version_value(int64_t id, const char *proc_key, const char *sha256, int64_t size,
    const char *source, const char *first_used_at)
{
	struct buf b = {0};
	char n[24];
	snprintf(n, sizeof n, "%" PRId64, id);
	buf_kv(&b, "id", n);
	buf_kv(&b, "procedure", proc_key);
	buf_kv(&b, "sha256", sha256);
	snprintf(n, sizeof n, "%" PRId64, size);
	buf_kv(&b, "size", n);
	buf_kv(&b, "source", source);
	buf_kv(&b, "first_used_at", first_used_at);
	return b.data;
}

int
event_log_versions(struct db *db, int *n, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, proc_key, sha256, source, content,"
	    " first_used_at FROM checklist_version ORDER BY id", err);
	char **values = NULL;
	size_t nv = 0;
	int rc;

	*n = 0;
	if (st == NULL)
		return err->status;
	/* All of them first: no insert while the SELECT is open. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		(void)sqlite3_column_blob(st, 4);	/* before _bytes */
		values = xreallocarray(values, nv + 1, sizeof *values);
		values[nv++] = event_version_value(sqlite3_column_int64(st, 0),
		    db_col_text(st, 1), db_col_text(st, 2), sqlite3_column_bytes(st, 4),
		    db_col_text(st, 3), db_col_text(st, 5));
	}
	sqlite3_reset(st);
	int status = rc == SQLITE_DONE ? ST_OK :
	    db_fail(db, rc, "reading the checklist versions to log", err);
	for (size_t i = 0; i < nv; i++) {
		struct event ev = {.action = EVENT_CHECKLIST_VERSION, .value = values[i],
		    .reason = EVENT_UPGRADE_REASON};
		if (status == ST_OK && (status = event_insert(db, &ev, err)) == ST_OK)
			(*n)++;
		free(values[i]);
	}
	free(values);
	return status;
}

int
event_last_at(struct db *db, char at[CLOCK_UTC_LEN], struct err *err)
{
	/* the latest time, not the newest row: this terminal's own entries made
	 * with a clock set back are newer rows with earlier times */
	sqlite3_stmt *st = db_stmt(db, "SELECT max(recorded_at) FROM event", err);
	if (st == NULL)
		return err->status;
	int rc = sqlite3_step(st);
	at[0] = '\0';
	if (rc == SQLITE_ROW)
		snprintf(at, CLOCK_UTC_LEN, "%s", db_col_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, "reading the latest event time", err);
	return ST_OK;
}

