/*
 * db_backup: the backup half of the db module.  A copy of the whole database
 * is made with SQLite's online backup in one step, so that it is one
 * consistent state of the log while other terminals go on writing, and it
 * is left as a single self-contained file (db.h, db_backup).
 */
#include "db.h"

int
db_backup(struct db *db, const char *path, struct err *err)
{
	sqlite3 *to = NULL;
	int rc = sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
	    SQLITE_OPEN_EXRESCODE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(to, "main", db_handle(db), "main");
		if (b == NULL) {
			rc = sqlite3_errcode(to);
		} else {
			/* One step: the whole copy under one read transaction of the
			 * source, so it is one consistent state of the log; a writer
			 * holding the source a moment makes it retry (5 s at most). */
			for (int tries = 0; tries < 500; tries++) {
				rc = sqlite3_backup_step(b, -1);
				if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
					break;
				sqlite3_sleep(10);
			}
			int frc = sqlite3_backup_finish(b);
			rc = rc == SQLITE_DONE ? frc : rc;
		}
	}
	/* A backup is one self-contained file: no write-ahead log beside it. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		err_set(err, rc == SQLITE_FULL ? ST_IOERR : rc == SQLITE_BUSY ? ST_TEMPFAIL :
		    ST_IOERR, "%s: copying the database failed: %s", path, to ?
		    sqlite3_errmsg(to) : sqlite3_errstr(rc));
	sqlite3_close(to);
	return rc == SQLITE_OK ? ST_OK : err->status;
}
