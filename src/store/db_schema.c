/*
 * db_schema: the schema half of the db module.  The numbered schema files
 * compiled into the binary (schema/NNN-name.sql) are the migrations:
 * db_open() applies those the file lacks, one transaction each, with what a
 * migration needs in C besides its SQL; and verify compares the schema in
 * the file with the one the migrations make in an empty in-memory database
 * (db_schema_diff).  The public calls are in db.h, the shared struct db in
 * db_int.h.
 */
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"
#include "embedded.h"
#include "event.h"

/* One embedded migration: schema/NNN-name.sql. */
struct migration {
	int version;
	const char *name;
	const char *sql;
};

static size_t
migrations(struct migration *out, size_t max)
{
	size_t n = 0;

	for (const struct embedded_file *f = embedded_files; f->name != NULL; f++) {
		const char *base = f->name;
		if (strncmp(base, "schema/", 7) != 0 || strchr(base + 7, '/') != NULL)
			continue;
		base += 7;
		int v = atoi(base);
		if (v <= 0 || n == max)
			continue;
		out[n++] = (struct migration){v, f->name, f->data};
	}
	return n;	/* embedded in sorted order by the Makefile */
}

int
db_schema_version(void)
{
	struct migration m[64];
	size_t n = migrations(m, ARRAY_SIZE(m));
	return n ? m[n - 1].version : 0;
}

/*
 * What a migration needs besides its SQL, in C, in the same transaction:
 * version 2 puts the checklist versions stored before it on the hash chain
 * (schema/002-chain-covers-checklists.sql).  And the upgrade of a database
 * that existed (not its creation) is itself an event: verify tells rows made
 * before version 2 from those made after by it.
 */
static int
migrate_step(struct db *db, int from, int to, struct err *err)
{
	int n = 0;
	if (to == 2) {
		if (event_log_versions(db, &n, err) != ST_OK)
			return err->status;
		db->logged += n;
	}
	if (db->found_version == 0)	/* being created, not upgraded */
		return ST_OK;
	char value[64];
	snprintf(value, sizeof value, "from=%d; to=%d", from, to);
	struct event ev = {.action = EVENT_SCHEMA_UPGRADE, .value = value};
	return event_insert(db, &ev, err);
}

int
db_schema_migrate(struct db *db, struct err *err)
{
	struct migration m[64];
	size_t n = migrations(m, ARRAY_SIZE(m));

	/* Up to date: no need for the write lock, which another terminal may hold. */
	if (db->found_version >= db_schema_version())
		return ST_OK;
	for (size_t i = 0; i < n; i++) {
		int have = 0;
		if (db_begin(db, err) != ST_OK)
			return err->status;
		/* Read again under the write lock: another process may have migrated. */
		if (db_pragma_int(db, "PRAGMA user_version", &have, err) != ST_OK) {
			db_rollback(db);
			return err->status;
		}
		if (have >= m[i].version) {
			db_rollback(db);
			continue;
		}
		char set[96];
		/* integers only: no text reaches this statement */
		snprintf(set, sizeof set, "PRAGMA application_id=%d; PRAGMA user_version=%d;",
		    DB_APPLICATION_ID, m[i].version);
		int rc = sqlite3_exec(db->h, m[i].sql, NULL, NULL, NULL);
		if (rc == SQLITE_OK && migrate_step(db, have, m[i].version, err) != ST_OK) {
			db_rollback(db);
			return err->status;
		}
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db->h, set, NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			db_fail(db, rc, m[i].name, err);
			db_rollback(db);
			return err->status;
		}
		if (db_commit(db, err) != ST_OK)
			return err->status;
		db->migrated++;
	}
	return ST_OK;
}

/* One row of sqlite_schema. */
struct schema_obj {
	char *type, *name, *tbl;
	char *sql;		/* NULL for an automatic index */
	int sql_len;
};

/* The rows of h's sqlite_schema in (type, name) order; *n of them. */
static int
schema_read(sqlite3 *h, struct schema_obj **out, size_t *n)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
	    " ORDER BY type, name", -1, &st, NULL);
	*out = NULL;
	*n = 0;
	if (rc != SQLITE_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct schema_obj *o = &(*out)[(*n)++];
		o->type = xstrdup(db_col_text(st, 0));
		o->name = xstrdup(db_col_text(st, 1));
		o->tbl = xstrdup(db_col_text(st, 2));
		o->sql = NULL;
		o->sql_len = 0;
		if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
			const void *p = sqlite3_column_blob(st, 3);
			o->sql_len = sqlite3_column_bytes(st, 3);
			o->sql = xmalloc((size_t)o->sql_len + 1);
			if (o->sql_len > 0)
				memcpy(o->sql, p, (size_t)o->sql_len);
			o->sql[o->sql_len] = '\0';
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
schema_free(struct schema_obj *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].type);
		free(v[i].name);
		free(v[i].tbl);
		free(v[i].sql);
	}
	free(v);
}

static int
schema_cmp(const struct schema_obj *a, const struct schema_obj *b)
{
	int c = strcmp(a->type, b->type);
	return c != 0 ? c : strcmp(a->name, b->name);
}

/* The schema the embedded migrations make, in an empty in-memory database. */
static int
schema_expected(struct db *db, struct schema_obj **out, size_t *n, struct err *err)
{
	struct migration m[64];
	size_t nm = migrations(m, ARRAY_SIZE(m));
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(":memory:", &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY,
	    NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < nm; i++)
		rc = sqlite3_exec(h, m[i].sql, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = schema_read(h, out, n);
	if (rc != SQLITE_OK)
		err_set(err, ST_SOFTWARE, "%s: building the expected schema: %s", db->path,
		    h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
	sqlite3_close(h);
	return rc == SQLITE_OK ? ST_OK : err->status;
}

int
db_schema_diff(struct db *db, struct db_schema_diff *diff, struct err *err)
{
	struct schema_obj *want = NULL, *have = NULL;
	size_t nw = 0, nh = 0, i = 0, j = 0;

	memset(diff, 0, sizeof *diff);
	if (schema_expected(db, &want, &nw, err) != ST_OK)
		return err->status;
	int rc = schema_read(db->h, &have, &nh);
	if (rc != SQLITE_OK) {
		schema_free(want, nw);
		schema_free(have, nh);
		return db_fail(db, rc, "reading the schema", err);
	}
	/* Both sorted by (type, name) with the same BINARY collation: merge. */
	while (diff->kind == DB_SCHEMA_SAME && (i < nw || j < nh)) {
		int c = i == nw ? 1 : j == nh ? -1 : schema_cmp(&want[i], &have[j]);
		const struct schema_obj *o = c < 0 ? &want[i] : &have[j];
		if (c < 0)
			diff->kind = DB_SCHEMA_MISSING;
		else if (c > 0)
			diff->kind = DB_SCHEMA_EXTRA;
		else if (strcmp(want[i].tbl, have[j].tbl) != 0 ||
		    (want[i].sql == NULL) != (have[j].sql == NULL) ||
		    want[i].sql_len != have[j].sql_len ||
		    (want[i].sql && memcmp(want[i].sql, have[j].sql, (size_t)want[i].sql_len) != 0))
			diff->kind = DB_SCHEMA_CHANGED;
		if (diff->kind != DB_SCHEMA_SAME) {
			snprintf(diff->type, sizeof diff->type, "%s", o->type);
			snprintf(diff->name, sizeof diff->name, "%s", o->name);
		}
		i += c <= 0;
		j += c >= 0;
	}
	schema_free(want, nw);
	schema_free(have, nh);
	return ST_OK;
}
