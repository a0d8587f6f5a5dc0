/*
 * scr_note: the note form on an item of an open case (N), the note an
 * answer asks for ("deficit - describe in a note"), the marks the case
 * screen draws for notes, and the addendum dialogs on a case that has ended
 * (A on its summary): pick the item, type the late entry and why it is late.
 * chart.c saves each as one event; nothing here changes an entry.
 */
#ifndef SPINELOG_SCR_NOTE_H
#define SPINELOG_SCR_NOTE_H

#include "casestate.h"
#include "ui_app.h"

/* N on the case screen: the note form for item is of case cs (refused, with
 * a message, on a case that has ended). */
enum outcome scr_note_open(struct app *a, const struct casestate *cs, const struct item_state *is);
/* After an answer to it was saved: when the answer asks for a note and the
 * item has none, the note form becomes a->next (OUT_POP_MODAL pushes it). */
void scr_note_after_save(struct app *a, const struct casestate *cs, const struct item *it,
    const char *value);
/* The one-character mark at the left of an item's row: "*" when it has
 * notes, "" when not. */
const char *scr_note_mark(const struct item_state *is);
/* Append to *val (allocated, may be NULL) what the hint line says of the
 * item's notes: "note needed" or its latest note. */
void scr_note_hint(const struct item_state *is, char **val);

/* A on the summary: the addendum dialogs for case cs (refused on a case that
 * is still open). */
enum outcome scr_addendum_open(struct app *a, const struct casestate *cs);

#endif
