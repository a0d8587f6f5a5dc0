/*
 * Unit tests of csvwrite: what reaches the file descriptor, byte for byte:
 * every cell quoted (quotes doubled, commas and line breaks kept inside),
 * CRLF after each row, the formula guard's apostrophe where the guard says,
 * cells larger than the buffer, and write errors and the stop flag.
 */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>

#include "csvwrite.h"

/* A temporary file to write to, read back whole by written(). */
struct out {
	char *dir, *path;
	int fd;
};

static void
out_open(struct out *o)
{
	o->dir = tu_tempdir();
	o->path = xasprintf("%s/out.csv", o->dir);
	o->fd = open(o->path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(o->fd >= 0);
}

static char *
written(struct out *o, size_t *n)
{
	off_t size = lseek(o->fd, 0, SEEK_END);
	char *data = xmalloc((size_t)size + 1);
	assert_int_equal(pread(o->fd, data, (size_t)size, 0), size);
	data[size] = '\0';
	*n = (size_t)size;
	return data;
}

static void
out_close(struct out *o)
{
	close(o->fd);
	free(o->path);
	tu_rmdir(o->dir);
}

static void
test_quoting_and_crlf(void **state)
{
	(void)state;
	struct out o;
	struct csvwrite w;
	size_t n;
	static const char want[] =
	    "\xEF\xBB\xBF\"a\",\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\"\",\"Nguyễn\"\r\n"
	    "\"x\"\r\n"
	    "\"nul\0byte\",\"12\"\r\n";

	out_open(&o);
	csvwrite_init(&w, o.fd, NULL);
	assert_true(csvwrite_raw(&w, "\xEF\xBB\xBF", 3));
	assert_true(csvwrite_cell_str(&w, "a"));
	assert_true(csvwrite_cell_str(&w, "b,c"));
	assert_true(csvwrite_cell_str(&w, "say \"hi\""));
	assert_true(csvwrite_cell_str(&w, "two\nlines"));
	assert_true(csvwrite_cell_str(&w, ""));
	assert_true(csvwrite_cell_str(&w, "Nguyễn"));
	assert_true(csvwrite_end_row(&w));
	assert_true(csvwrite_cell_str(&w, "x"));	/* a new row: no comma first */
	assert_true(csvwrite_end_row(&w));
	assert_true(csvwrite_cell(&w, "nul\0byte", 8));	/* n bytes, not to the NUL */
	assert_true(csvwrite_cell_str(&w, "12"));
	assert_true(csvwrite_end_row(&w));
	assert_true(csvwrite_flush(&w));
	char *have = written(&o, &n);
	assert_int_equal(n, sizeof want - 1);
	assert_memory_equal(have, want, n);
	free(have);
	csvwrite_free(&w);
	out_close(&o);
}

/* The guard as the file shows it: a leading apostrophe inside the quotes. */
static void
test_guard_in_output(void **state)
{
	(void)state;
	static const struct {
		const char *cell, *out;
	} table[] = {
		{"=1+1", "\"'=1+1\""},
		{"+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\""},
		{"@SUM(A1)", "\"'@SUM(A1)\""},
		{"-2+3", "\"'-2+3\""},
		{"\tx", "\"'\tx\""},
		{"\"=1\"", "\"\"\"=1\"\"\""},	/* a quote first: no formula */
		{"-1", "\"-1\""},
		{"-2.5", "\"-2.5\""},
		{"1+1", "\"1+1\""},
		{"'=1", "\"'=1\""},
	};
	for (size_t i = 0; i < ARRAY_SIZE(table); i++) {
		struct out o;
		struct csvwrite w;
		size_t n;
		out_open(&o);
		csvwrite_init(&w, o.fd, NULL);
		assert_true(csvwrite_cell_str(&w, table[i].cell) && csvwrite_flush(&w));
		char *have = written(&o, &n);
		if (strcmp(have, table[i].out) != 0)
			fail_msg("cell '%s' was written as '%s', expected '%s'", table[i].cell, have,
			    table[i].out);
		free(have);
		csvwrite_free(&w);
		out_close(&o);
	}
}

/* Cells larger than the buffer, guarded or not, go out whole and in order. */
static void
test_large_cells(void **state)
{
	(void)state;
	struct out o;
	struct csvwrite w;
	size_t big = 200 * 1024, n;
	char *cell = xmalloc(big + 1);
	memset(cell, 'q', big);
	cell[big] = '\0';
	cell[big / 2] = '"';

	out_open(&o);
	csvwrite_init(&w, o.fd, NULL);
	assert_true(csvwrite_cell_str(&w, "first"));
	assert_true(csvwrite_cell_str(&w, cell));
	cell[0] = '=';
	assert_true(csvwrite_cell_str(&w, cell));
	assert_true(csvwrite_end_row(&w) && csvwrite_flush(&w));
	char *have = written(&o, &n);
	/* "first", the cell with one doubled quote, and the guarded one */
	assert_int_equal(n, 8 + (big + 3) + 1 + (big + 4) + 2);
	assert_memory_equal(have, "\"first\",\"qq", 11);
	assert_memory_equal(have + 8 + big + 3, ",\"'=qq", 6);
	assert_memory_equal(have + n - 4, "qq\"\r\n" + 1, 4);
	free(have);
	free(cell);
	csvwrite_free(&w);
	out_close(&o);
}

static void
test_write_errors(void **state)
{
	(void)state;
	struct csvwrite w;
	volatile sig_atomic_t stop = 0;
	int fd = open("/dev/full", O_WRONLY);

	if (fd >= 0) {	/* Linux: every write fails with ENOSPC */
		csvwrite_init(&w, fd, NULL);
		assert_true(csvwrite_cell_str(&w, "x"));	/* buffered */
		assert_false(csvwrite_flush(&w));
		assert_int_equal(w.error, ENOSPC);
		assert_false(csvwrite_cell_str(&w, "y"));	/* it stays failed */
		assert_false(csvwrite_flush(&w));
		csvwrite_free(&w);
		close(fd);
	}

	int fds[2];
	assert_int_equal(pipe(fds), 0);
	csvwrite_init(&w, fds[1], &stop);
	assert_true(csvwrite_cell_str(&w, "x"));
	stop = SIGTERM;
	assert_false(csvwrite_flush(&w));
	assert_int_equal(w.error, EINTR);
	csvwrite_free(&w);
	close(fds[1]);
	char c;
	assert_int_equal(read(fds[0], &c, 1), 0);	/* nothing went out */
	close(fds[0]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting_and_crlf),
		cmocka_unit_test(test_guard_in_output),
		cmocka_unit_test(test_large_cells),
		cmocka_unit_test(test_write_errors),
	};
	return cmocka_run_group_tests_name("csvwrite", tests, NULL, NULL);
}
