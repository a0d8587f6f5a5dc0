/* The sections of the case report after the phases (report.h): the
 * time-out, medications, specimens, radiation dose, observation timers, and
 * the notes and addenda. */
#include "report.h"
#include "report_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"

/* Radiation dose items, by the keys the built-in checklists use. */
static const char *const dose_keys[] = {
	"fluoro_time", "air_kerma", "kap", "ct_dlp", "ctdivol", "ct_acquisitions",
};

static void
timeout_section(struct buf *b, const struct casestate *cs, const char *day)
{
	bool any = false;
	report_text_heading(b, "TIME-OUT", NULL);
	for (size_t i = 0; i < cs->nev; i++) {
		const struct cs_event *e = &cs->ev[i];
		const char *what = strcmp(e->action, ACTION_TIMEOUT_CONFIRM) == 0 ? "confirmed" :
		    strcmp(e->action, ACTION_TIMEOUT_STOP) == 0 ? "STOPPED at" :
		    strcmp(e->action, ACTION_TIMEOUT_DONE) == 0 ? "complete; team present:" : NULL;
		if (what == NULL)
			continue;
		char when[20];
		report_local_time(e->at, day, when);
		char *t = xasprintf("%s %s %s %s%s%s", when, e->staff, what, e->value,
		    *e->reason ? ": " : "", e->reason);
		report_text_hanging(b, 2, 10, t);
		free(t);
		any = true;
	}
	if (!any)
		report_text_wrapped(b, 2, "not done");
}

/* Live entries of items matching a filter, in log order. */
static void
entries_section(struct buf *b, const struct casestate *cs, const char *title,
    bool (*want)(const struct item *), const char *day)
{
	bool any = false;
	report_text_heading(b, title, NULL);
	for (size_t i = 0; i < cs->nev; i++) {
		const struct cs_event *e = &cs->ev[i];
		const struct item_state *is = *e->item_key ? casestate_item(cs, e->item_key) : NULL;
		if (is == NULL || !want(is->it) || e->superseded_by != 0 ||
		    (strcmp(e->action, ACTION_RECORD) != 0 && strcmp(e->action, ACTION_AMEND) != 0))
			continue;
		char when[20];
		report_local_time(e->at, day, when);
		char *v = report_value_text(is->it, e);
		char *t = xasprintf("%s %s  %s: %s%s%s", when, e->staff, is->it->label, v,
		    *e->flag ? "  flag: " : "", e->flag);
		report_text_hanging(b, 2, 10, t);
		free(t);
		free(v);
		any = true;
	}
	if (!any)
		report_text_wrapped(b, 2, "none recorded");
}

static bool
is_med(const struct item *it)
{
	return it->kind == KIND_MED;
}

static bool
is_specimen(const struct item *it)
{
	return strncmp(it->key, "specimen", 8) == 0;
}

static bool
is_dose(const struct item *it)
{
	for (size_t i = 0; i < ARRAY_SIZE(dose_keys); i++)
		if (strcmp(it->key, dose_keys[i]) == 0)
			return true;
	return false;
}

static void
timers_section(struct buf *b, const struct casestate *cs, const char *day,
    const char *printed_at)
{
	int64_t now = 0;
	clock_parse_utc(printed_at, &now);
	bool any = false;
	report_text_heading(b, "OBSERVATION TIMERS", NULL);
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		const struct item_state *is = &cs->items[i];
		if (is->it->repeat_every == 0)
			continue;
		struct buf t = {0};
		buf_printf(&t, "%s: every %d min, %d of %d entries", is->it->label,
		    is->it->repeat_every, is->entries, is->it->repeat_times);
		if (is->it->repeat_after != NULL)
			buf_printf(&t, " after %s", is->it->repeat_after->label);
		if (is->it->repeat_until != NULL)
			buf_printf(&t, " until %s", is->it->repeat_until->label);
		const char *sep = " (";
		for (size_t k = 0; k < cs->nev; k++) {
			const struct cs_event *e = &cs->ev[k];
			if (strcmp(e->item_key, is->it->key) != 0 || strcmp(e->action, ACTION_RECORD))
				continue;
			char when[20];
			report_local_time(e->at, day, when);
			buf_printf(&t, "%s%s%s", sep, when, e->early ? " early" : "");
			sep = ", ";
		}
		if (*sep == ',')
			buf_puts(&t, ")");
		if (!is->applies)
			casestate_not_needed(cs, is, true, (buf_puts(&t, "; "), &t));
		if (is->status == CS_NA)
			buf_printf(&t, "; n/a: %s", is->cur->reason);
		int64_t due;
		if (casestate_due(cs, is, &due)) {
			char utc[CLOCK_UTC_LEN], hm[8];
			clock_format_utc(due, utc);
			clock_local(utc, "%H:%M", hm, sizeof hm);
			if (casestate_overdue(due, now))
				buf_printf(&t, "; at printing: OVERDUE %lld min",
				    (long long)((now - due) / 60000));
			else
				buf_printf(&t, "; at printing: next due %s", hm);
		}
		report_text_hanging(b, 2, 4, t.data);
		buf_free(&t);
		any = true;
	}
	if (!any)
		report_text_wrapped(b, 2, "none in this checklist");
}

/* The notes and addenda of the case in log order, an addendum marked as
 * such with its time, what it is about and why it came late. */
static void
notes_section(struct buf *b, const struct casestate *cs, const char *day)
{
	bool any = false;
	report_text_heading(b, "NOTES AND ADDENDA", NULL);
	for (size_t i = 0; i < cs->nev; i++) {
		const struct cs_event *e = &cs->ev[i];
		bool addendum = strcmp(e->action, ACTION_ADDENDUM) == 0;
		if (!addendum && strcmp(e->action, ACTION_NOTE) != 0)
			continue;
		const struct item_state *is = *e->item_key ? casestate_item(cs, e->item_key) : NULL;
		char when[20];
		report_local_time(e->at, day, when);
		char *t = addendum ? xasprintf("ADDENDUM %s %s (event %lld) about %s: %s; "
		    "reason: %s", when, e->staff, (long long)e->id, is ? is->it->label :
		    "the whole case", e->value, e->reason) : xasprintf("note %s %s on %s: %s", when,
		    e->staff, is ? is->it->label : e->item_key, e->value);
		report_text_hanging(b, 2, 4, t);
		free(t);
		any = true;
	}
	if (!any)
		report_text_wrapped(b, 2, "none");
}

void
report_sections(struct buf *b, const struct casestate *cs, const char *day,
    const char *printed_at)
{
	timeout_section(b, cs, day);
	entries_section(b, cs, "MEDICATIONS", is_med, day);
	entries_section(b, cs, "SPECIMENS", is_specimen, day);
	entries_section(b, cs, "RADIATION DOSE", is_dose, day);
	timers_section(b, cs, day, printed_at);
	notes_section(b, cs, day);
}
