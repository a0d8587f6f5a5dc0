/* Reading whole files, writing them atomically, and the XDG folders. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_CHUNK (64 * 1024)

/* "256 KiB", "32 MiB" or "1000 bytes": a limit in the unit it was set in. */
static void
size_text(size_t n, char *out, size_t size)
{
	if (n >= (1u << 20) && n % (1u << 20) == 0)
		snprintf(out, size, "%zu MiB", n >> 20);
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(out, size, "%zu KiB", n >> 10);
	else
		snprintf(out, size, "%zu bytes", n);
}

static int
too_large(size_t have, size_t max, size_t *size, struct err *err)
{
	char limit[32];
	size_text(max, limit, sizeof limit);
	*size = have;
	return err_set(err, ST_DATAERR, "the file is %zu bytes; the limit is %s", have, limit);
}

int
file_read(const char *path, size_t max, char **data, size_t *size, struct err *err)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; it is then
	 * refused below like any file that is not a regular one. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	struct buf b = {0};
	int rc = ST_OK;

	*data = NULL;
	*size = 0;
	if (fd < 0)
		return err_set(err, errno == ENOENT ? ST_NOINPUT : ST_IOERR, "cannot open: %s",
		    strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(err, ST_NOINPUT, "not a regular file");
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return too_large((size_t)st.st_size, max, size, err);
	}
	buf_append(&b, "", 0);
	/* Read to the end, not to st_size: a file may grow while it is read. */
	for (;;) {
		char chunk[READ_CHUNK];
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = err_set(err, ST_IOERR, "cannot read: %s", strerror(errno));
			break;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {
			rc = too_large(b.len + (size_t)n, max, size, err);
			break;
		}
		buf_append(&b, chunk, (size_t)n);
	}
	close(fd);
	if (rc != ST_OK) {
		buf_free(&b);
		return rc;
	}
	*data = b.data;
	*size = b.len;
	return ST_OK;
}

int
file_write_all(int fd, const void *p, size_t n, const volatile sig_atomic_t *stop)
{
	const char *s = p;
	while (n > 0) {
		if (stop != NULL && *stop != 0)
			return EINTR;	/* a signal cut a write short */
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k < 0 ? errno : EIO;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

const char *
file_strerror(int e)
{
	return e == ENOSPC || e == EDQUOT ? "the disk is full" :
	    e == EFBIG ? "the file size limit was reached" :
	    e == EPIPE ? "the reader went away" : strerror(e);
}

/* Creating or renaming a name in dir failed with e. */
static int
create_error(const char *dir, int e, struct err *err)
{
	return err_set(err, e == ENOSPC || e == EDQUOT || e == EIO ? ST_IOERR : ST_CANTCREAT,
	    "cannot create a file in %s: %s", dir, strerror(e));
}

int
file_atomic_open(struct file_atomic *f, const char *path, struct err *err)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;

	*f = (struct file_atomic){.fd = -1, .path = xstrdup(path), .dir = file_dirname(path)};
	f->tmp = xasprintf("%s/.%s.XXXXXX", f->dir, base);
	if ((f->fd = mkstemp(f->tmp)) < 0) {
		create_error(f->dir, errno, err);
		free(f->tmp);
		f->tmp = NULL;
		file_atomic_abort(f);
		return err->status;
	}
	return ST_OK;
}

int
file_atomic_close(struct file_atomic *f, struct err *err)
{
	int e = fsync(f->fd) != 0 ? errno : 0;
	if (close(f->fd) != 0 && e == 0)
		e = errno;
	f->fd = -1;
	if (e != 0)
		return err_set(err, ST_IOERR, "cannot write %s: %s", f->path, file_strerror(e));
	return ST_OK;
}

int
file_atomic_commit(struct file_atomic *f, struct err *err)
{
	if (rename(f->tmp, f->path) != 0)
		return create_error(f->dir, errno, err);
	free(f->tmp);
	f->tmp = NULL;
	f->renamed = true;
	/* The rename is in the folder: only the folder's sync makes it last. */
	int dfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int e = dfd < 0 || fsync(dfd) != 0 ? errno : 0;
	if (dfd >= 0)
		close(dfd);
	if (e != 0)
		return err_set(err, ST_IOERR, "%s was written but its folder could not be synced "
		    "(%s)", f->path, strerror(e));
	return ST_OK;
}

void
file_atomic_abort(struct file_atomic *f)
{
	if (f->fd >= 0)
		close(f->fd);
	if (f->tmp != NULL)
		unlink(f->tmp);
	free(f->tmp);
	free(f->dir);
	free(f->path);
	*f = (struct file_atomic){.fd = -1};
}

int
file_write_atomic(const char *path, const void *data, size_t n, struct err *err)
{
	struct file_atomic f;
	int rc = file_atomic_open(&f, path, err);
	if (rc != ST_OK)
		return rc;
	int e = file_write_all(f.fd, data, n, NULL);
	if (e != 0)
		rc = err_set(err, ST_IOERR, "cannot write %s: %s", path, file_strerror(e));
	if (rc == ST_OK)
		rc = file_atomic_close(&f, err);
	if (rc == ST_OK)
		rc = file_atomic_commit(&f, err);
	file_atomic_abort(&f);
	return rc;
}

char *
file_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
}

char *
file_xdg_path(const char *var, const char *home_sub, const char *sub)
{
	const char *xdg = getenv(var);
	if (xdg != NULL && xdg[0] == '/')	/* XDG: a relative path is ignored */
		return xasprintf("%s/%s", xdg, sub);
	const char *home = getenv("HOME");
	return xasprintf("%s/%s/%s", home != NULL && *home != '\0' ? home : ".", home_sub, sub);
}
