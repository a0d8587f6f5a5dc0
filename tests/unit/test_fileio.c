/*
 * Unit tests of fileio: reading whole files (missing, a folder, a FIFO,
 * empty, large, over the limit), the atomic writer (complete after commit,
 * the older file untouched and no temporary file left after any failure or an
 * abort, the older file back after an undo), the sweep of dead writers'
 * temporary files, the stop flag of file_write_all and the XDG paths.
 */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "fileio.h"

static char *
path_in(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void
put_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* The file's bytes must be exactly want[0..n). */
static void
expect_file(const char *path, const void *want, size_t n)
{
	char *data;
	size_t size;
	struct err err = {0};
	if (file_read(path, n + 1, &data, &size, &err) != ST_OK)
		fail_msg("%s: %s", path, err.msg);
	assert_int_equal(size, n);
	assert_memory_equal(data, want, n);
	free(data);
}

/* The names in dir, other than . and .., joined by spaces in sorted order. */
static char *
listing(const char *dir)
{
	struct dirent **names;
	struct buf b = {0};
	int n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0)
			buf_printf(&b, "%s%s", b.len ? " " : "", names[i]->d_name);
		free(names[i]);
	}
	free(names);
	buf_append(&b, "", 0);
	return b.data;
}

static void
expect_listing(const char *dir, const char *want)
{
	char *have = listing(dir);
	if (strcmp(have, want) != 0)
		fail_msg("%s holds '%s', expected '%s'", dir, have, want);
	free(have);
}

static char *
pattern(size_t n)
{
	char *p = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		p[i] = (char)('a' + (i * 7 + i / 4093) % 26);
	return p;
}

static void
test_read_refusals(void **state)
{
	(void)state;
	char *dir = tu_tempdir(), *missing = path_in(dir, "missing.csv");
	char *fifo = path_in(dir, "fifo"), *data = (char *)"untouched";
	size_t size = 99;
	struct err err = {0};

	assert_int_equal(file_read(missing, 1024, &data, &size, &err), ST_NOINPUT);
	assert_null(data);
	assert_int_equal(size, 0);
	assert_non_null(strstr(err.msg, "cannot open"));
	assert_null(strstr(err.msg, dir));	/* the caller names the file */

	assert_int_equal(file_read(dir, 1024, &data, &size, &err), ST_NOINPUT);
	assert_null(data);
	assert_string_equal(err.msg, "not a regular file");

	/* A FIFO without a writer is refused at once, never waited on. */
	assert_int_equal(mkfifo(fifo, 0600), 0);
	alarm(10);
	assert_int_equal(file_read(fifo, 1024, &data, &size, &err), ST_NOINPUT);
	alarm(0);
	assert_string_equal(err.msg, "not a regular file");

	free(fifo);
	free(missing);
	tu_rmdir(dir);
}

static void
test_read_empty_and_large(void **state)
{
	(void)state;
	char *dir = tu_tempdir(), *empty = path_in(dir, "empty"), *big = path_in(dir, "big");
	size_t n = 3 * 1024 * 1024 + 7, size;	/* not a multiple of any buffer */
	char *want = pattern(n), *data;
	struct err err = {0};

	put_file(empty, "", 0);
	assert_int_equal(file_read(empty, 1024, &data, &size, &err), ST_OK);
	assert_non_null(data);
	assert_int_equal(size, 0);
	assert_string_equal(data, "");
	free(data);

	put_file(big, want, n);
	assert_int_equal(file_read(big, 4 << 20, &data, &size, &err), ST_OK);
	assert_int_equal(size, n);
	assert_memory_equal(data, want, n);
	assert_int_equal(data[n], '\0');	/* usable as a string */
	free(data);

	/* Exactly the limit is read; one byte more is refused, with the size. */
	assert_int_equal(file_read(big, n, &data, &size, &err), ST_OK);
	free(data);
	assert_int_equal(file_read(big, n - 1, &data, &size, &err), ST_DATAERR);
	assert_null(data);
	assert_int_equal(size, n);
	assert_int_equal(file_read(big, 1024 * 1024, &data, &size, &err), ST_DATAERR);
	char *msg = xasprintf("the file is %zu bytes; the limit is 1 MiB", n);
	assert_string_equal(err.msg, msg);
	free(msg);

	/* A file whose size says 0 (Linux's /proc) is read to its end, and the
	 * limit holds there too. */
	struct stat sb;
	if (stat("/proc/self/status", &sb) == 0 && sb.st_size == 0) {
		assert_int_equal(file_read("/proc/self/status", 1 << 20, &data, &size, &err),
		    ST_OK);
		assert_true(size > 16);
		assert_non_null(strstr(data, "Name:"));
		free(data);
		assert_int_equal(file_read("/proc/self/status", 16, &data, &size, &err),
		    ST_DATAERR);
		assert_null(data);
	}

	free(want);
	free(empty);
	free(big);
	tu_rmdir(dir);
}

static void
test_atomic_complete_after_commit(void **state)
{
	(void)state;
	char *dir = tu_tempdir(), *path = path_in(dir, "out.csv");
	size_t n = 1024 * 1024 + 3;
	char *data = pattern(n);
	struct err err = {0};
	struct stat sb;

	put_file(path, "old export\r\n", 12);
	mode_t mask = umask(027);	/* mkstemp's 0600 follows the umask: 0640 */
	assert_int_equal(file_write_atomic(path, data, n, &err), ST_OK);
	expect_file(path, data, n);
	expect_listing(dir, "out.csv");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	umask(007);		/* the ward's umask: shared with the group */
	assert_int_equal(file_write_atomic(path, data, n, &err), ST_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);
	umask(mask);

	/* The step by step API, as the export uses it. */
	struct file_atomic f;
	assert_int_equal(file_atomic_open(&f, path, &err), ST_OK);
	assert_int_equal(file_write_all(f.fd, "new\r\n", 5, NULL), 0);
	assert_int_equal(file_atomic_close(&f, &err), ST_OK);
	expect_file(path, data, n);	/* not yet */
	assert_int_equal(file_atomic_commit(&f, &err), ST_OK);
	assert_true(f.renamed);
	file_atomic_abort(&f);
	expect_file(path, "new\r\n", 5);
	expect_listing(dir, "out.csv");

	free(data);
	free(path);
	tu_rmdir(dir);
}

/* The temporary file of f sits beside the final name, hidden. */
static void
expect_temporary(const char *dir, const struct file_atomic *f, const char *others)
{
	const char *base = strrchr(f->tmp, '/') + 1;
	assert_int_equal(strncmp(base, ".out.csv.", 9), 0);
	char *want = xasprintf("%s %s", base, others);
	expect_listing(dir, want);
	free(want);
}

/* An abort before the rename, written or not, synced or not: the older file
 * stays and the temporary file goes. */
static void
test_atomic_abort_keeps_old(void **state)
{
	(void)state;
	char *dir = tu_tempdir(), *path = path_in(dir, "out.csv");
	struct file_atomic f;
	struct err err = {0};

	put_file(path, "old", 3);
	assert_int_equal(file_atomic_open(&f, path, &err), ST_OK);
	assert_int_equal(file_write_all(f.fd, "half", 4, NULL), 0);
	expect_temporary(dir, &f, "out.csv");
	file_atomic_abort(&f);
	expect_file(path, "old", 3);
	expect_listing(dir, "out.csv");

	/* Written, synced and closed, then something else failed (a busy
	 * database, for the export). */
	assert_int_equal(file_atomic_open(&f, path, &err), ST_OK);
	assert_int_equal(file_write_all(f.fd, "whole", 5, NULL), 0);
	assert_int_equal(file_atomic_close(&f, &err), ST_OK);
	expect_temporary(dir, &f, "out.csv");
	file_atomic_abort(&f);
	expect_file(path, "old", 3);
	expect_listing(dir, "out.csv");
	file_atomic_abort(&f);	/* twice is harmless */

	free(path);
	tu_rmdir(dir);
}

/* Failures on the way: the older file stays, nothing is left behind. */
static void
test_atomic_failures_keep_old(void **state)
{
	(void)state;
	char *dir = tu_tempdir(), *path = path_in(dir, "out.csv");
	char *gone = path_in(dir, "gone/out.csv"), *folder = path_in(dir, "taken");
	struct file_atomic f;
	struct err err = {0};
	struct rlimit old_limit, limit;

	/* A folder that is not there (removed, or never made). */
	assert_int_equal(file_atomic_open(&f, gone, &err), ST_CANTCREAT);
	char *msg = xasprintf("cannot create a file in %s/gone: %s", dir, strerror(ENOENT));
	assert_string_equal(err.msg, msg);
	free(msg);
	file_atomic_abort(&f);	/* a no-op after a failed open */
	assert_int_equal(file_write_atomic(gone, "x", 1, &err), ST_CANTCREAT);
	expect_listing(dir, "");

	/* The write fails (a file size limit, as root too): the rename never
	 * happens. */
	put_file(path, "old", 3);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
	limit = old_limit;
	limit.rlim_cur = 4096;
	void (*xfsz)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &limit), 0);
	char *big = pattern(64 * 1024);
	int rc = file_write_atomic(path, big, 64 * 1024, &err);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old_limit), 0);
	signal(SIGXFSZ, xfsz);
	assert_int_equal(rc, ST_IOERR);
	msg = xasprintf("cannot write %s: the file size limit was reached", path);
	assert_string_equal(err.msg, msg);
	free(msg);
	free(big);
	expect_file(path, "old", 3);
	expect_listing(dir, "out.csv");

	/* The rename fails: the final name is a folder with a file in it (with
	 * keep_old, which sets aside a regular file only). */
	assert_int_equal(mkdir(folder, 0700), 0);
	char *inside = path_in(folder, "keep");
	put_file(inside, "kept", 4);
	assert_int_equal(file_atomic_open(&f, folder, &err), ST_OK);
	assert_int_equal(file_atomic_close(&f, &err), ST_OK);
	f.keep_old = true;
	assert_int_not_equal(file_atomic_commit(&f, &err), ST_OK);
	assert_false(f.renamed);
	assert_null(f.old);
	assert_non_null(strstr(err.msg, "cannot create a file in"));
	file_atomic_abort(&f);
	expect_file(inside, "kept", 4);
	expect_listing(dir, "out.csv taken");

	free(inside);
	free(folder);
	free(gone);
	free(path);
	tu_rmdir(dir);
}

/* f open on path's temporary file, holding text, synced and closed, and
 * set to keep the older file. */
static void
staged(struct file_atomic *f, const char *path, const char *text)
{
	struct err err = {0};
	assert_int_equal(file_atomic_open(f, path, &err), ST_OK);
	assert_int_equal(file_write_all(f->fd, text, strlen(text), NULL), 0);
	assert_int_equal(file_atomic_close(f, &err), ST_OK);
	f->keep_old = true;
}

/*
 * keep_old and file_atomic_undo: after the rename, the export's event may
 * still fail to commit; undo then puts the older file back (or removes the new
 * one when there was none), and abort after a success drops the older file.
 */
static void
test_atomic_undo(void **state)
{
	(void)state;
	char *dir = tu_tempdir(), *path = path_in(dir, "out.csv");
	struct file_atomic f;
	struct err err = {0};

	/* An older file: set aside under TMP.old, then back. */
	put_file(path, "old", 3);
	staged(&f, path, "new");
	char *old = xasprintf("%s.old", f.tmp);
	assert_int_equal(file_atomic_commit(&f, &err), ST_OK);
	assert_true(f.renamed);
	assert_string_equal(f.old, old);
	expect_file(path, "new", 3);
	expect_file(old, "old", 3);
	assert_int_equal(file_atomic_undo(&f, &err), ST_OK);
	assert_false(f.renamed);
	expect_file(path, "old", 3);
	expect_listing(dir, "out.csv");
	file_atomic_abort(&f);
	expect_file(path, "old", 3);
	expect_listing(dir, "out.csv");
	free(old);

	/* No older file: the new one goes again. */
	char *fresh = path_in(dir, "fresh.csv");
	staged(&f, fresh, "");
	assert_int_equal(file_atomic_commit(&f, &err), ST_OK);
	assert_null(f.old);
	expect_listing(dir, "fresh.csv out.csv");
	assert_int_equal(file_atomic_undo(&f, &err), ST_OK);
	file_atomic_abort(&f);
	expect_listing(dir, "out.csv");
	free(fresh);

	/* Success: abort drops the older file, the new one stays. */
	staged(&f, path, "newer");
	assert_int_equal(file_atomic_commit(&f, &err), ST_OK);
	assert_non_null(f.old);
	file_atomic_abort(&f);
	expect_file(path, "newer", 5);
	expect_listing(dir, "out.csv");

	/* Undo before any rename is a no-op. */
	assert_int_equal(file_atomic_open(&f, path, &err), ST_OK);
	assert_int_equal(file_atomic_undo(&f, &err), ST_OK);
	file_atomic_abort(&f);
	expect_file(path, "newer", 5);
	expect_listing(dir, "out.csv");

	free(path);
	tu_rmdir(dir);
}

/* A file name, its content and its age in minutes (mode 0600). */
static void
aged(const char *dir, const char *name, const char *text, int minutes)
{
	char *path = path_in(dir, name);
	put_file(path, text, strlen(text));
	assert_int_equal(chmod(path, 0600), 0);
	struct timespec t[2];
	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= minutes * 60;
	t[1] = t[0];
	assert_int_equal(utimensat(AT_FDCWD, path, t, AT_SYMLINK_NOFOLLOW), 0);
	free(path);
}

static char *
joined(const struct file_names *l, const char *dir)
{
	struct buf b = {0};
	size_t n = strlen(dir) + 1;
	for (size_t i = 0; i < l->n; i++) {
		assert_int_equal(strncmp(l->v[i], dir, n - 1), 0);
		buf_printf(&b, "%s%s", b.len ? " " : "", l->v[i] + n);
	}
	buf_append(&b, "", 0);
	return b.data;
}

#define HEAD "\"event_id\",\"recorded_at\""

/* The temporary files that killed exports left: only ours go. */
static void
test_sweep(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct file_names removed = {0};

	aged(dir, ".a.csv.Ab12Cd", "\xEF\xBB\xBF" HEAD ",\"more\"\r\n1,2", 10);	/* ours */
	aged(dir, ".b.csv.ZZZZZZ", "", 10);				/* empty: ours */
	aged(dir, ".c.csv.zzzzzz", "\xEF\xBB", 10);			/* half a BOM */
	aged(dir, ".d.csv.aaaaaa", "\"event_i", 10);			/* half a header */
	aged(dir, ".out.txt.bbbbbb", HEAD, 10);				/* the final name */
	aged(dir, ".fresh.csv.cccccc", HEAD, 2);			/* too young */
	aged(dir, ".other.txt.dddddd", HEAD, 10);			/* not .csv */
	aged(dir, ".e.csv.eeeee", HEAD, 10);				/* 5 characters */
	aged(dir, ".f.csv.ffffff.old", HEAD, 10);			/* set aside */
	aged(dir, ".g.csv.gg-ggg", HEAD, 10);				/* not mkstemp's */
	aged(dir, "h.csv.hhhhhh", HEAD, 10);				/* not hidden */
	aged(dir, ".csv.iiiiii", HEAD, 10);				/* no NAME */
	aged(dir, ".j.csv.jjjjjj", "notes", 10);			/* not an export */
	aged(dir, ".k.csv.kkkkkk", HEAD, 10);				/* readable by others */
	char *p = path_in(dir, ".k.csv.kkkkkk");
	assert_int_equal(chmod(p, 0640), 0);
	free(p);
	aged(dir, ".l.csv.llllll", HEAD, 10);				/* two links */
	char *l1 = path_in(dir, ".l.csv.llllll"), *l2 = path_in(dir, "second");
	assert_int_equal(link(l1, l2), 0);
	free(l1);
	free(l2);
	aged(dir, ".m.csv.mmmmmm", HEAD, 10);				/* open here */
	char *m = path_in(dir, ".m.csv.mmmmmm");
	int fd = open(m, O_RDONLY);
	assert_true(fd >= 0);
	free(m);
	char *sub = path_in(dir, ".n.csv.nnnnnn");			/* a folder */
	assert_int_equal(mkdir(sub, 0700), 0);
	free(sub);
	char *target = path_in(dir, "target"), *sym = path_in(dir, ".o.csv.oooooo");
	aged(dir, "target", HEAD, 10);
	assert_int_equal(symlink(target, sym), 0);			/* a link */
	free(target);
	free(sym);

	file_atomic_sweep(dir, ".csv", "out.txt", HEAD, 5 * 60, &removed);
	close(fd);
	char *got = joined(&removed, dir);
	/* readdir order: compare as a set */
	const char *want[] = {".a.csv.Ab12Cd", ".b.csv.ZZZZZZ", ".c.csv.zzzzzz", ".d.csv.aaaaaa",
	    ".out.txt.bbbbbb"};
	assert_int_equal(removed.n, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		if (strstr(got, want[i]) == NULL)
			fail_msg("%s was not removed: removed %s", want[i], got);
	free(got);
	file_names_free(&removed);
	expect_listing(dir, ".csv.iiiiii .e.csv.eeeee .f.csv.ffffff.old .fresh.csv.cccccc "
	    ".g.csv.gg-ggg .j.csv.jjjjjj .k.csv.kkkkkk .l.csv.llllll .m.csv.mmmmmm .n.csv.nnnnnn "
	    ".o.csv.oooooo .other.txt.dddddd h.csv.hhhhhh second target");

	/* Closed now, the file that was open goes too; a folder that is not
	 * there is no error. */
	file_atomic_sweep(dir, ".csv", "out.txt", HEAD, 5 * 60, &removed);
	assert_int_equal(removed.n, 1);
	file_names_free(&removed);
	char *none = path_in(dir, "none");
	file_atomic_sweep(none, ".csv", "x.csv", HEAD, 5 * 60, &removed);
	assert_int_equal(removed.n, 0);
	free(none);

	/* Set aside: named (any age), never removed. */
	struct file_names found = {0};
	aged(dir, ".p.csv.pppppp.old", HEAD, 0);
	file_atomic_set_aside(dir, ".csv", "x.csv", HEAD, &found);
	got = joined(&found, dir);
	assert_int_equal(found.n, 2);
	assert_non_null(strstr(got, ".f.csv.ffffff.old"));
	assert_non_null(strstr(got, ".p.csv.pppppp.old"));
	free(got);
	file_names_free(&found);
	char *f = path_in(dir, ".f.csv.ffffff.old");
	expect_file(f, HEAD, strlen(HEAD));
	free(f);

	tu_rmdir(dir);
}

static void
test_write_all_stop(void **state)
{
	(void)state;
	int fds[2];
	volatile sig_atomic_t stop = 0;
	char got[8] = "";

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(file_write_all(fds[1], "abc", 3, &stop), 0);
	stop = SIGINT;
	assert_int_equal(file_write_all(fds[1], "def", 3, &stop), EINTR);
	close(fds[1]);
	assert_int_equal(read(fds[0], got, sizeof got), 3);	/* "def" never went */
	assert_memory_equal(got, "abc", 3);
	close(fds[0]);

	assert_string_equal(file_strerror(ENOSPC), "the disk is full");
	assert_string_equal(file_strerror(EFBIG), "the file size limit was reached");
	assert_string_equal(file_strerror(ENOENT), strerror(ENOENT));
}

static void
expect_xdg(const char *xdg, const char *home, const char *want)
{
	char *have;
	if (xdg)
		setenv("XDG_DATA_HOME", xdg, 1);
	else
		unsetenv("XDG_DATA_HOME");
	if (home)
		setenv("HOME", home, 1);
	else
		unsetenv("HOME");
	have = file_xdg_path("XDG_DATA_HOME", ".local/share", "spinelog/exports");
	assert_string_equal(have, want);
	free(have);
}

static void
test_xdg_path(void **state)
{
	(void)state;
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	expect_xdg("/data", "/home/n", "/data/spinelog/exports");
	expect_xdg("data", "/home/n", "/home/n/.local/share/spinelog/exports");	/* relative */
	expect_xdg("", "/home/n", "/home/n/.local/share/spinelog/exports");
	expect_xdg(NULL, "/home/n", "/home/n/.local/share/spinelog/exports");
	expect_xdg(NULL, "", "./.local/share/spinelog/exports");
	expect_xdg(NULL, NULL, "./.local/share/spinelog/exports");
	if (home)
		setenv("HOME", home, 1);
	unsetenv("XDG_DATA_HOME");
	free(home);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_refusals),
		cmocka_unit_test(test_read_empty_and_large),
		cmocka_unit_test(test_atomic_complete_after_commit),
		cmocka_unit_test(test_atomic_abort_keeps_old),
		cmocka_unit_test(test_atomic_failures_keep_old),
		cmocka_unit_test(test_atomic_undo),
		cmocka_unit_test(test_sweep),
		cmocka_unit_test(test_write_all_stop),
		cmocka_unit_test(test_xdg_path),
	};
	return cmocka_run_group_tests_name("fileio", tests, NULL, NULL);
}
