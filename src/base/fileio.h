/*
 * fileio: the file system jobs that several layers share, each done one way:
 * reading a whole file (a checklist, a worklist), writing a file so that its
 * name never holds a half-written one (the CSV export, the case report), and
 * finding the XDG folders (the database, exports, reports, site checklists).
 *
 * Base layer: never prints.  Failures return a status (util.h) and fill
 * struct err with what happened, naming the path where it helps; the caller
 * adds what it means (nothing was exported, the report was not saved) and
 * what to do.
 */
#ifndef SPINELOG_FILEIO_H
#define SPINELOG_FILEIO_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util.h"

/*
 * Read the whole regular file path into *data (NUL-terminated, so text can be
 * used as a string; the caller frees) and its length into *size.  A file of
 * more than max bytes is not read: ST_DATAERR, with *size its size and *data
 * NULL.  ST_NOINPUT when it does not exist or is not a regular file (a
 * folder, a device, a FIFO, which is never waited on); ST_IOERR when it
 * cannot be opened or read.  err's message does not name the path: callers
 * put it in front, in their own form (FILE:0:0: or FILE: ).
 */
int file_read(const char *path, size_t max, char **data, size_t *size, struct err *err);

/*
 * Write n bytes to fd, going on after EINTR and short writes; 0 or the errno
 * of the failure.  When stop is not NULL and becomes non-zero (a signal
 * handler installed without SA_RESTART sets it), it gives up with EINTR.
 */
int file_write_all(int fd, const void *p, size_t n, const volatile sig_atomic_t *stop);

/* strerror(e), in plainer words for the errors a writer meets most: "the disk
 * is full", "the file size limit was reached", "the reader went away". */
const char *file_strerror(int e);

/*
 * Atomic replacement of a file: the data goes to a temporary file beside it
 * (mkstemp, in the same folder so that the rename stays on one file system;
 * its mode then set to file_create_mode(), so that it follows the umask as
 * open(2) would, e.g. 0660 under the ward's umask 007), which is synced and closed, then renamed over the final name,
 * and the folder is synced so that the rename survives a crash.  Until the
 * rename, an older file of that name stays untouched; on any failure before
 * it, the temporary file is removed.
 *
 *	struct file_atomic f;
 *	if (file_atomic_open(&f, path, err) != ST_OK)
 *		return err->status;		(nothing to clean up)
 *	write to f.fd
 *	rc = file_atomic_close(&f, err);	(fsync and close)
 *	... anything that must happen before the file appears ...
 *	if (rc == ST_OK)
 *		rc = file_atomic_commit(&f, err);	(rename, fsync the folder)
 *	file_atomic_abort(&f);			(always: removes what is left)
 *
 * When something after the rename can still fail (the export's event must
 * commit too), set f.keep_old before the commit, and on that failure call
 * file_atomic_undo(&f, err) before file_atomic_abort: the final name then
 * holds what it held before, as if nothing had happened.
 *
 * file_write_atomic() does all of it for data in memory.
 */
struct file_atomic {
	char *path;		/* the final name */
	char *dir;		/* its folder */
	char *tmp;		/* the temporary file; NULL once renamed or removed */
	int fd;			/* open on tmp until file_atomic_close; else -1 */
	bool renamed;		/* the new file is under its final name (even when
				 * the folder's sync then failed) */
	/* Set before file_atomic_commit to be able to take the new file back
	 * (file_atomic_undo): the older file of the final name is then kept
	 * under old, TMP.old (".NAME.XXXXXX.old"), until file_atomic_abort
	 * removes it or file_atomic_undo puts it back. */
	bool keep_old;
	char *old;		/* the older file, set aside; NULL when none */
	dev_t dev;		/* the new file, once renamed */
	ino_t ino;
};

/* Create the temporary file.  ST_CANTCREAT when the folder cannot be
 * written, ST_IOERR for a full disk or an I/O error: "cannot create a file
 * in DIR: why".  On failure there is nothing to clean up (abort is a no-op). */
int file_atomic_open(struct file_atomic *f, const char *path, struct err *err);

/* Sync and close the temporary file: ST_IOERR "cannot write PATH: why". */
int file_atomic_close(struct file_atomic *f, struct err *err);

/* Rename the closed temporary file over the final name and sync the folder.
 * A failed rename is an open-style error and leaves the older file; a failed
 * sync of the folder is ST_IOERR "PATH was written but its folder could not
 * be synced (why)", with f->renamed true: the new file is in place but may
 * not survive a crash. */
int file_atomic_commit(struct file_atomic *f, struct err *err);

/* With keep_old: put things back as they were before file_atomic_commit, the
 * older file under the final name again (or no file there when there was
 * none), and sync the folder.  A no-op unless the new file was renamed into
 * place.  ST_IOERR "PATH could not be put back (why)" when that fails; the
 * older file is then left where it was set aside (the message names it). */
int file_atomic_undo(struct file_atomic *f, struct err *err);

/* Close and remove the temporary file if it is still there, and the older
 * file set aside by keep_old, and free f's strings.  Call it once after
 * file_atomic_open, whatever happened. */
void file_atomic_abort(struct file_atomic *f);

/* The mode a new file gets: 0666 less the process's umask (spinelog ORs 007
 * into it first, so never more than 0660).  For files made without open(2)'s
 * mode argument: mkstemp's 0600, SQLite's 0644 for a new database. */
mode_t file_create_mode(void);

/* A list of paths; file_names_free frees it. */
struct file_names {
	char **v;
	size_t n;
};
void file_names_free(struct file_names *l);

/*
 * The temporary files of file_atomic_open that a killed process left in dir
 * (kill -9, a crash, a power cut before the rename): remove each and add its
 * path to removed.  Only our own, by every sign there is: a name
 * ".NAME.XXXXXX" (six letters or digits, as mkstemp makes them) where NAME
 * ends in suffix or is final_base; a regular file with one link, owned by
 * this user, not readable by others; last written more than min_age seconds
 * ago; not open in any process (/proc; when that cannot be read, nothing is
 * removed); and empty or starting with head (after a UTF-8 byte-order mark),
 * or a part of head (it was killed while writing it).  Failures are silent:
 * what cannot be removed stays for the next time.
 */
void file_atomic_sweep(const char *dir, const char *suffix, const char *final_base,
    const char *head, long min_age, struct file_names *removed);

/*
 * The older files that file_atomic_commit set aside (keep_old) and that no
 * file_atomic_undo or file_atomic_abort dealt with: the process died in
 * between.  The same signs as file_atomic_sweep, with the name
 * ".NAME.XXXXXX.old", without the age (the caller makes sure that nobody is
 * between commit and abort at the time, e.g. by holding a lock every
 * committer holds); they are added to found, never removed: NAME may hold a
 * file that should not have stayed.
 */
void file_atomic_set_aside(const char *dir, const char *suffix, const char *final_base,
    const char *head, struct file_names *found);

/* Write n bytes of data as path, atomically, as above. */
int file_write_atomic(const char *path, const void *data, size_t n, struct err *err);

/* The folder a path names a file in: "." for a bare name, "/" for a file in
 * the root; "a/b" for "a/b/c" (no other cleaning).  The caller frees. */
char *file_dirname(const char *path);

/*
 * An XDG base directory path: "$VAR/sub" when the variable holds an absolute
 * path (the XDG rule: a relative one is ignored), else "$HOME/home_sub/sub",
 * with "." for an unset or empty HOME.  The caller frees.  For example
 * file_xdg_path("XDG_DATA_HOME", ".local/share", "spinelog/exports").
 */
char *file_xdg_path(const char *var, const char *home_sub, const char *sub);

#endif
