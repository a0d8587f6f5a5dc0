/*
 * report_text: the layout of the plain-text report in screen columns (a CJK
 * character takes two, a combining mark none: util.h text_width), so that
 * every line fits REPORT_WIDTH whatever the script of a name, a label or a
 * reason.  Control characters are shown as '?'.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* Append s with control characters shown as '?', in at most max columns,
 * ending in "..." when cut (buf_cols); returns the columns written. */
size_t
report_text_put(struct buf *b, const char *s, size_t max)
{
	struct buf clean = {0};

	buf_puts(&clean, "");
	for (const char *p = s ? s : ""; *p; ) {
		size_t n = text_control_at(p);
		buf_append(&clean, p, n);
		p += n;
		if (*p != '\0') {	/* C1 is two bytes, C0 and DEL one */
			buf_puts(&clean, "?");
			p += (unsigned char)*p == 0xC2 ? 2 : 1;
		}
	}
	size_t w = buf_cols(b, clean.data, max, false);
	buf_free(&clean);
	return w;
}

void
report_text_pad(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_append(b, " ", 1);
}

/* The bytes of the next line of text in width columns: up to the last space
 * that fits, or cut inside a word longer than the line. */
static size_t
line_end(const char *p, size_t width)
{
	size_t w = 0, cut = 0, i = 0;

	while (p[i] != '\0') {
		uint32_t cp;
		size_t next = (size_t)(utf8_next(p + i, &cp) - p);
		size_t cw = (size_t)text_cp_width(cp);
		if (w + cw > width && i > 0) {
			if (p[i] == ' ')	/* a word that ends the line exactly */
				cut = i;
			break;
		}
		if (p[i] == ' ')
			cut = i;
		w += cw;
		i = next;
	}
	return p[i] != '\0' && cut > 0 ? cut : i;
}

/* Write text wrapped at the report width, the first line from column col
 * (what is before it written already), the lines after it indented by
 * next. */
static void
report_text_wrap_from(struct buf *b, size_t col, size_t next, const char *text)
{
	const char *p = text;

	if (*p == '\0')
		buf_puts(b, "\n");
	for (bool first = true; *p; first = false) {
		size_t width = REPORT_WIDTH - (first ? col : next);
		size_t i = line_end(p, width);
		if (!first)
			report_text_pad(b, next);
		char *line = xstrndup(p, i);
		report_text_put(b, line, width);
		free(line);
		buf_puts(b, "\n");
		p += i;
		while (*p == ' ')
			p++;
	}
}

/* Write text wrapped at the report width: the first line indented by
 * indent, the lines after it by hang more. */
void
report_text_hanging(struct buf *b, size_t indent, size_t hang, const char *text)
{
	if (*text == '\0')
		return;
	report_text_pad(b, indent);
	report_text_wrap_from(b, indent, indent + hang, text);
}

void
report_text_wrapped(struct buf *b, size_t indent, const char *text)
{
	report_text_hanging(b, indent, 0, text);
}

void
report_text_rule(struct buf *b, char c)
{
	for (int i = 0; i < REPORT_WIDTH; i++)
		buf_append(b, &c, 1);
	buf_puts(b, "\n");
}

void
report_text_heading(struct buf *b, const char *title, const char *right)
{
	buf_puts(b, "\n");
	size_t n = report_text_put(b, title, 60);
	if (right != NULL) {
		report_text_pad(b, REPORT_WIDTH - n - text_width(right));
		buf_puts(b, right);
	}
	buf_puts(b, "\n");
	report_text_rule(b, '-');
}

void
report_text_field(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, "%-14s", name);
	report_text_put(b, value, REPORT_WIDTH - 14);
	buf_puts(b, "\n");
}

/* A field whose value is wrapped under itself, never cut. */
void
report_text_field_wrapped(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, "%-14s", name);
	report_text_wrap_from(b, 14, 14, value);
}

