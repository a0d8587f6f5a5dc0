/*
 * checklist_parse_int: what the two parts of the checklist parser share:
 * checklist_parse.c reads the file (header, meta rows, phases, what a whole
 * checklist needs) and checklist_items.c the columns of one item row.  The
 * columns, the row being read and how a problem is reported at its place.
 * Not for other modules.
 */
#ifndef SPINELOG_CHECKLIST_PARSE_INT_H
#define SPINELOG_CHECKLIST_PARSE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"
#include "csvread.h"

enum column {
	COL_PHASE, COL_KEY, COL_LABEL, COL_KIND, COL_UNIT, COL_LOW, COL_HIGH,
	COL_CHOICES, COL_REQUIRED, COL_STOP, COL_REPEAT, COL_HINT,
	COL_WHEN, COL_MUST,	/* optional: files written before them stay valid */
	COL__COUNT
};
#define COL_FIRST_OPTIONAL COL_WHEN
/* The names of the columns in the header row. */
extern const char *const checklist_columns[COL__COUNT];

struct ctx {
	const char *name;
	struct cl_errors *errs;
	int ncols;
	int col_of[COL__COUNT];	/* 0-based field index of each column */
	const struct csvread_row *row;
};

#define ERR(c, col, ...) \
	cl_errors_add((c)->errs, (c)->name, fld(c, col)->line, (c)->col_of[col] + 1, __VA_ARGS__)

static inline const struct csvread_field *
fld(const struct ctx *c, enum column col)
{
	/* An optional column the file does not have reads as empty, at the
	 * row's first field. */
	return &c->row->f[c->col_of[col] >= 0 ? c->col_of[col] : 0];
}

static inline const char *
val(const struct ctx *c, enum column col)
{
	return c->col_of[col] >= 0 ? fld(c, col)->s : "";
}

/* A label-like column: not empty, at most max characters; what names it in
 * the error ("label", "title"). */
bool checklist_items_label_check(struct ctx *c, enum column col, const char *what, size_t max);

/* Check an item row's columns (c->row) and fill it; every problem is
 * reported. */
void checklist_items_read(struct ctx *c, struct item *it);

#endif
