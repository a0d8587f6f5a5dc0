/*
 * The action table (see ui_keys.h).  Keys follow DESIGN.md section 5 and the
 * conventions of mutt, calcurse and less that nurses and IT staff may know:
 * j/k and arrows move, g/G first/last, Enter opens or records, Esc cancels,
 * ? helps, / searches, q goes back.  Every common action is one key, so the
 * program can be used with one hand.
 */
#include "ui_keys.h"

#include "util.h"

/* One row per action.  The array is sized by the enum, so a forgotten row is
 * a row of zeros, not a compile error: tests/unit/test_keys.c checks that
 * every row has keys, contexts, a key name and a help line, and that no key
 * means two things on one screen. */
const struct action_def ui_actions[ACT__COUNT] = {
	[ACT_NONE] = {0, {0}, "", NULL, ""},
	[ACT_UP] = {CTX_LIST, {UK_UP, 'k'}, "Up, k", NULL, "move up"},
	[ACT_DOWN] = {CTX_LIST, {UK_DOWN, 'j'}, "Down, j", NULL, "move down"},
	[ACT_PGUP] = {CTX_LIST, {UK_PGUP}, "PgUp", NULL, "one page up"},
	[ACT_PGDN] = {CTX_LIST, {UK_PGDN}, "PgDn", NULL, "one page down"},
	[ACT_FIRST] = {CTX_LIST, {'g', UK_HOME}, "g, Home", NULL, "go to the first line"},
	[ACT_LAST] = {CTX_LIST, {'G', UK_END}, "G, End", NULL, "go to the last line"},

	[ACT_NEW] = {CTX_WORKLIST, {'n'}, "n", "new", "new case: patient, procedure, side, level"},
	[ACT_OPEN] = {CTX_WORKLIST, {UK_ENTER}, "Enter", "open", "open the selected case"},
	[ACT_SEARCH] = {CTX_WORKLIST, {'/'}, "/", "find", "find cases by MRN or name "
	    "(any day); t back to today"},
	[ACT_PREV_DAY] = {CTX_WORKLIST, {'['}, "[", "[ ] day", "the previous day"},
	[ACT_NEXT_DAY] = {CTX_WORKLIST, {']'}, "]", NULL, "the next day"},
	[ACT_TODAY] = {CTX_WORKLIST, {'t'}, "t", NULL, "back to today"},
	[ACT_EXPORT] = {CTX_WORKLIST, {'x'}, "x", "export", "export the shown day as CSV"},
	[ACT_CANCEL_CASE] = {CTX_WORKLIST, {'c'}, "c", "cancel", "cancel the selected case "
	    "(a reason is asked)"},

	[ACT_DONE] = {CTX_CASE, {' '}, "Space", "done", "mark a check item done, a time of the "
	    "procedure or after now; other kinds open their entry"},
	[ACT_RECORD] = {CTX_CASE, {UK_ENTER}, "Enter", "record", "record the selected item "
	    "(a repeat item: one more entry)"},
	[ACT_NA] = {CTX_CASE, {'a'}, "a", "n/a", "not applicable, with a reason"},
	[ACT_AMEND] = {CTX_CASE, {'e'}, "e", "amend", "correct the selected entry, with a reason; "
	    "the old value stays in the history"},
	[ACT_OVERRIDE] = {CTX_CASE, {'o'}, "o", NULL, "pass a blocking item (hard stop, "
	    "time-out) with a reason; shown [!] after"},
	[ACT_HISTORY] = {CTX_CASE, {'h'}, "h", "history", "history of the selected item"},
	[ACT_CASE_HISTORY] = {CTX_CASE | CTX_SUMMARY, {'H'}, "H", NULL, "history of the whole case"},
	[ACT_NEXT_PHASE] = {CTX_CASE, {'>'}, ">", "next phase", "start the next phase (post: "
	    "close the case); lists what blocks it"},
	[ACT_PREV_VIEW] = {CTX_CASE, {UK_LEFT}, "Left", NULL, "look at the previous phase"},
	[ACT_NEXT_VIEW] = {CTX_CASE, {UK_RIGHT, UK_TAB}, "Right, Tab", NULL,
	    "look at the next phase"},

	[ACT_REPORT] = {CTX_CASE, {'p'}, "p", NULL, "print: save the case report (as 'spinelog "
	    "report') to a file and say where"},
	[ACT_NEXT_OPEN] = {CTX_CASE, {'n'}, "n", "next open", "jump to the next open item of "
	    "the phase (after a save the cursor goes there by itself)"},
	[ACT_INFO] = {CTX_CASE, {'i'}, "i", "item", "the whole of the selected item: label, "
	    "hint and source, unit, limits, rule, stop answers, value"},

	[ACT_TO_CONFIRM] = {CTX_TIMEOUT, {UK_ENTER}, "Enter", "confirmed", "the prompt read "
	    "aloud is confirmed (after the last one: record the team present)"},
	[ACT_TO_STOP] = {CTX_TIMEOUT, {'!'}, "!", "STOP", "no: stop the time-out (a reason, "
	    "then a deliberate confirmation)"},
	[ACT_YES] = {CTX_CONFIRM, {'y', 'Y'}, "y", "yes", "yes: confirm"},
	[ACT_NO] = {CTX_CONFIRM, {'n', 'N'}, "n", "no", "no"},
	[ACT_ARM_SWITCH] = {CTX_ARM, {UK_RIGHT, UK_LEFT, UK_TAB, UK_BTAB}, "Right, Left, Tab",
	    "choose", "move between \"Go back\" (where it starts) and the action; Enter "
	    "does what is highlighted"},

	[ACT_NEXT_FIELD] = {CTX_FORM, {UK_TAB, UK_DOWN}, "Tab, Down", "next field",
	    "the next field"},
	[ACT_PREV_FIELD] = {CTX_FORM, {UK_BTAB, UK_UP}, "S-Tab, Up", NULL, "the previous field"},
	[ACT_SUBMIT] = {CTX_FORM | CTX_PICK | CTX_SIGNIN | CTX_LOCK | CTX_ALERT | CTX_ARM,
	    {UK_ENTER}, "Enter", "ok", "accept (in a form: next field, and save from the last; "
	    "in a deliberate confirmation: what is highlighted)"},
	[ACT_CYCLE_PREV] = {CTX_FORM, {UK_LEFT}, "Left", NULL, "previous choice; in text, cursor "
	    "left"},
	[ACT_CYCLE_NEXT] = {CTX_FORM, {UK_RIGHT}, "Right", NULL, "next choice; in text, cursor "
	    "right"},
	[ACT_DEL_BACK] = {CTX_FORM, {UK_BACKSPACE}, "Backspace", NULL, "delete the character "
	    "before the cursor"},
	[ACT_DEL_CHAR] = {CTX_FORM, {UK_DEL}, "Delete", NULL, "delete the character under the "
	    "cursor"},
	[ACT_LINE_START] = {CTX_FORM, {UK_HOME}, "Home", NULL, "cursor to the start of the text"},
	[ACT_LINE_END] = {CTX_FORM, {UK_END}, "End", NULL, "cursor to the end of the text"},
	[ACT_CLEAR_FIELD] = {CTX_FORM, {UK_CTRL_U}, "Ctrl-U", "clear", "clear the field"},
	/* typed in text; an action only in a fixed choice (see ui_keys_lookup) */
	[ACT_CYCLE_CHOICE] = {CTX_FORM, {' '}, "Space", NULL, "in a fixed choice (shown < >), "
	    "the next choice"},
	[ACT_PICK_N] = {CTX_PICK, {'1', '2', '3', '4', '5', '6', '7', '8', '9'}, "1-9", NULL,
	    "choose the item with that number"},

	[ACT_LOCK] = {CTX_WORKLIST | CTX_CASE | CTX_HISTORY | CTX_TIMEOUT | CTX_SUMMARY, {'L'}, "L", "lock",
	    "lock the screen now (it also locks by itself after --lock-after idle minutes); "
	    "a staff code unlocks"},
	[ACT_CLOSE] = {CTX_ALERT, {UK_ESC}, "Esc", "close", "close the message (Enter too; "
	    "in the phase gate Enter goes to the first item that blocks)"},
	[ACT_ESC] = {CTX_FORM | CTX_PICK | CTX_CONFIRM | CTX_HISTORY | CTX_HELP | CTX_TIMEOUT |
	    CTX_SUMMARY | CTX_ARM,
	    {UK_ESC}, "Esc", "cancel", "cancel the input or dialog (nothing is saved)"},
	[ACT_HELP] = {CTX_ALL, {'?', UK_F1}, "?, F1", "help", "this help (in a form: F1, or ? "
	    "in an empty field)"},
	[ACT_BACK] = {CTX_SIGNIN | CTX_WORKLIST | CTX_CASE | CTX_HISTORY | CTX_HELP | CTX_TIMEOUT |
	    CTX_SUMMARY, {'q'}, "q",
	    "back", "back; on the worklist, quit (asks first); on the sign-in "
	    "screen, quit"},

	/* notes and addenda (scr_note.c), the summary of a case (scr_summary.c) */
	[ACT_NOTE] = {CTX_CASE, {'N'}, "N", "note", "write a note on the selected item (an "
	    "answer that says 'in a note' needs one)"},
	[ACT_SUMMARY] = {CTX_CASE, {'S'}, "S", NULL, "the case's summary: flagged, overridden, "
	    "n/a, notes, addenda"},
	[ACT_ADDENDUM] = {CTX_SUMMARY, {'A'}, "A", "addendum", "add a late entry to a case that "
	    "has ended: item, text and why it is late"},
	[ACT_CHECKLIST] = {CTX_SUMMARY, {UK_ENTER}, "Enter", "checklist", "show the whole "
	    "checklist of the case"},
};

const struct ctx_def ui_contexts[] = {
	{CTX_ALL, "Everywhere"},
	{CTX_SIGNIN, "Sign-in screen"},
	{CTX_LIST, "Lists"},
	{CTX_WORKLIST, "Worklist"},
	{CTX_CASE, "Case screen"},
	{CTX_SUMMARY, "Case summary"},
	{CTX_TIMEOUT, "Time-out"},
	{CTX_HISTORY, "History"},
	{CTX_FORM, "Forms and entry dialogs"},
	{CTX_PICK, "Pick lists"},
	{CTX_CONFIRM, "Questions"},
	{CTX_ARM, "Deliberate confirmations"},
	{CTX_ALERT, "Messages"},
	{CTX_LOCK, "Lock screen"},
	{CTX_HELP, "Help screen"},
};
const size_t ui_ncontexts = ARRAY_SIZE(ui_contexts);

static bool
printable(int key)
{
	return key >= ' ' && key < UK_BASE && key != 0x7f;
}

enum action
ui_keys_lookup(unsigned ctx, int key, bool text)
{
	if (text && printable(key))
		return ACT_NONE;
	for (int a = 1; a < ACT__COUNT; a++) {
		const struct action_def *d = &ui_actions[a];
		if (!(d->ctx & (ctx | CTX_ALL)))
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(d->keys) && d->keys[i]; i++)
			if (d->keys[i] == key)
				return (enum action)a;
	}
	return ACT_NONE;
}

bool
ui_action_edits(enum action act)
{
	switch (act) {
	case ACT_DONE:
	case ACT_RECORD:
	case ACT_NA:
	case ACT_AMEND:
	case ACT_OVERRIDE:
	case ACT_NEXT_PHASE:
	case ACT_NEXT_OPEN:
	case ACT_NOTE:
		return true;
	default:
		return false;
	}
}
