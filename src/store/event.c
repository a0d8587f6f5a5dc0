/*
 * Appending to the hash-chained event log: the chain head, each insert read
 * back before it counts as saved, amendments, and the checklist versions
 * logged at an upgrade.  The canonical form that the hash covers and that a
 * row is read back in is in event_canon.c.
 */
#include "event_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

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
	else if ((field = event_differs(ev, &got)) != NULL && strcmp(field, "id") == 0)
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

