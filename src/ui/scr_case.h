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
	bool jump_open;		/* a phase was started: to its first open item */
	char gate_first[CL_MAX_KEY + 1];	/* the first item that blocks the gate */
};

/* The cursor to the next open item of the phase in view from position
 * from (then from the top); it stays when nothing is open. */
void scr_case_next_open(struct case_state *s, size_t from);
/* A dialog opens for item is: once its entry changes, the cursor moves on. */
void scr_case_expect_save(struct case_state *s, const struct item_state *is);

/* The phase gate: what blocks the next phase, or the question to start it
 * (or to close the case after the post-procedure phase). */
enum outcome scr_case_gate(struct app *a, struct case_state *s);
/* The reason dialog for marking the item n/a (na) or overriding it. */
enum outcome scr_case_ask_reason(struct app *a, struct case_state *s,
    const struct item_state *is, bool na);
/* o: override the item, if it blocks a phase: a reason, then a deliberate
 * confirmation that names the item and what it passes. */
enum outcome scr_case_override(struct app *a, struct case_state *s,
    const struct item_state *is);

/* scr_case_info.c: the whole of the selected item (i), and the case report
 * saved to a file (p). */
char *scr_case_value(const struct item_state *is);	/* the value in words, owned */
/* The line under the list for the selected item. */
void scr_case_draw_hint(const struct casestate *cs, const struct item_state *is);
enum outcome scr_case_info(struct app *a, struct case_state *s, const struct item_state *is);
enum outcome scr_case_report(struct app *a, struct case_state *s);
/* Say on the status line what another terminal entered since old. */
void scr_case_notice_others(struct app *a, const struct casestate *old,
    const struct casestate *cs);
/* Enter on the time-out while a pre-procedure hard stop is open: set the
 * message that lists them (Enter there goes to the first) as a->next and
 * return true; false when none is open. */
bool scr_case_stops_first(struct app *a, struct case_state *s);
/* Enter in those messages (ctx: the case screen): the cursor to the item
 * s->gate_first, then close the message. */
enum outcome scr_case_go(struct app *a, void *ctx);

#endif
