/*
 * TEMPORARY development stand-in for checklist.c (branch checklist), so that
 * the bedside program can be built and tried before the real loader lands.
 * Removed at the merge of main.
 */
#include "checklist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

const char *
phase_name(enum phase p)
{
	static const char *const n[] = {"pre", "procedure", "post"};
	return n[p];
}

const char *
phase_title(enum phase p)
{
	static const char *const n[] = {"Pre-procedure", "Procedure", "Post-procedure"};
	return n[p];
}

bool
phase_parse(const char *s, enum phase *out)
{
	for (int p = 0; p < PHASE__COUNT; p++)
		if (strcmp(s, phase_name(p)) == 0) {
			*out = p;
			return true;
		}
	return false;
}

const char *
kind_name(enum item_kind k)
{
	static const char *const n[] = {"check", "number", "choice", "text", "time", "vitals",
	    "med", "timeout"};
	return n[k];
}

struct def {
	enum phase ph;
	const char *key, *label;
	enum item_kind kind;
	const char *unit;
	int lo, hi;
	const char *choices;
	bool req, stop;
	int every, times;
};

static const struct def defs[] = {
	{PHASE_PRE, "identity", "Identity: two identifiers match", KIND_CHECK, "", 0, 0, NULL, 1, 1, 0, 0},
	{PHASE_PRE, "consent", "Consent signed and matches", KIND_CHECK, "", 0, 0, NULL, 1, 1, 0, 0},
	{PHASE_PRE, "allergies", "Allergies", KIND_TEXT, "", 0, 0, NULL, 1, 0, 0, 0},
	{PHASE_PRE, "anticoag", "Anticoagulants", KIND_CHOICE, "", 0, 0, "none|held as planned|continued", 1, 0, 0, 0},
	{PHASE_PRE, "weight", "Weight", KIND_NUMBER, "kg", 40, 150, NULL, 0, 0, 0, 0},
	{PHASE_PRE, "last_meal", "Last meal", KIND_TIME, "", 0, 0, NULL, 0, 0, 0, 0},
	{PHASE_PRE, "vitals_pre", "Baseline vitals", KIND_VITALS, "", 0, 0, NULL, 1, 0, 0, 0},
	{PHASE_PRE, "premed", "Premedication", KIND_MED, "mg", 0, 0, NULL, 0, 0, 0, 0},
	{PHASE_PRE, "site_marked", "Site marked", KIND_CHECK, "", 0, 0, NULL, 1, 1, 0, 0},
	{PHASE_PRE, "timeout", "Time-out", KIND_TIMEOUT, "", 0, 0, "Patient identity confirmed|Procedure and side confirmed|Consent matches", 1, 1, 0, 0},
	{PHASE_PROCEDURE, "steroid", "Steroid injected", KIND_MED, "mg", 0, 0, "methylprednisolone|triamcinolone", 1, 0, 0, 0},
	{PHASE_PROCEDURE, "needle_in", "Needle in", KIND_TIME, "", 0, 0, NULL, 0, 0, 0, 0},
	{PHASE_PROCEDURE, "contrast", "Contrast volume", KIND_NUMBER, "ml", 0, 10, NULL, 0, 0, 0, 0},
	{PHASE_POST, "vitals_post", "Vitals", KIND_VITALS, "", 0, 0, NULL, 1, 0, 15, 2},
	{PHASE_POST, "pain_post", "Pain NRS", KIND_NUMBER, "/10", 0, 10, NULL, 0, 0, 0, 0},
	{PHASE_POST, "discharge", "Discharge criteria met", KIND_CHECK, "", 0, 0, NULL, 1, 1, 0, 0},
};

static struct checklist *
build(const char *key, const char *title)
{
	struct checklist *cl = xcalloc(1, sizeof *cl);
	cl->key = xstrdup(key);
	cl->title = xstrdup(title);
	cl->risk = xstrdup("low");
	cl->source = xstrdup("built-in");
	cl->content = xasprintf("stub:%s", key);
	cl->size = strlen(cl->content);
	snprintf(cl->sha256, sizeof cl->sha256, "%064zx", strlen(key) * 7 + (size_t)key[0]);
	cl->nitems = ARRAY_SIZE(defs);
	cl->items = xcalloc(cl->nitems, sizeof *cl->items);
	for (size_t i = 0; i < cl->nitems; i++) {
		const struct def *d = &defs[i];
		struct item *it = &cl->items[i];
		it->phase = d->ph;
		it->key = xstrdup(d->key);
		it->label = xstrdup(d->label);
		it->kind = d->kind;
		it->unit = xstrdup(d->unit);
		it->has_low = it->has_high = d->kind == KIND_NUMBER && d->hi > 0;
		it->low = d->lo;
		it->high = d->hi;
		it->required = d->req;
		it->stop = d->stop;
		it->repeat_every = d->every;
		it->repeat_times = d->times;
		it->hint = xstrdup("stub hint");
		if (d->choices) {
			char *s = xstrdup(d->choices), *save, *t;
			for (t = strtok_r(s, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
				it->choices = xreallocarray(it->choices, it->nchoices + 1, sizeof(char *));
				it->choices[it->nchoices++] = xstrdup(t);
			}
			free(s);
		}
	}
	return cl;
}

void
checklist_free(struct checklist *cl)
{
	if (cl == NULL)
		return;
	for (size_t i = 0; i < cl->nitems; i++) {
		struct item *it = &cl->items[i];
		free(it->key);
		free(it->label);
		free(it->unit);
		free(it->hint);
		for (size_t j = 0; j < it->nchoices; j++)
			free(it->choices[j]);
		free(it->choices);
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

size_t
checklist_phase_items(const struct checklist *cl, enum phase p, size_t *first)
{
	size_t n = 0;
	*first = 0;
	for (size_t i = 0; i < cl->nitems; i++)
		if (cl->items[i].phase == p) {
			if (n++ == 0)
				*first = i;
		}
	return n;
}

int
catalog_load(struct catalog *cat, struct cl_errors *errs, struct err *err)
{
	(void)errs;
	(void)err;
	cat->n = 2;
	cat->v = xcalloc(2, sizeof *cat->v);
	cat->v[0] = build("sacroplasty", "Sacroplasty");
	cat->v[1] = build("si-joint-injection", "Sacroiliac joint injection");
	return ST_OK;
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
	for (size_t i = 0; i < cat->n; i++)
		checklist_free(cat->v[i]);
	free(cat->v);
	cat->v = NULL;
	cat->n = 0;
}

void
cl_errors_free(struct cl_errors *errs)
{
	(void)errs;
}

int
checklist_version_intern(struct db *db, const struct checklist *cl, int64_t *id, struct err *err)
{
	char now[CLOCK_UTC_LEN];
	clock_now(now);
	sqlite3_stmt *st = db_stmt(db, "INSERT OR IGNORE INTO checklist_version (proc_key, sha256,"
	    " source, content, first_used_at) VALUES (:k, :h, :s, :c, :at)", err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, cl->key);
	db_bind_text(st, 2, cl->sha256);
	db_bind_text(st, 3, cl->source);
	sqlite3_bind_blob(st, 4, cl->content, (int)cl->size, SQLITE_TRANSIENT);
	db_bind_text(st, 5, now);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "interning", err);
	st = db_stmt(db, "SELECT id FROM checklist_version WHERE sha256 = :h", err);
	db_bind_text(st, 1, cl->sha256);
	rc = sqlite3_step(st);
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return ST_OK;
}

int
checklist_version_load(struct db *db, int64_t id, struct checklist **out, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT proc_key FROM checklist_version WHERE id = :id", err);
	if (st == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return err_set(err, ST_DATAERR, "no checklist version %lld", (long long)id);
	}
	char *key = xstrdup(db_col_text(st, 0));
	sqlite3_reset(st);
	*out = build(key, strcmp(key, "sacroplasty") == 0 ? "Sacroplasty" : "Sacroiliac joint injection");
	free(key);
	return ST_OK;
}
