/*
 * scr_case.h: what the case screen's two files share (private to them):
 * scr_case.c draws the case and takes its keys; scr_case_gate.c holds the
 * phase gate and the reason dialogs (n/a, override) it opens.
 */
#ifndef SPINELOG_SCR_CASE_H
#define SPINELOG_SCR_CASE_H

#include "casestate.h"
#include "ui_app.h"

struct case_state {
	int64_t id;
	struct casestate *cs;
	enum phase view;
	size_t sel, top;	/* within the phase in view */
	int rows;		/* list rows at the last draw (the banner may grow) */
	char err[300];
	/* the item a dialog was opened for and its entry then: once that entry
	 * changes (saved), the cursor moves on to the next item */
	const char *pending_key;
	int64_t pending_cur;
	bool pending;
};

/* The phase gate: what blocks the next phase, or the question to start it
 * (or to close the case after the post-procedure phase). */
enum outcome scr_case_gate(struct app *a, struct case_state *s);
/* The reason dialog for marking the item n/a (na) or overriding it. */
enum outcome scr_case_ask_reason(struct app *a, struct case_state *s,
    const struct item_state *is, bool na);

#endif
