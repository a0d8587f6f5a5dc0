/*
 * checklist_version: the checklist files cases were run with, stored byte
 * for byte, once per distinct SHA-256.  A case keeps the id of the version it
 * started with; loading that id gives back exactly that checklist, however
 * the site file was edited since.  Each row is stored with a
 * "checklist_version" event naming it (id, procedure, SHA-256, size, source,
 * time), so that the hash chain covers what the checklist said.
 */
#include "checklist.h"

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "clock.h"
#include "db.h"
#include "event.h"
#include "util.h"

int
checklist_version_put(struct db *db, const struct checklist *cl, int64_t *id, struct err *err)
{
	sqlite3_stmt *st;
	char now[CLOCK_UTC_LEN];
	int rc;

	err->status = ST_OK;
	st = db_stmt(db, "SELECT id FROM checklist_version WHERE sha256 = :sha", err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, cl->sha256);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ST_OK;
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "looking up the checklist version", err);
	st = db_stmt(db, "INSERT INTO checklist_version (proc_key, sha256, source, content,"
	    " first_used_at) VALUES (:key, :sha, :source, :content, :now)", err);
	if (st == NULL)
		return err->status;
	clock_now(now);
	db_bind_text(st, 1, cl->key);
	db_bind_text(st, 2, cl->sha256);
	db_bind_text(st, 3, cl->source);
	/* A BLOB: the bytes as they were, whatever the encoding rules of TEXT. */
	sqlite3_bind_blob(st, 4, cl->content, (int)cl->size, SQLITE_TRANSIENT);
	db_bind_text(st, 5, now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "storing the checklist version", err);
	if (sqlite3_changes(db_handle(db)) != 1)
		return err_set(err, ST_DATAERR, "%s: NOT saved: the database did not store the "
		    "checklist version; something in it that spinelog did not make (a trigger, "
		    "say) interfered: run 'spinelog verify'", db_path(db));
	*id = sqlite3_last_insert_rowid(db_handle(db));

	/* Its event, in the same transaction: the hash chain covers the row. */
	char *value = event_version_value(*id, cl->key, cl->sha256, (int64_t)cl->size,
	    cl->source, now);
	struct event ev = {.action = ACTION_CHECKLIST_VERSION, .value = value};
	rc = event_insert_at(db, &ev, now, err);
	free(value);
	return rc;
}

int
checklist_version_intern(struct db *db, const struct checklist *cl, int64_t *id,
    struct err *err)
{
	if (db_begin(db, err) != ST_OK)
		return err->status;
	if (checklist_version_put(db, cl, id, err) != ST_OK) {
		db_rollback(db);
		return err->status;
	}
	return db_commit(db, err);
}

int
checklist_version_load(struct db *db, int64_t id, struct checklist **out, struct err *err)
{
	sqlite3_stmt *st;
	char *key, *sha, *source, *content, *name;
	size_t size;
	char check[HASH_HEX_LEN];
	struct cl_errors errs = {0};
	int rc;

	*out = NULL;
	err->status = ST_OK;
	st = db_stmt(db, "SELECT proc_key, sha256, source, content FROM checklist_version"
	    " WHERE id = :id", err);
	if (st == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return err_set(err, ST_NOINPUT, "checklist version %lld is not in the database",
		    (long long)id);
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail(db, rc, "reading a checklist version", err);
	}
	key = xstrdup(db_col_text(st, 0));
	sha = xstrdup(db_col_text(st, 1));
	source = xstrdup(db_col_text(st, 2));
	size = (size_t)sqlite3_column_bytes(st, 3);
	content = xmalloc(size + 1);
	if (size > 0)
		memcpy(content, sqlite3_column_blob(st, 3), size);
	content[size] = '\0';
	sqlite3_reset(st);

	sha256_hex(content, size, check);
	name = xasprintf("checklist version %lld (%s)", (long long)id, source);
	if (strcmp(check, sha) != 0) {
		err_set(err, ST_DATAERR, "%s: the stored content does not match its SHA-256; "
		    "run 'spinelog verify' and report this", name);
	} else if (checklist_parse(name, key, content, size, out, &errs) != ST_OK) {
		/* Only if a later spinelog became stricter than the one that
		 * stored it: say so instead of showing a partial checklist. */
		char *first = errs.n ? cl_error_format(&errs.v[0]) : xstrdup(name);
		err_set(err, ST_DATAERR, "%s (and %zu more); this version was accepted when "
		    "stored: report it", first, errs.n ? errs.n - 1 : 0);
		free(first);
	} else {
		free((*out)->source);
		(*out)->source = source;
		source = NULL;
	}
	cl_errors_free(&errs);
	free(name);
	free(key);
	free(sha);
	free(source);
	free(content);
	return err->status;
}
