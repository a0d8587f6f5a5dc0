/*
 * db: open a spinelog database with every setting explicit, migrate it with
 * the schema files compiled into the binary, and keep prepared statements.
 */
#include "db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "embedded.h"

#define BUSY_TIMEOUT_MS 5000

struct cached_stmt {
	const char *sql;
	sqlite3_stmt *st;
};

struct db {
	sqlite3 *h;
	char *path;
	int found_version;
	int migrated;
	struct cached_stmt *stmts;
	size_t nstmts;
};

/*
 * Wait for another terminal's write lock by trying again every millisecond,
 * for about BUSY_TIMEOUT_MS.  SQLite's own busy_timeout backs off to 100 ms
 * between tries; a terminal writing a burst of entries takes the lock again
 * within microseconds of each commit, so a waiter that looks ten times a
 * second can miss every free moment and give up after 5 s (make bench: 8
 * processes appending at once).  Trying every millisecond catches them.
 */
static int
busy_wait(void *arg, int count)
{
	struct timespec ms = {0, 1000000};

	(void)arg;
	if (count >= BUSY_TIMEOUT_MS)	/* each try sleeps at least 1 ms */
		return 0;
	nanosleep(&ms, NULL);
	return 1;
}

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

char *
db_default_path(void)
{
	const char *env = getenv("SPINELOG_DB");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && xdg[0] == '/')	/* XDG: relative paths are ignored */
		return xasprintf("%s/spinelog/spinelog.db", xdg);
	const char *home = getenv("HOME");
	if (home == NULL || *home == '\0')
		home = ".";
	return xasprintf("%s/.local/share/spinelog/spinelog.db", home);
}

int
db_fail(struct db *db, int rc, const char *what, struct err *err)
{
	const char *path = db ? db->path : "the database";
	const char *msg = db && db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(err, ST_TEMPFAIL,
		    "%s: %s: the database is busy (another terminal holds it); "
		    "nothing was saved; try again in a moment", path, what);
	case SQLITE_FULL:
		return err_set(err, ST_IOERR, "%s: %s: the disk is full; nothing was saved; "
		    "free space, then try again", path, what);
	case SQLITE_IOERR:
		return err_set(err, ST_IOERR, "%s: %s: I/O error (%s); nothing was saved; "
		    "check the disk, then try again", path, what, msg);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return err_set(err, ST_CANTCREAT, "%s: %s: cannot write (%s); "
		    "check the file's and its folder's permissions", path, what, msg);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(err, ST_DATAERR, "%s: %s: the file is damaged or not a spinelog "
		    "database (%s); run 'spinelog verify' and restore from a backup", path, what, msg);
	case SQLITE_CONSTRAINT:
		return err_set(err, ST_DATAERR, "%s: %s: refused: %s", path, what, msg);
	default:
		return err_set(err, ST_SOFTWARE, "%s: %s: %s", path, what, msg);
	}
}

int
db_exec(struct db *db, const char *sql, struct err *err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? ST_OK : db_fail(db, rc, "setting up", err);
}

static int
pragma_int(struct db *db, const char *sql, int *out, struct err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? ST_OK : db_fail(db, rc, "reading the file header", err);
}

static int
migrate(struct db *db, struct err *err)
{
	struct migration m[64];
	size_t n = migrations(m, ARRAY_SIZE(m));

	for (size_t i = 0; i < n; i++) {
		int have = 0;
		if (db_begin(db, err) != ST_OK)
			return err->status;
		/* Read again under the write lock: another process may have migrated. */
		if (pragma_int(db, "PRAGMA user_version", &have, err) != ST_OK) {
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

/* Is this an SQLite file of ours, a new empty one, or someone else's? */
static int
check_identity(struct db *db, int flags, struct err *err)
{
	int app = 0, tables = 0;

	if (pragma_int(db, "PRAGMA application_id", &app, err) != ST_OK ||
	    pragma_int(db, "PRAGMA user_version", &db->found_version, err) != ST_OK ||
	    pragma_int(db, "SELECT count(*) FROM sqlite_schema", &tables, err) != ST_OK) {
		if (err->status == ST_DATAERR)
			err_set(err, ST_DATAERR, "%s: not a spinelog database (not an SQLite file, "
			    "or a damaged one); check the path given with -d or SPINELOG_DB",
			    db->path);
		return err->status;
	}
	if (app != DB_APPLICATION_ID && (app != 0 || tables != 0 || db->found_version != 0))
		return err_set(err, ST_DATAERR, "%s: not a spinelog database (an SQLite file of "
		    "another program); check the path given with -d or SPINELOG_DB", db->path);
	if (db->found_version > db_schema_version())
		return err_set(err, ST_DATAERR, "%s: the database is version %d, newer than this "
		    "spinelog (version %d) understands; use a newer spinelog", db->path,
		    db->found_version, db_schema_version());
	if ((flags & DB_READONLY) && db->found_version < db_schema_version())
		return err_set(err, ST_DATAERR, "%s: the database is version %d and this spinelog "
		    "writes version %d; run 'spinelog init' to upgrade it first", db->path,
		    db->found_version, db_schema_version());
	return ST_OK;
}

int
db_open(struct db **out, const char *path, int flags, struct err *err)
{
	struct db *db = xcalloc(1, sizeof *db);
	struct stat sb;
	int rc;

	*out = NULL;
	db->path = xstrdup(path);
	if (lstat(path, &sb) == 0) {
		if (S_ISLNK(sb.st_mode)) {
			err_set(err, ST_NOPERM, "%s: is a symbolic link; spinelog opens only the real "
			    "file, give its own path", path);
			goto fail;
		}
		if (!S_ISREG(sb.st_mode)) {
			err_set(err, ST_DATAERR, "%s: not a regular file; give the path of a "
			    "spinelog database", path);
			goto fail;
		}
	} else if (errno != ENOENT || !(flags & DB_CREATE)) {
		err_set(err, ST_NOINPUT, "%s: %s; run 'spinelog init' to create a database, "
		    "or give another path with -d", path,
		    errno == ENOENT ? "no database here" : strerror(errno));
		goto fail;
	}

	int oflags = SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;
	oflags |= (flags & DB_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | ((flags & DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
	rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, "opening", err);
		goto fail;
	}
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_busy_handler(db->h, busy_wait, NULL);
	if (check_identity(db, flags, err) != ST_OK)
		goto fail;
	if (db_exec(db, "PRAGMA foreign_keys=ON; PRAGMA recursive_triggers=ON; "
	    "PRAGMA trusted_schema=OFF; PRAGMA secure_delete=ON; PRAGMA synchronous=FULL;",
	    err) != ST_OK)
		goto fail;
	if (!(flags & DB_READONLY)) {
		if (db_exec(db, "PRAGMA journal_mode=WAL", err) != ST_OK || migrate(db, err) != ST_OK)
			goto fail;
	}
	*out = db;
	return ST_OK;
fail:
	db_close(db);
	return err->status;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < db->nstmts; i++)
		sqlite3_finalize(db->stmts[i].st);
	free(db->stmts);
	if (db->h != NULL)
		sqlite3_close(db->h);
	free(db->path);
	free(db);
}

sqlite3 *
db_handle(struct db *db)
{
	return db->h;
}

const char *
db_path(struct db *db)
{
	return db->path;
}

int
db_found_version(struct db *db)
{
	return db->found_version;
}

int
db_migrated(struct db *db)
{
	return db->migrated;
}

sqlite3_stmt *
db_stmt(struct db *db, const char *sql, struct err *err)
{
	for (size_t i = 0; i < db->nstmts; i++) {
		if (db->stmts[i].sql == sql || strcmp(db->stmts[i].sql, sql) == 0) {
			sqlite3_stmt *st = db->stmts[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, "preparing a query", err);
		return NULL;
	}
	db->stmts = xreallocarray(db->stmts, db->nstmts + 1, sizeof *db->stmts);
	db->stmts[db->nstmts++] = (struct cached_stmt){sql, st};
	return st;
}

int
db_begin(struct db *db, struct err *err)
{
	int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	return rc == SQLITE_OK ? ST_OK : db_fail(db, rc, "starting a transaction", err);
}

int
db_commit(struct db *db, struct err *err)
{
	int rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return ST_OK;
	db_fail(db, rc, "committing", err);
	db_rollback(db);
	return err->status;
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

void
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

const char *
db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}
