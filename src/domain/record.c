/* Staff and case rows, each created together with the event that covers it. */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "checklist.h"
#include "clock.h"
#include "db.h"
#include "entry.h"
#include "event.h"

char *
staff_encode(const char *name, const char *role)
{
	struct buf b = {0};
	buf_kv(&b, "name", name);
	buf_kv(&b, "role", role);
	return b.data;
}

char *
case_encode(const struct case_info *c)
{
	struct buf b = {0};
	buf_kv(&b, "mrn", c->mrn);
	buf_kv(&b, "name", c->name);
	buf_kv(&b, "dob", c->dob);
	buf_kv(&b, "procedure", c->proc_key);
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)c->version_id);
	buf_kv(&b, "checklist_version", v);
	buf_kv(&b, "side", c->side);
	buf_kv(&b, "level", c->level);
	buf_kv(&b, "proceduralist", c->proceduralist);
	buf_kv(&b, "scheduled_at", c->scheduled_at);
	return b.data;
}

/*
 * After an INSERT that returned SQLITE_DONE: was one row stored?  A foreign
 * trigger's RAISE(IGNORE) makes an INSERT "succeed" without storing it.
 */
static int
stored(struct db *db, const char *what, struct err *err)
{
	if (sqlite3_changes(db_handle(db)) == 1)
		return ST_OK;
	return err_set(err, ST_DATAERR, "%s: NOT saved: the database did not store %s; "
	    "something in it that spinelog did not make (a trigger, say) interfered: run "
	    "'spinelog verify'", db_path(db), what);
}

int
staff_get(struct db *db, const char *code, struct staff *out, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT code, name, role FROM staff WHERE code = :code", err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, code);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->code = xstrdup(db_col_text(st, 0));
		out->name = xstrdup(db_col_text(st, 1));
		out->role = xstrdup(db_col_text(st, 2));
		sqlite3_reset(st);
		return ST_OK;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(err, ST_NOINPUT, "no staff member with code %s", code);
	return db_fail(db, rc, "looking up a staff code", err);
}

void
staff_clear(struct staff *s)
{
	free(s->code);
	free(s->name);
	free(s->role);
	memset(s, 0, sizeof *s);
}

int
staff_register(struct db *db, const char *code, const char *name, const char *role,
    struct err *err)
{
	char now[CLOCK_UTC_LEN];
	char *value = staff_encode(name, role);
	struct event ev = {.action = ACTION_STAFF_REGISTER, .value = value, .staff_code = code};
	int rc;

	err->status = ST_OK;
	if (db_begin(db, err) != ST_OK)
		goto out;
	clock_now(now);
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO staff (code, name, role, created_at)"
	    " VALUES (:code, :name, :role, :at)", err);
	if (st == NULL)
		goto fail;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, role);
	db_bind_text(st, 4, now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, "registering a staff member", err);
		goto fail;
	}
	if (stored(db, "the staff member", err) != ST_OK)
		goto fail;
	if (event_insert_at(db, &ev, now, err) != ST_OK)
		goto fail;
	db_commit(db, err);
	goto out;
fail:
	db_rollback(db);
out:
	free(value);
	return err->status;
}

int
case_insert(struct db *db, struct case_info *c, const char *staff_code, const char *reason,
    struct err *err)
{
	char now[CLOCK_UTC_LEN];
	char *value = case_encode(c);
	struct event ev = {.action = ACTION_CASE_CREATE, .value = value, .reason = reason,
	    .staff_code = staff_code};
	int rc;

	err->status = ST_OK;
	clock_now(now);
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO cases (mrn, name, dob, proc_key, version_id,"
	    " side, level, proceduralist, scheduled_at, day, created_at) VALUES (:mrn, :name,"
	    " :dob, :proc, :version, :side, :level, :who, :at, substr(:at, 1, 10), :now)", err);
	if (st == NULL)
		goto out;
	db_bind_text(st, 1, c->mrn);
	db_bind_text(st, 2, c->name);
	db_bind_text(st, 3, c->dob);
	db_bind_text(st, 4, c->proc_key);
	sqlite3_bind_int64(st, 5, c->version_id);
	db_bind_text(st, 6, c->side);
	db_bind_text(st, 7, c->level);
	db_bind_text(st, 8, c->proceduralist);
	db_bind_text(st, 9, c->scheduled_at);
	db_bind_text(st, 10, now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, "creating the case", err);
		goto out;
	}
	if (stored(db, "the case", err) != ST_OK)
		goto out;
	ev.case_id = sqlite3_last_insert_rowid(db_handle(db));
	st = db_stmt(db, "INSERT INTO open_case (case_id) VALUES (:id)", err);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, ev.case_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, "creating the case", err);
		goto out;
	}
	if (stored(db, "the case in the list of open cases", err) != ST_OK)
		goto out;
	if (event_insert_at(db, &ev, now, err) != ST_OK)
		goto out;
	c->id = ev.case_id;
	free(c->created_at);
	c->created_at = xstrdup(now);
out:
	free(value);
	return err->status;
}

int
case_create(struct db *db, struct case_info *c, const char *staff_code,
    const struct checklist *cl, struct err *err)
{
	if (db_begin(db, err) != ST_OK)
		return err->status;
	if ((cl != NULL && checklist_version_put(db, cl, &c->version_id, err) != ST_OK) ||
	    case_insert(db, c, staff_code, NULL, err) != ST_OK) {
		db_rollback(db);
		c->id = 0;
		return err->status;
	}
	if (db_commit(db, err) != ST_OK)
		c->id = 0;
	return err->status;
}

int
case_end(struct db *db, int64_t case_id, const char *action, const char *reason,
    const char *staff_code, struct err *err)
{
	struct event ev = {.case_id = case_id, .action = action, .reason = reason,
	    .staff_code = staff_code};

	if (strcmp(action, "case_cancel") == 0 && (reason == NULL || *reason == '\0'))
		return err_set(err, ST_DATAERR, "a cancellation needs a reason");
	if (db_begin(db, err) != ST_OK)
		return err->status;
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM open_case WHERE case_id = :id", err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, case_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, "closing the case", err);
		goto fail;
	}
	if (sqlite3_changes(db_handle(db)) == 0) {
		err_set(err, ST_DATAERR, "case %lld is not open (already closed or cancelled)",
		    (long long)case_id);
		goto fail;
	}
	if (event_insert(db, &ev, err) != ST_OK)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return err->status;
}

int
case_is_open(struct db *db, int64_t id, bool *open, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT EXISTS (SELECT 1 FROM open_case WHERE case_id = :id)"
	    " FROM cases WHERE id = :id", err);
	if (st == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	*open = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(err, ST_NOINPUT, "no case %lld in %s", (long long)id, db_path(db));
	if (rc != SQLITE_ROW)
		return db_fail(db, rc, "reading whether the case is open", err);
	return ST_OK;
}

int
case_get(struct db *db, int64_t id, struct case_info *out, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, mrn, name, dob, proc_key, version_id, side,"
	    " level, proceduralist, scheduled_at, created_at FROM cases WHERE id = :id", err);
	if (st == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->mrn = xstrdup(db_col_text(st, 1));
		out->name = xstrdup(db_col_text(st, 2));
		out->dob = xstrdup(db_col_text(st, 3));
		out->proc_key = xstrdup(db_col_text(st, 4));
		out->version_id = sqlite3_column_int64(st, 5);
		out->side = xstrdup(db_col_text(st, 6));
		out->level = xstrdup(db_col_text(st, 7));
		out->proceduralist = xstrdup(db_col_text(st, 8));
		out->scheduled_at = xstrdup(db_col_text(st, 9));
		out->created_at = xstrdup(db_col_text(st, 10));
		sqlite3_reset(st);
		return ST_OK;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(err, ST_NOINPUT, "no case %lld in %s", (long long)id, db_path(db));
	return db_fail(db, rc, "reading a case", err);
}

void
case_clear(struct case_info *c)
{
	free(c->mrn);
	free(c->name);
	free(c->dob);
	free(c->proc_key);
	free(c->side);
	free(c->level);
	free(c->proceduralist);
	free(c->scheduled_at);
	free(c->created_at);
	memset(c, 0, sizeof *c);
}

/* The fields a correction may change, as case_info members. */
static char **
case_field(struct case_info *c, size_t i, const char **key)
{
	static const char *const keys[] = {"name", "dob", "side", "level", "proceduralist",
		"scheduled_at"};
	char **f[] = {&c->name, &c->dob, &c->side, &c->level, &c->proceduralist,
		&c->scheduled_at};
	if (i >= ARRAY_SIZE(keys))
		return NULL;
	*key = keys[i];
	return f[i];
}

void
case_apply_correction(struct case_info *c, const char *value)
{
	const char *key;
	char **f;
	for (size_t i = 0; (f = case_field(c, i, &key)) != NULL; i++) {
		char *v = entry_kv_get(value, key);
		if (v != NULL) {
			free(*f);
			*f = v;
		}
	}
}

char *
case_correction(const struct case_info *was, const struct case_info *now)
{
	struct case_info a = *was, b = *now;	/* the fields are only read */
	struct buf out = {0};
	const char *key;
	char **fa, **fb;
	for (size_t i = 0; (fa = case_field(&a, i, &key)) != NULL; i++) {
		fb = case_field(&b, i, &key);
		if (*fa != NULL && *fb != NULL && strcmp(*fa, *fb) != 0)
			buf_kv(&out, key, *fb);
	}
	return out.data;
}

int
case_current(struct db *db, int64_t id, struct case_info *out, struct err *err)
{
	if (case_get(db, id, out, err) != ST_OK)
		return err->status;
	sqlite3_stmt *st = db_stmt(db, "SELECT value FROM event WHERE case_id = :id AND action = "
	    "'" ACTION_CASE_CORRECT "' ORDER BY id", err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		case_apply_correction(out, db_col_text(st, 0));
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return ST_OK;
	db_fail(db, rc, "reading the case's corrections", err);
fail:
	case_clear(out);
	return err->status;
}

int
case_correct_insert(struct db *db, int64_t case_id, const char *value, const char *staff_code,
    const char *reason, struct err *err)
{
	if (reason == NULL || *reason == '\0')
		return err_set(err, ST_DATAERR, "a correction of a case needs a reason");
	struct event ev = {.case_id = case_id, .action = ACTION_CASE_CORRECT, .value = value,
	    .reason = reason, .staff_code = staff_code};
	return event_insert(db, &ev, err);
}

