/*
 * ui_app: what the interactive program's files share (curses side only).
 *
 * The program is a stack of screens.  Each screen file exports a descriptor
 * {name, ctx, reload, draw, key, free}: reload reads what the screen shows
 * from the domain (the loop calls it when the screen is new and after every
 * change to the database); draw paints from that state and does no I/O; key
 * changes state and returns an outcome.  Only the main loop in ui.c reloads,
 * draws and applies outcomes.  Modal screens (dialogs) are drawn over the
 * screens below them.  (tig's view_ops keeps open/read apart from draw too.)
 */
#ifndef SPINELOG_UI_APP_H
#define SPINELOG_UI_APP_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "chart.h"
#include "checklist.h"
#include "record.h"
#include "ui.h"
#include "ui_keys.h"

enum outcome {
	OUT_STAY,	/* redraw */
	OUT_PUSH,	/* push app->next over this screen */
	OUT_REPLACE,	/* pop this screen, then push app->next */
	OUT_POP,	/* close this screen */
	OUT_POP_MODAL,	/* close every dialog down to the first full screen */
	OUT_UNLOCK,	/* close the lock screen and the dialogs above it */
	OUT_QUIT,
};

struct app;

struct screen {
	const char *name;
	unsigned ctx;		/* enum ctx: which actions apply, and the footer */
	bool modal;		/* a dialog drawn over the screen below */
	bool text;		/* has typed fields: printable keys are typed */
	void (*reload)(struct app *a, void *st);	/* NULL: nothing to read */
	void (*draw)(struct app *a, void *st);
	enum outcome (*key)(struct app *a, void *st, enum action act, int key);
	void (*free)(void *st);
	/* NULL or false: the footer offers every key of ctx; true: none that
	 * edits (ui_action_edits), as on the checklist of an ended case */
	bool (*read_only)(const void *st);
};

struct frame {
	const struct screen *scr;
	void *st;
	bool loaded;		/* reload has run ... */
	unsigned gen;		/* ... at this app->gen */
};

/* Colour roles; monochrome terminals get attributes instead (ui_draw.c). */
enum role {
	ROLE_NORMAL, ROLE_TITLE, ROLE_BANNER, ROLE_SELECTED, ROLE_DONE, ROLE_WARN, ROLE_ERROR,
	ROLE_DIM, ROLE_KEY, ROLE_DIALOG, ROLE__COUNT
};

#define UI_MAX_DEPTH 16
/* The smallest terminal every screen is laid out for. */
#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

struct app {
	const struct ui_opts *o;
	struct db *db;
	struct staff staff;	/* signed in; code NULL before */
	struct catalog cat;
	bool color, utf8;
	struct frame stack[UI_MAX_DEPTH];
	int depth;
	struct frame next;	/* for OUT_PUSH and OUT_REPLACE */
	char msg[256];		/* status-line message */
	enum role msg_role;
	unsigned gen;		/* bumped after every commit and foreign change */
	int64_t data_version;
	int cy, cx;		/* where the cursor goes (text screens) */
	int64_t last_key_ms;	/* monotonic, for the idle lock */
	/* observation timers over every open case, for the status line */
	int due_soon, overdue;
	unsigned timers_gen;
	int64_t timers_at;	/* monotonic ms of the last count */
	bool locked;
	/* this clock is behind the newest entry in the log by so many minutes
	 * (set back): due observations would look not yet due; said on the
	 * status line of every screen */
	int clock_behind_min;
	unsigned clock_gen;
	int64_t clock_at;	/* monotonic ms of the last check */
	/* the typing guard of the case and time-out screens (ui.c): a typed
	 * character that is no command there, or a command refused, starts
	 * it; until a pause every key is dropped, so the rest of a typed word,
	 * its Space or Enter never acts */
	bool typing;
	int typed;		/* keys dropped since it started */
	/* a dialog a letter opened on the case screen (ui.c's word guard): its
	 * depth in the stack and when the letter came, until the first key
	 * typed into it; whether the guard closed one (said after the pause) */
	int word_depth;
	int64_t word_ms;
	int word_key;
	bool word_closed;
};

/* Copy s into dst of size n, cut if needed (like strlcpy). */
static inline void
ui_copy(char *dst, size_t n, const char *s)
{
	size_t len = strlen(s);
	if (len >= n)
		len = n - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

/* ui.c */
void ui_set_next(struct app *a, const struct screen *scr, void *st);
int64_t ui_now_ms(void);	/* wall clock, ms since the epoch */
/* The one list movement: move the selection *sel of an n-row list for a list
 * action (up, down, page up/down, first, last), where a page is the rows the
 * screen shows; a page moves one row less, so one row stays in view.
 * Returns false for any other action. */
bool ui_list_move(enum action act, size_t *sel, size_t n, size_t page);
/* A scrolling text of coloured lines (help, history): lines are owned. */
struct ui_text {
	char **lines;
	enum role *roles;
	size_t n, top;
};
void ui_text_add(struct ui_text *t, enum role r, char *line);	/* takes line */
void ui_text_clear(struct ui_text *t);
/* Draw rows lines from line y, keeping the last page full. */
void ui_text_draw(struct ui_text *t, int y, int rows);
/* The same for the first shown line *top of an n-line text in page rows. */
bool ui_scroll(enum action act, size_t *top, size_t n, size_t page);
void ui_message(struct app *a, enum role r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The one reaction to a chart_* call's status rc: on ST_OK bump a->gen (the
 * database's data_version does not move for this connection's own commits)
 * and return true; otherwise set the blocking "NOT saved" dialog, with err's
 * reason, as a->next and return false: the caller returns OUT_PUSH (or
 * OUT_REPLACE from a yes/no question), and the dialog below keeps what was
 * typed, so closing the message and confirming again retries. */
bool ui_saved(struct app *a, int rc, const struct err *err);
/* Drop what was typed ahead and not yet read (before a dialog that saves
 * with a reason, or a deliberate confirmation, opens). */
void ui_flush_typed(struct app *a);
/* A typed character on the case or time-out screen is ignored until a pause
 * of this long (and so is every key in between). */
#define UI_TYPING_PAUSE_MS 1000
/* A screen refused a command key (nothing to amend, nothing to override):
 * likely a letter of a typed word, so the rest of it is dropped too.  Call
 * after the message that says why it was refused. */
void ui_typing_start(struct app *a);

/* ui_term.c: the terminal around curses. */
bool ui_term_start(void);	/* curses on, signals caught; false: unknown TERM */
void ui_term_end(int sig);	/* curses off, screen wiped (not after a hang-up) */
/* Clear the screen, and the scrollback where there is no alternate screen. */
void ui_term_wipe(void);
int ui_term_signal(void);	/* the signal that ends the program, 0 = none */
bool ui_term_gone(void);	/* the terminal hung up (then ui_term_signal is SIGHUP) */
bool ui_term_stop_requested(void);	/* Ctrl-Z was pressed */
void ui_term_suspend(void);	/* stop until continued, then redraw */

/* ui_draw.c */
void ui_draw_init(struct app *a);
/* Write UTF-8 s at (y, x) in at most w columns with role r, control
 * characters shown as '?'; returns the columns used. */
int ui_put(int y, int x, int w, enum role r, const char *s);
int ui_putf(int y, int x, int w, enum role r, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Display columns of UTF-8 s (as ui_put would draw it). */
int ui_width(const char *s);
void ui_fill(int y, int x, int w, enum role r);
void ui_box(int y, int x, int h, int w, const char *title);
void ui_status_line(struct app *a, const char *where);
void ui_footer(struct app *a, unsigned ctx, bool text, bool read_only);
/* The patient banner from line y: identifiers, a recorded allergy and the
 * procedure, wrapped onto more lines rather than cut; returns the lines used
 * (2 for most cases). */
int ui_banner(struct app *a, int y, const struct case_info *c, const struct checklist *cl,
    const char *allergies);
/* Word-wrap s into w columns starting at (y, x), at most h lines; returns lines used. */
int ui_wrap(int y, int x, int w, int h, enum role r, const char *s);
int ui_wrap_count(int w, const char *s);	/* lines ui_wrap would use */
/* ui_wrap from the wrapped line skip on (a scrolled text); returns lines drawn. */
int ui_wrap_from(int y, int x, int w, int h, int skip, enum role r, const char *s);
/* Add s to t word-wrapped in w columns, each line after indent. */
void ui_text_wrap(struct ui_text *t, enum role r, int w, const char *indent, const char *s);

/* ui_form.c: forms of typed fields. */
#define FORM_MAX 12
#define FIELD_MAX 200

struct form;
typedef enum outcome (*form_submit_fn)(struct app *a, struct form *f);

struct field {
	const char *label;
	const char *hint;	/* shown when the field is selected */
	wchar_t buf[FIELD_MAX];
	size_t len, cur;
	char val[FIELD_MAX * 4 + 1];	/* UTF-8 of buf, kept in step */
	char err[200];		/* why the value is refused, shown next to it */
	bool overflow;		/* a typed character did not fit: not submitted until
				 * the value is edited, so nothing is cut off unseen */
	const char *const *choices;	/* Left/Right cycle through them */
	size_t nchoices;
	bool strict;		/* only a choice may be given */
	int choice;
	/* The default, shown VistA's way after the label ("Side: RIGHT//"):
	 * Enter on the empty field takes it, typing replaces it; "" = none. */
	char def[FIELD_MAX];
};

struct form {
	char title[160];
	char intro[400];	/* a line or two above the fields */
	struct field f[FORM_MAX];
	int nf, sel;
	form_submit_fn submit;
	void *ctx;		/* for submit */
	void (*ctx_free)(void *);
	bool wide;		/* full width */
	/* A one-field choice form: a digit 1-9 typed into the empty field
	 * takes that choice and submits, as a pick list does. */
	bool pick_digits;
	/* Called after the text of field i changed (typed, or a choice cycled),
	 * e.g. to fill another field that follows it; NULL for none. */
	void (*changed)(struct form *f, int i);
	/* Whether Enter on field i submits the form at once, the fields after
	 * it having nothing to say (an antithrombotic of none); NULL for never. */
	bool (*complete)(const struct form *f, int i);
};

struct form *form_new(const char *title, form_submit_fn submit, void *ctx,
    void (*ctx_free)(void *));
struct field *form_add(struct form *f, const char *label, const char *init, const char *hint);
void form_choices(struct field *fl, const char *const *choices, size_t n, bool strict);
void field_set(struct field *fl, const char *s);
/* Give the field a default (NULL or "" for none). */
void field_default(struct field *fl, const char *def);
/* The selected field is empty: there, '?' asks for help rather than typing. */
bool form_field_empty(const void *st);
extern const struct screen ui_form;

/* ui_prompt.c: pick lists, questions, alerts. */

/* A yes/no question; on_yes/on_no return the outcome (NULL: pop). */
typedef enum outcome (*confirm_fn)(struct app *a, void *ctx);
void *confirm_new(const char *title, const char *text, confirm_fn on_yes, confirm_fn on_no,
    void *ctx, void (*ctx_free)(void *));
extern const struct screen ui_confirm;

/* A message that blocks until Enter or Esc; a long one scrolls. */
void *alert_new(const char *title, const char *text, enum role r);
/* Enter does something (what, e.g. "go to INR"): on_enter returns the
 * outcome; Esc still only closes.  ctx is borrowed. */
void alert_on_enter(void *st, const char *what, confirm_fn on_enter, void *ctx);
extern const struct screen ui_alert;

/* A deliberate confirmation (override, time-out stop): starts on "Go back";
 * only Left/Right/Tab to the action, then Enter, calls on_yes.  No letter and
 * no Enter alone confirms it.  Push it with OUT_PUSH after ui_flush_typed. */
void *arm_new(const char *title, const char *text, const char *action, confirm_fn on_yes,
    void *ctx, void (*ctx_free)(void *));
extern const struct screen ui_arm;

/* A pick list; on_pick gets the index. */
typedef enum outcome (*pick_fn)(struct app *a, void *ctx, size_t index);
void *pick_new(const char *title, const char *const *items, size_t n, pick_fn on_pick,
    void *ctx, void (*ctx_free)(void *));
/* Start the list on item index (e.g. the case's own side). */
void pick_select(void *st, size_t index);
extern const struct screen ui_pick;

/* Screens. */
void *scr_signin_new(struct app *a);
enum outcome scr_signin_start(struct app *a);	/* --staff, or the code form */
extern const struct screen scr_signin;
void *scr_worklist_new(struct app *a);
const char *scr_worklist_day(const void *st);	/* the day shown, YYYY-MM-DD */
extern const struct screen scr_worklist;
struct form *scr_newcase_new(struct app *a);
void *scr_case_new(struct app *a, int64_t case_id);
extern const struct screen scr_case;
/* Open the entry dialog for an item (amend when amend_of is not 0). */
enum outcome scr_entry_open(struct app *a, int64_t case_id, const struct item *it,
    int64_t amend_of, const char *prefill);
/* Space: a check item done, or a time item's time now, with one key (still
 * said first when a rule of the checklist objects, e.g. a cross-check). */
enum outcome scr_entry_now(struct app *a, int64_t case_id, const struct item *it);
void *scr_timeout_new(struct app *a, int64_t case_id, const char *item_key);
extern const struct screen scr_timeout;
void *scr_history_new(struct app *a, int64_t case_id, const char *item_key);
extern const struct screen scr_history;
/* The lock screen, and the staff-code form that goes above it. */
void *scr_lock_new(struct app *a, bool dropped);
struct form *scr_lock_form(void);
extern const struct screen scr_lock;
/* The PIN of code, after its code at sign-in (unlock false) or at unlock. */
void *scr_pin_new(const char *code, bool unlock);
extern const struct screen scr_pin;
void *scr_help_new(struct app *a, unsigned ctx);
extern const struct screen scr_help;

#endif
