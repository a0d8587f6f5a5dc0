/* The summary of a case that has ended (summary.h). */
#include "summary.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "entry.h"

struct ctx {
	const struct casestate *cs;
	int width;
	struct summary *out;
};

static void
push(struct summary *s, enum summary_tone tone, char *text)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n++] = (struct summary_line){tone, text};
}

/* Add text wrapped at the width: first line indented by indent, the rest by
 * indent + 2; a word longer than a line is cut where the line ends. */
static void
add(struct ctx *c, enum summary_tone tone, int indent, const char *text)
{
	const char *p = text;
	for (bool first = true; first || *p; first = false) {
		int in = indent + (first ? 0 : 2);
		int room = c->width - in;
		size_t i = 0, cut = 0;
		for (int chars = 0; p[i] && chars < room; chars++) {
			if (p[i] == ' ')
				cut = i;
			i++;
			while ((p[i] & 0xC0) == 0x80)
				i++;
		}
		if (p[i] != '\0' && cut > 0)
			i = cut;
		push(c->out, tone, xasprintf("%*s%.*s", in, "", (int)i, p));
		p += i;
		while (*p == ' ')
			p++;
	}
}

static void
when(const struct casestate *cs, const char *utc, char out[20])
{
	char d[11];
	clock_local(utc, "%Y-%m-%d", d, sizeof d);
	clock_local(utc, strncmp(d, cs->c.scheduled_at, 10) == 0 ? "%H:%M" : "%Y-%m-%d %H:%M",
	    out, 20);
}

static char *
value_text(const struct item_state *is, const struct cs_event *e)
{
	return entry_summary(is->it->kind, e->value, *e->unit ? e->unit : is->it->unit);
}

char *
summary_event_text(const struct casestate *cs, const struct cs_event *e)
{
	const struct item_state *is = *e->item_key ? casestate_item(cs, e->item_key) : NULL;
	const char *about = is ? is->it->label : *e->item_key ? e->item_key : "whole case";
	char t[20];
	when(cs, e->at, t);
	if (strcmp(e->action, ACTION_ADDENDUM) == 0)
		return xasprintf("ADDENDUM %s %s  %s: %s (reason: %s)", t, e->staff, about,
		    e->value, e->reason);
	return xasprintf("%s %s  %s: %s", t, e->staff, about, e->value);
}

static void
heading(struct ctx *c, const char *title, int n)
{
	push(c->out, SUM_TEXT, xstrdup(""));
	char *t = xasprintf("%s (%d)", title, n);
	add(c, SUM_HEAD, 0, t);
	free(t);
}

/* The lines of what the item's answer has wrong, or its flag; NULL = none. */
static char *
flag_text(const struct casestate *cs, const struct item_state *is)
{
	if (is->it->kind == KIND_TIMEOUT && is->to_stop != NULL)
		return xasprintf("time-out STOPPED at %s: %s", is->to_stop->value,
		    is->to_stop->reason);
	if (is->status != CS_FLAGGED && !(is->status == CS_OVERRIDDEN && is->cur != NULL &&
	    (is->stop_answer || is->must == CS_RULE_FAIL)))
		return NULL;
	struct buf b = {0};
	char *v = is->cur != NULL && strcmp(is->cur->action, ACTION_NA) != 0 ?
	    value_text(is, is->cur) : NULL;
	if (v != NULL && *v)
		buf_printf(&b, "%s; ", v);
	free(v);
	size_t head = b.len;
	casestate_problem(cs, is, &b);
	const char *sep = b.len > head ? "; " : "";
	if (is->cur != NULL && *is->cur->flag)
		buf_printf(&b, "%sflag: %s", sep, is->cur->flag);
	else if (is->flagged > 0)
		buf_printf(&b, "%s%d flagged entr%s", sep, is->flagged,
		    is->flagged == 1 ? "y" : "ies");
	sep = b.len > head ? "; " : "";
	if (is->early > 0)
		buf_printf(&b, "%s%d early", sep, is->early);
	if (b.len == head)
		buf_puts(&b, "flagged");
	return b.data;
}

static void
line_of(struct ctx *c, enum summary_tone tone, const struct item_state *is, const char *what,
    const struct cs_event *e)
{
	char t[20] = "";
	if (e != NULL)
		when(c->cs, e->at, t);
	char *s = xasprintf("%s %s: %s%s%s%s%s", casestate_glyph(is->status), is->it->label, what,
	    *t ? "  " : "", t, e ? " " : "", e ? e->staff : "");
	add(c, tone, 2, s);
	free(s);
}

static int
count(const struct casestate *cs, bool (*want)(const struct item_state *))
{
	int n = 0;
	for (size_t i = 0; i < cs->cl->nitems; i++)
		n += want(&cs->items[i]);
	return n;
}

static bool
is_flagged(const struct item_state *is)
{
	return is->status == CS_FLAGGED || (is->it->kind == KIND_TIMEOUT && is->to_stop) ||
	    (is->status == CS_OVERRIDDEN && is->cur != NULL &&
	    (is->stop_answer || is->must == CS_RULE_FAIL));
}

static bool
is_overridden(const struct item_state *is)
{
	return is->override != NULL;
}

static bool
is_na(const struct item_state *is)
{
	return is->status == CS_NA;
}

static bool
is_open(const struct item_state *is)
{
	return is->applies && is->status == CS_OPEN;
}

/* What a section says of an item, and the event whose time and staff
 * follow (NULL: none). */
typedef char *(*what_fn)(const struct casestate *cs, const struct item_state *is,
    const struct cs_event **e);

static char *
what_flagged(const struct casestate *cs, const struct item_state *is, const struct cs_event **e)
{
	*e = is->it->kind == KIND_TIMEOUT && is->to_stop ? is->to_stop : is->cur;
	char *t = flag_text(cs, is);
	return t ? t : xstrdup("flagged");
}

static char *
what_overridden(const struct casestate *cs, const struct item_state *is,
    const struct cs_event **e)
{
	(void)cs;
	*e = is->override;
	return xasprintf("OVERRIDE: %s", is->override->reason);
}

static char *
what_na(const struct casestate *cs, const struct item_state *is, const struct cs_event **e)
{
	(void)cs;
	*e = is->cur;
	return xasprintf("n/a: %s", is->cur->reason);
}

static char *
what_open(const struct casestate *cs, const struct item_state *is, const struct cs_event **e)
{
	(void)cs;
	*e = NULL;
	return xstrdup(is->it->stop ? "not done (STOP item)" : is->it->required ?
	    "not done (required)" : "not done");
}

static void
section(struct ctx *c, const char *title, bool (*want)(const struct item_state *), what_fn what,
    enum summary_tone tone)
{
	const struct casestate *cs = c->cs;
	heading(c, title, count(cs, want));
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		const struct item_state *is = &cs->items[i];
		if (!want(is))
			continue;
		const struct cs_event *e;
		char *t = what(cs, is, &e);
		line_of(c, tone, is, t, e);
		free(t);
	}
}

static void
events_section(struct ctx *c, const char *title, const char *action, int n,
    enum summary_tone tone)
{
	heading(c, title, n);
	for (size_t i = 0; i < c->cs->nev; i++) {
		const struct cs_event *e = &c->cs->ev[i];
		if (strcmp(e->action, action) != 0)
			continue;
		char *t = summary_event_text(c->cs, e);
		add(c, tone, 2, t);
		free(t);
	}
}

static void
recorded(struct ctx *c)
{
	const struct casestate *cs = c->cs;
	for (int p = 0; p < PHASE__COUNT; p++) {
		push(c->out, SUM_TEXT, xstrdup(""));
		char *t = xasprintf("RECORDED: %s %d/%d", phase_title((enum phase)p), cs->done[p],
		    cs->total[p]);
		add(c, SUM_HEAD, 0, t);
		free(t);
		for (size_t i = 0; i < cs->cl->nitems; i++) {
			const struct item_state *is = &cs->items[i];
			if (is->it->phase != (enum phase)p || is->cur == NULL ||
			    strcmp(is->cur->action, ACTION_NA) == 0)
				continue;
			char *v = is->it->kind == KIND_TIMEOUT ? xasprintf("team: %s",
			    is->cur->value) : value_text(is, is->cur);
			line_of(c, SUM_TEXT, is, *v ? v : "done", is->cur);
			free(v);
		}
	}
}

static void
status(struct ctx *c)
{
	const struct casestate *cs = c->cs;
	char t[20];
	if (cs->ended == NULL) {
		char *s = xasprintf("Case %lld is open, %s phase under way.", (long long)cs->c.id,
		    phase_title(cs->phase));
		add(c, SUM_WARN, 0, s);
		free(s);
		return;
	}
	when(cs, cs->ended->at, t);
	char *s = xasprintf("Case %lld %s %s by %s%s%s", (long long)cs->c.id,
	    casestate_case_status(cs), t, cs->ended->staff, *cs->ended->reason ? ": " : ".",
	    cs->ended->reason);
	add(c, cs->cancelled ? SUM_WARN : SUM_TEXT, 0, s);
	free(s);
	s = xasprintf("Done: Pre %d/%d, Procedure %d/%d, Post %d/%d.  Late entries are "
	    "addenda (A).", cs->done[PHASE_PRE], cs->total[PHASE_PRE], cs->done[PHASE_PROCEDURE],
	    cs->total[PHASE_PROCEDURE], cs->done[PHASE_POST], cs->total[PHASE_POST]);
	add(c, SUM_DIM, 0, s);
	free(s);
}

void
summary_build(const struct casestate *cs, int width, struct summary *out)
{
	struct ctx c = {cs, width < 40 ? 40 : width, out};
	status(&c);
	section(&c, "FLAGGED", is_flagged, what_flagged, SUM_WARN);
	section(&c, "OVERRIDDEN", is_overridden, what_overridden, SUM_WARN);
	section(&c, "NOT APPLICABLE", is_na, what_na, SUM_TEXT);
	events_section(&c, "NOTES", ACTION_NOTE, cs->notes, SUM_TEXT);
	events_section(&c, "ADDENDA", ACTION_ADDENDUM, cs->addenda, SUM_ADDENDUM);
	if (count(cs, is_open) > 0)
		section(&c, "NOT DONE", is_open, what_open, SUM_DIM);
	recorded(&c);
}

void
summary_clear(struct summary *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].text);
	free(s->v);
	memset(s, 0, sizeof *s);
}
