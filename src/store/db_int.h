/*
 * db_int: what the parts of the db module (db.c opens and runs statements,
 * db_schema.c migrates and compares the schema) share.  Not for other
 * modules: above db.c a struct db is opaque (db.h).
 */
#ifndef SPINELOG_DB_INT_H
#define SPINELOG_DB_INT_H

#include "db.h"

struct cached_stmt {
	const char *sql;
	sqlite3_stmt *st;
};

struct db {
	sqlite3 *h;
	char *path;
	int found_version;
	int migrated;
	int logged;		/* events the upgrade recorded (event_log_versions) */
	struct cached_stmt *stmts;
	size_t nstmts;
};

/* The one integer a pragma or a query sql returns, into *out. */
int db_pragma_int(struct db *db, const char *sql, int *out, struct err *err);

/* Bring the file opened read-write up to db_schema_version(), one
 * transaction a migration; counts them in db->migrated (db_schema.c). */
int db_schema_migrate(struct db *db, struct err *err);

/* db_access.c: a new database file takes file_create_mode() (the umask);
 * the -wal and -shm files this user made take the database's group and its
 * group permissions; a writer can write the folder, the database and any
 * -wal and -shm (else ST_NOPERM naming the file, its owner, group and mode,
 * and the fix); a handle SQLite opened read-only is refused the same way. */
void db_created(const char *path);
void db_share_sidecars(const char *path);
int db_writable(const char *path, struct err *err);
int db_check_readonly(struct db *db, struct err *err);

#endif
