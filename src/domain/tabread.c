/*
 * tabread: a named-column CSV table, read strictly and reported in full, for
 * the drug and hold tables (drugtab.c, holdtab.c).  The checklist parser has
 * its own row logic (meta rows, phases) but shares the cell rules here, so a
 * cell a checklist refuses is refused in a table too, in the same words.
 */
#include "tabread.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "num.h"
#include "util.h"

bool
tabread_cell_problem(const char *s, size_t len, char *msg, size_t size)
{
	if (strlen(s) != len) {
		snprintf(msg, size, "contains a NUL byte: save the file as UTF-8 text");
		return true;
	}
	if (!utf8_valid(s, len)) {
		snprintf(msg, size, "not valid UTF-8: save the file as \"CSV UTF-8\" (not "
		    "Latin-1 or UTF-16)");
		return true;
	}
	const unsigned char *p = (const unsigned char *)s + text_control_at(s);
	if (*p == '\n' || *p == '\r') {
		snprintf(msg, size, "contains a line break: keep each field on one line");
		return true;
	}
	if (*p != '\0') {	/* C0 or DEL, or C1 (0xC2 then the code point) */
		snprintf(msg, size, "contains a control character (U+%04X): remove it",
		    (unsigned)(*p == 0xC2 ? p[1] : *p));
		return true;
	}
	return false;
}

bool
tabread_number(const char *s, double *out)
{
	const char *p = s;
	bool digits = false;

	if (*p == '+' || *p == '-')
		p++;
	while (*p >= '0' && *p <= '9')
		p++, digits = true;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++, digits = true;
	}
	if (!digits || *p != '\0')
		return false;
	*out = num_strtod(s, NULL);
	return isfinite(*out);
}

void
tabread_error(struct cl_errors *errs, const struct tabread *t, const struct tabread_row *r,
    size_t col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cl_errors_add(errs, t->name, r->line[col] ? r->line[col] : r->row_line, r->col[col],
	    "%s", msg);
}

void
tabread_keep(struct tabfile *f, const char *name, const char *data, size_t size)
{
	f->source = xstrdup(strncmp(name, "built-in:", 9) == 0 ? "built-in" : name);
	f->content = xstrndup(data, size);
	f->size = size;
}

void
tabread_file_clear(struct tabfile *f)
{
	free(f->source);
	free(f->content);
	*f = (struct tabfile){0};
}

bool
tabread_row_blank(const struct csvread_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->f[i].len > 0)
			return false;
	return true;
}

/* Every cell of a row clean; each problem reported. */
static bool
row_clean(const char *name, const struct csvread_row *row, struct cl_errors *errs)
{
	bool ok = true;
	char msg[200];
	for (size_t i = 0; i < row->n; i++) {
		if (tabread_cell_problem(row->f[i].s, row->f[i].len, msg, sizeof msg)) {
			cl_errors_add(errs, name, row->f[i].line, (int)i + 1, "%s", msg);
			ok = false;
		}
	}
	return ok;
}

static void
column_list(struct buf *b, const struct tabread_col *cols, size_t ncols)
{
	for (size_t k = 0; k < ncols; k++)
		buf_printf(b, "%s%s%s", k ? "," : "", cols[k].name, cols[k].required ? "" : "?");
}

/* The header: every column named once, none unknown, the required ones all
 * there.  col_of[k] is the field index of column k, -1 when absent. */
static bool
header_read(const char *name, const struct csvread_row *h, const struct tabread_col *cols,
    size_t ncols, int col_of[TABREAD_MAX_COLS], struct cl_errors *errs)
{
	bool ok = true;
	struct buf list = {0};

	column_list(&list, cols, ncols);
	for (size_t k = 0; k < ncols; k++)
		col_of[k] = -1;
	for (size_t i = 0; i < h->n; i++) {
		size_t k = 0;
		while (k < ncols && strcmp(h->f[i].s, cols[k].name) != 0)
			k++;
		if (k == ncols) {
			cl_errors_add(errs, name, h->f[i].line, (int)i + 1, "unknown column '%.40s': "
			    "the first row names the columns %s (? = optional)", h->f[i].s, list.data);
			ok = false;
		} else if (col_of[k] >= 0) {
			cl_errors_add(errs, name, h->f[i].line, (int)i + 1, "column '%s' appears "
			    "twice (first as column %d)", cols[k].name, col_of[k] + 1);
			ok = false;
		} else {
			col_of[k] = (int)i;
		}
	}
	for (size_t k = 0; k < ncols; k++) {
		if (cols[k].required && col_of[k] < 0) {
			cl_errors_add(errs, name, h->line, 0, "column '%s' is missing from the header "
			    "row (%s; ? = optional)", cols[k].name, list.data);
			ok = false;
		}
	}
	buf_free(&list);
	return ok;
}

bool
tabread_parse(const char *name, const char *data, size_t size,
    const struct tabread_col *cols, size_t ncols, struct tabread *t, struct cl_errors *errs)
{
	struct csvread_table *csv = xcalloc(1, sizeof *csv);
	struct csvread_error cerr;
	int col_of[TABREAD_MAX_COLS];
	size_t first = 0, before = errs->n;

	*t = (struct tabread){.name = name, .csv = csv};
	if (ncols > TABREAD_MAX_COLS)
		die("tabread: %zu columns", ncols);
	if (size > TABREAD_MAX_SIZE) {
		cl_errors_add(errs, name, 0, 0, "the file is %zu bytes; the limit is %d KiB", size,
		    TABREAD_MAX_SIZE / 1024);
		return false;
	}
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)	/* "CSV UTF-8" */
		data += 3, size -= 3;
	if (!csvread_parse(data, size, csv, &cerr)) {
		cl_errors_add(errs, name, cerr.line, cerr.column, "%s", cerr.msg);
		return false;
	}
	while (first < csv->nrows && tabread_row_blank(&csv->rows[first]))
		first++;
	if (first == csv->nrows) {
		struct buf list = {0};
		column_list(&list, cols, ncols);
		cl_errors_add(errs, name, 1, 0, "the file is empty: the first row names the "
		    "columns %s (? = optional)", list.data);
		buf_free(&list);
		return false;
	}
	const struct csvread_row *h = &csv->rows[first];
	if (!row_clean(name, h, errs) || !header_read(name, h, cols, ncols, col_of, errs))
		return false;
	for (size_t ri = first + 1; ri < csv->nrows; ri++) {
		const struct csvread_row *row = &csv->rows[ri];
		if (tabread_row_blank(row))
			continue;
		if (row->n != h->n) {
			cl_errors_add(errs, name, row->line, row->n < h->n ? (int)row->n :
			    (int)h->n + 1, "this row has %zu fields but the header has %zu: check "
			    "for a missing or extra comma", row->n, h->n);
			continue;
		}
		if (!row_clean(name, row, errs))
			continue;
		if (t->n == TABREAD_MAX_ROWS) {
			cl_errors_add(errs, name, row->line, 0, "more than %d rows", TABREAD_MAX_ROWS);
			break;
		}
		t->rows = xreallocarray(t->rows, t->n + 1, sizeof *t->rows);
		struct tabread_row *r = &t->rows[t->n++];
		memset(r, 0, sizeof *r);
		r->row_line = row->line;
		for (size_t k = 0; k < ncols; k++) {
			const struct csvread_field *f = col_of[k] >= 0 ? &row->f[col_of[k]] : NULL;
			r->v[k] = f ? f->s : "";
			r->line[k] = f ? f->line : row->line;
			r->col[k] = col_of[k] + 1;
		}
	}
	if (t->n == 0 && errs->n == before) {
		cl_errors_add(errs, name, h->line, 0, "the table has no rows: one row per entry "
		    "under the header");
		return false;
	}
	return true;
}

void
tabread_free(struct tabread *t)
{
	if (t == NULL)
		return;
	csvread_free(t->csv);
	free(t->csv);
	free(t->rows);
	t->rows = NULL;
	t->csv = NULL;
	t->n = 0;
}
