/*
 * casestate_rules: the checklist's rules as a nurse meets them, in words.
 * Why an item is not needed, what is wrong with an answer (a stop answer, a
 * failed cross-check), what a blocker asks for, and the check the entry
 * dialogs run before saving, so that the warning is shown before the entry is
 * committed rather than discovered at the phase gate.  The state itself is
 * worked out in casestate.c; nothing here changes it.
 */
#include "casestate.h"

#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "rule.h"

/* What the gate that an item holds is called: the next phase, or closing. */
static const char *
gate_words(enum phase p)
{
	return p == PHASE_PRE ? "the procedure" : p == PHASE_PROCEDURE ?
	    "the post-procedure phase" : "closing the case";
}

static int
index_of(const struct casestate *cs, const struct item *it)
{
	return (int)(it - cs->cl->items);
}

void
casestate_not_needed(const struct casestate *cs, const struct item_state *is, bool detail,
    struct buf *out)
{
	if (is->applies || is->it->when == NULL)
		return;
	buf_puts(out, detail ? "not needed by rule (" : "not needed: ");
	rule_why_not(is->it->when, cs, index_of(cs, is->it), NULL, detail, out);
	if (detail)
		buf_puts(out, ")");
}

/* "Side LEFT does not match the case side RIGHT: re-verify ..." for an
 * answer value (NULL: the entry in force) that fails item it's must. */
static void
mismatch_words(const struct casestate *cs, const struct item *it, const char *value,
    struct buf *out)
{
	if (it->must->t[0].lhs.ref != REF_SELF) {
		/* a condition on other answers: say what it asks, then why not */
		buf_puts(out, "Cross-check failed (needs: ");
		rule_words(it->must, cs->cl, index_of(cs, it), out);
		buf_puts(out, "): ");
	}
	rule_why_not(it->must, cs, index_of(cs, it), value, false, out);
	if (rule_names_site(it->must))
		buf_puts(out, ": re-verify with the patient, consent, order and site mark;"
		    " correct the entry or the case, or override with a reason");
	else if (it->stop)
		buf_puts(out, ": correct the entry, or override with a reason");
	else
		buf_puts(out, ": check it; the entry is flagged");
}

void
casestate_problem(const struct casestate *cs, const struct item_state *is, struct buf *out)
{
	const char *sep = "";
	if (is->stop_answer) {
		buf_printf(out, "Stop answer: %s", is->cur->value);
		sep = "; ";
	}
	if (is->must == CS_RULE_FAIL) {
		buf_puts(out, sep);
		mismatch_words(cs, is->it, NULL, out);
	}
}

size_t
casestate_alerts(const struct casestate *cs, const struct item_state **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		const struct item_state *is = &cs->items[i];
		if (!is->stop_answer && is->must != CS_RULE_FAIL)
			continue;
		if (n < max)
			out[n] = is;
		n++;
	}
	return n;
}

void
casestate_blocker_text(const struct casestate *cs, const struct cs_blocker *b, struct buf *out)
{
	const struct item_state *is = b->is;
	buf_printf(out, "%s: ", is->it->label);
	switch (b->why) {
	case BLOCK_REQUIRED:
		buf_puts(out, "required; record it, or mark it n/a with a reason");
		break;
	case BLOCK_STOP:
		buf_puts(out, is->status == CS_NA ? "a hard stop, and n/a does not pass it; "
		    "record it or override with a reason" : "a hard stop; record it or "
		    "override with a reason");
		break;
	case BLOCK_TIMEOUT:
		buf_puts(out, "the time-out is not done");
		break;
	case BLOCK_STOP_ANSWER:
		buf_printf(out, "the answer '%s' stops %s; correct the entry, or override with "
		    "a reason", is->cur->value, gate_words(is->it->phase));
		break;
	case BLOCK_RULE:
		mismatch_words(cs, is->it, NULL, out);
		break;
	case BLOCK_NOTE:
		buf_printf(out, "the answer '%s' asks for a note; N writes it", is->cur->value);
		break;
	}
}

static void
flag_add(char *flag, size_t size, const char *word)
{
	size_t n = strlen(flag);
	snprintf(flag + n, size - n, "%s%s", n ? "," : "", word);
}

void
casestate_check_entry(const struct casestate *cs, const struct item *it, const char *value,
    int64_t now_ms, struct cs_check *out)
{
	const struct item_state *is = &cs->items[index_of(cs, it)];
	struct buf msg = {0};
	int64_t due;

	memset(out, 0, sizeof *out);
	out->stop_answer = rule_stop_answer(it, value);
	if (it->must != NULL) {
		enum tri t = rule_eval(it->must, cs, index_of(cs, it), value);
		out->rule = t == TRI_FALSE;
		out->pending = t == TRI_UNKNOWN;
	}
	out->early = it->repeat_every > 0 && casestate_is_early(cs, is, now_ms, &due);
	out->blocks = it->stop && is->applies && (out->stop_answer || out->rule);

	if (out->stop_answer) {
		flag_add(out->flag, sizeof out->flag, "stop");
		if (it->kind == KIND_NUMBER)
			buf_printf(&msg, "%s %s is beyond the stop limit (", it->label, value);
		else
			buf_printf(&msg, "'%s' is a stop answer for %s (", value, it->label);
		checklist_stop_words(it, &msg);
		buf_puts(&msg, it->kind == KIND_NUMBER ? ")." : " stops).");
		if (out->blocks)
			buf_printf(&msg, " Saved, it holds %s until the entry is corrected or "
			    "overridden with a reason.", gate_words(it->phase));
		else
			buf_puts(&msg, " It is saved flagged [!].");
	}
	if (out->rule) {
		flag_add(out->flag, sizeof out->flag, "rule");
		if (msg.len)
			buf_puts(&msg, "\n");
		mismatch_words(cs, it, value, &msg);
		buf_puts(&msg, ".");
		if (out->blocks && !out->stop_answer)
			buf_printf(&msg, " Saved, it holds %s until then.", gate_words(it->phase));
	}
	if (out->early) {
		flag_add(out->flag, sizeof out->flag, "early");
		if (msg.len)
			buf_puts(&msg, "\n");
		if (due > 0) {
			char utc[CLOCK_UTC_LEN], hm[8] = "";
			clock_format_utc(due, utc);
			clock_local(utc, "%H:%M", hm, sizeof hm);
			buf_printf(&msg, "%s is not due until %s: more than half an interval early."
			    " It is saved flagged early.", it->label, hm);
		} else {
			buf_printf(&msg, "%s is not due yet: its timer starts after %s. It is saved "
			    "flagged early.", it->label, it->repeat_after->label);
		}
	}
	snprintf(out->msg, sizeof out->msg, "%s", msg.len ? msg.data : "");
	buf_free(&msg);
}

void
casestate_flag_join(const char *flag, const struct cs_check *chk, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s", flag ? flag : "", flag && *flag && *chk->flag ? "," : "",
	    chk->flag);
}

int
casestate_default_choice(const struct casestate *cs, const struct item *it)
{
	if (it->must == NULL || it->kind != KIND_CHOICE)
		return -1;
	for (size_t i = 0; i < it->nchoices; i++)
		if (rule_eval(it->must, cs, index_of(cs, it), it->choices[i]) == TRI_TRUE)
			return (int)i;
	return -1;
}
