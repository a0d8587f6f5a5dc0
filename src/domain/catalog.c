/*
 * catalog: the current checklist of each procedure.  The built-in files are
 * compiled into the binary (schema/checklists/KEY.csv); a nurse manager's
 * site folder may replace any of them or add procedures.  A site file with
 * any error is refused whole and the built-in of that key stays in force, so
 * a bad edit never leaves a procedure without a checklist; the errors go
 * back to the caller for display.  The drug table and the hold table
 * (schema/drugs.csv, schema/holds.csv) are loaded the same way, from the
 * same folder.
 */
#include "checklist.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "drugtab.h"
#include "embedded.h"
#include "fileio.h"
#include "holdtab.h"
#include "util.h"

#define BUILTIN_PREFIX "schema/checklists/"

static bool
is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
catalog_site_dir(bool *explicit)
{
	const char *env = getenv("SPINELOG_CHECKLISTS");
	*explicit = false;
	if (env != NULL && *env != '\0') {
		*explicit = true;
		return xstrdup(env);
	}
	/* Without an absolute $XDG_CONFIG_HOME or $HOME there is no user folder
	 * (a relative one would depend on where spinelog was started). */
	char *dir = file_xdg_path("XDG_CONFIG_HOME", ".config", "spinelog/checklists");
	if (dir[0] == '/' && is_dir(dir))
		return dir;
	free(dir);
	if (is_dir("/etc/spinelog/checklists"))
		return xstrdup("/etc/spinelog/checklists");
	return NULL;
}

static const char *
base_name(const char *path)
{
	const char *base = strrchr(path, '/');
	return base ? base + 1 : path;
}

bool
catalog_is_table(const char *path)
{
	const char *base = base_name(path);
	return strcmp(base, CATALOG_DRUGS) == 0 || strcmp(base, CATALOG_HOLDS) == 0;
}

/* Parse one table (by its file name) into the catalogue, replacing the one
 * there; a table with any problem leaves the one in force. */
static void
table_put(struct catalog *cat, const char *file, const char *name, const char *data,
    size_t size, struct cl_errors *errs)
{
	if (strcmp(base_name(file), CATALOG_DRUGS) == 0) {
		struct drugtab *t;
		if (drugtab_parse(name, data, size, &t, errs) == ST_OK) {
			drugtab_free(cat->drugs);
			cat->drugs = t;
		}
	} else {
		struct holdtab *t;
		if (holdtab_parse(name, data, size, &t, errs) == ST_OK) {
			holdtab_free(cat->holds);
			cat->holds = t;
		}
	}
}

/* The key of a file name "KEY.csv", or NULL when it is not one. */
static char *
key_of(const char *path)
{
	const char *base = base_name(path);
	size_t n = strlen(base);
	if (n <= 4 || strcmp(base + n - 4, ".csv") != 0)
		return NULL;
	return xstrndup(base, n - 4);
}

static int
by_key(const void *a, const void *b)
{
	const struct checklist *x = *(struct checklist *const *)a;
	const struct checklist *y = *(struct checklist *const *)b;
	return strcmp(x->key, y->key);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Put cl in the catalogue, replacing one of the same key. */
static void
catalog_put(struct catalog *cat, struct checklist *cl)
{
	for (size_t i = 0; i < cat->n; i++) {
		if (strcmp(cat->v[i]->key, cl->key) == 0) {
			checklist_free(cat->v[i]);
			cat->v[i] = cl;
			return;
		}
	}
	cat->v = xreallocarray(cat->v, cat->n + 1, sizeof *cat->v);
	cat->v[cat->n++] = cl;
}

static void
load_builtins(struct catalog *cat, struct cl_errors *errs)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		if (strcmp(f->name, "schema/" CATALOG_DRUGS) == 0 ||
		    strcmp(f->name, "schema/" CATALOG_HOLDS) == 0) {
			char *name = xasprintf("built-in:%s", base_name(f->name));
			table_put(cat, f->name, name, f->data, f->size, errs);
			free(name);
			continue;
		}
		if (strncmp(f->name, BUILTIN_PREFIX, strlen(BUILTIN_PREFIX)) != 0)
			continue;
		char *key = key_of(f->name);
		if (key == NULL)
			continue;
		char *name = xasprintf("built-in:%s", key);
		struct checklist *cl;
		/* A broken built-in is a build bug the unit tests catch; at the
		 * bedside, report it rather than stop the program. */
		if (checklist_parse(name, key, f->data, f->size, &cl, errs) == ST_OK)
			catalog_put(cat, cl);
		free(name);
		free(key);
	}
}

static int
load_site(struct catalog *cat, const char *dir, struct cl_errors *errs, struct err *err)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;

	if (d == NULL)
		return err_set(err, errno == ENOENT ? ST_NOINPUT : ST_IOERR,
		    "site checklist folder %s: %s; unset SPINELOG_CHECKLISTS or create the "
		    "folder; the built-in checklists are in force", dir, strerror(errno));
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		size_t len = strlen(e->d_name);
		/* Hidden files include spreadsheet lock files (.~lock.X.csv#). */
		if (e->d_name[0] == '.' || len <= 4 || strcmp(e->d_name + len - 4, ".csv") != 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		char *data, *key = key_of(names[i]);
		size_t size;
		struct err ferr = {0};
		struct checklist *cl;
		if (file_read(names[i], CL_MAX_SIZE, &data, &size, &ferr) != ST_OK)
			cl_errors_add(errs, names[i], 0, 0, "%s", ferr.msg);
		else if (catalog_is_table(names[i]))
			table_put(cat, names[i], names[i], data, size, errs);
		else if (checklist_parse(names[i], key, data, size, &cl, errs) == ST_OK)
			catalog_put(cat, cl);
		free(data);
		free(key);
		free(names[i]);
	}
	free(names);
	return ST_OK;
}

int
catalog_load(struct catalog *cat, struct cl_errors *errs, struct err *err)
{
	bool explicit;
	char *dir = catalog_site_dir(&explicit);
	int rc = ST_OK;

	*cat = (struct catalog){0};
	err->status = ST_OK;
	load_builtins(cat, errs);
	if (dir != NULL)
		rc = load_site(cat, dir, errs, err);
	free(dir);
	if (cat->n > 1)
		qsort(cat->v, cat->n, sizeof *cat->v, by_key);
	return rc;
}

const struct checklist *
catalog_find(const struct catalog *cat, const char *key)
{
	for (size_t i = 0; i < cat->n; i++)
		if (strcmp(cat->v[i]->key, key) == 0)
			return cat->v[i];
	return NULL;
}

void
catalog_free(struct catalog *cat)
{
	if (cat == NULL)
		return;
	for (size_t i = 0; i < cat->n; i++)
		checklist_free(cat->v[i]);
	free(cat->v);
	drugtab_free(cat->drugs);
	holdtab_free(cat->holds);
	*cat = (struct catalog){0};
}

int
catalog_parse_file(const char *path, struct checklist **out, struct cl_errors *errs)
{
	char *data, *key = key_of(path);
	size_t size;
	struct err err = {0};
	int rc;

	*out = NULL;
	if (key == NULL) {
		cl_errors_add(errs, path, 0, 0, "a checklist file name ends in .csv; its name "
		    "without .csv is the procedure key");
		return ST_DATAERR;
	}
	rc = file_read(path, CL_MAX_SIZE, &data, &size, &err);
	if (rc != ST_OK) {
		cl_errors_add(errs, path, 0, 0, "%s", err.msg);
		free(key);
		return rc;
	}
	rc = checklist_parse(path, key, data, size, out, errs);
	free(data);
	free(key);
	return rc;
}

int
catalog_parse_table(const char *path, struct catalog *into, struct cl_errors *errs)
{
	char *data;
	size_t size, before = errs->n;
	struct err err = {0};

	if (!catalog_is_table(path)) {
		cl_errors_add(errs, path, 0, 0, "a table file is named " CATALOG_DRUGS " or "
		    CATALOG_HOLDS);
		return ST_DATAERR;
	}
	int rc = file_read(path, CL_MAX_SIZE, &data, &size, &err);
	if (rc != ST_OK) {
		cl_errors_add(errs, path, 0, 0, "%s", err.msg);
		return rc;
	}
	table_put(into, path, path, data, size, errs);
	free(data);
	return errs->n > before ? ST_DATAERR : ST_OK;
}
