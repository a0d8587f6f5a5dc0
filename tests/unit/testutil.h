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

#include "casestate.h"
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

/* Write text to the file dir/name. */
static inline void
tu_write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	free(path);
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

/* The built-in checklists only: dir, an empty folder (or one without .csv
 * files), is the site folder. */
static inline void
tu_builtin_catalog(struct catalog *cat, const char *dir)
{
	struct cl_errors errs = {0};
	struct err err = {0};
	setenv("SPINELOG_CHECKLISTS", dir, 1);
	if (catalog_load(cat, &errs, &err) != ST_OK)
		fail_msg("catalog_load: %s", err.msg);
	assert_int_equal(errs.n, 0);
	cl_errors_free(&errs);
}

/* The fixture of tests that create cases: a database in a fresh temp folder,
 * the built-in checklists, and the version of the SI joint injection
 * checklist interned.  cmocka setup and teardown functions. */
struct tu_cases {
	char *dir;
	struct db *db;
	struct catalog cat;
	int64_t version;	/* si-joint-injection's checklist_version.id */
};

static inline int
tu_cases_setup(void **state)
{
	struct tu_cases *f = xcalloc(1, sizeof *f);
	struct err err = {0};
	f->dir = tu_tempdir();
	f->db = tu_open(f->dir, "t.db");
	tu_builtin_catalog(&f->cat, f->dir);
	const struct checklist *cl = catalog_find(&f->cat, "si-joint-injection");
	assert_non_null(cl);
	if (checklist_version_intern(f->db, cl, &f->version, &err) != ST_OK)
		fail_msg("checklist_version_intern: %s", err.msg);
	*state = f;
	return 0;
}

static inline int
tu_cases_teardown(void **state)
{
	struct tu_cases *f = *state;
	catalog_free(&f->cat);
	db_close(f->db);
	tu_rmdir(f->dir);
	free(f);
	return 0;
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

/* A deep copy of n events, for casestate_build (which takes ownership). */
static inline struct cs_event *
tu_events_dup(const struct cs_event *e, size_t n)
{
	struct cs_event *v = xcalloc(n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		v[i] = e[i];
		v[i].phase = xstrdup(e[i].phase);
		v[i].item_key = xstrdup(e[i].item_key);
		v[i].action = xstrdup(e[i].action);
		v[i].value = xstrdup(e[i].value);
		v[i].unit = xstrdup(e[i].unit);
		v[i].flag = xstrdup(e[i].flag);
		v[i].reason = xstrdup(e[i].reason);
		v[i].staff = xstrdup(e[i].staff);
		v[i].terminal = e[i].terminal ? xstrdup(e[i].terminal) : NULL;
	}
	return v;
}

/* A built-in checklist (the embedded catalogue, no site files), parsed anew:
 * the caller frees it with checklist_free. */
static inline struct checklist *
tu_builtin(const char *key)
{
	struct catalog cat = {0};
	struct cl_errors errs = {0};
	struct err err = {0};
	char *dir = tu_tempdir();	/* an empty site folder: built-ins only */
	setenv("SPINELOG_CHECKLISTS", dir, 1);
	assert_int_equal(catalog_load(&cat, &errs, &err), ST_OK);
	assert_int_equal(errs.n, 0);
	const struct checklist *cl = catalog_find(&cat, key);
	assert_non_null(cl);
	struct checklist *copy = NULL;
	assert_int_equal(checklist_parse(cl->source, cl->key, cl->content, cl->size, &copy,
	    &errs), ST_OK);
	catalog_free(&cat);
	cl_errors_free(&errs);
	tu_rmdir(dir);
	return copy;
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
tu_catalog_builtin(struct catalog *cat, const char *dir, const char *key)
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
