/* Quoted, formula-guarded CSV cells through one buffer to a file descriptor. */
#include "csvwrite.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "util.h"

#define CSVWRITE_BUF (64 * 1024)

void
csvwrite_init(struct csvwrite *w, int fd, volatile sig_atomic_t *stop)
{
	*w = (struct csvwrite){.fd = fd, .stop = stop, .buf = xmalloc(CSVWRITE_BUF),
	    .cap = CSVWRITE_BUF};
}

bool
csvwrite_flush(struct csvwrite *w)
{
	if (w->error == 0)
		w->error = file_write_all(w->fd, w->buf, w->len, w->stop);
	w->len = 0;
	return w->error == 0;
}

/* Room for n more bytes: flush first, grow only for a cell larger than the
 * buffer (so the buffer's size depends on the largest cell, not the rows). */
static bool
reserve(struct csvwrite *w, size_t n)
{
	if (w->cap - w->len >= n)
		return w->error == 0;
	if (!csvwrite_flush(w))
		return false;
	if (w->cap < n) {
		w->buf = xrealloc(w->buf, n);
		w->cap = n;
	}
	return true;
}

bool
csvwrite_raw(struct csvwrite *w, const void *p, size_t n)
{
	if (!reserve(w, n))
		return false;
	memcpy(w->buf + w->len, p, n);
	w->len += n;
	return true;
}

bool
csvwrite_guard_needed(const char *s, size_t n)
{
	if (n == 0 || s[0] == '\0' || strchr("=+-@\t\r\n", s[0]) == NULL)
		return false;
	if (s[0] != '-')
		return true;
	/* A plain negative number stays a number: -digits or -digits.digits */
	size_t i = 1, digits = 0, frac = 0;
	bool dot = false;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (digits > 0 && i < n && s[i] == '.')
		for (dot = true, i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			frac++;
	bool number = digits > 0 && i == n && (!dot || frac > 0);
	return !number;
}

bool
csvwrite_cell(struct csvwrite *w, const char *s, size_t n)
{
	if (w->in_row && !csvwrite_raw(w, ",", 1))
		return false;
	w->in_row = true;
	if (csvwrite_guard_needed(s, n)) {
		if (w->scratch_cap < n + 1) {
			w->scratch_cap = n + 1 > 256 ? n + 1 : 256;
			w->scratch = xrealloc(w->scratch, w->scratch_cap);
		}
		w->scratch[0] = '\'';
		memcpy(w->scratch + 1, s, n);
		s = w->scratch;
		n++;
	}
	size_t need = 2 * n + 2;	/* every byte a doubled quote, plus the quotes */
	if (!reserve(w, need))
		return false;
	size_t k = csv_write(w->buf + w->len, w->cap - w->len, s, n);
	if (k > w->cap - w->len)
		die("csv_write needed %zu bytes, more than its worst case", k);
	w->len += k;
	return true;
}

bool
csvwrite_cell_str(struct csvwrite *w, const char *s)
{
	return csvwrite_cell(w, s, strlen(s));
}

bool
csvwrite_end_row(struct csvwrite *w)
{
	w->in_row = false;
	return csvwrite_raw(w, "\r\n", 2);
}

void
csvwrite_free(struct csvwrite *w)
{
	free(w->buf);
	free(w->scratch);
	*w = (struct csvwrite){.fd = -1};
}
