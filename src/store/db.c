/*
 * db: open a spinelog database with every setting explicit, after checking
 * what is at the path and that the file is ours; keep prepared statements;
 * run transactions and map SQLite's errors to statuses and words.  The
 * migrations and the schema comparison are db_schema.c, the online backup
 * db_backup.c; struct db is in db_int.h, the calls in db.h.
 */
#include "db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_int.h"
#include "fileio.h"

#define BUSY_TIMEOUT_MS 5000

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

char *
db_default_path(void)
{
	const char *env = getenv("SPINELOG_DB");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	return file_xdg_path("XDG_DATA_HOME", ".local/share", "spinelog/spinelog.db");
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

int
db_pragma_int(struct db *db, const char *sql, int *out, struct err *err)
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

/* Is this an SQLite file of ours, a new empty one, or someone else's? */
static int
check_identity(struct db *db, int flags, struct err *err)
{
	int app = 0, tables = 0;

	if (db_pragma_int(db, "PRAGMA application_id", &app, err) != ST_OK ||
	    db_pragma_int(db, "PRAGMA user_version", &db->found_version, err) != ST_OK ||
	    db_pragma_int(db, "SELECT count(*) FROM sqlite_schema", &tables, err) != ST_OK) {
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
	if ((flags & DB_READONLY) && db->found_version == 0)
		return err_set(err, ST_DATAERR, "%s: not yet a spinelog database (an empty file, "
		    "or one whose creation did not finish); run 'spinelog init' to create it",
		    db->path);
	if ((flags & DB_READONLY) && db->found_version < db_schema_version())
		return err_set(err, ST_DATAERR, "%s: the database is version %d and this spinelog "
		    "writes version %d; run 'spinelog init' to upgrade it first", db->path,
		    db->found_version, db_schema_version());
	return ST_OK;
}

/*
 * Take away what others may do with the database and its -wal and -shm
 * (which SQLite creates with the database's mode): a file made by hand, by a
 * restore under another umask, or by a program that links this library
 * without spinelog's umask would otherwise leave patient data readable by
 * every user.  Only for a file check_identity() found to be ours.
 */
static int
db_private(struct db *db, struct err *err)
{
	static const char *const suffix[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < ARRAY_SIZE(suffix); i++) {
		char *p = xasprintf("%s%s", db->path, suffix[i]);
		struct stat sb;
		int rc = 0;
		if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & 007) != 0)
			rc = chmod(p, sb.st_mode & 0770);
		if (rc != 0) {
			err_set(err, ST_NOPERM, "%s: other users may read it and it cannot be made "
			    "private (%s); chmod o-rwx it, or ask its owner to", p, strerror(errno));
			free(p);
			return err->status;
		}
		free(p);
	}
	return ST_OK;
}

/* The folder part of path (caller frees). */
static char *
folder_of(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	return dir;
}

/* Where a new database cannot be created, say why in words. */
static int
check_folder(const char *path, struct err *err)
{
	char *dir = folder_of(path);
	struct stat sb;
	int rc = ST_OK;

	if (stat(dir, &sb) != 0)
		rc = err_set(err, ST_CANTCREAT, "%s: the folder %s does not exist; create it "
		    "first, or give another path with -d", path, dir);
	else if (!S_ISDIR(sb.st_mode))
		rc = err_set(err, ST_CANTCREAT, "%s: %s is not a folder; give another path "
		    "with -d", path, dir);
	free(dir);
	return rc;
}

/*
 * A read-only open normally still needs the -shm file beside the database,
 * which cannot be created in a folder we may not write to: an archived copy
 * on read-only media, say.  When that folder also holds no -wal file, the
 * database file is the whole story and nobody can be writing to it (a writer
 * would need a -wal there), so it is opened as immutable: no -shm, no locks.
 * Returns the "file:" URI to open instead, or NULL to open path as usual.
 */
static char *
readonly_uri(const char *path)
{
	char *dir = folder_of(path), *wal = xasprintf("%s-wal", path);
	struct stat sb;
	bool immutable = access(dir, W_OK) != 0 && lstat(wal, &sb) != 0 && errno == ENOENT;
	free(dir);
	free(wal);
	if (!immutable)
		return NULL;
	struct buf b = {0};
	buf_puts(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p) != NULL)
			buf_append(&b, p, 1);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	buf_puts(&b, "?immutable=1");
	return b.data;
}

/* What is at path may be opened: a regular file, or nothing where one may
 * be created. */
static int
check_path(const char *path, int flags, struct err *err)
{
	struct stat sb;

	if (lstat(path, &sb) == 0) {
		if (S_ISLNK(sb.st_mode))
			return err_set(err, ST_NOPERM, "%s: is a symbolic link; spinelog opens only "
			    "the real file, give its own path", path);
		if (!S_ISREG(sb.st_mode))
			return err_set(err, ST_DATAERR, "%s: not a regular file; give the path of a "
			    "spinelog database", path);
		return ST_OK;
	}
	if (errno != ENOENT || !(flags & DB_CREATE))
		return err_set(err, ST_NOINPUT, "%s: %s; run 'spinelog init' to create a "
		    "database, or give another path with -d", path,
		    errno == ENOENT ? "no database here" : strerror(errno));
	return check_folder(path, err);
}

int
db_open(struct db **out, const char *path, int flags, struct err *err)
{
	struct db *db = xcalloc(1, sizeof *db);
	int rc;

	*out = NULL;
	db->path = xstrdup(path);
	if (check_path(path, flags, err) != ST_OK)
		goto fail;
	struct stat sb;
	bool created = lstat(path, &sb) != 0;
	bool check = !(flags & (DB_READONLY | DB_NOWRITE_OK));
	if (check && db_writable(path, err) != ST_OK)
		goto fail;

	int oflags = SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;
	oflags |= (flags & DB_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | ((flags & DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
	char *uri = (flags & DB_READONLY) ? readonly_uri(path) : NULL;
	if (uri != NULL)
		oflags |= SQLITE_OPEN_URI;
	rc = sqlite3_open_v2(uri ? uri : path, &db->h, oflags, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, "opening", err);
		goto fail;
	}
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_busy_handler(db->h, busy_wait, NULL);
	if (check_identity(db, flags, err) != ST_OK)
		goto fail;
	if (created)
		db_created(path);
	if ((check && db_check_readonly(db, err) != ST_OK) ||
	    (!(flags & DB_READONLY) && db_private(db, err) != ST_OK))
		goto fail;
	if (db_exec(db, "PRAGMA foreign_keys=ON; PRAGMA recursive_triggers=ON; "
	    "PRAGMA trusted_schema=OFF; PRAGMA secure_delete=ON; PRAGMA synchronous=FULL;",
	    err) != ST_OK)
		goto fail;
	if (!(flags & DB_READONLY)) {
		if (db_exec(db, "PRAGMA journal_mode=WAL", err) != ST_OK ||
		    db_schema_migrate(db, err) != ST_OK)
			goto fail;
	}
	db_share_sidecars(path);
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

int
db_upgrade_logged(struct db *db)
{
	return db->logged;
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
	if ((rc & 0xff) == SQLITE_ERROR) {
		/* Our SQL is constant and tested: a table or column that is not there
		 * means the schema in the file was damaged or edited (stress_hostile). */
		err_set(err, ST_DATAERR, "%s: the tables are not the ones spinelog made (%s): "
		    "the file was damaged or altered; restore it from a backup", db->path,
		    sqlite3_errmsg(db->h));
		return NULL;
	}
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

/*
 * A COMMIT whose final fsync failed has already written the transaction's
 * frames, commit frame included, to the WAL file past the last committed
 * frame.  SQLite ignores them from then on, but if the program dies before
 * the next write, WAL recovery finds them intact and the entry the user was
 * told was NOT saved comes back (stress_fault's crash copies showed it).  So
 * commit a transaction that changes nothing (user_version set to itself): its
 * frame overwrites the first stale one and breaks their checksum chain.  When
 * that fails too (the disk keeps failing), say that the entry may come back.
 */
static bool
scrub_wal(struct db *db)
{
	struct err ignored = {0};
	char set[64];
	int v = 0;

	if (db_pragma_int(db, "PRAGMA user_version", &v, &ignored) != ST_OK)
		return false;
	/* an integer only: no text reaches this statement */
	snprintf(set, sizeof set, "PRAGMA user_version=%d", v);
	/* Busy means another writer has the lock: its commit overwrites them. */
	sqlite3_busy_timeout(db->h, 0);
	int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_handler(db->h, busy_wait, NULL);
	if (rc != SQLITE_OK)
		return (rc & 0xff) == SQLITE_BUSY;
	if (sqlite3_exec(db->h, set, NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return true;
	db_rollback(db);
	return false;
}

int
db_commit(struct db *db, struct err *err)
{
	int rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return ST_OK;
	db_fail(db, rc, "committing", err);
	db_rollback(db);
	if (((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL) && !scrub_wal(db)) {
		size_t n = strlen(err->msg);
		snprintf(err->msg + n, sizeof err->msg - n, " (if spinelog stops before the disk "
		    "recovers, the entry may still appear in the log: look before entering it again)");
	}
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

int
db_data_version(struct db *db, int64_t *version, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "PRAGMA data_version", err);
	if (st == NULL)
		return err->status;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : db_fail(db, rc, "reading the data version", err);
}
