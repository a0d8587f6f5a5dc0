/* Shared set-up for the cmocka unit tests: a fresh database in a temp folder. */
#ifndef SPINELOG_TESTUTIL_H
#define SPINELOG_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checklist.h"
#include "db.h"
#include "verify.h"

/* A fresh temp folder; the caller removes it with tu_rmdir. */
static inline char *
tu_tempdir(void)
{
	const char *base = getenv("TMPDIR");
	char *t = xasprintf("%s/spinelog-test-XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(t));
	return t;
}

static inline void
tu_rmdir(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

static inline struct db *
tu_open(const char *dir, const char *name)
{
	struct db *db = NULL;
	struct err err = {0};
	char *path = xasprintf("%s/%s", dir, name);
	int rc = db_open(&db, path, DB_CREATE, &err);
	if (rc != ST_OK)
		fail_msg("db_open %s: %s", path, err.msg);
	free(path);
	return db;
}

/* Run SQL through a second, plain connection (as a person with the sqlite3
 * shell would), bypassing spinelog; returns the sqlite result code. */
static inline int
tu_raw_sql(const char *dir, const char *name, const char *sql)
{
	sqlite3 *h;
	char *path = xasprintf("%s/%s", dir, name);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
	free(path);
	return rc;
}

/* Close *db and open dir/name again: a fresh connection sees what another
 * process (the sqlite3 shell) did. */
static inline void
tu_reopen(struct db **db, const char *dir, const char *name)
{
	db_close(*db);
	*db = tu_open(dir, name);
}

/* verify_run, which must run; the verdict is in the report. */
static inline struct verify_report
tu_verify(struct db *db, const char *anchor)
{
	struct verify_report r;
	struct err err = {0};
	if (verify_run(db, anchor, &r, &err) != ST_OK)
		fail_msg("verify_run: %s", err.msg);
	return r;
}

/* The built-in checklists only (SPINELOG_CHECKLISTS points at the empty
 * folder dir), and the one of key.  The caller frees cat. */
static inline const struct checklist *
tu_builtin(struct catalog *cat, const char *dir, const char *key)
{
	struct cl_errors errs = {0};
	struct err err = {0};
	setenv("SPINELOG_CHECKLISTS", dir, 1);
	assert_int_equal(catalog_load(cat, &errs, &err), ST_OK);
	cl_errors_free(&errs);
	const struct checklist *cl = catalog_find(cat, key);
	assert_non_null(cl);
	return cl;
}

#endif
