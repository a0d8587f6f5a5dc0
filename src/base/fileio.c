/* Reading whole files, writing them atomically, and the XDG folders. */
#include "fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

mode_t
file_create_mode(void)
{
	mode_t mask = umask(0);	/* the only way to read it; put back at once */
	umask(mask);
	return 0666 & ~mask;
}

int
file_atomic_open(struct file_atomic *f, const char *path, struct err *err)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;

	*f = (struct file_atomic){.fd = -1, .path = xstrdup(path), .dir = file_dirname(path)};
	f->tmp = xasprintf("%s/.%s.XXXXXX", f->dir, base);
	if ((f->fd = mkstemp(f->tmp)) < 0 || fchmod(f->fd, file_create_mode()) != 0) {
		create_error(f->dir, errno, err);
		if (f->fd >= 0) {
			close(f->fd);
			unlink(f->tmp);
			f->fd = -1;
		}
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

/* 0, or the errno of a failed fsync of folder dir. */
static int
sync_folder(const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int e = dfd < 0 || fsync(dfd) != 0 ? errno : 0;
	if (dfd >= 0)
		close(dfd);
	return e;
}

/*
 * keep_old: a regular file under the final name gets a second name, TMP.old,
 * so that the rename below replaces the final name atomically (readers see
 * the old file or the new one, never none) and the old one can come back.
 * A file system without hard links: it is moved aside instead.
 */
static int
set_old_aside(struct file_atomic *f, struct err *err)
{
	struct stat sb;
	if (lstat(f->path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return ST_OK;	/* nothing to keep; a rename over a folder fails below */
	char *old = xasprintf("%s.old", f->tmp);
	if (link(f->path, old) != 0 && ((errno != EPERM && errno != EOPNOTSUPP &&
	    errno != EMLINK && errno != ENOSYS) || rename(f->path, old) != 0)) {
		create_error(f->dir, errno, err);
		free(old);
		return err->status;
	}
	f->old = old;
	return ST_OK;
}

int
file_atomic_commit(struct file_atomic *f, struct err *err)
{
	struct stat sb;

	if (f->keep_old && set_old_aside(f, err) != ST_OK)
		return err->status;
	if (lstat(f->tmp, &sb) == 0)
		f->dev = sb.st_dev, f->ino = sb.st_ino;
	if (rename(f->tmp, f->path) != 0) {
		int e = errno;
		if (f->old != NULL && lstat(f->path, &sb) != 0)
			rename(f->old, f->path);	/* it was moved aside: back */
		else if (f->old != NULL)
			unlink(f->old);		/* the second name only */
		free(f->old);
		f->old = NULL;
		return create_error(f->dir, e, err);
	}
	free(f->tmp);
	f->tmp = NULL;
	f->renamed = true;
	/* The rename is in the folder: only the folder's sync makes it last. */
	int e = sync_folder(f->dir);
	if (e != 0)
		return err_set(err, ST_IOERR, "%s was written but its folder could not be synced "
		    "(%s)", f->path, strerror(e));
	return ST_OK;
}

int
file_atomic_undo(struct file_atomic *f, struct err *err)
{
	struct stat sb;
	int rc = ST_OK;

	if (!f->renamed)
		return ST_OK;
	if (f->old != NULL && rename(f->old, f->path) != 0)
		/* Left where it is, for a person to put back: never removed. */
		rc = err_set(err, ST_IOERR, "%s could not be put back (%s); the earlier file is %s",
		    f->path, strerror(errno), f->old);
	else if (f->old == NULL && lstat(f->path, &sb) == 0 && sb.st_dev == f->dev &&
	    sb.st_ino == f->ino && unlink(f->path) != 0)
		rc = err_set(err, ST_IOERR, "%s could not be removed again (%s)", f->path,
		    strerror(errno));
	int e = rc == ST_OK ? sync_folder(f->dir) : 0;
	if (e != 0)
		rc = err_set(err, ST_IOERR, "%s was put back as it was, but its folder could not be "
		    "synced (%s)", f->path, strerror(e));
	free(f->old);
	f->old = NULL;
	f->renamed = false;
	return rc;
}

void
file_atomic_abort(struct file_atomic *f)
{
	if (f->fd >= 0)
		close(f->fd);
	if (f->tmp != NULL)
		unlink(f->tmp);
	if (f->old != NULL)
		unlink(f->old);
	free(f->tmp);
	free(f->old);
	free(f->dir);
	free(f->path);
	*f = (struct file_atomic){.fd = -1};
}

void
file_names_free(struct file_names *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
names_add(struct file_names *l, char *path)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = path;
}

/* Is name ".NAME.XXXXXX" + tail, NAME ending in suffix or being final_base? */
static bool
temp_name(const char *name, const char *suffix, const char *final_base, const char *tail)
{
	size_t n = strlen(name), t = strlen(tail), s = strlen(suffix);

	if (name[0] != '.' || n < 1 + 1 + 7 + t || strcmp(name + n - t, tail) != 0)
		return false;
	const char *x = name + n - t - 6;
	for (int i = 0; i < 6; i++)
		if (!((x[i] >= 'a' && x[i] <= 'z') || (x[i] >= 'A' && x[i] <= 'Z') ||
		    (x[i] >= '0' && x[i] <= '9')))
			return false;
	if (x[-1] != '.')
		return false;
	size_t base = (size_t)(x - 1 - (name + 1));	/* NAME's length */
	if (final_base != NULL && strlen(final_base) == base &&
	    strncmp(name + 1, final_base, base) == 0)
		return true;
	return base > s && strncmp(x - 1 - s, suffix, s) == 0;
}

/* Does the open file start with head (after a byte-order mark), or with a
 * part of it, or hold nothing? */
static bool
starts_with(int fd, const char *head)
{
	char got[256];
	size_t n = 0, h = strlen(head);
	ssize_t k;

	while (n < sizeof got && (k = read(fd, got + n, sizeof got - n)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return false;
		n += (size_t)k;
	}
	const char *p = got;
	if (n >= 3 && memcmp(got, "\xEF\xBB\xBF", 3) == 0)
		p += 3, n -= 3;
	else if (n < 3 && memcmp(got, "\xEF\xBB\xBF", n) == 0)
		n = 0;
	return memcmp(p, head, n < h ? n : h) == 0;
}

/* Is the file dev/ino open in a process?  1 yes, 0 no, -1 cannot tell (no
 * /proc).  Processes whose descriptors we may not see are not ours. */
static int
open_somewhere(dev_t dev, ino_t ino)
{
	DIR *proc = opendir("/proc");
	struct dirent *p;
	int found = 0;

	if (proc == NULL || access("/proc/self/fd", R_OK) != 0) {
		if (proc != NULL)
			closedir(proc);
		return -1;
	}
	while (found == 0 && (p = readdir(proc)) != NULL) {
		if (p->d_name[0] < '0' || p->d_name[0] > '9')
			continue;
		char *fds = xasprintf("/proc/%s/fd", p->d_name);
		DIR *d = opendir(fds);
		struct dirent *e;
		while (d != NULL && found == 0 && (e = readdir(d)) != NULL) {
			struct stat sb;
			if (e->d_name[0] == '.')
				continue;
			char *fd = xasprintf("%s/%s", fds, e->d_name);
			if (stat(fd, &sb) == 0 && sb.st_dev == dev && sb.st_ino == ino)
				found = 1;
			free(fd);
		}
		if (d != NULL)
			closedir(d);
		free(fds);
	}
	closedir(proc);
	return found;
}

/* The files in dir named ".NAME.XXXXXX" + tail that are ours (see
 * file_atomic_sweep): older than min_age (< 0: any age) and, with remove,
 * not open anywhere; removed when remove is set; their paths added to out. */
static void
scan(const char *dir, const char *suffix, const char *final_base, const char *head,
    const char *tail, long min_age, bool remove, struct file_names *out)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	struct dirent *e;
	time_t now = time(NULL);

	if (d == NULL) {
		if (dfd >= 0)
			close(dfd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat sb;
		if (!temp_name(e->d_name, suffix, final_base, tail))
			continue;
		int fd = openat(dfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		bool ours = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_nlink == 1 &&
		    sb.st_uid == geteuid() && (sb.st_mode & 077) == 0 &&
		    (min_age < 0 || now - sb.st_mtime > min_age) && starts_with(fd, head);
		close(fd);
		if (ours && remove && open_somewhere(sb.st_dev, sb.st_ino) != 0)
			ours = false;
		if (!ours)
			continue;
		char *path = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
		    e->d_name);
		struct stat again;
		/* The name still holds the file that was checked. */
		if (remove && (fstatat(dfd, e->d_name, &again, AT_SYMLINK_NOFOLLOW) != 0 ||
		    again.st_ino != sb.st_ino || again.st_dev != sb.st_dev ||
		    unlinkat(dfd, e->d_name, 0) != 0)) {
			free(path);
			continue;
		}
		names_add(out, path);
	}
	closedir(d);
}

void
file_atomic_sweep(const char *dir, const char *suffix, const char *final_base,
    const char *head, long min_age, struct file_names *removed)
{
	scan(dir, suffix, final_base, head, "", min_age < 0 ? 0 : min_age, true, removed);
}

void
file_atomic_set_aside(const char *dir, const char *suffix, const char *final_base,
    const char *head, struct file_names *found)
{
	scan(dir, suffix, final_base, head, ".old", -1, false, found);
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
