/* spinelog.conf (config.c): the settings, and every bad file refused with
 * FILE:LINE and what to do. */
#include "testutil.h"

#include "config.h"

static char *dir;

static const char *
write_conf(const char *text)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/spinelog.conf", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static int
setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tu_rmdir(dir);
	return 0;
}

static void
test_settings(void **state)
{
	(void)state;
	struct config c;
	struct err err = {0};
	const char *path = write_conf("# the ward's settings\n"
	    "database = /var/lib/spinelog/ward.db\n"
	    "; a comment\n\n"
	    "export_dir=/srv/audit\n"
	    "lock_after = 3\n"
	    "site = Klinikum M\xc3\xbc" "nchen \xe2\x80\x94 IR ; a trailing comment\n");

	assert_int_equal(config_load(path, true, &c, &err), ST_OK);
	assert_string_equal(c.path, path);
	assert_string_equal(c.database, "/var/lib/spinelog/ward.db");
	assert_string_equal(c.export_dir, "/srv/audit/");
	assert_int_equal(c.lock_after, 3);
	assert_string_equal(c.site, "Klinikum M\xc3\xbcnchen \xe2\x80\x94 IR");
	config_free(&c);
	assert_null(c.site);
	/* an empty file sets nothing */
	assert_int_equal(config_load(write_conf(""), true, &c, &err), ST_OK);
	assert_null(c.database);
	assert_int_equal(c.lock_after, 0);
	config_free(&c);
}

static void
test_missing(void **state)
{
	(void)state;
	struct config c;
	struct err err = {0};
	char *path = xasprintf("%s/none.conf", dir);

	/* the system file may be absent; a file someone named may not */
	assert_int_equal(config_load(path, false, &c, &err), ST_OK);
	assert_null(c.path);
	assert_int_equal(config_load(path, true, &c, &err), ST_CONFIG);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "No such file"));
	assert_non_null(strstr(err.msg, "SPINELOG_CONF"));
	free(path);
}

static void
test_which_file(void **state)
{
	(void)state;
	bool req;

	unsetenv("SPINELOG_CONF");
	assert_string_equal(config_path(NULL, &req), CONFIG_SYSTEM_PATH);
	assert_false(req);
	setenv("SPINELOG_CONF", "/x/y.conf", 1);
	assert_string_equal(config_path(NULL, &req), "/x/y.conf");
	assert_true(req);
	assert_string_equal(config_path("/opt.conf", &req), "/opt.conf");
	assert_true(req);
	setenv("SPINELOG_CONF", "", 1);
	assert_null(config_path(NULL, &req));
	unsetenv("SPINELOG_CONF");
}

static void
test_bad_files(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int line;
		const char *says;
	} cases[] = {
		{"databse = /a.db\n", 1, "unknown setting 'databse'"},
		{"site = A\n# c\ndatabase\n", 3, "not a 'key = value' line"},
		{"[spinelog]\ndatabase = /a.db\n", 2, "no [sections]"},
		{"database = a.db\n", 1, "absolute path"},
		{"export_dir = ~/x\n", 1, "absolute path"},
		{"lock_after = 0\n", 1, "from 1 to 240, not '0'"},
		{"lock_after = 5m\n", 1, "not '5m'"},
		{"lock_after = 241\n", 1, "not '241'"},
		{"site = A\nsite = B\n", 2, "given twice (also on line 1)"},
		{"site =\n", 1, "has no value"},
		{"site = \xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
		    "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
		    "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
		    "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
		    "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
		    "\xe5\xb1\xb1\n", 1, "site is 62 columns"},
		{"site = A\x1b]0;x\n", 1, "control character"},
		{"site = A\xe2\x80\x8b" "B\n", 1, "invisible character"},
		{"site = \xff\n", 1, "not UTF-8"},
		{"database = /a.db\n  /b.db\n", 2, "indented line"},
		/* the first problem, whichever kind it is */
		{"site = A\nnonsense\nfoo = 1\n", 2, "not a 'key = value' line"},
		{"site = A\nfoo = 1\nnonsense\n", 2, "unknown setting 'foo'"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct config c;
		struct err err = {0};
		const char *path = write_conf(cases[i].text);
		char *where = xasprintf("%s:%d: ", path, cases[i].line);
		const char *says = cases[i].says;
		if (config_load(path, false, &c, &err) != ST_CONFIG)
			fail_msg("case %zu: accepted", i);
		if (strncmp(err.msg, where, strlen(where)) != 0 || strstr(err.msg, says) == NULL)
			fail_msg("case %zu: '%s', expected '%s...%s'", i, err.msg, where, says);
		assert_non_null(strstr(err.msg, "spinelog.conf(5)"));
		assert_null(c.path);	/* nothing half-read is left */
		free(where);
	}
	/* a line longer than inih reads at once is refused, not split in two */
	struct buf b = {0};
	buf_puts(&b, "site = A\ndatabase = /");
	for (int i = 0; i < 300; i++)
		buf_puts(&b, "d");
	buf_puts(&b, "\n");
	struct config c;
	struct err err = {0};
	const char *path = write_conf(b.data);
	assert_int_equal(config_load(path, false, &c, &err), ST_CONFIG);
	assert_non_null(strstr(err.msg, ":2: line longer than"));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_which_file),
		cmocka_unit_test(test_bad_files),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
