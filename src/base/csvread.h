/*
 * csvread: split CSV bytes into rows of fields with libcsv in strict mode,
 * keeping for each field the physical line where it starts, so that errors
 * can say FILE:LINE:COLUMN (libcsv reports no positions).  Any importer of
 * a hand-edited CSV file can use it.  Domain layer: never prints.
 */
#ifndef SPINELOG_CSVREAD_H
#define SPINELOG_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

struct csvread_field {
	char *s;		/* NUL-terminated copy (may hold a NUL: compare len) */
	size_t len;
	int line;		/* physical line where the field starts, from 1 */
};

struct csvread_row {
	struct csvread_field *f;
	size_t n;
	int line;		/* line of its first field */
};

/* Blank lines, and lines of only spaces and tabs, make no row. */
struct csvread_table {
	struct csvread_row *rows;
	size_t nrows;
};

struct csvread_error {
	int line, column;	/* column = the field's number in its row, from 1 */
	const char *msg;	/* static text */
};

/*
 * Parse data (RFC 4180: CRLF, LF or CR line ends; "" inside quotes;
 * unquoted fields trimmed of spaces and tabs).  Returns true, or false after a
 * syntax error (a stray quote, or a quoted field never closed, reported where
 * it starts) with *e filled; the rows completed before the error stay in t.
 * Free t with csvread_free in both cases.
 */
bool csvread_parse(const char *data, size_t size, struct csvread_table *t,
    struct csvread_error *e);
void csvread_free(struct csvread_table *t);

#endif
