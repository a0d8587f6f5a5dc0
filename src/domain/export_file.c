/*
 * export_file: an export into a file (export.h).  It resolves where the file
 * goes (the default folder, a folder, or a file name) and refuses a target
 * that is the database or not a regular file; sweeps the temporary files
 * dead exports left there; writes the rows (export.c) into a temporary file
 * beside the target; and publishes it: renamed into place in the
 * transaction that logs the export event, or the older file put back.
 */
#include "export.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db.h"
#include "export_int.h"
#include "fileio.h"

char *
export_file_name(const struct export_req *req)
{
	const char *ext = export_suffix(req);
	switch (req->range) {
	case EXPORT_DAYS:
		if (strcmp(req->from, req->to) == 0)
			return xasprintf("spinelog-%s%s", req->from, ext);
		return xasprintf("spinelog-%s_%s%s", req->from, req->to, ext);
	case EXPORT_CASE:
		return xasprintf("spinelog-case-%" PRId64 "%s", req->case_id, ext);
	case EXPORT_ALL:
		break;
	}
	return xasprintf("spinelog-all%s", ext);
}

/* After a file could not be created or renamed into place. */
static int
not_exported(struct err *err)
{
	return err_append(err, "; nothing was exported; %s", err->status == ST_IOERR ?
	    "free space, then try again" : "choose a folder you can write with -o");
}

static bool
same_file(const struct stat *a, const char *path)
{
	struct stat b;
	return stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* Is final (in folder dir) the database or one of SQLite's files beside it,
 * which may not exist at the moment? */
static bool
is_database(struct db *db, const char *dir, const char *final)
{
	const char *path = db_path(db), *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path, *fbase = strrchr(final, '/');
	char *db_dir = file_dirname(path);
	struct stat d, f;
	bool same = false;

	fbase = fbase ? fbase + 1 : final;
	if (stat(dir, &d) == 0 && same_file(&d, db_dir) && strncmp(fbase, base, strlen(base)) == 0) {
		const char *rest = fbase + strlen(base);
		same = *rest == '\0' || strcmp(rest, "-wal") == 0 || strcmp(rest, "-shm") == 0 ||
		    strcmp(rest, "-journal") == 0;
	}
	if (!same && stat(final, &f) == 0)
		same = same_file(&f, path);	/* a hard link to it */
	free(db_dir);
	return same;
}

/* The final name may hold an older export, nothing else: not the database
 * or its companion files, and not a link, a device or a pipe, which a rename
 * would replace (think of -o /dev/null as root). */
static int
check_final(struct db *db, const char *dir, const char *final, struct err *err)
{
	struct stat sb;
	if (is_database(db, dir, final))
		return err_set(err, ST_CANTCREAT, "%s: is the database or one of its files; give "
		    "another file name or a folder", final);
	if (lstat(final, &sb) == 0 && !S_ISREG(sb.st_mode))
		return err_set(err, ST_CANTCREAT, "%s: not a regular file (a link, a device or a "
		    "pipe), so the export will not replace it; give a new file name or a folder, or "
		    "-o - for standard output", final);
	return ST_OK;
}

/* The configured folder for exports without a path (export.h). */
static char *default_dir;

void
export_set_default_dir(const char *dir)
{
	free(default_dir);
	default_dir = dir != NULL ? xstrdup(dir) : NULL;
}

/* No path: the configured folder, which must exist, or else the default
 * one, $XDG_DATA_HOME/spinelog/exports, made private when missing. */
static int
default_target(char **dir, struct err *err)
{
	struct stat sb;

	if (default_dir == NULL) {
		*dir = file_xdg_path("XDG_DATA_HOME", ".local/share", "spinelog/exports");
		return mkdir_p(*dir, 0700, err);
	}
	*dir = xstrdup(default_dir);
	if (stat(default_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return err_set(err, ST_CANTCREAT, "%s: no such folder (export_dir in the "
		    "configuration file); create it for the ward (spinelog.conf(5)), or give a "
		    "file or folder with -o", default_dir);
	return ST_OK;
}

/* Where the file goes: the final path and its folder (both to free). */
static int
resolve_target(struct db *db, const struct export_req *req, char **dir, char **final,
    struct err *err)
{
	char *name = export_file_name(req);
	struct stat sb;
	int rc = ST_OK;

	*dir = *final = NULL;
	if (req->path == NULL) {
		rc = default_target(dir, err);
	} else if (stat(req->path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		*dir = xstrdup(req->path);
	} else if (req->path[0] != '\0' && req->path[strlen(req->path) - 1] == '/') {
		rc = err_set(err, ST_CANTCREAT, "%s: no such folder; create it first, or give a "
		    "file name with -o", req->path);
	} else {
		*dir = file_dirname(req->path);
		*final = xstrdup(req->path);
	}
	if (rc == ST_OK && *final == NULL) {
		size_t n = strlen(*dir);
		*final = xasprintf("%s%s%s", *dir, n > 0 && (*dir)[n - 1] == '/' ? "" : "/", name);
	}
	if (rc == ST_OK)
		rc = check_final(db, *dir, *final, err);
	free(name);
	return rc;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* After the rename, something failed (the folder's sync, the COMMIT): the
 * final name gets back what it held, and err says so after what failed. */
static void
take_back(struct file_atomic *f, struct err *err)
{
	struct err undo = {0};
	char why[sizeof err->msg];

	snprintf(why, sizeof why, "%s", err->msg);
	int rc = file_atomic_undo(f, &undo);
	struct stat sb;
	if (lstat(f->path, &sb) == 0 && sb.st_dev == f->dev && sb.st_ino == f->ino)
		err_set(err, err->status, "%s; and %s: it holds an export that was NOT logged: "
		    "delete it, then export again", why, undo.msg);
	else if (rc != ST_OK)	/* back, but the folder's sync failed */
		err_set(err, err->status, "%s; nothing was exported: %s", why, undo.msg);
	else
		err_set(err, err->status, "%s; nothing was exported: %s is as it was", why, f->path);
}

/*
 * The written, closed temporary file f goes under its name, in the
 * transaction that logs it: BEGIN IMMEDIATE, the export event, the rename
 * (the older file kept aside), the folder's sync, COMMIT.  A busy database
 * leaves the old file untouched and no new one; a failure after the rename
 * puts the old file back (take_back), so that no file is under the final name
 * without its event committed.  The event names the file by its absolute
 * path.
 */
static int
publish(struct db *db, const struct export_req *req, const char *dir, struct file_atomic *f,
    struct export_result *res, struct err *err)
{
	const char *base = base_name(f->path);
	char *abs = realpath(dir, NULL);
	char *logged = abs ? xasprintf("%s/%s", strcmp(abs, "/") ? abs : "", base) :
	    xstrdup(f->path);
	int rc = db_begin(db, err);

	/* Every export renames inside this lock: what is set aside now was left
	 * by one that died there. */
	if (rc == ST_OK) {
		file_atomic_set_aside(dir, export_suffix(req), base, export_head(req),
		    &res->set_aside);
		rc = export_log(db, req, logged, res, err);
	}
	free(abs);
	free(logged);
	f->keep_old = true;
	if (rc == ST_OK && (rc = file_atomic_commit(f, err)) != ST_OK && !f->renamed)
		not_exported(err);
	if (rc == ST_OK && (rc = db_commit(db, err)) != ST_OK) {
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", err->msg);
		err_set(err, rc, "the export could not be logged: %s", msg);
	}
	if (rc != ST_OK) {
		db_rollback(db);
		if (f->renamed)
			take_back(f, err);
	}
	return rc;
}

int
export_file(struct db *db, const struct export_req *req, struct export_result *res,
    struct err *err)
{
	struct file_atomic f;
	char *dir, *final;
	int rc;

	if (resolve_target(db, req, &dir, &final, err) != ST_OK)
		goto out;
	file_atomic_sweep(dir, export_suffix(req), base_name(final), export_head(req),
	    EXPORT_STALE_SECONDS, &res->removed);
	if (file_atomic_open(&f, final, err) != ST_OK) {
		not_exported(err);
		goto out;
	}
	rc = export_write(db, req, f.fd, final, res, err);
	if (rc == ST_OK && (rc = file_atomic_close(&f, err)) != ST_OK)
		err_append(err, EXPORT_WRITE_ADVICE);
	if (rc == ST_OK && export_stopped(req))
		rc = export_stop_error(err);
	if (rc == ST_OK && publish(db, req, dir, &f, res, err) == ST_OK) {
		res->path = final;
		final = NULL;
	}
	file_atomic_abort(&f);	/* the temporary file, unless it was renamed */
out:
	free(dir);
	free(final);
	return err->status;
}

