/*
 * casestate_flow: what the bedside flow asks of a case's state, beyond what
 * casestate.c derives.  Where the next open item of a phase is (the cursor
 * goes there after a save, and one key jumps to it); which hard stops of the
 * pre-procedure phase are still open (the time-out cannot start before they
 * pass); what the team confirms at the time-out, in words; and whether a
 * typed reason says something (a reason is part of the audit record: "ne"
 * or "xxxxxxxx" is a slip of the keyboard, not a reason).
 *
 * Domain layer: no curses, never prints.
 */
#include "casestate.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actions.h"
#include "entry.h"

/* Open: nothing recorded, not n/a, not overridden, and the item applies. */
static bool
is_open(const struct item_state *is)
{
	return is->applies && is->status == CS_OPEN && is->override == NULL &&
	    !(is->it->kind == KIND_TIMEOUT && is->to_done);
}

/* Open and holding the phase gate: required (a hard stop is required), or
 * an answer waiting for the note it asks for. */
static bool
is_due(const struct item_state *is)
{
	return (is_open(is) && is->it->required) || (is->applies && is->needs_note);
}

bool
casestate_next_open(const struct casestate *cs, enum phase p, size_t from, size_t *out)
{
	size_t first, n = checklist_phase_items(cs->cl, p, &first);
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < n; k++) {
			size_t i = (from + k) % n;
			const struct item_state *is = &cs->items[first + i];
			if (pass == 0 ? is_due(is) : is_open(is)) {
				*out = i;
				return true;
			}
		}
	return false;
}

size_t
casestate_open_count(const struct casestate *cs, enum phase p)
{
	size_t first, n = checklist_phase_items(cs->cl, p, &first), open = 0;
	for (size_t i = 0; i < n; i++)
		open += is_open(&cs->items[first + i]);
	return open;
}

size_t
casestate_open_stops(const struct casestate *cs, struct cs_blocker *out, size_t max)
{
	struct cs_blocker b[128];
	size_t nb = casestate_blockers(cs, PHASE_PRE, b, sizeof b / sizeof b[0]), n = 0;
	for (size_t i = 0; i < nb && i < sizeof b / sizeof b[0]; i++) {
		if (b[i].why == BLOCK_REQUIRED || b[i].why == BLOCK_TIMEOUT)
			continue;
		if (n < max)
			out[n] = b[i];
		n++;
	}
	return n;
}

/* How long ago a time item's time was: " (40 min ago)", " (26 h ago)",
 * " (3 days ago)". */
static void
time_age(const struct cs_event *e, struct buf *out)
{
	int64_t when;
	if (!entry_when_minutes(e->value, e->at, &when))
		return;
	int64_t ago = (int64_t)time(NULL) / 60 - when;
	if (ago < 0)
		buf_printf(out, " (in %" PRId64 " min)", -ago);
	else if (ago < 60)
		buf_printf(out, " (%" PRId64 " min ago)", ago);
	else if (ago < 48 * 60)
		buf_printf(out, " (%" PRId64 " h %" PRId64 " min ago)", ago / 60, ago % 60);
	else
		buf_printf(out, " (%" PRId64 " days ago)", ago / (24 * 60));
}

/* Every live entry of an item (a repeat "*" item has one per drug), joined
 * with "; ", or "n/a: reason", or "not recorded". */
void
casestate_fact(const struct casestate *cs, const char *key, struct buf *out)
{
	const struct item_state *is = casestate_item(cs, key);
	size_t start = out->len;
	if (is != NULL && is->cur != NULL && strcmp(is->cur->action, ACTION_NA) == 0) {
		buf_printf(out, "n/a: %s", is->cur->reason);
		return;
	}
	for (size_t i = 0; is != NULL && i < cs->nev; i++) {
		const struct cs_event *e = &cs->ev[i];
		if (strcmp(e->item_key, key) != 0 || e->superseded_by != 0 ||
		    (strcmp(e->action, ACTION_RECORD) != 0 && strcmp(e->action, ACTION_AMEND) != 0))
			continue;
		char *s = entry_summary(is->it->kind, e->value, e->unit);
		buf_printf(out, "%s%s", out->len > start ? "; " : "", s);
		free(s);
		if (is->it->kind == KIND_TIME)
			time_age(e, out);
	}
	if (out->len == start)
		buf_puts(out, "not recorded");
}

/* A letter or digit: ASCII alphanumerics, or any character beyond ASCII
 * (accented letters and other scripts; punctuation beyond ASCII is rare in
 * a typed reason). */
static bool
reason_letter(uint32_t c)
{
	return c < 0x80 ? isalnum((int)c) != 0 : c >= 0xC0;
}

int
casestate_reason_check(const char *s, struct err *err)
{
	int letters = 0, words = 0;
	bool in_word = false, varied = false;
	uint32_t first = 0;
	for (const char *p = s != NULL ? s : ""; *p;) {
		uint32_t c;
		p = utf8_next(p, &c);
		bool l = reason_letter(c);
		if (l) {
			letters++;
			uint32_t low = c < 0x80 ? (uint32_t)tolower((int)c) : c;
			if (first == 0)
				first = low;
			else if (low != first)
				varied = true;
		}
		if (l && !in_word)
			words++;
		in_word = l || (in_word && c != ' ' && c != '\t');
	}
	if (words < CS_REASON_WORDS || letters < CS_REASON_LETTERS || !varied)
		return err_set(err, ST_DATAERR, "the reason is too short: say why in at least %d "
		    "words and %d letters (e.g. \"consent confirmed by phone\"); Esc leaves "
		    "without saving", CS_REASON_WORDS, CS_REASON_LETTERS);
	return ST_OK;
}

/* The stop answers of an item, in words: its options marked '!' and its
 * stop limits. */
static void
stop_answers(const struct item *it, struct buf *out)
{
	size_t start = out->len;
	for (size_t i = 0; it->choice_stop != NULL && i < it->nchoices; i++)
		if (it->choice_stop[i])
			buf_printf(out, "%s'%s'", out->len > start ? ", " : "", it->choices[i]);
	if (it->has_stop_low)
		buf_printf(out, "%sbelow %g%s%s", out->len > start ? ", " : "", it->stop_low,
		    *it->unit ? " " : "", it->unit);
	if (it->has_stop_high)
		buf_printf(out, "%sabove %g%s%s", out->len > start ? ", " : "", it->stop_high,
		    *it->unit ? " " : "", it->unit);
}

static void
item_answers(const struct item *it, struct buf *out)
{
	if (it->kind == KIND_NUMBER && (it->has_low || it->has_high)) {
		char r[64];
		entry_range_text(it, r, sizeof r);
		buf_printf(out, "Usual range: %s (outside it the entry is flagged)\n", r);
	}
	if (it->nchoices > 0) {
		buf_puts(out, it->kind == KIND_TIMEOUT ? "Prompts:" : "Choices:");
		for (size_t i = 0; i < it->nchoices; i++)
			buf_printf(out, "%s %s%s", i ? ";" : "", it->choices[i],
			    it->choice_stop && it->choice_stop[i] ? " (!)" : "");
		buf_puts(out, "\n");
	}
	size_t before = out->len;
	buf_puts(out, "Stop answers: ");
	size_t mark = out->len;
	stop_answers(it, out);
	if (out->len == mark)
		out->len = before, out->data[before] = '\0';
	else
		buf_puts(out, " (saved, then the phase is blocked until corrected or "
		    "overridden)\n");
}

void
casestate_item_text(const struct casestate *cs, const struct item_state *is, struct buf *out)
{
	const struct item *it = is->it;
	buf_printf(out, "%s\n\n", it->label);
	buf_printf(out, "Kind: %s%s%s%s\n", kind_name(it->kind), *it->unit ? ", in " : "",
	    it->unit, it->stop ? ", HARD STOP" : it->required ? ", required" : ", optional");
	if (it->hint && *it->hint)
		buf_printf(out, "Why / source: %s\n", it->hint);
	item_answers(it, out);
	if (it->repeat_times > 1)
		buf_printf(out, "Repeat: %d entries, every %d minutes\n", it->repeat_times,
		    it->repeat_every);
	else if (it->repeat_any)
		buf_puts(out, "Repeat: one entry each (any number)\n");
	if (it->when_src && *it->when_src)
		buf_printf(out, "Applies when: %s\n", it->when_src);
	if (it->must_src && *it->must_src)
		buf_printf(out, "Cross-check: %s\n", it->must_src);
	buf_puts(out, "\nNow: ");
	size_t mark = out->len;
	if (!is->applies)
		casestate_not_needed(cs, is, false, out);
	else
		casestate_problem(cs, is, out);
	if (out->len > mark)
		buf_puts(out, "\n     ");
	if (is->cur != NULL && strcmp(is->cur->action, ACTION_NA) == 0)
		buf_printf(out, "n/a: %s", is->cur->reason);
	else if (is->cur != NULL || it->kind == KIND_TIMEOUT)
		casestate_fact(cs, it->key, out);
	else
		buf_puts(out, "nothing recorded");
	if (is->override != NULL)
		buf_printf(out, "\nOverridden by %s: %s", is->override->staff, is->override->reason);
}
