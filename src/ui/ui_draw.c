/*
 * ui_draw: drawing helpers shared by the screens.  Colour is by role, never
 * raw colour; without colour (NO_COLOR, --no-color, TERM=dumb, a terminal
 * such as vt100) roles fall back to bold, reverse and dim, and the glyphs
 * [ ] [x] [-] [!] [~] carry the meaning anyway.  Text from the database goes
 * through ui_put(), which never writes a control character to the terminal
 * (it shows '?'), and under a locale that is not UTF-8 shows '?' for what
 * the terminal cannot display rather than mojibake.
 */
#include "ui_app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wctype.h>

#include "util.h"

static bool utf8;	/* the locale can show UTF-8 (else transliterated) */
static attr_t attrs[ROLE__COUNT];

void
ui_draw_init(struct app *a)
{
	static const struct { short fg, bg; attr_t extra; attr_t mono; } def[ROLE__COUNT] = {
		[ROLE_NORMAL] = {-1, -1, 0, 0},
		[ROLE_TITLE] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
		[ROLE_BANNER] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD},
		[ROLE_SELECTED] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
		[ROLE_DONE] = {COLOR_GREEN, -1, 0, 0},
		[ROLE_WARN] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
		[ROLE_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD},
		[ROLE_DIM] = {-1, -1, A_DIM, A_DIM},
		[ROLE_KEY] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
		[ROLE_DIALOG] = {-1, -1, 0, 0},
	};
	utf8 = a->utf8;
	for (int r = 0; r < ROLE__COUNT; r++) {
		if (a->color && r != ROLE_NORMAL && r != ROLE_DIM && r != ROLE_DIALOG) {
			init_pair((short)r, def[r].fg, def[r].bg);
			attrs[r] = COLOR_PAIR(r) | def[r].extra;
		} else {
			attrs[r] = a->color ? def[r].extra : def[r].mono;
		}
	}
}

/*
 * Under a locale that is not UTF-8 the terminal cannot show what is not
 * ASCII.  Stored text is UTF-8 whatever the locale, so it is decoded here
 * and Latin letters are shown as their base letter (MÜLLER as MULLER,
 * Nguyễn as Nguyen); anything else shows as '?'.  Never mojibake.
 */
static const char latin1[] =	/* U+00C0..U+00FF */
    "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
static const char latin_ext_a[] =	/* U+0100..U+017F */
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLl"
    "NnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
static const char vietnamese[] =	/* U+1EA0..U+1EF9 */
    "AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOo"
    "UuUuUuUuUuUuUuYyYyYyYy";
_Static_assert(sizeof latin1 - 1 == 64 && sizeof latin_ext_a - 1 == 128 &&
    sizeof vietnamese - 1 == 90, "transliteration tables cover their blocks");

static wchar_t
ascii_of(uint32_t cp)
{
	if (cp < 0x7f)
		return (wchar_t)cp;
	if (cp >= 0xc0 && cp <= 0xff)
		return (wchar_t)latin1[cp - 0xc0];
	if (cp >= 0x100 && cp <= 0x17f)
		return (wchar_t)latin_ext_a[cp - 0x100];
	if (cp >= 0x1ea0 && cp <= 0x1ef9)
		return (wchar_t)vietnamese[cp - 0x1ea0];
	return L'?';
}

/* The next character of s to draw, and its width; '?' for what may not or
 * cannot be shown. */
static const char *
next_char(const char *s, wchar_t *wc, int *w)
{
	if (!utf8) {
		uint32_t cp;
		s = utf8_next(s, &cp);
		*wc = cp < 0x20 || cp == 0x7f ? L'?' : ascii_of(cp);
		*w = 1;
		return s;
	}
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	size_t n = mbrtowc(wc, s, MB_CUR_MAX, &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		n = 1;
	} else if (iswcntrl((wint_t)*wc)) {
		*wc = L'?';
	}
	*w = wcwidth(*wc);
	if (*w < 0) {
		*wc = L'?';
		*w = 1;
	}
	return s + n;
}

int
ui_width(const char *s)
{
	int cols = 0, w;
	wchar_t wc;
	while (*s) {
		s = next_char(s, &wc, &w);
		cols += w;
	}
	return cols;
}

int
ui_put(int y, int x, int w, enum role r, const char *s)
{
	int cols = 0, cw;
	wchar_t wc;
	if (w <= 0 || y < 0 || y >= LINES)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	move(y, x);
	attron(attrs[r]);
	while (*s) {
		s = next_char(s, &wc, &cw);
		if (cols + cw > w)
			break;
		wchar_t one[2] = {wc, 0};
		addnwstr(one, 1);
		cols += cw;
	}
	attroff(attrs[r]);
	return cols;
}

int
ui_putf(int y, int x, int w, enum role r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_put(y, x, w, r, buf);
}

void
ui_fill(int y, int x, int w, enum role r)
{
	if (x + w > COLS)
		w = COLS - x;
	attron(attrs[r]);
	mvhline(y, x, ' ', w);
	attroff(attrs[r]);
}

void
ui_box(int y, int x, int h, int w, const char *title)
{
	for (int i = 0; i < h; i++)
		ui_fill(y + i, x, w, ROLE_DIALOG);
	attron(attrs[ROLE_DIALOG]);
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attroff(attrs[ROLE_DIALOG]);
	if (title && *title) {
		ui_put(y, x + 2, 1, ROLE_DIALOG, " ");
		int n = ui_put(y, x + 3, w - 6, ROLE_TITLE, title);
		ui_put(y, x + 3 + n, 1, ROLE_DIALOG, " ");
	}
}

/* Word-wrap s into lines of w columns, handing each line (n from 0) to
 * emit until it returns false. */
static int
wrap(int w, const char *s, bool (*emit)(void *ctx, int n, const char *line), void *ctx)
{
	int lines = 0;
	while (*s) {
		if (*s == '\n') {
			if (!emit(ctx, lines++, ""))
				return lines - 1;
			s++;
			continue;
		}
		/* the longest run that fits, ended after a word when there is one
		 * (a word longer than the line, such as a path, is cut) */
		const char *p = s, *cut = NULL;
		int cols = 0;
		while (*p && *p != '\n') {
			wchar_t wc;
			int cw;
			const char *nx = next_char(p, &wc, &cw);
			if (cols + cw > w)
				break;
			cols += cw;
			p = nx;
			if (*p == ' ' || *p == '\n' || *p == '\0')
				cut = p;
		}
		const char *end = *p == '\0' || *p == '\n' || cut == NULL ? p : cut;
		if (end == s) {		/* narrower than one character: skip it */
			wchar_t wc;
			int cw;
			end = next_char(s, &wc, &cw);
		}
		char *line = xstrndup(s, (size_t)(end - s));
		bool more = emit(ctx, lines++, line);
		free(line);
		if (!more)
			return lines - 1;
		s = end;
		while (*s == ' ')
			s++;
		if (*s == '\n')
			s++;
	}
	return lines;
}

struct wrap_draw {
	int y, x, w, h, skip;
	enum role r;
};

static bool
emit_draw(void *ctx, int n, const char *line)
{
	struct wrap_draw *d = ctx;
	if (n >= d->skip + d->h)
		return false;
	if (n >= d->skip && *line)
		ui_put(d->y + n - d->skip, d->x, d->w, d->r, line);
	return true;
}

int
ui_wrap_from(int y, int x, int w, int h, int skip, enum role r, const char *s)
{
	struct wrap_draw d = {y, x, w, h, skip, r};
	int n = wrap(w, s, emit_draw, &d) - skip;
	return n < 0 ? 0 : n;
}

int
ui_wrap(int y, int x, int w, int h, enum role r, const char *s)
{
	return ui_wrap_from(y, x, w, h, 0, r, s);
}

static bool
emit_count(void *ctx, int n, const char *line)
{
	(void)ctx;
	(void)n;
	(void)line;
	return true;
}

int
ui_wrap_count(int w, const char *s)
{
	return wrap(w, s, emit_count, NULL);
}

struct wrap_text {
	struct ui_text *t;
	enum role r;
	const char *indent;
};

static bool
emit_text(void *ctx, int n, const char *line)
{
	struct wrap_text *d = ctx;
	(void)n;
	ui_text_add(d->t, d->r, xasprintf("%s%s", d->indent, line));
	return true;
}

void
ui_text_wrap(struct ui_text *t, enum role r, int w, const char *indent, const char *s)
{
	struct wrap_text d = {t, r, indent};
	wrap(w - ui_width(indent), s, emit_text, &d);
}

void
ui_status_line(struct app *a, const char *where)
{
	char now[64];
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(now, sizeof now, "%a %d %b %Y  %H:%M", &tm);
	ui_fill(0, 0, COLS, ROLE_TITLE);
	if (a->clock_behind_min > 0)	/* the time shown is wrong, and so are the timers */
		ui_putf(0, 0, 35, ROLE_ERROR, " CLOCK %d MIN BEHIND THE LOG ", a->clock_behind_min);
	else
		ui_putf(0, 1, 40, ROLE_TITLE, "spinelog  %s", now);
	char counts[48] = "";
	if (a->staff.code && !a->locked && a->overdue)
		snprintf(counts, sizeof counts, "%d overdue", a->overdue);
	if (a->staff.code && !a->locked && a->due_soon)
		snprintf(counts + strlen(counts), sizeof counts - strlen(counts), "%s%d due",
		    counts[0] ? ", " : "", a->due_soon);
	/* at 80 columns the timer counts and who is signed in keep their meaning:
	 * the staff member's name gives way first (the code stays), then the
	 * screen's name */
	char who[160] = "not signed in";
	int room = COLS - 36 - 1 - (counts[0] ? ui_width(counts) + 2 : 0);
	if (a->staff.code)
		snprintf(who, sizeof who, "%s %s (%s)", a->staff.role, a->staff.code, a->staff.name);
	if (a->staff.code && ui_width(who) + (where ? ui_width(where) + 2 : 0) > room)
		snprintf(who, sizeof who, "%s %s", a->staff.role, a->staff.code);
	int ww = ui_width(who);
	if (ww > 36)
		ww = 36;
	ui_put(0, COLS - ww - 1, ww, ROLE_TITLE, who);
	int x = 36;
	if (counts[0])
		x += ui_put(0, x, COLS - ww - x - 2, a->overdue ? ROLE_ERROR : ROLE_TITLE,
		    counts) + 2;
	if (where && *where && COLS - ww - x - 2 > 0)
		ui_put(0, x, COLS - ww - x - 2, ROLE_TITLE, where);
}

/* The first key of an action as the footer shows it; in a screen with
 * typed fields, the first key that is not a character (F1 for help). */
static void
footer_key(const struct action_def *d, bool text, char *out, size_t size)
{
	const char *k = d->keyname;
	size_t n = strcspn(k, ",");
	if (text && n == 1 && k[n] == ',') {
		k += n + 1;
		while (*k == ' ')
			k++;
		n = strcspn(k, ",");
	}
	snprintf(out, size, "%.*s", (int)n, k);
	if (strcmp(d->label, "[ ] day") == 0)
		out[0] = '\0';	/* the label shows both keys */
}

static int
footer_item(int y, int x, const struct action_def *d, bool text, bool draw)
{
	char k[16];
	footer_key(d, text, k, sizeof k);
	int need = ui_width(k) + (k[0] ? 1 : 0) + ui_width(d->label) + 2;
	if (!draw)
		return need;
	if (k[0]) {
		x += ui_put(y, x, COLS - x, ROLE_KEY, k);
		x += ui_put(y, x, 1, ROLE_NORMAL, " ");
	}
	ui_put(y, x, COLS - x, ROLE_NORMAL, d->label);
	return need;
}

void
ui_footer(struct app *a, unsigned ctx, bool text, bool read_only)
{
	int x = 1, y = LINES - 1;
	ui_fill(y, 0, COLS, ROLE_NORMAL);
	if (a->msg[0]) {	/* a long message takes the line above too, never cut */
		int h = ui_wrap_count(COLS - 2, a->msg) > 1 ? 2 : 1;
		for (int i = 0; i < h; i++)
			ui_fill(LINES - 1 - h + i, 0, COLS, ROLE_NORMAL);
		ui_wrap(LINES - 1 - h, 1, COLS - 2, h, a->msg_role, a->msg);
	}
	/* help always shows; the rest in table order while they fit */
	int tail = footer_item(y, 0, &ui_actions[ACT_HELP], text, false);
	for (int i = 1; i < ACT__COUNT; i++) {
		const struct action_def *d = &ui_actions[i];
		if (d->label == NULL || !(d->ctx & (ctx | CTX_ALL)) ||
		    (read_only && ui_action_edits((enum action)i)))
			continue;
		if (i == ACT_HELP)
			tail = 0;
		else if (x + footer_item(y, x, d, text, false) + tail - 2 > COLS)
			continue;	/* (the last item needs no gap after it) */
		x += footer_item(y, x, d, text, true);
	}
}

static int
age_years(const char *dob)
{
	int y, m, d;
	if (sscanf(dob, "%d-%d-%d", &y, &m, &d) != 3)
		return -1;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	int age = tm.tm_year + 1900 - y;
	if (tm.tm_mon + 1 < m || (tm.tm_mon + 1 == m && tm.tm_mday < d))
		age--;
	return age;
}
/* Lines of text t would take in w columns, at least one. */
static int
lines_of(int w, const char *t)
{
	int n = ui_wrap_count(w, t);
	return n > 0 ? n : 1;
}

/* Wrap t over whole banner lines from y; returns the lines used. */
static int
banner_text(int y, enum role r, const char *t)
{
	int h = lines_of(COLS - 2, t);
	for (int k = 0; k < h; k++)
		ui_fill(y + k, 0, COLS, ROLE_BANNER);
	ui_wrap(y, 1, COLS - 2, h, r, t);
	return h;
}

int
ui_banner(struct app *a, int y, const struct case_info *c, const struct checklist *cl,
    const char *allergies)
{
	(void)a;
	char side[32];
	ui_copy(side, sizeof side, c->side);
	for (char *p = side; *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	char *who = xasprintf("%s  DOB %s (%d y)  MRN %s", c->name, c->dob, age_years(c->dob),
	    c->mrn);
	char *allergy = allergies && *allergies ? xasprintf("ALLERGY: %s", allergies) : NULL;
	char *what = xasprintf("%s  %s%s%s  risk: %s  checklist v%.7s  %s",
	    cl ? cl->title : c->proc_key, side, *c->level ? "  " : "", c->level,
	    cl ? cl->risk : "?", cl ? cl->sha256 : "", c->proceduralist);
	int h = 0, ww = ui_width(who);
	/* The identifiers and a recorded allergy are never cut: they wrap onto
	 * more banner lines, and the allergy shares the first line only when
	 * it fits there whole. */
	if (allergy != NULL && lines_of(COLS - 2, who) == 1 &&
	    ww + 3 + ui_width(allergy) <= COLS - 2) {
		ui_fill(y, 0, COLS, ROLE_BANNER);
		ui_put(y, 1, ww, ROLE_BANNER, who);
		ui_put(y, 1 + ww + 3, COLS - ww - 5, ROLE_ERROR, allergy);
		h = 1;
	} else {
		h = banner_text(y, ROLE_BANNER, who);
		if (allergy != NULL)
			h += banner_text(y + h, ROLE_ERROR, allergy);
	}
	h += banner_text(y + h, ROLE_BANNER, what);
	free(who);
	free(allergy);
	free(what);
	return h;
}
