/*
 * report_int: what the parts of the report share (not for other modules):
 * report.c writes the header and the phases, report_sections.c the sections
 * after them, report_text.c lays text out in screen columns.
 */
#ifndef SPINELOG_REPORT_INT_H
#define SPINELOG_REPORT_INT_H

#include <stddef.h>

#include "casestate.h"
#include "report.h"
#include "util.h"

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

/* "HH:MM" on the case's day, else "YYYY-MM-DD HH:MM" */
void report_local_time(const char *utc, const char *day, char out[20]);
char *report_value_text(const struct item *it, const struct cs_event *e);
/* The sections after the phases, down to the notes and addenda. */
void report_sections(struct buf *b, const struct casestate *cs, const char *day,
    const char *printed_at);

#endif
