/*
 * db: a thin SQLite wrapper in the spirit of fossil's db.c.
 *
 * db_open() sets every pragma explicitly (distribution defaults differ),
 * checks that the file is a spinelog database, and applies the embedded
 * migrations.  Statements are prepared once and kept (db_stmt), always with
 * bound parameters.  Every writing transaction is BEGIN IMMEDIATE; after a
 * failed step the caller calls db_rollback().  Nothing here prints or exits:
 * failures return a status (util.h) and fill a struct err.
 */
#ifndef SPINELOG_DB_H
#define SPINELOG_DB_H

#include <sqlite3.h>
#include <stdint.h>

#include "util.h"

#define DB_APPLICATION_ID 0x53504C47	/* "SPLG" */

enum db_open_flags {
	DB_CREATE = 1,		/* create the file (and its folder) when missing */
	DB_READONLY = 2,	/* open read-only; refuse an outdated schema */
	/* A writer that may have nothing to write (init on an up-to-date file):
	 * no refusal up front of files it cannot write (db_access.c); a write
	 * that is needed still fails then. */
	DB_NOWRITE_OK = 4,
};

struct db;

/* The path used when none is given: $SPINELOG_DB, else $XDG_DATA_HOME/spinelog/
 * spinelog.db, else ~/.local/share/spinelog/spinelog.db.  Caller frees. */
char *db_default_path(void);

int db_open(struct db **out, const char *path, int flags, struct err *err);
void db_close(struct db *db);
sqlite3 *db_handle(struct db *db);
const char *db_path(struct db *db);

/* The schema version this binary writes, and what the file had on open. */
int db_schema_version(void);
int db_found_version(struct db *db);	/* before migrations; 0 when new */
int db_migrated(struct db *db);		/* how many migrations db_open applied */
/* How many events the upgrade recorded for rows stored before the chain
 * covered them (checklist versions, at the upgrade to version 2). */
int db_upgrade_logged(struct db *db);

/* The first difference between the schema objects in the file (sqlite_schema:
 * type, name, tbl_name, sql) and those the embedded migrations create. */
enum db_schema_kind {
	DB_SCHEMA_SAME,		/* no difference */
	DB_SCHEMA_EXTRA,	/* in the file, not made by spinelog */
	DB_SCHEMA_MISSING,	/* made by spinelog, not in the file */
	DB_SCHEMA_CHANGED,	/* both, with another definition */
};
struct db_schema_diff {
	enum db_schema_kind kind;
	char type[16];		/* table, index, trigger, view */
	char name[128];
};
int db_schema_diff(struct db *db, struct db_schema_diff *diff, struct err *err);

/* A cached prepared statement for a constant SQL string, reset and with its
 * bindings cleared.  NULL on error (err filled). */
sqlite3_stmt *db_stmt(struct db *db, const char *sql, struct err *err);

/* Map an SQLite result code to a status and fill err with what to do. */
int db_fail(struct db *db, int rc, const char *what, struct err *err);

int db_begin(struct db *db, struct err *err);	/* BEGIN IMMEDIATE */
int db_commit(struct db *db, struct err *err);	/* rolls back when COMMIT fails */
void db_rollback(struct db *db);		/* no-op outside a transaction */

/* PRAGMA data_version: changes whenever another connection commits (not on
 * this connection's own commits). */
int db_data_version(struct db *db, int64_t *version, struct err *err);

/* Copy the whole database, as one consistent state, into the existing (empty)
 * file path with SQLite's online backup, while others may go on writing; the
 * copy is a single file (journal_mode DELETE). */
int db_backup(struct db *db, const char *path, struct err *err);

/* Run SQL with no parameters and no result rows (pragmas, DDL). */
int db_exec(struct db *db, const char *sql, struct err *err);

/* Bind helpers: an empty or NULL text binds ''. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
const char *db_col_text(sqlite3_stmt *st, int i);	/* never NULL */

#endif
