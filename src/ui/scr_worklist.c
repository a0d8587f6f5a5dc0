/*
 * scr_worklist: every open case (any day) and the shown day's closed and
 * cancelled cases, or the cases found by a search, a page at a time.  One
 * line per case: scheduled time, MRN, patient, procedure, side/level, phase,
 * progress and the next observation.  The screen holds one page
 * (worklist_page) and the list's totals (worklist_count); moving past either
 * end of the page reads the next one.  Read again whenever the database
 * changed (this terminal's entries or another's), from the same first row.
 */
#include "ui_app.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "entry.h"
#include "export.h"
#include "scr_summary.h"
#include "worklist.h"

struct wl_state {
	char day[11];
	char query[FIELD_MAX * 4 + 1];	/* non-empty: search results */
	struct worklist wl;		/* the page */
	struct wl_counts counts;	/* of the day list */
	struct wl_key first;		/* the page's first row, to read it again */
	bool have_first;		/* false: read the list's first page */
	size_t sel, top;		/* selected row; first row drawn (a page
					 * read for a taller window) */
	char err[300];
};

#define ROWS (LINES - 5)	/* title and header above, status line and footer */

void *
scr_worklist_new(struct app *a)
{
	(void)a;
	struct wl_state *s = xcalloc(1, sizeof *s);
	clock_local_day(0, s->day);
	return s;
}

const char *
scr_worklist_day(const void *st)
{
	return ((const struct wl_state *)st)->day;
}

static void
wl_free(void *st)
{
	struct wl_state *s = st;
	worklist_free(&s->wl);
	free(s);
}

static int64_t
row_id(const struct wl_state *s, size_t i)
{
	return i < s->wl.n ? s->wl.v[i].cs->c.id : 0;
}

/* Read a page (and the totals); the selection goes to the row of case keep
 * when the page has it, else to row sel (within the page). */
static void
page(struct app *a, struct wl_state *s, enum wl_seek seek, const struct wl_key *key,
    int64_t keep, size_t sel)
{
	struct wl_list list = {.day = s->day, .query = s->query};
	struct err err = {0};
	size_t rows = ROWS > 0 ? (size_t)ROWS : 1;

	s->err[0] = '\0';
	if (worklist_page(a->db, &list, seek, key, rows, &s->wl, &err) != ST_OK ||
	    (!s->query[0] && worklist_count(a->db, s->day, &s->counts, &err) != ST_OK)) {
		ui_copy(s->err, sizeof s->err, err.msg);
		worklist_free(&s->wl);	/* the place in the list stays, to read again */
	} else {
		s->have_first = s->wl.n > 0;
		if (s->have_first)
			worklist_key(&s->wl, 0, &s->first);
	}
	s->sel = sel;
	for (size_t i = 0; keep != 0 && i < s->wl.n; i++)
		if (row_id(s, i) == keep)
			s->sel = i;
	if (s->sel >= s->wl.n)
		s->sel = s->wl.n ? s->wl.n - 1 : 0;
	s->top = 0;
}

/* The same page again, from its first row, the selected case kept.  Search
 * results keep their cases: the search reads the case table, and the
 * database changes whenever any terminal records an entry. */
static void
reload(struct app *a, void *st)
{
	struct wl_state *s = st;
	struct err err = {0};

	if (s->query[0] && s->have_first && s->wl.n > 0) {
		if (worklist_reread(a->db, &s->wl, &err) != ST_OK) {
			ui_copy(s->err, sizeof s->err, err.msg);
			worklist_free(&s->wl);
		}
		return;
	}
	page(a, s, s->have_first ? WL_FROM : WL_FIRST, &s->first, row_id(s, s->sel), s->sel);
}

/* The list from its start: a new day or a new search. */
static void
restart(struct app *a, struct wl_state *s)
{
	s->have_first = false;
	page(a, s, WL_FIRST, NULL, 0, 0);
}

/*
 * The list keys move within the page and read the next or previous page past
 * its ends: a row beyond the page's end is the first of the next page, and
 * PgUp/PgDn keep the selection's place on the screen.
 */
static bool
list_key(struct app *a, struct wl_state *s, enum action act)
{
	struct wl_key k;
	size_t n = s->wl.n;

	switch (act) {
	case ACT_DOWN:
		if (s->sel + 1 < n) {
			s->sel++;
		} else if (s->wl.more_after) {
			int64_t last = row_id(s, n - 1);
			worklist_key(&s->wl, n - 1, &k);
			page(a, s, WL_AFTER, &k, last, 0);
			if (row_id(s, s->sel) == last && s->sel + 1 < s->wl.n)
				s->sel++;	/* the last page: the row after the old last */
		}
		return true;
	case ACT_UP:
		if (s->sel > 0) {
			s->sel--;
		} else if (s->wl.more_before) {
			int64_t first = row_id(s, 0);
			worklist_key(&s->wl, 0, &k);
			page(a, s, WL_BEFORE, &k, first, SIZE_MAX);
			if (row_id(s, s->sel) == first && s->sel > 0)
				s->sel--;	/* the first page: the row before the old first */
		}
		return true;
	case ACT_PGDN:
		if (s->wl.more_after) {
			worklist_key(&s->wl, n - 1, &k);
			page(a, s, WL_AFTER, &k, 0, s->sel);
		} else {
			s->sel = n ? n - 1 : 0;
		}
		return true;
	case ACT_PGUP:
		if (s->wl.more_before) {
			worklist_key(&s->wl, 0, &k);
			page(a, s, WL_BEFORE, &k, 0, s->sel);
		} else {
			s->sel = 0;
		}
		return true;
	case ACT_FIRST:
		page(a, s, WL_FIRST, NULL, 0, 0);
		return true;
	case ACT_LAST:
		page(a, s, WL_LAST, NULL, 0, SIZE_MAX);
		return true;
	default:
		return false;
	}
}

static const char *
phase_short(const struct casestate *cs)
{
	if (cs->cancelled)
		return "cancl";
	if (cs->closed)
		return "done";
	static const char *const n[] = {"pre", "proc", "post"};
	return n[cs->phase];
}

/* Where the list goes on beyond the page, as the keys that go there. */
static const char *
more(const struct worklist *wl)
{
	if (wl->more_before && wl->more_after)
		return "more: PgUp PgDn";
	if (wl->more_before)
		return "more: PgUp";
	return wl->more_after ? "more: PgDn" : "";
}

/* The time column: the time on the shown day, else the date (MM-DD). */
static const char *
when(const struct case_info *c, const char *day)
{
	size_t len = strlen(c->scheduled_at);
	if (strncmp(c->scheduled_at, day, 10) == 0)
		return len > 11 ? c->scheduled_at + 11 : "";
	return len > 5 ? c->scheduled_at + 5 : c->scheduled_at;
}

static void
draw(struct app *a, void *st)
{
	struct wl_state *s = st;
	char today[11], title[200];

	clock_local_day(0, today);
	ui_status_line(a, "");
	if (s->query[0])
		snprintf(title, sizeof title, "Found: \"%.*s\" (t: back to today)",
		    (int)text_fit(s->query, 60, NULL), s->query);
	else if (strcmp(s->day, today) == 0)
		snprintf(title, sizeof title, "Worklist: today %s", s->day);
	else
		snprintf(title, sizeof title, "Worklist: %s", s->day);
	char counts[120];
	const struct wl_counts *n = &s->counts;
	if (s->query[0])
		snprintf(counts, sizeof counts, "newest first");
	else
		snprintf(counts, sizeof counts, a->utf8 ? "%lld open · %lld done · %lld cancelled" :
		    "%lld open, %lld done, %lld cancelled", (long long)n->open,
		    (long long)n->closed, (long long)n->cancelled);
	int cw = ui_width(counts);
	ui_put(1, COLS - cw - 1, cw, ROLE_NORMAL, counts);
	int tw = ui_put(1, 1, COLS - cw - 4 - 16, ROLE_TITLE, title);
	ui_put(1, 1 + tw + 2, 15, ROLE_DIM, more(&s->wl));
	static const struct { int x; const char *t; } head[] = {
		{3, "Time"}, {9, "MRN"}, {19, "Patient"}, {37, "Procedure"}, {52, "Side"},
		{57, "Lvl"}, {63, "Phase"}, {69, "Done"}, {75, "Due"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(head); i++)
		ui_put(2, head[i].x, 10, ROLE_DIM, head[i].t);
	if (s->err[0]) {
		ui_wrap(4, 2, COLS - 4, 4, ROLE_ERROR, s->err);
		return;
	}
	if (s->wl.n == 0) {
		ui_put(4, 3, COLS - 6, ROLE_NORMAL, s->query[0] ? "No case matches." :
		    "No open case, nor any case this day. Press n for a new case, [ ] other days.");
		return;
	}
	int rows = ROWS;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + (size_t)rows)
		s->top = s->sel - (size_t)rows + 1;
	for (int i = 0; i < rows && s->top + (size_t)i < s->wl.n; i++) {
		size_t k = s->top + (size_t)i;
		const struct casestate *cs = s->wl.v[k].cs;
		const struct case_info *c = &cs->c;
		int y = 3 + i;
		enum role r = k == s->sel ? ROLE_SELECTED : cs->cancelled ? ROLE_DIM : ROLE_NORMAL;
		ui_fill(y, 0, COLS, r);
		ui_put(y, 1, 2, r, k == s->sel ? ">" : " ");
		/* another day's open case shows its date instead of the time */
		ui_put(y, 3, 5, r, when(c, s->day));
		ui_put(y, 9, 9, r, c->mrn);
		ui_put(y, 19, 17, r, c->name);
		ui_put(y, 37, 14, r, cs->cl->title);
		char side[2] = {c->side[0] == 'n' ? '-' : (char)(c->side[0] - 32), 0};
		ui_put(y, 53, 1, r, side);
		ui_put(y, 57, 5, r, c->level);
		ui_put(y, 63, 5, r, phase_short(cs));
		ui_putf(y, 69, 5, r, "%d/%d", s->wl.v[k].done, s->wl.v[k].total);
		/* the next observation: its time, or minutes overdue as -Nm */
		int soon, over;
		int64_t next, now = ui_now_ms();
		casestate_timers(cs, now, &soon, &over, &next);
		if (next != 0 && casestate_overdue(next, now)) {
			ui_putf(y, 75, 5, k == s->sel ? r : ROLE_ERROR, "-%lldm",
			    (long long)((now - next) / 60000));
		} else if (next != 0) {
			char utc[CLOCK_UTC_LEN], at[8];
			clock_format_utc(next, utc);
			clock_local(utc, "%H:%M", at, sizeof at);
			ui_put(y, 75, 5, r, at);
		}
	}
}

/* --- actions ------------------------------------------------------------- */

struct cancel_ctx {
	int64_t id;
};

static enum outcome
cancel_submit(struct app *a, struct form *f)
{
	struct cancel_ctx *c = f->ctx;
	struct err err = {0};
	if (entry_reason(f->f[0].val, &err) != ST_OK) {
		ui_copy(f->f[0].err, sizeof f->f[0].err, err.msg);
		return OUT_STAY;
	}
	if (!ui_saved(a, chart_cancel(a->db, a->staff.code, c->id, f->f[0].val, &err), &err))
		return OUT_PUSH;
	ui_message(a, ROLE_DONE, "Case cancelled: %s", f->f[0].val);
	return OUT_POP;
}

static enum outcome
search_submit(struct app *a, struct form *f)
{
	struct wl_state *s = f->ctx;
	if (f->f[0].val[0] == '\0') {
		snprintf(f->f[0].err, sizeof f->f[0].err, "type an MRN or part of a name");
		return OUT_STAY;
	}
	ui_copy(s->query, sizeof s->query, f->f[0].val);
	restart(a, s);
	return OUT_POP;
}

static enum outcome
quit_yes(struct app *a, void *ctx)
{
	(void)a;
	(void)ctx;
	return OUT_QUIT;
}

static void
shift_day(char day[11], int d)
{
	struct tm tm = {0};
	int y, m, dd;
	if (sscanf(day, "%d-%d-%d", &y, &m, &dd) != 3)
		return;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = dd + d;
	tm.tm_hour = 12;	/* noon: a daylight-saving change cannot skip a date */
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(day, 11, "%Y-%m-%d", &tm);
}

/* The day shown, as CSV to the default folder (export.h); the file's path,
 * rows and anchor hash in a dialog to read, as the anchor belongs on paper
 * or in another system. */
static enum outcome
export_day(struct app *a, struct wl_state *s)
{
	struct export_req req = {.range = EXPORT_DAYS, .staff_code = a->staff.code};
	struct export_result res = {0};
	struct err err = {0};

	if (s->query[0]) {
		ui_message(a, ROLE_WARN, "Export takes a day: t (today) or [ ] first, then x");
		return OUT_STAY;
	}
	memcpy(req.from, s->day, EXPORT_DAY_LEN);
	memcpy(req.to, s->day, EXPORT_DAY_LEN);
	struct buf b = {0};
	int rc = export_run(a->db, &req, &res, &err);
	if (rc != ST_OK) {
		buf_printf(&b, "%s\n\nNothing was written.", err.msg);
	} else {
		a->gen++;	/* the export event */
		buf_printf(&b, "%lld event%s of %s written to\n%s\n\nAnchor (the hash of the last "
		    "event; keep it outside this computer, 'spinelog verify --anchor' checks "
		    "it):\n%s", (long long)res.rows, res.rows == 1 ? "" : "s", s->day, res.path,
		    res.rows ? res.anchor : "(none: no events that day)");
	}
	/* what the export found of exports killed earlier, as the command says it */
	for (size_t i = 0; i < res.removed.n; i++)
		buf_printf(&b, "\n\nRemoved the temporary file of an export that was stopped: %s",
		    res.removed.v[i]);
	for (size_t i = 0; i < res.set_aside.n; i++)
		buf_printf(&b, "\n\nAn export stopped half-way set an older file aside as %s: "
		    "compare it with the file of that name, then keep one.", res.set_aside.v[i]);
	ui_set_next(a, &ui_alert, alert_new(rc == ST_OK ? "Exported" : "Export failed", b.data,
	    rc == ST_OK ? ROLE_DONE : ROLE_ERROR));
	buf_free(&b);
	export_result_clear(&res);
	return OUT_PUSH;
}

static enum outcome
key(struct app *a, void *st, enum action act, int k)
{
	struct wl_state *s = st;
	const struct casestate *cs = s->sel < s->wl.n ? s->wl.v[s->sel].cs : NULL;
	(void)k;

	if (list_key(a, s, act))
		return OUT_STAY;
	switch (act) {
	case ACT_NEW: {
		struct form *f = scr_newcase_new(a);
		if (f == NULL)
			break;
		ui_set_next(a, &ui_form, f);
		return OUT_PUSH;
	}
	case ACT_OPEN:
		if (cs == NULL) {
			ui_message(a, ROLE_WARN, "No case selected; n makes a new one");
			break;
		}
		if (cs->closed || cs->cancelled)	/* an ended case opens on its summary */
			ui_set_next(a, &scr_summary, scr_summary_new(a, cs->c.id));
		else
			ui_set_next(a, &scr_case, scr_case_new(a, cs->c.id));
		return OUT_PUSH;
	case ACT_SEARCH: {
		struct form *f = form_new("Find a case", search_submit, s, NULL);
		snprintf(f->intro, sizeof f->intro, "An MRN (exact) or part of a name, any day.");
		form_add(f, "MRN or name", "", NULL);
		ui_set_next(a, &ui_form, f);
		return OUT_PUSH;
	}
	case ACT_PREV_DAY:
	case ACT_NEXT_DAY:
		s->query[0] = '\0';
		shift_day(s->day, act == ACT_PREV_DAY ? -1 : 1);
		restart(a, s);
		break;
	case ACT_TODAY:
		s->query[0] = '\0';
		clock_local_day(0, s->day);
		restart(a, s);
		break;
	case ACT_EXPORT:
		return export_day(a, s);
	case ACT_CANCEL_CASE: {
		if (cs == NULL)
			break;
		if (cs->closed || cs->cancelled) {
			ui_message(a, ROLE_WARN, "This case is already %s", casestate_case_status(cs));
			break;
		}
		struct cancel_ctx *c = xcalloc(1, sizeof *c);
		c->id = cs->c.id;
		struct form *f = form_new("Cancel case", cancel_submit, c, free);
		snprintf(f->intro, sizeof f->intro, "Cancel the case of %s (MRN %s), %s? It stays "
		    "in the log as cancelled. Esc keeps it.", cs->c.name, cs->c.mrn, cs->cl->title);
		form_add(f, "Reason", "", "why, e.g. patient unwell, rescheduled");
		ui_set_next(a, &ui_form, f);
		return OUT_PUSH;
	}
	case ACT_BACK:
		ui_set_next(a, &ui_confirm, confirm_new("Quit", "Quit spinelog? Everything "
		    "entered is already saved.", quit_yes, NULL, NULL, NULL));
		return OUT_PUSH;
	default:
		break;
	}
	return OUT_STAY;
}

const struct screen scr_worklist = {
	.name = "worklist", .ctx = CTX_WORKLIST | CTX_LIST, .reload = reload, .draw = draw,
	.key = key, .free = wl_free,
};
