/*
 * db_access: the file modes of a database that several users share (the
 * ward database, spinelog(1) WARD DATABASE).  A new database follows the
 * umask (SQLite itself makes it 0644 whatever the umask says); SQLite gives
 * the -wal and -shm files it creates the database's mode, and db_access
 * gives them its group too, so that whoever made them (a read-only verify
 * included) never stops the others from writing.  And before a writer
 * starts, every file it will have to write is checked, so that a nurse is
 * told at once, naming the file, its owner, group and mode, rather than
 * when the first entry is NOT saved.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_int.h"
#include "fileio.h"

static const char *const sidecar[] = {"-wal", "-shm"};

void
db_created(const char *path)
{
	chmod(path, file_create_mode());	/* a failure shows in db_writable */
}

void
db_share_sidecars(const char *path)
{
	struct stat db, sb;
	if (stat(path, &db) != 0)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(sidecar); i++) {
		char *p = xasprintf("%s%s", path, sidecar[i]);
		/* Only ours can be changed; a failure leaves it for db_writable
		 * to name to the next writer. */
		if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid()) {
			if (sb.st_gid != db.st_gid && chown(p, (uid_t)-1, db.st_gid) != 0)
				errno = 0;
			mode_t want = (sb.st_mode | (db.st_mode & 0660)) & 0660;
			if ((sb.st_mode & 07777) != want && chmod(p, want) != 0)
				errno = 0;
		}
		free(p);
	}
}

/* "owner alice, group spinelog, mode 0640" into b. */
static void
describe(struct buf *b, const struct stat *sb)
{
	struct passwd *pw = getpwuid(sb->st_uid);
	struct group *gr = getgrgid(sb->st_gid);
	if (pw != NULL)
		buf_printf(b, "owner %s, ", pw->pw_name);
	else
		buf_printf(b, "owner uid %u, ", (unsigned)sb->st_uid);
	if (gr != NULL)
		buf_printf(b, "group %s, ", gr->gr_name);
	else
		buf_printf(b, "group gid %u, ", (unsigned)sb->st_gid);
	buf_printf(b, "mode %04o", (unsigned)(sb->st_mode & 07777));
}

/* who = "you (bob)" */
static void
me(char *out, size_t n)
{
	struct passwd *pw = getpwuid(geteuid());
	if (pw != NULL)
		snprintf(out, n, "you (%s)", pw->pw_name);
	else
		snprintf(out, n, "you (uid %u)", (unsigned)geteuid());
}

static int
refuse(const char *p, const struct stat *sb, int e, const char *fix, struct err *err)
{
	struct buf b = {0};
	char who[96];
	me(who, sizeof who);
	describe(&b, sb);
	if (e == EROFS)
		err_set(err, ST_NOPERM, "%s: on a read-only file system (%s); nothing can be "
		    "saved there: give a database on a writable disk with -d", p, b.data);
	else
		err_set(err, ST_NOPERM, "%s: %s cannot write it (%s); every user of a shared "
		    "database must be able to: ask an administrator to run '%s' and to give "
		    "every user umask 007 (spinelog(1), WARD DATABASE)", p, who, b.data, fix);
	buf_free(&b);
	return err->status;
}

int
db_writable(const char *path, struct err *err)
{
	struct stat sb;
	char *dir = file_dirname(path);
	int rc = ST_OK;
	const char *group = "spinelog";

	/* The folder: SQLite creates and removes the -wal and -shm files. */
	if (stat(dir, &sb) == 0) {
		struct group *gr = getgrgid(sb.st_gid);
		if (gr != NULL && sb.st_gid != 0)
			group = gr->gr_name;
		if (access(dir, W_OK | X_OK) != 0) {
			char *fix = xasprintf("chgrp %s %s && chmod 2770 %s", group, dir, dir);
			rc = refuse(dir, &sb, errno, fix, err);
			free(fix);
		}
	}
	for (size_t i = 0; i <= ARRAY_SIZE(sidecar) && rc == ST_OK; i++) {
		char *p = xasprintf("%s%s", path, i == 0 ? "" : sidecar[i - 1]);
		if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) && access(p, R_OK | W_OK) != 0) {
			char *fix = xasprintf("chgrp %s %s && chmod 660 %s", group, p, p);
			rc = refuse(p, &sb, errno, fix, err);
			free(fix);
		}
		free(p);
	}
	free(dir);
	return rc;
}

int
db_check_readonly(struct db *db, struct err *err)
{
	struct stat sb;
	if (sqlite3_db_readonly(db->h, "main") != 1)
		return ST_OK;
	/* SQLite opened it read-only without a word: a file access() allowed
	 * (root, ACLs it does not see, a read-only mount it met first). */
	if (stat(db->path, &sb) != 0)
		memset(&sb, 0, sizeof sb);
	return refuse(db->path, &sb, errno == EROFS ? EROFS : EACCES,
	    "chmod 660 on the database", err);
}
