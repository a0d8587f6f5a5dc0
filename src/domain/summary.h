/*
 * summary: what a case that has ended holds, in lines for a screen.
 *
 * A closed (or cancelled) case opens on this summary: how it ended, who
 * ended it and when; what was flagged (flag words, stop answers, failed
 * cross-checks, early observations, a stopped time-out); what was
 * overridden and why; what was n/a and why; the notes; the addenda, marked
 * as such with their time and reason; then every entry in force, phase by
 * phase.  Lines are wrapped to the width asked, so nothing is cut off.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_SUMMARY_H
#define SPINELOG_SUMMARY_H

#include <stddef.h>

#include "casestate.h"

enum summary_tone { SUM_TEXT, SUM_HEAD, SUM_WARN, SUM_DIM, SUM_ADDENDUM };

struct summary_line {
	enum summary_tone tone;
	char *text;
};

struct summary {
	struct summary_line *v;
	size_t n, cap;
};

/* Fill out with the summary of cs, lines at most width columns (>= 40). */
void summary_build(const struct casestate *cs, int width, struct summary *out);
void summary_clear(struct summary *s);

/* One addendum or note event as one line of text: "ADDENDUM 14:05 QA
 * Pain NRS: 3/10 (reason: found on ward round)".  Caller frees. */
char *summary_event_text(const struct casestate *cs, const struct cs_event *e);

#endif
