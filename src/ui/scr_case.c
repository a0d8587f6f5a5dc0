/*
 * scr_case: one case.  The patient banner, the three phases with done/total,
 * and the items of the phase in view with their glyph, label, value, time,
 * staff and a note (required, STOP, flag, repeat progress).  Drawn from
 * casestate (reloaded after every commit and whenever another terminal
 * writes); the keys open the entry dialogs (scr_entry.c), n/a, amend,
 * override, history, and the phase gate.
 */
#include "ui_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "casestate.h"
#include "clock.h"
#include "entry.h"
#include "scr_case.h"
#include "scr_note.h"
#include "scr_summary.h"

void *
scr_case_new(struct app *a, int64_t case_id)
{
	(void)a;
	struct case_state *s = xcalloc(1, sizeof *s);
	s->id = case_id;
	s->jump_open = true;	/* opened on the first item the phase needs */
	return s;
}

static void
case_free(void *st)
{
	struct case_state *s = st;
	casestate_free(s->cs);
	free(s);
}

static void
load(struct app *a, struct case_state *s)
{
	struct err err = {0};
	struct casestate *cs;
	bool first = s->cs == NULL;
	if (casestate_load(a->db, s->id, NULL, &cs, &err) != ST_OK) {
		ui_copy(s->err, sizeof s->err, err.msg);
		if (s->cs != NULL)	/* the last state read stays on screen, marked */
			ui_message(a, ROLE_ERROR, "Could not re-read the case: %s", err.msg);
		return;
	}
	s->err[0] = '\0';
	if (!first)
		scr_case_notice_others(a, s->cs, cs);
	casestate_free(s->cs);
	s->cs = cs;
	if (first) {
		s->view = cs->phase;
		size_t f, n = checklist_phase_items(cs->cl, s->view, &f);
		for (size_t i = 0; i < n; i++)
			if (cs->items[f + i].status == CS_OPEN) {
				s->sel = i;
				break;
			}
	}
}

static int64_t
cur_id(const struct item_state *is)
{
	return is->cur ? is->cur->id : is->override ? -is->override->id : 0;
}

/* After a reload: once the entry of the item a dialog was opened for has
 * changed (it was saved), the cursor goes to the next open item of the
 * phase (from the one below; back at the top when the rest are answered). */
static void
advance_after_save(struct case_state *s)
{
	if (s->cs == NULL)
		return;
	if (s->jump_open) {	/* a phase was started */
		s->jump_open = false;
		scr_case_next_open(s, 0);
		return;
	}
	if (!s->pending)
		return;
	const struct item_state *is = casestate_item(s->cs, s->pending_key);
	if (is != NULL && cur_id(is) == s->pending_cur)
		return;		/* not saved yet: another terminal wrote meanwhile */
	size_t f;
	checklist_phase_items(s->cs->cl, s->view, &f);
	if (is == &s->cs->items[f + s->sel])
		scr_case_next_open(s, s->sel + 1);
	s->pending = false;
}

void
scr_case_next_open(struct case_state *s, size_t from)
{
	size_t at;
	if (casestate_next_open(s->cs, s->view, from, &at))
		s->sel = at;
}

static void
reload(struct app *a, void *st)
{
	struct case_state *s = st;
	char pending[CL_MAX_KEY + 1] = "";
	if (s->pending)	/* the old checklist goes with the old state */
		ui_copy(pending, sizeof pending, s->pending_key);
	load(a, s);
	if (s->pending && s->cs != NULL) {
		const struct item *it = checklist_item(s->cs->cl, pending);
		s->pending_key = it ? it->key : NULL;
		s->pending = it != NULL;
	}
	advance_after_save(s);
}

void
scr_case_expect_save(struct case_state *s, const struct item_state *is)
{
	s->pending = true;
	s->pending_key = is->it->key;	/* lives in the checklist, reloaded by key */
	s->pending_cur = cur_id(is);
}

static const struct item_state *
selected(struct case_state *s)
{
	size_t f, n = checklist_phase_items(s->cs->cl, s->view, &f);
	if (n == 0)
		return NULL;
	if (s->sel >= n)
		s->sel = n - 1;
	return &s->cs->items[f + s->sel];
}

/* The note at the right of a row, and the role it is drawn in. */
static enum role
note_of(const struct casestate *cs, const struct item_state *is, char *out, size_t size)
{
	const struct item *it = is->it;
	out[0] = '\0';
	if (!is->applies) {
		snprintf(out, size, "not needed");
		return ROLE_DIM;
	}
	if (is->needs_note) {	/* scr_note.c */
		snprintf(out, size, "note needed");
		return ROLE_WARN;
	}
	if (is->status == CS_OVERRIDDEN) {
		snprintf(out, size, "overridden");
		return ROLE_WARN;
	}
	if (it->kind == KIND_TIMEOUT && is->to_stop) {
		snprintf(out, size, "STOPPED");
		return ROLE_ERROR;
	}
	if (is->stop_answer && !is->passed) {
		snprintf(out, size, "STOP answer");
		return ROLE_ERROR;
	}
	if (is->must == CS_RULE_FAIL && !is->passed) {
		snprintf(out, size, "does not match");
		return ROLE_ERROR;
	}
	if (it->repeat_any && is->entries > 0 && is->status != CS_NA) {
		/* how many so far; the value beside it is the last */
		snprintf(out, size, "%d %s%s%s", is->entries, it->kind == KIND_MED ? "dose" :
		    "drug", is->entries == 1 ? "" : "s", is->status == CS_FLAGGED ? ", flag" : "");
		return is->status == CS_FLAGGED ? ROLE_WARN : ROLE_DIM;
	}
	if (is->status == CS_FLAGGED && strcmp(is->cur->flag, "expired") == 0) {
		snprintf(out, size, "EXPIRED LOT");
		return ROLE_WARN;
	}
	if (is->status == CS_FLAGGED) {
		snprintf(out, size, "%s, seen", is->cur->flag);
		return ROLE_WARN;
	}
	if (is->status == CS_CORRECTED) {
		snprintf(out, size, "corrected");
		return ROLE_DIM;
	}
	if (it->repeat_times > 1 && is->status != CS_NA) {
		int64_t due, now = ui_now_ms();
		char at[8] = "";
		if (!casestate_due(cs, is, &due)) {
			snprintf(out, size, "%d/%d", is->entries, it->repeat_times);
			return ROLE_DIM;
		}
		if (casestate_overdue(due, now)) {
			snprintf(out, size, "%d/%d OVERDUE %lldm", is->entries, it->repeat_times,
			    (long long)((now - due) / 60000));
			return ROLE_ERROR;
		}
		char utc[CLOCK_UTC_LEN];
		clock_format_utc(due, utc);
		clock_local(utc, "%H:%M", at, sizeof at);
		snprintf(out, size, "%d/%d due %s", is->entries, it->repeat_times, at);
		return ROLE_DIM;
	}
	if (is->must == CS_RULE_PENDING) {
		snprintf(out, size, "check pending");
		return ROLE_DIM;
	}
	if (is->status == CS_OPEN && (it->stop || it->required || it->kind == KIND_TIMEOUT)) {
		snprintf(out, size, "%s", it->stop ? "STOP" : "required");
		return ROLE_WARN;
	}
	return ROLE_DIM;
}

/* The phases with done/total: the one in view in brackets, the one under
 * way marked *, then the case's status. */
static void
draw_phases(const struct case_state *s, int py)
{
	const struct casestate *cs = s->cs;
	int x = 1;
	for (int p = 0; p < PHASE__COUNT; p++) {
		static const char *const nm[] = {"Pre", "Procedure", "Post"};
		char t[48];
		snprintf(t, sizeof t, "%s%s %d/%d%s%s", p == (int)s->view ? "[" : " ", nm[p],
		    cs->done[p], cs->total[p], p == (int)cs->phase && !cs->closed && !cs->cancelled
		    ? "*" : "", p == (int)s->view ? "]" : " ");
		x += ui_put(py, x, 24, p == (int)s->view ? ROLE_TITLE : ROLE_NORMAL, t) + 2;
	}
	if (cs->closed || cs->cancelled)
		ui_putf(py, x + 2, COLS - x - 3, ROLE_WARN, "case %s%s%s",
		    casestate_case_status(cs), cs->cancelled ? ": " : "",
		    cs->cancelled ? cs->ended->reason : "");
	else
		ui_putf(py, x + 2, COLS - x - 3, ROLE_DIM, "under way: %s", phase_title(cs->phase));
}

/* A time of another day than today, short for a row ("2026-11-30 19:00",
 * or "19:00" charted on the 30th, as "30 Nov 19:00"), so that it does not
 * run into the entry's own time beside it; the line under the list shows
 * the stored value whole. */
static char *
short_day(const struct item *it, const struct cs_event *e, char *val)
{
	char dated[ENTRY_WHEN_LEN], utc[CLOCK_UTC_LEN], out[32];
	int64_t m;
	if (it->kind != KIND_TIME || e == NULL)
		return val;
	const char *v = strlen(val) == 5 && entry_when_dated(val, e->at, dated) ? dated : val;
	if (strlen(v) != 16 || !entry_when_minutes(v, NULL, &m))
		return val;
	clock_format_utc(m * 60000, utc);
	if (!clock_local(utc, "%d %b %H:%M", out, sizeof out))
		return val;
	free(val);
	return xstrdup(out);
}

/* One row of the list: glyph, label and value, time, staff and note. */
static void
draw_row(const struct casestate *cs, const struct item_state *is, int y, bool sel)
{
	/* an item whose rule says it is not needed is drawn dimmed */
	enum role r = sel ? ROLE_SELECTED : is->applies ? ROLE_NORMAL : ROLE_DIM;
	enum role gr = sel || !is->applies ? r : is->status == CS_OPEN ? ROLE_NORMAL :
	    is->status == CS_FLAGGED || is->status == CS_OVERRIDDEN ? ROLE_WARN :
	    is->status == CS_DONE ? ROLE_DONE : ROLE_NORMAL;
	const char *glyph = is->it->kind == KIND_TIMEOUT && is->to_stop &&
	    is->status != CS_OVERRIDDEN ? "[!]" : casestate_glyph(is->status);
	char note[40], tm[8] = "";
	enum role nr = note_of(cs, is, note, sizeof note);
	char *val = scr_case_value(is);
	val = short_day(is->it, is->cur, val);
	const struct cs_event *e = is->cur ? is->cur : is->override;
	if (e)
		clock_local(e->at, "%H:%M", tm, sizeof tm);
	/* label and value flow together; time, staff and note at the right */
	int tx = COLS - 26;
	ui_fill(y, 0, COLS, r);
	ui_put(y, 0, 2, r, sel ? ">" : " ");
	ui_put(y, 2, 3, gr, glyph);
	ui_put(y, 5, 1, r, scr_note_mark(is));	/* "*": the item has notes */
	/* with a value, the label gives way after 30 columns (the line
	 * below the list shows both in full for the selected item) */
	int lw = ui_put(y, 6, *val ? 30 : tx - 7, r, is->it->label);
	if (*val)
		ui_put(y, 6 + lw + 2, tx - 7 - lw - 2, r, val);
	ui_put(y, tx, 5, r, tm);
	ui_put(y, tx + 6, 4, r, e ? e->staff : "");
	ui_put(y, tx + 11, COLS - tx - 11, sel ? r : nr, note);
	free(val);
}

static void
draw(struct app *a, void *st)
{
	struct case_state *s = st;
	char where[64];

	snprintf(where, sizeof where, "case %lld", (long long)s->id);
	ui_status_line(a, where);
	if (s->cs == NULL) {
		ui_wrap(2, 2, COLS - 4, 5, ROLE_ERROR, s->err);
		return;
	}
	struct casestate *cs = s->cs;
	/* the banner (2 lines, more for a long name or allergy), the phases, the
	 * list, then the hint, message and footer lines */
	int py = 1 + ui_banner(a, 1, &cs->c, cs->cl, cs->allergies);
	s->rows = LINES - (py + 1) - 3;
	draw_phases(s, py);
	size_t first, n = checklist_phase_items(cs->cl, s->view, &first);
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + (size_t)s->rows)
		s->top = s->sel - (size_t)s->rows + 1;
	for (int i = 0; i < s->rows && s->top + (size_t)i < n; i++)
		draw_row(cs, &cs->items[first + s->top + (size_t)i], py + 1 + i,
		    s->top + (size_t)i == s->sel);
	if (n == 0)
		ui_put(py + 2, 4, COLS - 8, ROLE_DIM, "No items in this phase.");
	const struct item_state *is = selected(s);
	if (is != NULL)
		scr_case_draw_hint(cs, is);
}

/* --- keys ---------------------------------------------------------------- */

static bool
read_only(struct app *a, struct casestate *cs)
{
	if (cs->closed || cs->cancelled) {
		ui_message(a, ROLE_WARN, "This case is %s: read-only (S summary and addenda, "
		    "h history, q back).", casestate_case_status(cs));
		ui_typing_start(a);
		return true;
	}
	return false;
}

static enum outcome
record(struct app *a, struct case_state *s, const struct item_state *is, bool space)
{
	const struct item *it = is->it;
	char tm[8];
	if (read_only(a, s->cs))
		return OUT_STAY;
	if (it->kind == KIND_TIMEOUT) {
		if (!is->to_done && is->to_confirmed == 0 && scr_case_stops_first(a, s))
			return OUT_PUSH;
		scr_case_expect_save(s, is);	/* completed: move on when back */
		ui_flush_typed(a);	/* a key typed ahead confirms no prompt */
		ui_set_next(a, &scr_timeout, scr_timeout_new(a, s->id, it->key));
		return OUT_PUSH;
	}
	if (is->cur != NULL && !checklist_repeats(it)) {
		clock_local(is->cur->at, "%H:%M", tm, sizeof tm);
		ui_message(a, ROLE_WARN, "Already %s at %s by %s; e amends it.",
		    strcmp(is->cur->action, ACTION_NA) == 0 ? "marked n/a" : "recorded", tm,
		    is->cur->staff);
		ui_typing_start(a);
		return OUT_STAY;
	}
	scr_case_expect_save(s, is);
	/* Space: a time of the procedure and after is charted as it happens,
	 * so now; a pre-procedure time is often of before (last food, labs
	 * drawn): its form opens */
	if (it->kind == KIND_CHECK || (space && it->kind == KIND_TIME && it->phase != PHASE_PRE))
		return scr_entry_now(a, s->id, it);
	if (space)
		ui_message(a, ROLE_NORMAL, "Space marks check items done and procedure and "
		    "post-procedure times now; this one needs a value:");
	return scr_entry_open(a, s->id, it, 0, NULL);
}

static enum outcome
key(struct app *a, void *st, enum action act, int k)
{
	struct case_state *s = st;
	(void)k;
	if (s->cs == NULL)
		return act == ACT_BACK ? OUT_POP : OUT_STAY;
	const struct item_state *is = selected(s);
	size_t f, n = checklist_phase_items(s->cs->cl, s->view, &f);

	s->pending = false;	/* back on this screen without a save: the dialog was left */
	if (ui_list_move(act, &s->sel, n, (size_t)(s->rows > 1 ? s->rows : 1)))
		return OUT_STAY;
	switch (act) {
	case ACT_PREV_VIEW:
		s->view = (s->view + PHASE__COUNT - 1) % PHASE__COUNT;
		s->sel = s->top = 0;
		break;
	case ACT_NEXT_VIEW:
		s->view = (s->view + 1) % PHASE__COUNT;
		s->sel = s->top = 0;
		break;
	case ACT_RECORD:
	case ACT_DONE:
		if (is != NULL)
			return record(a, s, is, act == ACT_DONE);
		break;
	case ACT_NA:
		if (is == NULL || read_only(a, s->cs))
			break;
		if (is->cur != NULL || is->it->kind == KIND_TIMEOUT) {
			ui_message(a, ROLE_WARN, is->it->kind == KIND_TIMEOUT ? "A time-out cannot "
			    "be n/a; o overrides it with a reason." : "This item has an entry; e "
			    "amends it.");
			ui_typing_start(a);
			break;
		}
		scr_case_expect_save(s, is);
		return scr_case_ask_reason(a, s, is, true);
	case ACT_AMEND:
		if (is == NULL || read_only(a, s->cs))
			break;
		if (is->cur == NULL || is->it->kind == KIND_TIMEOUT) {
			ui_message(a, ROLE_WARN, "Nothing to amend here; Enter records.");
			ui_typing_start(a);
			break;
		}
		scr_case_expect_save(s, is);
		ui_flush_typed(a);	/* an amendment saves with a reason */
		return scr_entry_open(a, s->id, is->it, is->cur->id, is->cur->value);
	case ACT_OVERRIDE:
		if (is == NULL || read_only(a, s->cs))
			break;
		return scr_case_override(a, s, is);
	case ACT_HISTORY:
		if (is == NULL)
			break;
		ui_set_next(a, &scr_history, scr_history_new(a, s->id, is->it->key));
		return OUT_PUSH;
	case ACT_CASE_HISTORY:
		ui_set_next(a, &scr_history, scr_history_new(a, s->id, NULL));
		return OUT_PUSH;
	case ACT_NEXT_PHASE:
		return scr_case_gate(a, s);
	case ACT_NEXT_OPEN:
		if (!casestate_next_open(s->cs, s->view, s->sel + 1, &s->sel)) {
			ui_message(a, ROLE_DONE, "Nothing open in the %s phase; > goes on.",
			    phase_title(s->view));
			ui_typing_start(a);
		}
		break;
	case ACT_INFO:
		if (is != NULL)
			return scr_case_info(a, s, is);
		break;
	case ACT_REPORT:
		return scr_case_report(a, s);
	case ACT_NOTE:		/* scr_note.c */
		ui_flush_typed(a);	/* the rest of a word ("No") is no note */
		return scr_note_open(a, s->cs, is);
	case ACT_SUMMARY:	/* scr_summary.c */
		ui_set_next(a, &scr_summary, scr_summary_new(a, s->id));
		return OUT_REPLACE;
	case ACT_BACK:
		return OUT_POP;
	default:
		break;
	}
	return OUT_STAY;
}

static bool
ended(const void *st)
{
	const struct case_state *s = st;
	return s->cs != NULL && (s->cs->closed || s->cs->cancelled);
}

const struct screen scr_case = {
	.name = "case", .ctx = CTX_CASE | CTX_LIST, .reload = reload, .draw = draw, .key = key,
	.free = case_free, .read_only = ended,
};
