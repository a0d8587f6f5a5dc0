/*
 * casestate_notes: the notes and addenda of a case.  Neither changes an
 * item's entry or status (casestate.c ignores them while replaying); they
 * are counted here, and an answer that asks for a note ("deficit - describe
 * in a note", note.h) marks its item as needing one until a note on that
 * item is written, before or after the answer.
 */
#include "casestate.h"

#include <string.h>

#include "actions.h"
#include "note.h"

void
casestate_notes(struct casestate *cs)
{
	for (size_t i = 0; i < cs->nev; i++) {
		const struct cs_event *e = &cs->ev[i];
		bool note = strcmp(e->action, ACTION_NOTE) == 0;
		bool addendum = !note && strcmp(e->action, ACTION_ADDENDUM) == 0;
		if (!note && !addendum)
			continue;
		cs->notes += note;
		cs->addenda += addendum;
		struct item_state *is = *e->item_key ?
		    (struct item_state *)casestate_item(cs, e->item_key) : NULL;
		if (is == NULL)
			continue;
		if (note) {
			is->notes++;
			is->note = e;
		}
		is->addenda += addendum;
	}
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		struct item_state *is = &cs->items[i];
		is->needs_note = is->applies && is->notes == 0 && is->cur != NULL &&
		    (strcmp(is->cur->action, ACTION_RECORD) == 0 ||
		    strcmp(is->cur->action, ACTION_AMEND) == 0) &&
		    note_asked(is->it, is->cur->value);
	}
}
