/* The plain-text case report: built from a casestate, 80 columns wide. */
#include "report.h"
#include "report_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "db.h"
#include "entry.h"
#include "event.h"
#include "fileio.h"
#include "rule.h"

void
report_local_time(const char *utc, const char *day, char out[20])
{
	char d[11];
	clock_local(utc, "%Y-%m-%d", d, sizeof d);
	clock_local(utc, strcmp(d, day) == 0 ? "%H:%M" : "%Y-%m-%d %H:%M", out, 20);
}

/* One line "  [x] label .......... time staff", then indented details. */
static void
item_line(struct buf *b, const char *glyph, const char *label, const char *when,
    const char *staff)
{
	size_t used = 2 + strlen(glyph) + 1;
	buf_printf(b, "  %s ", glyph);
	used += report_text_put(b, label, 54);
	size_t ww = text_width(when), sw = text_width(staff);
	size_t tail = (ww < 16 ? ww : 16) + 1 + (sw < 8 ? sw : 8);
	report_text_pad(b, used + tail < REPORT_WIDTH ? REPORT_WIDTH - used - tail - 1 : 1);
	report_text_put(b, when, 16);
	buf_puts(b, " ");
	report_text_put(b, staff, 8);
	buf_puts(b, "\n");
}

char *
report_value_text(const struct item *it, const struct cs_event *e)
{
	return entry_summary(it->kind, e->value, *e->unit ? e->unit : it->unit);
}

/* What the checklist's rules say of the answer in force: a stop answer, a
 * failed or pending cross-check, each in words, flagged "!". */
static void
rule_lines(struct buf *b, const struct casestate *cs, const struct item_state *is)
{
	if (is->stop_answer || is->must == CS_RULE_FAIL) {
		struct buf t = {0};
		buf_puts(&t, "! ");
		casestate_problem(cs, is, &t);
		if (is->passed)
			buf_puts(&t, " (overridden)");
		else if (is->it->stop)
			buf_printf(&t, " (blocks the %s gate)", phase_name(is->it->phase));
		report_text_hanging(b, 8, 2, t.data);
		buf_free(&t);
	} else if (is->must == CS_RULE_PENDING) {
		struct buf t = {0};
		buf_puts(&t, "cross-check pending: must ");
		rule_words(is->it->must, cs->cl, (int)(is->it - cs->cl->items), &t);
		report_text_wrapped(b, 8, t.data);
		buf_free(&t);
	}
}

/* Every entry in force of a repeat "*" item (each dose a record of its
 * own), numbered, with its time, staff and flag. */
static void
entries_lines(struct buf *b, const struct casestate *cs, const struct item_state *is,
    const char *day)
{
	const struct item *it = is->it;
	int k = 0;
	bool one = is->entries == 1, med = it->kind == KIND_MED;
	char *t = xasprintf("%d %s:", is->entries, med ? (one ? "dose" : "doses") :
	    one ? "entry" : "entries");
	report_text_wrapped(b, 8, t);
	free(t);
	for (size_t i = 0; i < cs->nev; i++) {
		const struct cs_event *e = &cs->ev[i];
		char when[20];
		if (strcmp(e->item_key, it->key) != 0 || e->superseded_by != 0 ||
		    (strcmp(e->action, ACTION_RECORD) != 0 && strcmp(e->action, ACTION_AMEND) != 0))
			continue;
		report_local_time(e->at, day, when);
		char *v = report_value_text(it, e);
		t = xasprintf("%d. %s %s  %s%s%s", ++k, when, e->staff, v, *e->flag ? "  flag: " :
		    "", e->flag);
		report_text_hanging(b, 10, 3, t);
		free(t);
		free(v);
	}
}

static void
item_block(struct buf *b, const struct casestate *cs, const struct item_state *is,
    const char *day)
{
	const struct item *it = is->it;
	const struct cs_event *cur = is->cur;
	char when[20] = "";

	if (cur != NULL)
		report_local_time(cur->at, day, when);
	/* an item its rule does not ask for reads as not applicable */
	const char *glyph = !is->applies && is->status == CS_OPEN ? casestate_glyph(CS_NA) :
	    casestate_glyph(is->status);
	item_line(b, glyph, it->label, when, cur ? cur->staff : "");
	if (cur != NULL && strcmp(cur->action, ACTION_NA) == 0) {
		char *t = xasprintf("n/a: %s", cur->reason);
		report_text_wrapped(b, 8, t);
		free(t);
	} else if (cur != NULL && it->repeat_any) {
		entries_lines(b, cs, is, day);
		rule_lines(b, cs, is);
	} else if (cur != NULL && it->kind != KIND_TIMEOUT) {
		char *v = report_value_text(it, cur);
		report_text_wrapped(b, 8, v);
		if (*cur->flag) {
			char *t = xasprintf("flag: %s (acknowledged)", cur->flag);
			report_text_wrapped(b, 8, t);
			free(t);
		}
		free(v);
		rule_lines(b, cs, is);
	}
	if (!is->applies) {
		struct buf t = {0};
		casestate_not_needed(cs, is, true, &t);
		report_text_wrapped(b, 8, t.data);
		buf_free(&t);
	}
	/* Everything that was superseded, and overrides, with their reasons. */
	for (size_t i = 0; i < cs->nev; i++) {
		const struct cs_event *e = &cs->ev[i];
		if (strcmp(e->item_key, it->key) != 0)
			continue;
		report_local_time(e->at, day, when);
		if (strcmp(e->action, ACTION_AMEND) == 0) {
			char *t = xasprintf("corrected %s by %s (event %lld): %s", when, e->staff,
			    (long long)e->amends, e->reason);
			report_text_wrapped(b, 8, t);
			free(t);
		} else if (strcmp(e->action, ACTION_OVERRIDE) == 0) {
			char *t = xasprintf("OVERRIDE %s by %s: %s", when, e->staff, e->reason);
			report_text_wrapped(b, 8, t);
			free(t);
		} else if (strcmp(e->action, ACTION_NOTE) == 0 ||
		    strcmp(e->action, ACTION_ADDENDUM) == 0) {
			bool addendum = *e->action == 'a';
			char *t = xasprintf("%s %s by %s: %s%s%s", addendum ? "ADDENDUM" : "note",
			    when, e->staff, e->value, addendum ? "; reason: " : "",
			    addendum ? e->reason : "");
			report_text_wrapped(b, 8, t);
			free(t);
		} else if (e->superseded_by != 0) {
			char *v = strcmp(e->action, ACTION_NA) == 0 ? xasprintf("n/a: %s", e->reason) :
			    report_value_text(it, e);
			char *t = xasprintf("was: %s (%s %s, superseded by event %lld)", v, when,
			    e->staff, (long long)e->superseded_by);
			report_text_wrapped(b, 8, t);
			free(t);
			free(v);
		}
	}
}

static char *site_name;

void
report_set_site(const char *site)
{
	free(site_name);
	site_name = site != NULL && *site != '\0' ? xstrdup(site) : NULL;
}

static void
header(struct buf *b, const struct casestate *cs, const char *version_sha,
    const char *printed_at)
{
	const struct case_info *c = &cs->c;
	char printed[20], t[160];

	clock_local(printed_at, "%Y-%m-%d %H:%M", printed, sizeof printed);
	if (site_name != NULL) {
		report_text_put(b, site_name, REPORT_WIDTH);
		buf_puts(b, "\n");
	}
	int n = snprintf(t, sizeof t, "SPINELOG CASE REPORT  case %lld", (long long)c->id);
	buf_puts(b, t);
	report_text_pad(b, REPORT_WIDTH - (size_t)n - strlen("printed ") - strlen(printed));
	buf_printf(b, "printed %s\n", printed);
	report_text_rule(b, '=');
	report_text_field(b, "Patient", c->name);
	report_text_field(b, "Date of birth", c->dob);
	report_text_field(b, "MRN", c->mrn);
	char *v = xasprintf("%s (%s), bleeding risk %s", cs->cl->title, c->proc_key,
	    cs->cl->risk);
	report_text_field_wrapped(b, "Procedure", v);
	free(v);
	snprintf(t, sizeof t, "%s, level %s", c->side, *c->level ? c->level : "-");
	report_text_field(b, "Side", t);
	report_text_field(b, "Proceduralist", *c->proceduralist ? c->proceduralist : "-");
	report_text_field(b, "Scheduled", c->scheduled_at);
	/* the declared allergy item's answer, whole: wrapped, never cut */
	report_text_field_wrapped(b, "Allergies", cs->allergies ? cs->allergies : "not recorded");
	v = xasprintf("%.16s (%s)", version_sha, cs->cl->source);
	report_text_field(b, "Checklist", v);
	free(v);
	if (cs->ended != NULL) {
		char when[20];
		clock_local(cs->ended->at, "%Y-%m-%d %H:%M", when, sizeof when);
		v = xasprintf("%s %s by %s%s%s", casestate_case_status(cs), when,
		    cs->ended->staff, *cs->ended->reason ? ": " : "", cs->ended->reason);
		report_text_field(b, "Status", v);
		free(v);
	} else {
		snprintf(t, sizeof t, "open, %s phase", phase_name(cs->phase));
		report_text_field(b, "Status", t);
	}
}

void
report_format(const struct casestate *cs, const char *version_sha, int64_t last_id,
    const char *last_hash, const char *printed_at, struct buf *out)
{
	const char *day = cs->c.scheduled_at;
	char d[11];
	snprintf(d, sizeof d, "%.10s", day);

	header(out, cs, version_sha, printed_at);
	for (int p = 0; p < PHASE__COUNT; p++) {
		char right[32];
		snprintf(right, sizeof right, "%d/%d done", cs->done[p], cs->total[p]);
		char *title = xasprintf("%s", phase_title((enum phase)p));
		for (char *s = title; *s; s++)
			*s = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
		report_text_heading(out, title, right);
		free(title);
		for (size_t i = 0; i < cs->cl->nitems; i++)
			if (cs->items[i].it->phase == (enum phase)p)
				item_block(out, cs, &cs->items[i], d);
	}
	report_sections(out, cs, d, printed_at);
	report_text_heading(out, "AUDIT", NULL);
	if (last_id > 0) {
		buf_printf(out, "Last event of this case: %lld\n", (long long)last_id);
		buf_printf(out, "  %s\n", last_hash);
		buf_puts(out, "Check it later with: spinelog verify --anchor <that hash>\n");
	} else {
		buf_puts(out, "This case has no events.\n");
	}
	buf_puts(out, "Glyphs: [x] done  [-] not applicable  [!] flagged or overridden  "
	    "[~] corrected\n");
}

int
report_case(struct db *db, int64_t case_id, struct buf *out, struct err *err)
{
	struct casestate *cs;
	char printed[CLOCK_UTC_LEN];
	int64_t last = 0;
	char hash[HASH_HEX_LEN] = "";

	if (casestate_load(db, case_id, NULL, &cs, err) != ST_OK)
		return err->status;
	sqlite3_stmt *st = db_stmt(db, "SELECT e.id, e.hash, v.sha256 FROM cases c"
	    " JOIN checklist_version v ON v.id = c.version_id"
	    " LEFT JOIN event e ON e.case_id = c.id WHERE c.id = :id ORDER BY e.id DESC LIMIT 1",
	    err);
	if (st == NULL) {
		casestate_free(cs);
		return err->status;
	}
	sqlite3_bind_int64(st, 1, case_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		casestate_free(cs);
		return db_fail(db, rc, "reading the case's last event", err);
	}
	last = sqlite3_column_int64(st, 0);
	snprintf(hash, sizeof hash, "%s", db_col_text(st, 1));
	char *sha = xstrdup(db_col_text(st, 2));
	sqlite3_reset(st);
	clock_now(printed);
	report_format(cs, sha, last, hash, printed, out);
	free(sha);
	casestate_free(cs);
	return ST_OK;
}

int
report_save(struct db *db, int64_t case_id, const char *dir, char **path, struct err *err)
{
	struct buf text = {0};
	char *folder = dir ? xstrdup(dir) :
	    file_xdg_path("XDG_DATA_HOME", ".local/share", "spinelog/reports");
	char now[CLOCK_UTC_LEN], stamp[20];

	*path = NULL;
	err->status = ST_OK;
	if (report_case(db, case_id, &text, err) != ST_OK)
		goto out;
	if (dir == NULL && mkdir_p(folder, 0700, err) != ST_OK)
		goto out;
	clock_now(now);
	clock_local(now, "%Y%m%d-%H%M%S", stamp, sizeof stamp);
	*path = xasprintf("%s/case-%lld-%s.txt", folder, (long long)case_id, stamp);
	if (file_write_atomic(*path, text.data, text.len, err) != ST_OK) {
		err_append(err, err->status == ST_CANTCREAT ? "; check that the folder exists and "
		    "is yours" : "; free space or check the folder, then try again");
		free(*path);
		*path = NULL;
	}
out:
	free(folder);
	buf_free(&text);
	return err->status;
}
