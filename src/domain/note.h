/*
 * note: the rules for the text of a note and of an addendum.
 *
 * A note is free text on an item of an open case; an addendum is a late
 * entry on a case that has ended, with the reason it comes late (chart.h
 * saves both).  The reason of an addendum must say something, by the one
 * rule every reason follows (casestate_reason_check), so that a stray
 * keystroke ("x", "ok") is never taken for a reason.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_NOTE_H
#define SPINELOG_NOTE_H

#include <stdbool.h>

#include "checklist.h"
#include "util.h"

#define NOTE_MAX 500		/* characters of a note, an addendum or its reason */

/* Text of a note or of an addendum: something visible, valid UTF-8, no
 * control or invisible character, at most NOTE_MAX characters. */
int note_text(const char *s, struct err *err);
/* The reason of an addendum: note_text, and casestate_reason_check. */
int note_reason(const char *s, struct err *err);

/* Whether this answer of a choice item asks for a note: its option says so
 * ("deficit - describe in a note", "yes - agent and last dose in a note"). */
bool note_asked(const struct item *it, const char *value);

#endif
