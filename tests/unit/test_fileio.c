/*
 * Unit tests of fileio: reading whole files (missing, a folder, a FIFO,
 * empty, large, over the limit), the atomic writer (complete after commit,
 * the older file untouched and no temporary file left after any failure or an
 * abort), the stop flag of file_write_all and the XDG paths.
 */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

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
	assert_int_equal(file_write_atomic(path, data, n, &err), ST_OK);
	expect_file(path, data, n);
	expect_listing(dir, "out.csv");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

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

	/* The rename fails: the final name is a folder with a file in it. */
	assert_int_equal(mkdir(folder, 0700), 0);
	char *inside = path_in(folder, "keep");
	put_file(inside, "kept", 4);
	assert_int_equal(file_atomic_open(&f, folder, &err), ST_OK);
	assert_int_equal(file_atomic_close(&f, &err), ST_OK);
	assert_int_not_equal(file_atomic_commit(&f, &err), ST_OK);
	assert_false(f.renamed);
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
		cmocka_unit_test(test_write_all_stop),
		cmocka_unit_test(test_xdg_path),
	};
	return cmocka_run_group_tests_name("fileio", tests, NULL, NULL);
}
