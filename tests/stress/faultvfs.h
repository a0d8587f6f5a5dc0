/*
 * faultvfs: an SQLite VFS that wraps the default unix VFS and makes the Nth
 * xWrite, xSync or xTruncate fail, the way SQLite's own test suite injects
 * I/O errors (sqlite.org/testing.html, "I/O error testing").  Registered as
 * the default VFS, so spinelog's db_open() uses it without knowing.
 *
 * Arm it with faultvfs_arm(kind, n, rc, persistent): the nth call of that
 * kind (counted from the arming) returns rc; with persistent, every later
 * call of that kind fails too, as a disk that stays full would.  Counting
 * alone (n = 0) measures how many calls an operation makes.  With
 * SQLITE_IOERR_WRITE armed, xSync and xTruncate return their own codes
 * (SQLITE_IOERR_FSYNC, SQLITE_IOERR_TRUNCATE), as the unix VFS would.
 */
#ifndef SPINELOG_FAULTVFS_H
#define SPINELOG_FAULTVFS_H

#include <stdbool.h>

enum faultvfs_kind {
	FAULT_WRITE,
	FAULT_SYNC,
	FAULT_TRUNCATE,
	FAULT_KINDS
};

/* Register the shim as the default VFS (once). */
void faultvfs_register(void);

/* Start counting calls from zero; n > 0 makes the nth call of kind fail. */
void faultvfs_arm(enum faultvfs_kind kind, int n, int rc, bool persistent);
void faultvfs_disarm(void);

/* Calls of kind since the last arm, and faults returned since the last arm. */
int faultvfs_calls(enum faultvfs_kind kind);
int faultvfs_injected(void);

const char *faultvfs_kind_name(enum faultvfs_kind kind);

#endif
