/*
 * checklist_parse: the strict parser and validator of checklist files
 * (spinelog-checklist(5)), at the level of the file.  csvread.c splits the
 * bytes into fields and says where each starts; this file checks the size,
 * the procedure key, the header row, the meta rows (title, risk, allergy
 * item), the order of the phases and what a whole checklist must have, and
 * collects every problem, so that a nurse manager sees all of them at once.
 * The columns of one item row are checked in checklist_items.c.  A file with
 * any problem is refused whole: a half-loaded checklist at the bedside would
 * be worse than the built-in.
 */
#include "checklist.h"

#include <stdlib.h>
#include <string.h>

#include "checklist_parse_int.h"
#include "csvread.h"
#include "tabread.h"
#include "util.h"

const char *const checklist_columns[COL__COUNT] = {
	"phase", "key", "label", "kind", "unit", "low", "high", "choices", "required",
	"stop", "repeat", "hint", "when", "must",
};
#define COLUMN_LIST "phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint" \
	" (and optionally when,must)"

/* Every field: valid UTF-8, no NUL, no control characters, no line break
 * (the rules of every table spinelog reads: tabread.c). */
static bool
field_clean(struct ctx *c, const struct csvread_row *row, size_t i)
{
	char msg[200];
	if (!tabread_cell_problem(row->f[i].s, row->f[i].len, msg, sizeof msg))
		return true;
	cl_errors_add(c->errs, c->name, row->f[i].line, (int)i + 1, "%s", msg);
	return false;
}

/* The header row: every column named once, no unknown name. */
static bool
header_read(struct ctx *c, const struct csvread_row *row)
{
	bool ok = true;

	for (int i = 0; i < COL__COUNT; i++)
		c->col_of[i] = -1;
	c->ncols = (int)row->n;
	for (size_t i = 0; i < row->n; i++) {
		const char *s = row->f[i].s;
		int col = -1;
		for (int k = 0; k < COL__COUNT; k++)
			if (strcmp(s, checklist_columns[k]) == 0)
				col = k;
		if (col < 0) {
			cl_errors_add(c->errs, c->name, row->f[i].line, (int)i + 1,
			    "unknown column '%.40s': the first row must name the columns "
			    COLUMN_LIST, s);
			ok = false;
		} else if (c->col_of[col] >= 0) {
			cl_errors_add(c->errs, c->name, row->f[i].line, (int)i + 1,
			    "column '%s' appears twice (first as column %d)", s,
			    c->col_of[col] + 1);
			ok = false;
		} else {
			c->col_of[col] = (int)i;
		}
	}
	for (int k = 0; k < COL_FIRST_OPTIONAL; k++) {
		if (c->col_of[k] < 0) {
			cl_errors_add(c->errs, c->name, row->line, 0,
			    "column '%s' is missing from the header row (" COLUMN_LIST ")",
			    checklist_columns[k]);
			ok = false;
		}
	}
	return ok;
}

/* A meta row: "meta,title,LABEL", "meta,risk,low|intermediate|high" or
 * "meta,allergy_item,KEY". */
static void
meta_read(struct ctx *c, struct checklist *cl, bool items_seen)
{
	const char *key = val(c, COL_KEY), *v = val(c, COL_LABEL);

	if (items_seen)
		ERR(c, COL_PHASE, "meta rows (title, risk) must come before the first item");
	for (int k = COL_KIND; k < COL__COUNT; k++)
		if (*val(c, (enum column)k))
			ERR(c, (enum column)k, "a meta row uses only phase, key and label; "
			    "leave %s empty", checklist_columns[k]);
	if (strcmp(key, "title") == 0) {
		if (cl->title != NULL)
			ERR(c, COL_KEY, "the title is given twice");
		else if (checklist_items_label_check(c, COL_LABEL, "title", CL_MAX_LABEL))
			cl->title = xstrdup(v);
	} else if (strcmp(key, "risk") == 0) {
		if (cl->risk != NULL)
			ERR(c, COL_KEY, "the risk class is given twice");
		else if (strcmp(v, "low") && strcmp(v, "intermediate") && strcmp(v, "high"))
			ERR(c, COL_LABEL, "risk class '%s' is not low, intermediate or high", v);
		else
			cl->risk = xstrdup(v);
	} else if (strcmp(key, "allergy_item") == 0) {
		if (cl->allergy_key != NULL) {
			ERR(c, COL_KEY, "the allergy item is given twice");
		} else {
			cl->allergy_key = xstrdup(v);
			cl->allergy_pos = (struct cl_pos){fld(c, COL_LABEL)->line,
			    c->col_of[COL_LABEL] + 1};
		}
	} else {
		ERR(c, COL_KEY, "unknown meta row '%s': use title, risk or allergy_item", key);
	}
}

static bool
proc_key_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > CL_MAX_PROC_KEY || *s == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

static void
rows_check(struct ctx *c, struct csvread_table *r, struct checklist *cl, bool complete)
{
	size_t first = 0;
	enum phase last = PHASE_PRE;
	size_t per_phase[PHASE__COUNT] = {0};
	size_t nitems = 0;
	bool timeout_seen = false;

	while (first < r->nrows && tabread_row_blank(&r->rows[first]))
		first++;
	if (first == r->nrows) {
		if (complete)
			cl_errors_add(c->errs, c->name, 1, 0, "the file is empty: the first row "
			    "names the columns " COLUMN_LIST);
		return;
	}
	bool clean = true;
	for (size_t i = 0; i < r->rows[first].n; i++)
		clean &= field_clean(c, &r->rows[first], i);
	if (!clean || !header_read(c, &r->rows[first]))
		return;

	for (size_t ri = first + 1; ri < r->nrows; ri++) {
		const struct csvread_row *row = &r->rows[ri];
		if (tabread_row_blank(row))
			continue;
		c->row = row;
		if ((int)row->n != c->ncols) {
			cl_errors_add(c->errs, c->name, row->line,
			    (int)row->n < c->ncols ? (int)row->n : c->ncols + 1,
			    "this row has %zu fields but the header has %d: check for a "
			    "missing or extra comma", row->n, c->ncols);
			continue;
		}
		clean = true;
		for (size_t i = 0; i < row->n; i++)
			clean &= field_clean(c, row, i);
		if (!clean) {
			/* Reported; count the item anyway so that its phase is
			 * not also reported empty. */
			enum phase p;
			if (phase_parse(val(c, COL_PHASE), &p))
				per_phase[p]++, nitems++;
			continue;
		}

		const char *ph = val(c, COL_PHASE);
		if (strcmp(ph, "meta") == 0) {
			meta_read(c, cl, nitems > 0);
			continue;
		}
		struct item it = {0};
		if (!phase_parse(ph, &it.phase)) {
			ERR(c, COL_PHASE, "unknown phase '%s': use meta, pre, procedure or post", ph);
			continue;
		}
		if (it.phase < last)
			ERR(c, COL_PHASE, "a %s item after %s items: keep the items grouped in "
			    "the order pre, procedure, post", phase_name(it.phase),
			    phase_name(last));
		else
			last = it.phase;
		checklist_items_read(c, &it);
		const struct item *dup = checklist_item(cl, it.key);
		if (dup != NULL && *it.key)
			ERR(c, COL_KEY, "key '%s' is already used on line %d", it.key, dup->line);
		if (it.kind == KIND_TIMEOUT) {
			if (it.phase != PHASE_PROCEDURE)
				ERR(c, COL_KIND, "the timeout item belongs in the procedure phase");
			else if (timeout_seen)
				ERR(c, COL_KIND, "only one timeout item per checklist");
			timeout_seen = true;
		}
		if (++nitems == CL_MAX_ITEMS + 1)
			cl_errors_add(c->errs, c->name, row->line, 0,
			    "more than %d items: split the checklist", CL_MAX_ITEMS);
		per_phase[it.phase]++;
		cl->items = xreallocarray(cl->items, cl->nitems + 1, sizeof *cl->items);
		cl->items[cl->nitems++] = it;
	}
	if (!complete)
		return;
	checklist_rules_resolve(c->name, cl, c->errs);
	if (cl->title == NULL)
		cl_errors_add(c->errs, c->name, r->rows[first].line + 1, 0,
		    "no title: add a row meta,title,<procedure title> after the header");
	if (cl->risk == NULL)
		cl_errors_add(c->errs, c->name, r->rows[first].line + 1, 0,
		    "no risk class: add a row meta,risk,<low|intermediate|high> after the header");
	for (int p = 0; p < PHASE__COUNT; p++)
		if (per_phase[p] == 0)
			cl_errors_add(c->errs, c->name, 0, 0, "the %s phase has no items: "
			    "every phase needs at least one", phase_name((enum phase)p));
}

int
checklist_parse(const char *name, const char *key, const char *data, size_t size,
    struct checklist **out, struct cl_errors *errs)
{
	struct csvread_table r = {0};
	struct csvread_error cerr;
	struct checklist *cl;
	size_t nerr = errs->n;
	size_t skip = 0;

	*out = NULL;
	if (size > CL_MAX_SIZE) {
		cl_errors_add(errs, name, 0, 0, "the file is %zu bytes; the limit is %d KiB",
		    size, CL_MAX_SIZE / 1024);
		return ST_DATAERR;
	}
	if (!proc_key_valid(key))
		cl_errors_add(errs, name, 0, 0, "the procedure key '%s' (the file name without "
		    ".csv) must be 1 to %d characters of a-z, 0-9 and -", key, CL_MAX_PROC_KEY);
	/* A spreadsheet's "CSV UTF-8" starts with a byte order mark. */
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;

	cl = xcalloc(1, sizeof *cl);
	struct ctx c = {.name = name, .errs = errs};
	bool complete = csvread_parse(data + skip, size - skip, &r, &cerr);
	if (!complete)
		cl_errors_add(errs, name, cerr.line, cerr.column, "%s", cerr.msg);
	rows_check(&c, &r, cl, complete);
	csvread_free(&r);
	if (errs->n > nerr) {
		checklist_free(cl);
		return ST_DATAERR;
	}
	cl->key = xstrdup(key);
	cl->source = xstrdup(strncmp(name, "built-in:", 9) == 0 ? "built-in" : name);
	cl->content = xmalloc(size + 1);
	memcpy(cl->content, data, size);
	cl->content[size] = '\0';
	cl->size = size;
	sha256_hex(data, size, cl->sha256);
	*out = cl;
	return ST_OK;
}
