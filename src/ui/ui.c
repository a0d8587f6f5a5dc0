/*
 * ui: the interactive program's entry point and main loop.
 *
 * Start-up (main.c has checked for a terminal and opened the database): load
 * the checklist catalogue, set the locale (before initscr, or ncurses assumes
 * ISO-8859-1), start curses with the wide-character functions.  The loop
 * draws the screen stack from state, waits up to 250 ms for a key
 * (get_wch with timeout, so signals and other terminals' entries are noticed
 * without threads), maps the key through the action table and applies the
 * outcome the top screen returns.
 *
 * The terminal's own life (signals, Ctrl-Z, hang-up, every exit path, and
 * wiping the screen and scrollback) is in ui_term.c.
 */
#include "ui.h"
#include "ui_app.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "worklist.h"

void
ui_set_next(struct app *a, const struct screen *scr, void *st)
{
	a->next.scr = scr;
	a->next.st = st;
}

void
ui_message(struct app *a, enum role r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_role = r;
}

bool
ui_saved(struct app *a, int rc, const struct err *err)
{
	if (rc == ST_OK) {
		a->gen++;
		return true;
	}
	char *text = xasprintf("%s\n\nNothing was saved. What you typed is kept: press Enter "
	    "to close this message, then confirm again to retry, or Esc to give up.",
	    err->msg[0] ? err->msg : "the database refused the write");
	ui_set_next(a, &ui_alert, alert_new("NOT saved", text, ROLE_ERROR));
	free(text);
	return false;
}

void
ui_flush_typed(struct app *a)
{
	(void)a;
	flushinp();
}

static void
push(struct app *a, struct frame f)
{
	if (a->depth == UI_MAX_DEPTH)
		die("screen stack overflow");	/* a bug: no path nests this deep */
	f.loaded = false;
	a->stack[a->depth++] = f;
}

static void
pop(struct app *a)
{
	struct frame *f = &a->stack[--a->depth];
	if (f->scr->free)
		f->scr->free(f->st);
}

static void
apply(struct app *a, enum outcome o)
{
	switch (o) {
	case OUT_STAY:
	case OUT_QUIT:
		break;
	case OUT_UNLOCK:
		while (a->depth > 1 && a->stack[a->depth - 1].scr != &scr_lock)
			pop(a);
		if (a->stack[a->depth - 1].scr == &scr_lock)
			pop(a);
		a->locked = false;
		break;
	case OUT_REPLACE:
		pop(a);
		/* FALLTHROUGH */
	case OUT_PUSH:
		push(a, a->next);
		a->next.scr = NULL;
		break;
	case OUT_POP:
		pop(a);
		break;
	case OUT_POP_MODAL:	/* then push app->next, if any */
		while (a->depth > 1 && a->stack[a->depth - 1].scr->modal)
			pop(a);
		if (a->next.scr != NULL) {
			push(a, a->next);
			a->next.scr = NULL;
		}
		break;
	}
}

static bool
too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

/* The screens in view read again what they show: when new, and after any
 * change to the database (a->gen).  Only here; draw does no I/O. */
static void
reload(struct app *a)
{
	int base = a->depth - 1;
	while (base > 0 && a->stack[base].scr->modal)
		base--;
	for (int i = base; i < a->depth; i++) {
		struct frame *f = &a->stack[i];
		if (f->scr->reload != NULL && (!f->loaded || f->gen != a->gen)) {
			f->loaded = true;
			f->gen = a->gen;
			f->scr->reload(a, f->st);
		}
	}
}

static void
draw(struct app *a)
{
	erase();
	if (too_small()) {
		ui_put(0, 0, COLS, ROLE_NORMAL, "terminal too small");
		ui_putf(1, 0, COLS, ROLE_NORMAL, "need %dx%d, have %dx%d", UI_MIN_COLS,
		    UI_MIN_LINES, COLS, LINES);
		ui_put(2, 0, COLS, ROLE_NORMAL, "enlarge the window");
		refresh();
		return;
	}
	int base = a->depth - 1;
	while (base > 0 && a->stack[base].scr->modal)
		base--;
	for (int i = base; i < a->depth; i++)
		a->stack[i].scr->draw(a, a->stack[i].st);
	const struct frame *top = &a->stack[a->depth - 1];
	ui_footer(a, top->scr->ctx, top->scr->text,
	    top->scr->read_only != NULL && top->scr->read_only(top->st));
	if (a->stack[a->depth - 1].scr->text) {
		curs_set(1);
		move(a->cy, a->cx);
	} else {
		curs_set(0);
	}
	refresh();
}

static int
map_key(int r, wint_t ch)
{
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP: return UK_UP;
		case KEY_DOWN: return UK_DOWN;
		case KEY_LEFT: return UK_LEFT;
		case KEY_RIGHT: return UK_RIGHT;
		case KEY_PPAGE: return UK_PGUP;
		case KEY_NPAGE: return UK_PGDN;
		case KEY_HOME: return UK_HOME;
		case KEY_END: return UK_END;
		case KEY_ENTER: return UK_ENTER;
		case KEY_BACKSPACE: return UK_BACKSPACE;
		case KEY_DC: return UK_DEL;
		case KEY_BTAB: return UK_BTAB;
		case KEY_F(1): return UK_F1;
		case KEY_RESIZE: return UK_RESIZE;
		default: return 0;
		}
	}
	switch (ch) {
	case '\r': case '\n': return UK_ENTER;
	case 27: return UK_ESC;
	case '\t': return UK_TAB;
	case 127: case 8: return UK_BACKSPACE;
	case 21: return UK_CTRL_U;
	default: return ch < ' ' ? 0 : (int)ch;
	}
}

static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Lock: no patient data on the screen until a staff code is typed.  Open
 * dialogs close (their unsaved input is dropped; nothing saved is touched);
 * the screen is cleared in full, not just redrawn, so nothing lingers on a
 * terminal without an alternate screen.
 */
static void
lock(struct app *a)
{
	if (a->locked || a->staff.code == NULL)
		return;
	bool dropped = a->stack[a->depth - 1].scr->modal;
	apply(a, OUT_POP_MODAL);
	a->locked = true;
	ui_set_next(a, &scr_lock, scr_lock_new(a, dropped));
	apply(a, OUT_PUSH);
	ui_set_next(a, &ui_form, scr_lock_form());	/* a code and Enter unlock */
	apply(a, OUT_PUSH);
	a->msg[0] = '\0';
	ui_term_wipe();
}

int64_t
ui_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Count due and overdue observations over every open case: after any change
 * to the database, and every 15 seconds as the clock moves.  worklist_timers
 * reads only the open cases under way, so this costs the same with one open
 * case or a schedule import of thousands.  With --bell, ring when the
 * overdue count grows.  A failed read keeps the last counts. */
static void
timers(struct app *a)
{
	struct err err = {0};
	int64_t mono = now_ms();
	if (a->timers_gen == a->gen && mono - a->timers_at < 15000 && a->timers_at != 0)
		return;
	a->timers_gen = a->gen;
	a->timers_at = mono;
	int soon, over;
	if (worklist_timers(a->db, ui_now_ms(), &soon, &over, &err) != ST_OK)
		return;
	if (a->o->bell && over > a->overdue)
		beep();
	a->due_soon = soon;
	a->overdue = over;
}

/* Another terminal changed the database: redraw from it. */
static void
tick(struct app *a)
{
	struct err err = {0};
	int64_t v;
	if (chart_data_version(a->db, &v, &err) != ST_OK)
		return;
	if (v != a->data_version)
		a->gen++;
	a->data_version = v;
}

/* A clock set back under the program (or another terminal's clock ahead)
 * hides overdue observations: due times look like the future.  Compare with
 * the newest entry after any change and every 15 seconds. */
static void
clock_check(struct app *a)
{
	struct err err = {0};
	int64_t behind, mono = now_ms();
	if (a->clock_gen == a->gen && mono - a->clock_at < 15000 && a->clock_at != 0)
		return;
	a->clock_gen = a->gen;
	a->clock_at = mono;
	if (chart_clock_behind(a->db, ui_now_ms(), &behind, &err) == ST_OK)
		a->clock_behind_min = behind > 60000 ? (int)(behind / 60000) : 0;
}

static bool
printable(int key)
{
	return key > ' ' && key < UK_BASE && key != 0x7f;
}

/*
 * The typing guard (issue 13: "none" typed on the case screen saved an
 * override with the reason "ne").  On the case and time-out screens, a
 * character that is no command there starts it, and so does a command the
 * screen refused (ui_typing_start: "o" where nothing can be overridden is
 * the "o" of "none"); from then on every key, Space and Enter too, is
 * dropped until the keyboard rests for UI_TYPING_PAUSE_MS.  Returns whether
 * key is dropped.
 */
static bool
typing_guard(struct app *a, unsigned ctx, int key, enum action act, int64_t gap)
{
	if (!(ctx & (CTX_CASE | CTX_TIMEOUT))) {
		a->typing = false;
		return false;
	}
	if (a->typing && gap < UI_TYPING_PAUSE_MS) {
		a->typed++;
		return true;
	}
	a->typing = false;
	if (!printable(key) || act != ACT_NONE)
		return false;
	a->typing = true;
	a->typed = 1;
	a->word_closed = false;
	ui_message(a, ROLE_WARN, "Typed text is not taken %s. Keys are ignored until you "
	    "pause; nothing was saved.", ctx & CTX_TIMEOUT ? "on the time-out: Enter confirms "
	    "a prompt, ! stops it" : "here: Enter on an item opens its entry");
	return true;
}

void
ui_typing_start(struct app *a)
{
	a->typing = true;
	a->typed = 0;
	a->word_closed = false;
	size_t n = strlen(a->msg);
	snprintf(a->msg + n, sizeof a->msg - n, "%sKeys typed after it are ignored until you "
	    "pause.", n ? " " : "");
}

/* A letter, as words are made of: ASCII letters, or any character beyond
 * ASCII (accented letters and other scripts). */
static bool
letter(int key)
{
	return (key >= 'a' && key <= 'z') || (key >= 'A' && key <= 'Z') ||
	    (key >= 0x80 && key < UK_BASE);
}

/*
 * The word guard: a slow typist's word that starts with a command letter
 * ("as planned" typed on the case screen) opens that command's dialog (n/a,
 * override, amend, note), and the rest of the word would land in
 * its reason.  So when the first key typed into a dialog a letter opened is
 * a letter that follows the command letter without a pause, it is the rest
 * of a word: the dialog closes unsaved and the typing guard drops keys until
 * the keyboard rests.  Reading the dialog before typing is the pause.
 * Returns whether key was taken as the rest of a word.
 */
static bool
word_guard(struct app *a, int key, enum action act, int64_t now)
{
	const struct frame *top = &a->stack[a->depth - 1];
	if (a->word_depth == 0 || a->word_depth != a->depth || top->scr != &ui_form) {
		a->word_depth = 0;
		return false;
	}
	a->word_depth = 0;	/* only the first key typed into the dialog */
	if (!letter(key) || act != ACT_NONE || now - a->word_ms >= UI_TYPING_PAUSE_MS)
		return false;
	pop(a);
	ui_message(a, ROLE_WARN, "Taken as a typed word ('%c' and letters without a pause): "
	    "its dialog was closed, nothing saved. For %c, press it, then read before typing.",
	    a->word_key, a->word_key);
	ui_typing_start(a);
	a->typed = 1;
	a->word_closed = true;
	return true;
}

/* The pause came: say so, so that the next key is known to count. */
static void
typing_rest(struct app *a)
{
	if (!a->typing || now_ms() - a->last_key_ms < UI_TYPING_PAUSE_MS)
		return;
	a->typing = false;
	if (a->typed > 0 && a->word_closed)
		ui_message(a, ROLE_WARN, "Taken as a typed word: the dialog '%c' opened was closed "
		    "and %d key%s ignored; nothing was saved. Ready (? help).", a->word_key,
		    a->typed, a->typed == 1 ? "" : "s");
	else if (a->typed > 0)
		ui_message(a, ROLE_WARN, "Typed text ignored (%d key%s); nothing was saved. "
		    "Ready: use the keys below (? help).", a->typed, a->typed == 1 ? "" : "s");
	a->word_closed = false;
}

static int
loop(struct app *a)
{
	while (!ui_term_signal() && a->depth > 0) {
		if (ui_term_stop_requested()) {
			lock(a);	/* back from Ctrl-Z, a staff code first */
			ui_term_suspend();
		}
		if (a->staff.code != NULL)
			timers(a);
		clock_check(a);
		reload(a);
		draw(a);
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR) {
			if (ui_term_gone())
				break;
			tick(a);
			typing_rest(a);
			if (a->o->lock_after > 0 &&
			    now_ms() - a->last_key_ms >= (int64_t)a->o->lock_after * 60000)
				lock(a);
			continue;
		}
		int64_t now = now_ms(), gap = now - a->last_key_ms;
		a->last_key_ms = now;
		int key = map_key(r, ch);
		if (key == 0 || key == UK_RESIZE || too_small())
			continue;	/* too small: no input that changes records */
		struct frame *top = &a->stack[a->depth - 1];
		enum action act = ui_keys_lookup(top->scr->ctx, key, top->scr->text);
		if (typing_guard(a, top->scr->ctx, key, act, gap) || word_guard(a, key, act, now))
			continue;
		if (act == ACT_NONE && top->scr == &ui_form && form_field_empty(top->st))
			act = ui_keys_lookup(CTX_ALL, key, false);	/* '?': see ui_keys.h */
		if (act == ACT_LOCK) {
			lock(a);
			continue;
		}
		if (act == ACT_HELP && top->scr != &scr_help) {
			ui_set_next(a, &scr_help, scr_help_new(a, top->scr->ctx));
			apply(a, OUT_PUSH);
			continue;
		}
		a->msg[0] = '\0';
		enum outcome o = top->scr->key(a, top->st, act, key);
		if (o == OUT_QUIT)
			return 0;
		bool word = letter(key) && (top->scr->ctx & CTX_CASE) &&
		    (o == OUT_PUSH || o == OUT_REPLACE) && a->next.scr == &ui_form;
		apply(a, o);
		if (word) {
			a->word_depth = a->depth;
			a->word_ms = now;
			a->word_key = key;
		}
	}
	return ui_term_signal();
}

static void
sign_out(struct app *a, const char *why)
{
	struct err err = {0};
	if (a->staff.code != NULL)	/* best effort: the session is ending */
		chart_sign_out(a->db, a->staff.code, why, &err);
}

/* Before curses starts or after it ended: say it on standard error. */
static int
fail(int status, const char *fmt, ...)
{
	va_list ap;
	fputs("spinelog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

static void
colors_init(struct app *a)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	a->color = !a->o->no_color && !(nc != NULL && *nc) && has_colors() &&
	    !(term != NULL && strcmp(term, "dumb") == 0);
	if (a->color) {
		start_color();
		use_default_colors();
	}
	ui_draw_init(a);
}

int
ui_main(const struct ui_opts *o, struct db *db)
{
	struct app a = {.o = o, .db = db};
	struct cl_errors cerrs = {0};
	struct err err = {0};

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");	/* the user's letters, but numbers always as 72.5 */
	a.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (catalog_load(&a.cat, &cerrs, &err) != ST_OK)
		return fail(err.status, "%s", err.msg);
	if (cerrs.n > 0)
		ui_message(&a, ROLE_WARN, "%zu problem(s) in site checklist files; run "
		    "'spinelog checklists check' (the built-in ones are used)", cerrs.n);
	cl_errors_free(&cerrs);

	if (!ui_term_start()) {
		catalog_free(&a.cat);
		return fail(ST_CONFIG, "unknown terminal type '%s'; set TERM to one this "
		    "system knows (e.g. xterm, linux, vt100)", getenv("TERM") ? getenv("TERM") : "");
	}
	colors_init(&a);
	a.last_key_ms = now_ms();

	ui_set_next(&a, &scr_signin, scr_signin_new(&a));
	apply(&a, OUT_PUSH);
	apply(&a, scr_signin_start(&a));
	int sig = loop(&a);

	ui_term_end(sig);
	sign_out(&a, sig == 0 ? "quit" : sig == SIGHUP ? "SIGHUP" : sig == SIGINT ? "SIGINT" :
	    sig == SIGTERM ? "SIGTERM" : "SIGQUIT");
	while (a.depth > 0)
		pop(&a);
	staff_clear(&a.staff);
	catalog_free(&a.cat);
	return sig ? 128 + sig : ST_OK;
}
