/*
 * ui_keys: the one action table of the interactive program.  Each action has
 * its keys, a name, a footer label and a help line, and the contexts
 * (screens) where it applies.  Key dispatch, the footer, the help screen and
 * the KEYS section of spinelog(1) (make man-keys) all read this table; none
 * of them lists keys of its own, and no screen compares raw key codes: the
 * line editor of the forms and the numbers of the pick lists are actions
 * too.  This header and ui_keys.c do not use curses (keys are UK_* codes,
 * mapped from curses in ui.c), so that the man-page generator
 * src/tools/keydoc.c and the unit test tests/unit/test_keys.c link the table
 * as it is, without ncurses.
 */
#ifndef SPINELOG_UI_KEYS_H
#define SPINELOG_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* Keys that are not characters: above every Unicode code point. */
enum uk {
	UK_BASE = 0x110000,
	UK_UP, UK_DOWN, UK_LEFT, UK_RIGHT, UK_PGUP, UK_PGDN, UK_HOME, UK_END,
	UK_ENTER, UK_ESC, UK_BACKSPACE, UK_DEL, UK_TAB, UK_BTAB, UK_F1, UK_RESIZE,
	UK_CTRL_U,
};

/* Contexts: which screens an action belongs to (a bit set). */
enum ctx {
	CTX_ALL = 1 << 0,	/* every screen */
	CTX_LIST = 1 << 1,	/* screens with a list to move in */
	CTX_WORKLIST = 1 << 2,
	CTX_CASE = 1 << 3,
	CTX_TIMEOUT = 1 << 4,
	CTX_HISTORY = 1 << 5,
	CTX_FORM = 1 << 6,	/* dialogs with typed fields */
	CTX_PICK = 1 << 7,	/* pick one from a list */
	CTX_CONFIRM = 1 << 8,	/* yes/no questions */
	CTX_HELP = 1 << 9,
	CTX_ALERT = 1 << 10,	/* messages that must be read */
	CTX_SIGNIN = 1 << 11,
	CTX_LOCK = 1 << 12,	/* the lock screen */
	CTX_SUMMARY = 1 << 13,	/* the summary of a case (scr_summary) */
	CTX_ARM = 1 << 14,	/* a deliberate confirmation (override, time-out stop) */
};

enum action {
	ACT_NONE,
	ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_FIRST, ACT_LAST,
	ACT_NEW, ACT_OPEN, ACT_SEARCH, ACT_PREV_DAY, ACT_NEXT_DAY, ACT_TODAY, ACT_EXPORT,
	ACT_CANCEL_CASE,
	ACT_DONE, ACT_RECORD, ACT_NA, ACT_AMEND, ACT_OVERRIDE, ACT_HISTORY, ACT_CASE_HISTORY,
	ACT_NEXT_PHASE, ACT_PREV_VIEW, ACT_NEXT_VIEW, ACT_REPORT, ACT_NEXT_OPEN, ACT_INFO,
	ACT_TO_CONFIRM, ACT_TO_STOP,
	ACT_YES, ACT_NO, ACT_ARM_SWITCH,
	ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_SUBMIT, ACT_CYCLE_PREV, ACT_CYCLE_NEXT,
	ACT_DEL_BACK, ACT_DEL_CHAR, ACT_LINE_START, ACT_LINE_END, ACT_CLEAR_FIELD,
	ACT_CYCLE_CHOICE, ACT_PICK_N,
	ACT_LOCK, ACT_CLOSE, ACT_ESC, ACT_HELP, ACT_BACK,
	ACT_NOTE, ACT_SUMMARY, ACT_ADDENDUM, ACT_CHECKLIST,
	ACT__COUNT
};

struct action_def {
	unsigned ctx;		/* enum ctx bits */
	int keys[10];		/* UK_* or a character; 0 ends the list (1-9 needs nine) */
	const char *keyname;	/* as the help and man page write the keys */
	const char *label;	/* footer label, NULL = not in the footer */
	const char *help;	/* one line */
};

extern const struct action_def ui_actions[ACT__COUNT];

/* A context's title in the help screen and man page, and the order they
 * are listed in. */
struct ctx_def {
	unsigned ctx;
	const char *title;
};
extern const struct ctx_def ui_contexts[];
extern const size_t ui_ncontexts;

/*
 * The action of key in context ctx (ACT_NONE when none).  With text true (a
 * screen with a typed field), printable characters are never actions: they
 * are typed.  Two exceptions, where a field has no text to type into: in a
 * fixed choice the form looks the key up again with text false, so Space is
 * ACT_CYCLE_CHOICE; in an empty field the main loop (ui.c) takes '?' as
 * ACT_HELP (CTX_ALL), since a text starting with '?' is not worth a trap.
 */
enum action ui_keys_lookup(unsigned ctx, int key, bool text);

/* Whether an action writes to a case (record, n/a, amend, override, a note,
 * the next phase) or only serves writing (the next open item): the footer
 * of an ended case's checklist leaves these out. */
bool ui_action_edits(enum action act);

#endif
