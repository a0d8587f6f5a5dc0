/*
 * THROWAWAY stub of the checklist loader so that the export links before the
 * real src/checklist.c lands on main.  It parses just enough of a checklist
 * file (header, meta rows, phase/key/label) for the export's item_label
 * column.  Delete this file when merging main with the real loader.
 */
#include "checklist.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

static const char *const phase_names[PHASE__COUNT] = {"pre", "procedure", "post"};

const char *
phase_name(enum phase p)
{
	return (unsigned)p < PHASE__COUNT ? phase_names[p] : "?";
}

bool
phase_parse(const char *s, enum phase *out)
{
	for (int i = 0; i < PHASE__COUNT; i++)
		if (strcmp(s, phase_names[i]) == 0) {
			*out = (enum phase)i;
			return true;
		}
	return false;
}

struct stub_parse {
	struct checklist *cl;
	char *f[3];
	size_t nf;
	int line;
};

static void
stub_field(void *s, size_t n, void *data)
{
	struct stub_parse *p = data;
	if (p->nf < 3)
		p->f[p->nf] = xstrndup(s ? s : "", n);
	p->nf++;
}

static void
stub_row(int c, void *data)
{
	struct stub_parse *p = data;
	enum phase ph;
	(void)c;
	if (++p->line > 1 && p->nf >= 3) {
		if (strcmp(p->f[0], "meta") == 0 && strcmp(p->f[1], "title") == 0) {
			free(p->cl->title);
			p->cl->title = xstrdup(p->f[2]);
		} else if (phase_parse(p->f[0], &ph)) {
			struct checklist *cl = p->cl;
			cl->items = xreallocarray(cl->items, cl->nitems + 1, sizeof *cl->items);
			cl->items[cl->nitems++] = (struct item){.phase = ph,
			    .key = xstrdup(p->f[1]), .label = xstrdup(p->f[2]), .unit = xstrdup(""),
			    .hint = xstrdup(""), .line = p->line};
		}
	}
	for (size_t i = 0; i < 3 && i < p->nf; i++)
		free(p->f[i]);
	p->nf = 0;
}

int
checklist_parse(const char *name, const char *key, const char *data, size_t size,
    struct checklist **out, struct cl_errors *errs)
{
	struct csv_parser csv;
	struct stub_parse p = {.cl = xcalloc(1, sizeof *p.cl)};
	(void)errs;
	p.cl->key = xstrdup(key);
	p.cl->risk = xstrdup("low");
	p.cl->source = xstrdup(name);
	p.cl->content = xstrndup(data, size);
	p.cl->size = size;
	sha256_hex(data, size, p.cl->sha256);
	csv_init(&csv, CSV_APPEND_NULL);
	csv_parse(&csv, data, size, stub_field, stub_row, &p);
	csv_fini(&csv, stub_field, stub_row, &p);
	csv_free(&csv);
	if (p.cl->title == NULL)
		p.cl->title = xstrdup(key);
	*out = p.cl;
	return ST_OK;
}

void
checklist_free(struct checklist *cl)
{
	if (cl == NULL)
		return;
	for (size_t i = 0; i < cl->nitems; i++) {
		free(cl->items[i].key);
		free(cl->items[i].label);
		free(cl->items[i].unit);
		free(cl->items[i].hint);
	}
	free(cl->items);
	free(cl->key);
	free(cl->title);
	free(cl->risk);
	free(cl->source);
	free(cl->content);
	free(cl);
}

const struct item *
checklist_item(const struct checklist *cl, const char *key)
{
	for (size_t i = 0; i < cl->nitems; i++)
		if (strcmp(cl->items[i].key, key) == 0)
			return &cl->items[i];
	return NULL;
}

int
catalog_load(struct catalog *cat, struct cl_errors *errs, struct err *err)
{
	(void)errs;
	memset(cat, 0, sizeof *cat);
	(void)err;
	return ST_OK;
}

const struct checklist *
catalog_find(const struct catalog *cat, const char *key)
{
	(void)cat;
	(void)key;
	return NULL;
}

void
catalog_free(struct catalog *cat)
{
	(void)cat;
}

char *
cl_error_format(const struct cl_error *e)
{
	return xasprintf("%s:%d:%d: %s", e->file, e->line, e->column, e->msg);
}

void
cl_errors_free(struct cl_errors *errs)
{
	(void)errs;
}

int
checklist_version_intern(struct db *db, const struct checklist *cl, int64_t *id,
    struct err *err)
{
	char now[CLOCK_UTC_LEN];
	sqlite3_stmt *st = db_stmt(db, "INSERT OR IGNORE INTO checklist_version (proc_key, sha256,"
	    " source, content, first_used_at) VALUES (:k, :s, :src, :c, :now)", err);
	if (st == NULL)
		return err->status;
	clock_now(now);
	db_bind_text(st, 1, cl->key);
	db_bind_text(st, 2, cl->sha256);
	db_bind_text(st, 3, cl->source);
	sqlite3_bind_blob(st, 4, cl->content, (int)cl->size, SQLITE_TRANSIENT);
	db_bind_text(st, 5, now);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "storing a checklist version", err);
	st = db_stmt(db, "SELECT id FROM checklist_version WHERE sha256 = :s", err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, cl->sha256);
	rc = sqlite3_step(st);
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : db_fail(db, rc, "reading a checklist version", err);
}

int
checklist_version_load(struct db *db, int64_t id, struct checklist **out, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT proc_key, source, content FROM checklist_version"
	    " WHERE id = :id", err);
	if (st == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? err_set(err, ST_DATAERR, "no checklist version %lld",
		    (long long)id) : db_fail(db, rc, "reading a checklist version", err);
	}
	char *key = xstrdup(db_col_text(st, 0)), *src = xstrdup(db_col_text(st, 1));
	char *content = xstrndup(sqlite3_column_blob(st, 2), (size_t)sqlite3_column_bytes(st, 2));
	sqlite3_reset(st);
	checklist_parse(src, key, content, strlen(content), out, NULL);
	free(key);
	free(src);
	free(content);
	return ST_OK;
}
