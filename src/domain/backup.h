/*
 * backup: a copy of the database that is proved good before it is kept.
 * SQLite's online backup copies one consistent state of the log while
 * terminals go on charting; the copy is verified (the whole chain) and its
 * head must be in the live log's chain before it gets its final name, so a
 * file under that name is always a complete, verified backup.
 */
#ifndef SPINELOG_BACKUP_H
#define SPINELOG_BACKUP_H

#include <stdint.h>

#include "hash.h"
#include "util.h"

struct db;	/* store/db.h: opaque above the storage layer */

struct backup_result {
	char *path;		/* the backup's absolute path */
	int64_t events;		/* events in the copy */
	char head[HASH_HEX_LEN];	/* the copy's head hash: an anchor to keep */
};

/* Back db up to dest: a new file, or an existing folder (then the file is
 * spinelog-backup-YYYYMMDD-HHMMSS.db in it).  Never replaces a file:
 * ST_CANTCREAT when dest exists. */
int backup_run(struct db *db, const char *dest, struct backup_result *res, struct err *err);
void backup_result_clear(struct backup_result *res);

#endif
