/*
 * tabread: the reader of spinelog's small reference tables, the drug table
 * (drugs.csv) and the antithrombotic hold table (holds.csv), which a nurse
 * manager may replace with a site copy edited in a spreadsheet.  The file is
 * CSV (csvread) with a header row naming the columns in any order; every cell
 * is clean one-line UTF-8 text.  Problems are collected as FILE:LINE:COLUMN,
 * as for checklist files, and what the columns mean is left to the table.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_TABREAD_H
#define SPINELOG_TABREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"

#define TABREAD_MAX_COLS 8
#define TABREAD_MAX_SIZE (64 * 1024)
#define TABREAD_MAX_ROWS 500

struct tabread_col {
	const char *name;
	bool required;		/* else the column may be left out of the file */
};

/* One data row: each column's text ("" for an optional column the file
 * lacks), and where it is (column 0 when the file lacks it). */
struct tabread_row {
	const char *v[TABREAD_MAX_COLS];
	int line[TABREAD_MAX_COLS], col[TABREAD_MAX_COLS];
	int row_line;
};

/* Where a table came from and its bytes, kept with the parsed table. */
struct tabfile {
	char *source;		/* "built-in" or the site file's path */
	char *content;		/* the file's bytes, NUL-terminated (show --csv) */
	size_t size;
};
/* Fill f for a table read from data under name ("built-in:..." or a path). */
void tabread_keep(struct tabfile *f, const char *name, const char *data, size_t size);
void tabread_file_clear(struct tabfile *f);

struct csvread_row;
/* A row whose fields are all empty (skipped, as a blank line). */
bool tabread_row_blank(const struct csvread_row *row);

struct tabread {
	const char *name;	/* what errors call the file */
	struct tabread_row *rows;
	size_t n;
	void *csv;		/* the parsed cells the rows point into */
};

/*
 * Read data as a table of the ncols columns cols.  Rows that are blank are
 * skipped; a row with a problem of its own (a field count that differs from
 * the header's, a control character) is reported and left out.  Returns false
 * when the file cannot be read as a table at all (empty, too large, a CSV
 * syntax error, a bad header, no row under the header); every problem is
 * appended to errs.  Free t
 * with tabread_free in both cases.
 */
bool tabread_parse(const char *name, const char *data, size_t size,
    const struct tabread_col *cols, size_t ncols, struct tabread *t, struct cl_errors *errs);
void tabread_free(struct tabread *t);

/* A problem with the cell of column col of row r. */
void tabread_error(struct cl_errors *errs, const struct tabread *t, const struct tabread_row *r,
    size_t col, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* What is wrong with a cell's bytes (a NUL, bad UTF-8, a line break, a
 * control character), in words for a file's author, or false when nothing
 * is; shared with the checklist parser. */
bool tabread_cell_problem(const char *s, size_t len, char *msg, size_t size);

/* A plain decimal number, "2", "0.5", "-1": digits with at most one point,
 * no exponent, no thousands separator (spreadsheets write numbers so). */
bool tabread_number(const char *s, double *out);

#endif
