/* Worklist import: parse (csvread: libcsv, strict), validate every row, then import all at once. */
#include "import.h"

#include <stdarg.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "csvread.h"
#include "db.h"
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

/* A count of characters, or -1 when s holds a control character. */
static long
text_chars(const char *s)
{
	long n = 0;
	for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
		if (*u < 0x20 || *u == 0x7f)
			return -1;
		if (*u == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F)	/* C1 controls */
			return -1;
		n += (*u & 0xC0) != 0x80;
	}
	return n;
}

static const char *
check_text(const char *s, long max, bool required)
{
	static char msg[128];
	long n = text_chars(s);
	if (n < 0)
		return "contains a control character (tab, newline, escape...); remove it";
	if (n == 0 && required)
		return "is empty; it is required";
	if (n > max) {
		snprintf(msg, sizeof msg, "is %ld characters long; at most %ld are allowed", n, max);
		return msg;
	}
	return NULL;
}

const char *
import_check_side(const char *s, char *out, size_t n)
{
	static const char *const sides[][2] = {
		{"left", "left"}, {"l", "left"}, {"right", "right"}, {"r", "right"},
		{"bilateral", "bilateral"}, {"b", "bilateral"}, {"midline", "midline"},
		{"m", "midline"}, {"n/a", "n/a"}, {"na", "n/a"}, {"", "n/a"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(sides); i++) {
		if (strcasecmp(s, sides[i][0]) == 0) {
			snprintf(out, n, "%s", sides[i][1]);
			return NULL;
		}
	}
	return "must be left, right, bilateral, midline or n/a (or L, R, B, M)";
}

/* One vertebra: C1-C7, T1-T12, L1-L5, S1-S5, or Co (coccyx). Returns the
 * characters used, 0 when s does not start with one. */
static size_t
vertebra(const char *s, char *out)
{
	static const struct {
		char region;
		int max;
	} regions[] = {{'C', 7}, {'T', 12}, {'L', 5}, {'S', 5}};
	char r = (char)toupper((unsigned char)s[0]);

	if (r == 'C' && (s[1] == 'o' || s[1] == 'O')) {
		strcpy(out, "Co");
		return 2;
	}
	for (size_t i = 0; i < ARRAY_SIZE(regions); i++) {
		if (regions[i].region != r || !isdigit((unsigned char)s[1]))
			continue;
		int v = s[1] - '0';
		size_t used = 2;
		if (isdigit((unsigned char)s[2])) {
			v = v * 10 + (s[2] - '0');
			used = 3;
		}
		if (v < 1 || v > regions[i].max)
			return 0;
		snprintf(out, 8, "%c%d", r, v);
		return used;
	}
	return 0;
}

const char *
import_check_level(const char *s, char *out, size_t n)
{
	char a[8], b[8];
	size_t k;

	if (*s == '\0') {
		snprintf(out, n, "%s", "");
		return NULL;
	}
	if ((k = vertebra(s, a)) == 0)
		goto bad;
	if (s[k] == '\0') {
		snprintf(out, n, "%s", a);
		return NULL;
	}
	if (s[k] != '-' || vertebra(s + k + 1, b) == 0 || s[k + 1 + vertebra(s + k + 1, b)] != '\0')
		goto bad;
	snprintf(out, n, "%s-%s", a, b);
	return NULL;
bad:
	return "is not a spinal level: use one vertebra (S1, L5, T12, C7, Co) or a pair "
	    "(L4-L5, L5-S1)";
}

const char *
import_check_dob(const char *s)
{
	char today[11];
	if (!clock_valid_date(s))
		return "is not a date: use YYYY-MM-DD, e.g. 1950-03-31";
	clock_local_day(0, today);
	if (strcmp(s, today) > 0)
		return "is in the future; check the date of birth";
	if (strcmp(s, "1880-01-01") < 0)
		return "is before 1880; check the date of birth";
	return NULL;
}

const char *
import_check_scheduled(const char *s)
{
	char date[11];
	int h, m, used = 0;

	if (strlen(s) != 16 || s[10] != ' ')
		goto bad;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!clock_valid_date(date) || sscanf(s + 11, "%2d:%2d%n", &h, &m, &used) != 2 ||
	    used != 5 || s[13] != ':' || h < 0 || h > 23 || m < 0 || m > 59)
		goto bad;
	return NULL;
bad:
	return "is not a time: use YYYY-MM-DD HH:MM (local, 24-hour), e.g. 2026-11-26 08:30";
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

/* Validate one data row into a case; false (with problems) when invalid. */
static bool
check_row(const char *name, const struct csvread_row *r, const int map[COL__COUNT],
    const struct catalog *cat, struct case_info *c, struct import_result *res)
{
	size_t before = res->nproblems;
	const char *why;
	char side[16], level[16];

	static const struct {
		enum col col;
		long max;
	} texts[] = {{COL_MRN, 32}, {COL_NAME, 100}, {COL_WHO, 100}};
	for (size_t i = 0; i < ARRAY_SIZE(texts); i++) {
		enum col col = texts[i].col;
		if ((why = check_text(field(r, map, col), texts[i].max, columns[col].required)))
			problem(res, name, r->line, "%s %s", columns[col].name, why);
	}
	if ((why = import_check_dob(field(r, map, COL_DOB))))
		problem(res, name, r->line, "dob '%.40s' %s", field(r, map, COL_DOB), why);
	const struct checklist *cl = catalog_find(cat, field(r, map, COL_PROC));
	if (cl == NULL) {
		char *keys = valid_keys(cat);
		problem(res, name, r->line, "procedure '%.60s' is not a checklist key; valid keys: "
		    "%s", field(r, map, COL_PROC), keys);
		free(keys);
	}
	if ((why = import_check_side(field(r, map, COL_SIDE), side, sizeof side)))
		problem(res, name, r->line, "side '%.40s' %s", field(r, map, COL_SIDE), why);
	if ((why = import_check_level(field(r, map, COL_LEVEL), level, sizeof level)))
		problem(res, name, r->line, "level '%.40s' %s", field(r, map, COL_LEVEL), why);
	const char *at = field(r, map, COL_AT);
	char unscheduled[17];
	if (*at == '\0') {
		/* No time in the schedule: today, time unknown ("--:--" sorts first). */
		clock_local_day(0, unscheduled);
		strcpy(unscheduled + 10, " --:--");
		at = unscheduled;
	} else if ((why = import_check_scheduled(at))) {
		problem(res, name, r->line, "scheduled_at '%.40s' %s", at, why);
	}
	if (res->nproblems != before)
		return false;

	c->mrn = xstrdup(field(r, map, COL_MRN));
	c->name = xstrdup(field(r, map, COL_NAME));
	c->dob = xstrdup(field(r, map, COL_DOB));
	c->proc_key = xstrdup(cl->key);
	c->side = xstrdup(side);
	c->level = xstrdup(level);
	c->proceduralist = xstrdup(field(r, map, COL_WHO));
	c->scheduled_at = xstrdup(at);
	return true;
}

static int
already_present(struct db *db, const struct case_info *c, bool *present, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM cases WHERE mrn = :mrn AND proc_key = :proc"
	    " AND scheduled_at = :at LIMIT 1", err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, c->mrn);
	db_bind_text(st, 2, c->proc_key);
	db_bind_text(st, 3, c->scheduled_at);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, "looking for an existing case", err);
	*present = rc == SQLITE_ROW;
	return ST_OK;
}

/* Write the validated cases in one transaction. */
static int
write_cases(struct db *db, const struct catalog *cat, struct case_info *cases, size_t n,
    const char *name, const char *staff_code, struct import_result *res, struct err *err)
{
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
		bool present = false;
		if (already_present(db, &cases[i], &present, err) != ST_OK)
			goto fail;
		if (present) {
			res->present++;
			continue;
		}
		if (case_insert(db, &cases[i], staff_code, reason, err) != ST_OK)
			goto fail;
		res->imported++;
	}
	if (db_commit(db, err) != ST_OK)
		res->imported = res->present = 0;
	goto out;
fail:
	db_rollback(db);
	res->imported = res->present = 0;
out:
	free(reason);
	return err->status;
}

int
import_worklist(struct db *db, const struct catalog *cat, const char *name, const char *data,
    size_t size, const char *staff_code, struct import_result *res, struct err *err)
{
	struct csvread_table t = {0};
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
		for (size_t i = 1; i < t.nrows; i++)
			if (check_row(name, &t.rows[i], map, cat, &cases[ncases], res))
				ncases++;
	}
	if (res->nproblems == 0 && ncases == 0)
		problem(res, name, t.nrows ? t.rows[0].line : 1, "the file has a header but no "
		    "cases");
	if (res->nproblems == 0)
		write_cases(db, cat, cases, ncases, name, staff_code, res, err);
	csvread_free(&t);
	for (size_t i = 0; i < ncases; i++)
		case_clear(&cases[i]);
	free(cases);
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
