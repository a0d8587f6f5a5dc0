/*
 * report_int: what the two parts of the report share (not for other
 * modules): report.c writes the header and the phases, report_sections.c
 * the sections after them.  The helpers write into the 80-column text.
 */
#ifndef SPINELOG_REPORT_INT_H
#define SPINELOG_REPORT_INT_H

#include <stddef.h>

#include "casestate.h"
#include "util.h"

/* Append s, control characters as '?', cut to max characters ("..."). */
size_t report_put(struct buf *b, const char *s, size_t max);
/* text wrapped: the first line indented by indent, the rest by hang more */
void report_hanging(struct buf *b, size_t indent, size_t hang, const char *text);
void report_wrapped(struct buf *b, size_t indent, const char *text);
/* "HH:MM" on the case's day, else "YYYY-MM-DD HH:MM" */
void report_local_time(const char *utc, const char *day, char out[20]);
void report_heading(struct buf *b, const char *title, const char *right);
char *report_value_text(const struct item *it, const struct cs_event *e);
/* The sections after the phases, down to the notes and addenda. */
void report_sections(struct buf *b, const struct casestate *cs, const char *day,
    const char *printed_at);

#endif
