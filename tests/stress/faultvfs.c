/*
 * faultvfs: the I/O-fault shim (see faultvfs.h).  Every file method passes
 * straight through to the real unix file, which lives in the same allocation
 * right after our header; only xWrite, xSync and xTruncate count calls and
 * may return the armed error instead of doing the work.
 */
#include "faultvfs.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct fault_file {
	sqlite3_file base;
	sqlite3_file *real;
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;

static struct {
	enum faultvfs_kind kind;
	int at;			/* 0 = count only */
	int rc;
	bool persistent;
	int calls[FAULT_KINDS];
	int injected;
} arm;

static int
fault_hit(enum faultvfs_kind kind)
{
	int n = ++arm.calls[kind];
	if (arm.at > 0 && kind == arm.kind && (n == arm.at || (arm.persistent && n > arm.at))) {
		arm.injected++;
		return arm.rc;
	}
	return SQLITE_OK;
}

#define REAL(f) (((struct fault_file *)(f))->real)

static int
f_close(sqlite3_file *f)
{
	int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
	return rc;
}

static int
f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}

static int
f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	int rc = fault_hit(FAULT_WRITE);
	if (rc != SQLITE_OK)
		return rc;
	return REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
}

static int
f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	int rc = fault_hit(FAULT_TRUNCATE);
	if (rc == SQLITE_IOERR_WRITE)
		return SQLITE_IOERR_TRUNCATE;
	if (rc != SQLITE_OK)
		return rc;
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int
f_sync(sqlite3_file *f, int flags)
{
	int rc = fault_hit(FAULT_SYNC);
	if (rc == SQLITE_IOERR_WRITE)
		return SQLITE_IOERR_FSYNC;	/* what the unix VFS reports for fsync */
	if (rc != SQLITE_OK)
		return rc;
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int
f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int
f_lock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xLock(REAL(f), level);
}

static int
f_unlock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int
f_check_lock(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int
f_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int
f_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int
f_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int
f_shm_map(sqlite3_file *f, int page, int size, int extend, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), page, size, extend, p);
}

static int
f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void
f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int
f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int
f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, p);
}

static int
f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods fault_methods = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock,
	f_check_lock, f_control, f_sector, f_device, f_shm_map, f_shm_lock, f_shm_barrier,
	f_shm_unmap, f_fetch, f_unfetch,
};

static int
v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	struct fault_file *ff = (struct fault_file *)f;
	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	/* SQLite calls xClose only when pMethods is set, also after a failed open. */
	f->pMethods = ff->real->pMethods ? &fault_methods : NULL;
	return rc;
}

static int
v_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int
v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int
v_full_path(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int
v_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int
v_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int
v_time(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static int
v_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError(real_vfs, n, out);
}

void
faultvfs_register(void)
{
	if (real_vfs != NULL)
		return;
	real_vfs = sqlite3_vfs_find(NULL);
	if (real_vfs == NULL)
		abort();
	fault_vfs = (sqlite3_vfs){
		.iVersion = 2,
		.szOsFile = (int)sizeof(struct fault_file) + real_vfs->szOsFile,
		.mxPathname = real_vfs->mxPathname,
		.zName = "faultvfs",
		.xOpen = v_open,
		.xDelete = v_delete,
		.xAccess = v_access,
		.xFullPathname = v_full_path,
		.xDlOpen = NULL,
		.xRandomness = v_random,
		.xSleep = v_sleep,
		.xCurrentTime = NULL,
		.xGetLastError = v_last_error,
		.xCurrentTimeInt64 = v_time,
	};
	/* xDlOpen and friends: the real VFS's, so that nothing is left NULL. */
	fault_vfs.xDlOpen = real_vfs->xDlOpen;
	fault_vfs.xDlError = real_vfs->xDlError;
	fault_vfs.xDlSym = real_vfs->xDlSym;
	fault_vfs.xDlClose = real_vfs->xDlClose;
	fault_vfs.xCurrentTime = real_vfs->xCurrentTime;
	if (sqlite3_vfs_register(&fault_vfs, 1) != SQLITE_OK)
		abort();
}

void
faultvfs_arm(enum faultvfs_kind kind, int n, int rc, bool persistent)
{
	memset(&arm, 0, sizeof arm);
	arm.kind = kind;
	arm.at = n;
	arm.rc = rc;
	arm.persistent = persistent;
}

void
faultvfs_disarm(void)
{
	arm.at = 0;
}

int
faultvfs_calls(enum faultvfs_kind kind)
{
	return arm.calls[kind];
}

int
faultvfs_injected(void)
{
	return arm.injected;
}

const char *
faultvfs_kind_name(enum faultvfs_kind kind)
{
	static const char *const names[] = {"xWrite", "xSync", "xTruncate"};
	return names[kind];
}
