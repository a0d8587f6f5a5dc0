/*
 * report_int: what report.c shares with report_text.c, the report's layout
 * in screen columns.  Not for other modules.
 */
#ifndef SPINELOG_REPORT_INT_H
#define SPINELOG_REPORT_INT_H

#include <stddef.h>

#include "report.h"

/* s, controls as '?', in at most max columns, "..." when cut; returns the
 * columns written. */
size_t report_text_put(struct buf *b, const char *s, size_t max);
/* n spaces. */
void report_text_pad(struct buf *b, size_t n);
/* text wrapped at words to REPORT_WIDTH: the first line indented by indent,
 * the lines after it by hang more; nothing for "". */
void report_text_hanging(struct buf *b, size_t indent, size_t hang, const char *text);
void report_text_wrapped(struct buf *b, size_t indent, const char *text);
/* A line of REPORT_WIDTH c. */
void report_text_rule(struct buf *b, char c);
/* A blank line, title (and right at the right edge), a rule of '-'. */
void report_text_heading(struct buf *b, const char *title, const char *right);
/* "Name          value": the value cut to fit the line, or wrapped under
 * itself, never cut (report_text_field_wrapped). */
void report_text_field(struct buf *b, const char *name, const char *value);
void report_text_field_wrapped(struct buf *b, const char *name, const char *value);

#endif
