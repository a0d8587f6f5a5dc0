/* Worklist import: parse (csvread: libcsv, strict), validate every row, then import all at once. */
#include "import.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "csvread.h"
#include "db.h"
#include "entry.h"
#include "record.h"

enum col { COL_MRN, COL_NAME, COL_DOB, COL_PROC, COL_SIDE, COL_LEVEL, COL_WHO, COL_AT, COL__COUNT };

static const struct {
	const char *name;
	bool required;
} columns[COL__COUNT] = {
	[COL_MRN] = {"mrn", true}, [COL_NAME] = {"name", true}, [COL_DOB] = {"dob", true},
	[COL_PROC] = {"procedure", true}, [COL_SIDE] = {"side", false},
	[COL_LEVEL] = {"level", false}, [COL_WHO] = {"proceduralist", false},
	[COL_AT] = {"scheduled_at", false},
};

static void
problem(struct import_result *res, const char *name, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(struct import_result *res, const char *name, int line, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	res->problems = xreallocarray(res->problems, res->nproblems + 1, sizeof *res->problems);
	res->problems[res->nproblems++] = xasprintf("%s:%d: %s", name, line, msg);
}

/* Map header names to columns; report missing or repeated ones. */
static bool
map_header(const char *name, const struct csvread_row *hdr, int map[COL__COUNT],
    struct import_result *res)
{
	bool ok = true;
	for (int c = 0; c < COL__COUNT; c++)
		map[c] = -1;
	for (size_t i = 0; i < hdr->n; i++) {
		const char *h = hdr->f[i].s;
		while (*h == ' ')
			h++;
		for (int c = 0; c < COL__COUNT; c++) {
			size_t len = strlen(columns[c].name);
			if (strncasecmp(h, columns[c].name, len) != 0 ||
			    h[len + strspn(h + len, " ")] != '\0')
				continue;
			if (map[c] >= 0) {
				problem(res, name, hdr->line, "the column '%s' appears twice in the "
				    "header", columns[c].name);
				ok = false;
			}
			map[c] = (int)i;
		}
	}
	for (int c = 0; c < COL__COUNT; c++) {
		if (columns[c].required && map[c] < 0) {
			problem(res, name, hdr->line, "the header has no '%s' column; the header row "
			    "must name at least mrn, name, dob and procedure", columns[c].name);
			ok = false;
		}
	}
	return ok;
}

static const char *
field(const struct csvread_row *r, const int map[COL__COUNT], enum col c)
{
	return map[c] >= 0 && (size_t)map[c] < r->n ? r->f[map[c]].s : "";
}

static char *
valid_keys(const struct catalog *cat)
{
	struct buf b = {0};
	for (size_t i = 0; i < cat->n; i++) {
		buf_puts(&b, i ? ", " : "");
		buf_puts(&b, cat->v[i]->key);
	}
	return b.data ? b.data : xstrdup("(none)");
}

/* A refused field (rc not ST_OK) as FILE:LINE: column: the reason from entry.c. */
static void
refused(struct import_result *res, const char *name, const struct csvread_row *r, enum col col,
    int rc, const struct err *why)
{
	if (rc != ST_OK)
		problem(res, name, r->line, "%s: %s", columns[col].name, why->msg);
}

/*
 * Validate one data row into a case; false (with problems) when invalid.
 * Every field is checked by the rule the new-case form uses (entry.c); what
 * is the import's own is that an optional column may be empty: no
 * proceduralist yet, and no time (today, time unknown: "--:--" sorts first).
 */
static bool
check_row(const char *name, const struct csvread_row *r, const int map[COL__COUNT],
    const struct catalog *cat, struct case_info *c, struct import_result *res)
{
	size_t before = res->nproblems;
	struct err why = {0};
	const char *side = NULL, *who = field(r, map, COL_WHO), *at = field(r, map, COL_AT);
	char today[11], level[ENTRY_LEVEL_LEN], unscheduled[17];

	clock_local_day(0, today);
	refused(res, name, r, COL_MRN, entry_mrn(field(r, map, COL_MRN), &why), &why);
	refused(res, name, r, COL_NAME, entry_name(field(r, map, COL_NAME), &why), &why);
	refused(res, name, r, COL_DOB, entry_dob(field(r, map, COL_DOB), today, &why), &why);
	const struct checklist *cl = catalog_find(cat, field(r, map, COL_PROC));
	if (cl == NULL) {
		char *keys = valid_keys(cat);
		problem(res, name, r->line, "procedure: '%.60s' is not a checklist key; valid keys: "
		    "%s", field(r, map, COL_PROC), keys);
		free(keys);
	}
	refused(res, name, r, COL_SIDE, entry_side(field(r, map, COL_SIDE), &side, &why), &why);
	refused(res, name, r, COL_LEVEL, entry_level(field(r, map, COL_LEVEL), level, &why),
	    &why);
	if (*who != '\0')
		refused(res, name, r, COL_WHO, entry_proceduralist(who, &why), &why);
	if (*at == '\0') {
		snprintf(unscheduled, sizeof unscheduled, "%s --:--", today);
		at = unscheduled;
	} else {
		refused(res, name, r, COL_AT, entry_sched_at(at, &why), &why);
	}
	if (res->nproblems != before)
		return false;

	c->mrn = xstrdup(field(r, map, COL_MRN));
	c->name = xstrdup(field(r, map, COL_NAME));
	c->dob = xstrdup(field(r, map, COL_DOB));
	c->proc_key = xstrdup(cl->key);
	c->side = xstrdup(side);
	c->level = xstrdup(level);
	c->proceduralist = xstrdup(who);
	c->scheduled_at = xstrdup(at);
	return true;
}

/* The id of the case of the same MRN, procedure and scheduled time, or 0. */
static int
already_present(struct db *db, const struct case_info *c, int64_t *id, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM cases WHERE mrn = :mrn AND proc_key = :proc"
	    " AND scheduled_at = :at ORDER BY id LIMIT 1", err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, c->mrn);
	db_bind_text(st, 2, c->proc_key);
	db_bind_text(st, 3, c->scheduled_at);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, "looking for an existing case", err);
	return ST_OK;
}

/*
 * A row whose case exists: when the file says something else about it (a
 * corrected side, level, name, birth date or proceduralist), the difference
 * is never ignored: it is a problem naming both, or, with correct, a logged
 * case_correct event.  Only the columns the file has are compared.
 */
static int
compare_present(struct db *db, int64_t id, const struct case_info *row, int line,
    const int map[COL__COUNT], const struct import_opts *opt, struct import_result *res,
    struct err *err)
{
	struct case_info now = {0}, file = *row;
	if (case_current(db, id, &now, err) != ST_OK)
		return err->status;
	if (map[COL_SIDE] < 0)
		file.side = NULL;
	if (map[COL_LEVEL] < 0)
		file.level = NULL;
	if (map[COL_WHO] < 0)
		file.proceduralist = NULL;
	file.scheduled_at = NULL;	/* part of what matched */
	char *diff = case_correction(&now, &file);
	if (diff == NULL) {
		case_clear(&now);
		return ST_OK;
	}
	if (opt->correct) {
		char *why = xasprintf("corrected by worklist import %s, line %d", opt->name, line);
		int rc = case_correct_insert(db, id, diff, opt->staff_code, why, err);
		free(why);
		if (rc == ST_OK)
			res->corrected++;
	} else {
		char *old = case_correction(&file, &now);
		problem(res, opt->name, line, "case %lld (MRN %s) is already present with %s; the "
		    "file says %s: import it with --correct to record the file's values as a "
		    "logged correction, or fix the file", (long long)id, now.mrn, old ? old : "",
		    diff);
		free(old);
	}
	free(diff);
	case_clear(&now);
	return err->status;
}

/* Write the validated cases in one transaction. */
static int
write_cases(struct db *db, const struct catalog *cat, struct case_info *cases, const int *lines,
    size_t n, const int map[COL__COUNT], const struct import_opts *opt,
    struct import_result *res, struct err *err)
{
	const char *name = opt->name, *staff_code = opt->staff_code;
	/* Versions first: interning takes its own transaction. */
	for (size_t i = 0; i < n; i++) {
		if (checklist_version_intern(db, catalog_find(cat, cases[i].proc_key),
		    &cases[i].version_id, err) != ST_OK)
			return err->status;
	}
	char *reason = xasprintf("worklist import %s", name);
	if (db_begin(db, err) != ST_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int64_t id;
		if (already_present(db, &cases[i], &id, err) != ST_OK)
			goto fail;
		if (id != 0) {
			res->present++;
			if (compare_present(db, id, &cases[i], lines[i], map, opt, res, err) != ST_OK)
				goto fail;
			continue;
		}
		if (case_insert(db, &cases[i], staff_code, reason, err) != ST_OK)
			goto fail;
		res->imported++;
	}
	if (res->nproblems > 0)	/* a difference not to be applied: nothing is written */
		goto fail;
	if (db_commit(db, err) != ST_OK)
		res->imported = res->present = res->corrected = 0;
	goto out;
fail:
	db_rollback(db);
	res->imported = res->present = res->corrected = 0;
out:
	free(reason);
	return err->status;
}

int
import_worklist(struct db *db, const struct catalog *cat, const char *name, const char *data,
    size_t size, const char *staff_code, struct import_result *res, struct err *err)
{
	struct import_opts opt = {.name = name, .staff_code = staff_code};
	return import_worklist_opts(db, cat, data, size, &opt, res, err);
}

int
import_worklist_opts(struct db *db, const struct catalog *cat, const char *data, size_t size,
    const struct import_opts *opt, struct import_result *res, struct err *err)
{
	const char *name = opt->name;
	struct csvread_table t = {0};
	int *lines = NULL;
	struct csvread_error ce;
	struct case_info *cases = NULL;
	size_t ncases = 0;
	int map[COL__COUNT];

	memset(res, 0, sizeof *res);
	err->status = ST_OK;
	if (size > IMPORT_MAX_BYTES) {
		problem(res, name, 1, "the file is %zu bytes; a worklist may be at most %u MiB",
		    size, IMPORT_MAX_BYTES >> 20);
		return ST_DATAERR;
	}
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		size -= 3;
	}
	size_t bad = utf8_invalid_at(data, size);
	const char *nul = memchr(data, '\0', size);
	if (nul != NULL && (size_t)(nul - data) < bad)
		bad = (size_t)(nul - data);
	if (bad < size) {
		int line = 1;
		for (size_t i = 0; i < bad; i++)
			line += data[i] == '\n';
		problem(res, name, line, "the file is not UTF-8 text; save it from the spreadsheet "
		    "as \"CSV UTF-8\"");
		return ST_DATAERR;
	}
	if (!csvread_parse(data, size, &t, &ce))
		problem(res, name, ce.line, "CSV syntax: %s (a quote inside a field must be "
		    "doubled, and a quoted field must end with a quote)", ce.msg);
	else if (t.nrows == 0)
		problem(res, name, 1, "the file is empty; it needs a header row naming at least "
		    "mrn, name, dob and procedure");
	if (res->nproblems == 0 && map_header(name, &t.rows[0], map, res)) {
		cases = xcalloc(t.nrows, sizeof *cases);
		lines = xcalloc(t.nrows, sizeof *lines);
		for (size_t i = 1; i < t.nrows; i++)
			if (check_row(name, &t.rows[i], map, cat, &cases[ncases], res))
				lines[ncases++] = t.rows[i].line;
	}
	if (res->nproblems == 0 && ncases == 0)
		problem(res, name, t.nrows ? t.rows[0].line : 1, "the file has a header but no "
		    "cases");
	if (res->nproblems == 0)
		write_cases(db, cat, cases, lines, ncases, map, opt, res, err);
	csvread_free(&t);
	for (size_t i = 0; i < ncases; i++)
		case_clear(&cases[i]);
	free(cases);
	free(lines);
	if (res->nproblems > 0)
		return ST_DATAERR;
	return err->status;
}

void
import_result_clear(struct import_result *res)
{
	for (size_t i = 0; i < res->nproblems; i++)
		free(res->problems[i]);
	free(res->problems);
	memset(res, 0, sizeof *res);
}
