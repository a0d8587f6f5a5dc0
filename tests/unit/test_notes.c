/*
 * Notes and addenda (issue 13): a note is saved only on an open case, an
 * addendum only on a case that has ended (closed or cancelled) and with a
 * reason of at least two words and eight letters; neither changes an entry;
 * an answer that asks for a note holds the phase gate until one is written;
 * the summary and the hash chain carry both.
 */
#include "testutil.h"

#include "actions.h"
#include "casestate.h"
#include "chart.h"
#include "checklist.h"
#include "event.h"
#include "note.h"
#include "record.h"
#include "summary.h"
#include "verify.h"

struct fixture {
	char *dir;
	struct db *db;
	struct catalog cat;
	const struct checklist *si;
	int64_t case_id;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct err err = {0};
	f->dir = tu_tempdir();
	f->db = tu_open(f->dir, "t.db");
	f->si = tu_catalog_builtin(&f->cat, f->dir, "si-joint-injection");
	struct case_info c = {.mrn = "M1", .name = "DOE, Jane", .dob = "1950-01-01",
	    .proc_key = "si-joint-injection", .side = "left", .level = "",
	    .proceduralist = "Dr P", .scheduled_at = "2026-11-26 09:00"};
	assert_int_equal(chart_register(f->db, "QA", "Quinn Avery", "RN", &err), ST_OK);
	if (chart_new_case(f->db, "QA", f->si, &c, &err) != ST_OK)
		fail_msg("chart_new_case: %s", err.msg);
	free(c.created_at);
	f->case_id = c.id;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	catalog_free(&f->cat);
	db_close(f->db);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t
events(struct db *db)
{
	int64_t id;
	char hash[HASH_HEX_LEN];
	struct err err = {0};
	assert_int_equal(event_head(db, &id, hash, &err), ST_OK);
	return id;
}

static struct casestate *
load(struct fixture *f)
{
	struct casestate *cs;
	struct err err = {0};
	if (casestate_load(f->db, f->case_id, NULL, &cs, &err) != ST_OK)
		fail_msg("casestate_load: %s", err.msg);
	return cs;
}

static const struct item *
item(struct fixture *f, const char *key)
{
	const struct item *it = checklist_item(f->si, key);
	assert_non_null(it);
	return it;
}

static void
record(struct fixture *f, const char *key, const char *value)
{
	struct err err = {0};
	struct chart_entry e = {.value = value, .unit = "", .flag = ""};
	if (chart_record(f->db, "QA", f->case_id, item(f, key), &e, &err) != ST_OK)
		fail_msg("chart_record %s: %s", key, err.msg);
}

static void
test_note_on_open_case(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	record(f, "allergies", "none known");
	assert_int_equal(chart_note(f->db, "QA", f->case_id, item(f, "allergies"),
	    "asked twice, daughter confirms", &err), ST_OK);
	struct casestate *cs = load(f);
	const struct item_state *is = casestate_item(cs, "allergies");
	assert_int_equal(is->notes, 1);
	assert_string_equal(is->note->action, ACTION_NOTE);
	assert_string_equal(is->note->value, "asked twice, daughter confirms");
	assert_string_equal(is->note->phase, "pre");
	/* the entry in force is still the record */
	assert_string_equal(is->cur->action, ACTION_RECORD);
	assert_string_equal(is->cur->value, "none known");
	assert_int_equal(is->status, CS_DONE);
	assert_int_equal(cs->notes, 1);
	casestate_free(cs);
}

static void
test_note_text_refused(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	int64_t before = events(f->db);
	const struct item *it = item(f, "allergies");
	assert_int_equal(chart_note(f->db, "QA", f->case_id, it, "   ", &err), ST_DATAERR);
	assert_int_equal(chart_note(f->db, "QA", f->case_id, it, "line\nbreak", &err), ST_DATAERR);
	char *big = xcalloc(NOTE_MAX + 2, 1);
	memset(big, 'a', NOTE_MAX + 1);
	assert_int_equal(chart_note(f->db, "QA", f->case_id, it, big, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "too long"));
	big[NOTE_MAX] = '\0';	/* exactly NOTE_MAX fits */
	assert_int_equal(chart_note(f->db, "QA", f->case_id, it, big, &err), ST_OK);
	free(big);
	assert_int_equal(chart_note(f->db, "", f->case_id, it, "who wrote this", &err),
	    ST_SOFTWARE);
	assert_int_equal(events(f->db), before + 1);
}

/* "deficit - describe in a note": the item needs a note, and the gate says
 * so, until one is written. */
static void
test_answer_asks_for_note(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	const struct item *it = item(f, "neuro_baseline");
	const char *deficit = NULL;
	for (size_t i = 0; i < it->nchoices; i++)
		if (note_asked(it, it->choices[i]))
			deficit = it->choices[i];
	assert_non_null(deficit);
	assert_false(note_asked(it, it->choices[0]));
	record(f, "neuro_baseline", deficit);
	struct casestate *cs = load(f);
	const struct item_state *is = casestate_item(cs, "neuro_baseline");
	assert_true(is->needs_note);
	struct cs_blocker b[64];
	size_t n = casestate_blockers(cs, PHASE_PRE, b, ARRAY_SIZE(b));
	bool found = false;
	for (size_t i = 0; i < n && i < ARRAY_SIZE(b); i++)
		if (b[i].is == is) {
			assert_int_equal(b[i].why, BLOCK_NOTE);
			struct buf t = {0};
			casestate_blocker_text(cs, &b[i], &t);
			assert_non_null(strstr(t.data, "asks for a note"));
			buf_free(&t);
			found = true;
		}
	assert_true(found);
	casestate_free(cs);

	assert_int_equal(chart_note(f->db, "QA", f->case_id, it, "left L5 numbness since 2024",
	    &err), ST_OK);
	cs = load(f);
	is = casestate_item(cs, "neuro_baseline");
	assert_false(is->needs_note);
	n = casestate_blockers(cs, PHASE_PRE, b, ARRAY_SIZE(b));
	for (size_t i = 0; i < n && i < ARRAY_SIZE(b); i++)
		assert_true(b[i].is != is);
	casestate_free(cs);
}

static void
test_note_refused_once_ended(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	assert_int_equal(chart_cancel(f->db, "QA", f->case_id, "patient declined", &err), ST_OK);
	int64_t before = events(f->db);
	assert_int_equal(chart_note(f->db, "QA", f->case_id, item(f, "allergies"),
	    "a late thought", &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "addendum"));
	assert_int_equal(events(f->db), before);
}

static void
test_addendum_only_when_ended(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	const struct item *it = item(f, "allergies");
	int64_t before = events(f->db);
	assert_int_equal(chart_addendum(f->db, "QA", f->case_id, it, "latex",
	    "remembered after the procedure", &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "still open"));
	assert_int_equal(events(f->db), before);
	assert_int_equal(chart_addendum(f->db, "QA", 999, it, "latex",
	    "remembered after the procedure", &err), ST_NOINPUT);
	assert_int_equal(events(f->db), before);
}

static void
test_addendum_reason(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	const struct item *it = item(f, "allergies");
	record(f, "allergies", "none known");
	assert_int_equal(chart_close(f->db, "QA", f->case_id, &err), ST_OK);
	int64_t before = events(f->db);
	static const char *const bad[] = {"", "ok", "forgotten", "x y z", "late 2", "a b c d e f"};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (chart_addendum(f->db, "QA", f->case_id, it, "latex", bad[i], &err) !=
		    ST_DATAERR)
			fail_msg("reason '%s' was accepted", bad[i]);
	}
	assert_non_null(strstr(err.msg, "at least 2 words and 8 letters"));
	assert_int_equal(chart_addendum(f->db, "QA", f->case_id, it, "", "found on ward round",
	    &err), ST_DATAERR);
	assert_int_equal(events(f->db), before);
	/* letters of any script count */
	assert_int_equal(note_reason("später gemeldet", &err), ST_OK);
	assert_int_equal(note_reason("été noté", &err), ST_DATAERR);	/* 7 letters */
	assert_int_equal(note_reason("late entry", &err), ST_OK);
}

static void
test_addendum_keeps_entries(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	const struct item *it = item(f, "allergies");
	record(f, "allergies", "none known");
	assert_int_equal(chart_close(f->db, "QA", f->case_id, &err), ST_OK);
	struct casestate *cs = load(f);
	int64_t cur = casestate_item(cs, "allergies")->cur->id;
	casestate_free(cs);
	assert_int_equal(chart_addendum(f->db, "QA", f->case_id, it, "latex (rash)",
	    "daughter called after discharge", &err), ST_OK);
	assert_int_equal(chart_addendum(f->db, "QA", f->case_id, NULL, "phoned: no headache",
	    "telephone follow-up next day", &err), ST_OK);
	cs = load(f);
	const struct item_state *is = casestate_item(cs, "allergies");
	assert_int_equal(is->cur->id, cur);
	assert_string_equal(is->cur->value, "none known");
	assert_int_equal(is->status, CS_DONE);
	assert_int_equal(is->addenda, 1);
	assert_int_equal(cs->addenda, 2);
	assert_true(cs->closed);
	int64_t add_id = cs->ev[cs->nev - 2].id;
	assert_string_equal(cs->ev[cs->nev - 2].value, "latex (rash)");
	const struct cs_event *last = &cs->ev[cs->nev - 1];
	assert_string_equal(last->action, ACTION_ADDENDUM);
	assert_string_equal(last->item_key, "");
	assert_string_equal(last->reason, "telephone follow-up next day");

	/* the summary shows both, marked as addenda, and who closed the case */
	struct summary sum = {0};
	summary_build(cs, 78, &sum);
	bool item_line = false, case_line = false, closed = false, heading = false;
	for (size_t i = 0; i < sum.n; i++) {
		const char *t = sum.v[i].text;
		assert_true(utf8_chars(t) <= 78);
		heading |= strcmp(t, "ADDENDA (2)") == 0;
		closed |= strstr(t, "closed") != NULL && strstr(t, "by QA") != NULL;
		if (strstr(t, "ADDENDUM") && strstr(t, "latex (rash)")) {
			item_line = true;
			assert_int_equal(sum.v[i].tone, SUM_ADDENDUM);
		}
		case_line |= strstr(t, "ADDENDUM") && strstr(t, "whole case: phoned") != NULL;
	}
	assert_true(item_line && case_line && closed && heading);
	summary_clear(&sum);
	casestate_free(cs);

	/* on the chain: verify passes, and an edited addendum is caught */
	struct verify_report r = {0};
	assert_int_equal(verify_run(f->db, NULL, &r, &err), ST_OK);
	assert_true(r.ok);
	db_close(f->db);
	char *sql = xasprintf("DROP TRIGGER event_no_update;"
	    " UPDATE event SET value = 'none' WHERE id = %lld;"
	    " CREATE TRIGGER event_no_update BEFORE UPDATE ON event\nBEGIN SELECT RAISE(ABORT, "
	    "'spinelog: the event log is append-only; record a correction instead of an "
	    "UPDATE'); END;", (long long)add_id);
	assert_int_equal(tu_raw_sql(f->dir, "t.db", sql), SQLITE_OK);
	free(sql);
	f->db = tu_open(f->dir, "t.db");
	memset(&r, 0, sizeof r);
	assert_int_equal(verify_run(f->db, NULL, &r, &err), ST_OK);
	assert_false(r.ok);
	if (r.bad_event != add_id)
		fail_msg("verify found: %s", r.problem);
}

static void
test_addendum_on_cancelled_case(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	assert_int_equal(chart_cancel(f->db, "QA", f->case_id, "patient declined", &err), ST_OK);
	assert_int_equal(chart_addendum(f->db, "QA", f->case_id, NULL, "BP 180/100 in waiting "
	    "room", "recorded after the cancellation", &err), ST_OK);
	struct casestate *cs = load(f);
	assert_true(cs->cancelled);
	assert_int_equal(cs->addenda, 1);
	casestate_free(cs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_note_on_open_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_note_text_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answer_asks_for_note, setup, teardown),
		cmocka_unit_test_setup_teardown(test_note_refused_once_ended, setup, teardown),
		cmocka_unit_test_setup_teardown(test_addendum_only_when_ended, setup, teardown),
		cmocka_unit_test_setup_teardown(test_addendum_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(test_addendum_keeps_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_addendum_on_cancelled_case, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
