/* A verified copy of the database (backup.h). */
#include "backup.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "db.h"
#include "fileio.h"
#include "verify.h"

/* dest itself, or a dated file in it when it is a folder; never a file
 * that exists. */
static char *
target(const char *dest, struct err *err)
{
	struct stat sb;
	char *path;
	if (stat(dest, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		char stamp[32];
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
		path = xasprintf("%s%sspinelog-backup-%s.db", dest,
		    dest[strlen(dest) - 1] == '/' ? "" : "/", stamp);
	} else {
		path = xstrdup(dest);
	}
	if (lstat(path, &sb) == 0) {
		err_set(err, ST_CANTCREAT, "%s exists; a backup never replaces a file: give a new "
		    "name or a folder", path);
		free(path);
		return NULL;
	}
	return path;
}

/* The copy verifies, and its head is in the live log's chain. */
static int
check_copy(struct db *db, const char *tmp, struct backup_result *res, struct err *err)
{
	struct db *copy;
	struct verify_report r;
	if (db_open(&copy, tmp, DB_READONLY, err) != ST_OK)
		return err->status;
	int rc = verify_run(copy, NULL, &r, err);
	db_close(copy);
	if (rc != ST_OK)
		return rc;
	if (!r.ok)
		return err_set(err, ST_IOERR, "the copy does not verify (%s); nothing was kept",
		    r.problem);
	res->events = r.events;
	memcpy(res->head, r.head, sizeof res->head);
	if (r.events == 0)
		return ST_OK;
	if (verify_run(db, res->head, &r, err) != ST_OK)	/* r is refilled: not r.head */
		return err->status;
	if (!r.ok)
		return err_set(err, ST_IOERR, "the copy's head is not in the live log (%s); "
		    "nothing was kept", r.problem);
	return ST_OK;
}

int
backup_run(struct db *db, const char *dest, struct backup_result *res, struct err *err)
{
	struct file_atomic f;
	char *path = target(dest, err);
	memset(res, 0, sizeof *res);
	if (path == NULL)
		return err->status;
	int rc = file_atomic_open(&f, path, err);
	free(path);
	if (rc != ST_OK)
		return rc;
	if ((rc = db_backup(db, f.tmp, err)) == ST_OK &&
	    (rc = check_copy(db, f.tmp, res, err)) == ST_OK &&
	    (rc = file_atomic_close(&f, err)) == ST_OK &&
	    (rc = file_atomic_commit(&f, err)) == ST_OK) {
		char abs[PATH_MAX];
		res->path = xstrdup(realpath(f.path, abs) ? abs : f.path);
	}
	file_atomic_abort(&f);
	return rc;
}

void
backup_result_clear(struct backup_result *res)
{
	free(res->path);
	memset(res, 0, sizeof *res);
}
