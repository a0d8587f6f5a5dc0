/*
 * csvwrite: CSV out to a file descriptor, one cell at a time.  Every cell is
 * quoted by libcsv's csv_write(), rows end in CRLF, and a cell a spreadsheet
 * would take for a formula gets a leading apostrophe (csvwrite_guard_needed).
 * Cells go through one buffer flushed with write(2), so memory depends on
 * the largest cell, not on the number of rows, and a write error is seen
 * where it happens, with its errno.
 *
 *	struct csvwrite w;
 *	csvwrite_init(&w, fd, stop);
 *	ok = csvwrite_cell(&w, s, n) && ... && csvwrite_end_row(&w);
 *	ok = ok && csvwrite_flush(&w);
 *	if (!ok) word w.error (file_strerror)
 *	csvwrite_free(&w);
 *
 * Base layer: never prints.
 */
#ifndef SPINELOG_CSVWRITE_H
#define SPINELOG_CSVWRITE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

struct csvwrite {
	int fd;
	int error;		/* errno of the first failed write, 0 = none */
	volatile sig_atomic_t *stop;	/* set by a signal handler: stop (EINTR) */
	char *buf;
	size_t len, cap;
	char *scratch;		/* a guarded cell: "'" + cell */
	size_t scratch_cap;
	bool in_row;		/* a cell was written since the last end of row */
};

/* Start writing to fd; stop may be NULL.  Nothing is written yet. */
void csvwrite_init(struct csvwrite *w, int fd, volatile sig_atomic_t *stop);

/* Bytes as they are, e.g. a byte-order mark. */
bool csvwrite_raw(struct csvwrite *w, const void *p, size_t n);

/* One cell of n bytes, quoted, after a comma unless it starts the row. */
bool csvwrite_cell(struct csvwrite *w, const char *s, size_t n);
bool csvwrite_cell_str(struct csvwrite *w, const char *s);

/* End the row: CRLF. */
bool csvwrite_end_row(struct csvwrite *w);

/* Write out what is buffered.  Every function returns false once a write
 * failed (w->error says why) or stop was set (w->error is EINTR). */
bool csvwrite_flush(struct csvwrite *w);

/* Free the buffers (it does not flush or close fd). */
void csvwrite_free(struct csvwrite *w);

/*
 * Does this cell need a leading apostrophe?  True when it starts with = + -
 * @ TAB CR or LF, unless the whole cell is a plain number: an optional '-',
 * digits, and optionally '.' and digits.  Quoting alone does not stop a
 * spreadsheet from evaluating =1+2 (DESIGN §6).
 */
bool csvwrite_guard_needed(const char *s, size_t n);

#endif
