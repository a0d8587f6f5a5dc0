/*
 * csvread: CSV bytes to rows of fields, each field with the physical line it
 * starts on.  libcsv does the splitting in strict mode (reliability.md §4);
 * this file feeds it one physical line at a time so that it knows the line
 * of every field start, which libcsv itself does not report.
 */
#include "csvread.h"

#include <csv.h>
#include <string.h>

#include "util.h"

struct reader {
	struct csvread_table *t;
	struct csvread_row cur;
	int line;		/* physical line of the chunk being fed */
	int start;		/* line where the current field started, 0 = not yet */
	bool row_ended;		/* between rows: line breaks start no field */
};

static void
on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	struct csvread_field f = {.len = len, .line = r->start > 0 ? r->start : r->line};

	f.s = xmalloc(len + 1);
	if (len > 0 && s != NULL)
		memcpy(f.s, s, len);
	f.s[len] = '\0';
	r->cur.f = xreallocarray(r->cur.f, r->cur.n + 1, sizeof *r->cur.f);
	r->cur.f[r->cur.n++] = f;
	r->start = 0;
	r->row_ended = false;
}

static void
on_row(int c, void *data)
{
	struct reader *r = data;
	struct csvread_table *t = r->t;
	(void)c;
	if (r->cur.n > 0) {
		r->cur.line = r->cur.f[0].line;
		t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof *t->rows);
		t->rows[t->nrows++] = r->cur;
	}
	r->cur = (struct csvread_row){0};
	r->start = 0;
	r->row_ended = true;
}

static void
row_free(struct csvread_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		free(row->f[i].s);
	free(row->f);
}

void
csvread_free(struct csvread_table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nrows; i++)
		row_free(&t->rows[i]);
	free(t->rows);
	t->rows = NULL;
	t->nrows = 0;
}

static bool
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

bool
csvread_parse(const char *data, size_t size, struct csvread_table *t,
    struct csvread_error *e)
{
	struct csv_parser p;
	struct reader r = {.t = t, .line = 1, .row_ended = true};
	bool ok = true;

	*t = (struct csvread_table){0};
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		die("csv_init failed");
	for (size_t i = 0; i < size;) {
		/* One chunk: up to and including the next CR or LF. */
		size_t j = i;
		while (j < size && data[j] != '\n' && data[j] != '\r')
			j++;
		size_t n = (j < size ? j + 1 : j) - i;
		/* Between rows, a line of only blanks starts no field (libcsv
		 * skips it); anything else on it does. */
		if (r.start == 0 && (!r.row_ended || !blank(data + i, n)))
			r.start = r.line;
		if (csv_parse(&p, data + i, n, on_field, on_row, &r) != n) {
			/* csv_error() before anything else: csv_fini would reset
			 * it (reliability.md §4, gotcha 1). */
			int err = csv_error(&p);
			e->line = r.line;
			e->column = (int)r.cur.n + 1;
			e->msg = err == CSV_EPARSE ?
			    "stray double quote: a field that holds a quote must be enclosed "
			    "in double quotes, with each inner quote doubled (\"\")" :
			    "cannot read the file as CSV (out of memory or a field too big)";
			ok = false;
			break;
		}
		/* A field begun in this chunk and still open (a quoted field
		 * with a line break) started on this line. */
		if (r.start == 0 && !r.row_ended)
			r.start = r.line;
		i += n;
		char last = data[i - 1];
		if (last == '\n' || (last == '\r' && (i == size || data[i] != '\n')))
			r.line++;
	}
	/* Without CSV_STRICT_FINI an unclosed quote would pass silently
	 * (gotcha 2); on an earlier error, the partial row is dropped. */
	if (ok && csv_fini(&p, on_field, on_row, &r) != 0) {
		e->line = r.start > 0 ? r.start : r.line;
		e->column = (int)r.cur.n + 1;
		e->msg = "a quoted field is never closed: add the closing double quote";
		ok = false;
	}
	csv_free(&p);
	row_free(&r.cur);
	return ok;
}
