/* PINs: PBKDF2 hash and compare, salts, the stored row and its event, wrong
 * PINs logged and waited for, the hash never in the log (pin.h, chart.h). */
#include "testutil.h"

#include "actions.h"
#include "chart.h"
#include "clock.h"
#include "event.h"
#include "pin.h"
#include "record.h"

/* "now" for the checks that only read the time: the clock of the events
 * themselves is the real one (unit tests do not fake it). */
#define T0 tu_now_ms()

static int64_t
tu_now_ms(void)
{
	char now[CLOCK_UTC_LEN];
	int64_t ms = 0;
	clock_now(now);
	assert_true(clock_parse_utc(now, &ms));
	return ms;
}

struct fixture {
	char *dir;
	struct db *db;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct err err = {0};
	f->dir = tu_tempdir();
	f->db = tu_open(f->dir, "t.db");
	assert_int_equal(chart_register(f->db, "QA", "Quinn Avery", "RN", &err), ST_OK);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

static int
count(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
test_hash_and_match(void **state)
{
	(void)state;
	struct pin_hash a, b;
	struct err err = {0};
	assert_int_equal(pin_make("2468", &a, &err), ST_OK);
	assert_true(a.set);
	assert_int_equal(a.iterations, PIN_ITERATIONS);
	assert_true(pin_matches(&a, "2468"));
	assert_false(pin_matches(&a, "2469"));
	assert_false(pin_matches(&a, "24680"));
	assert_false(pin_matches(&a, ""));
	/* the same PIN again: a new salt, so another hash */
	assert_int_equal(pin_make("2468", &b, &err), ST_OK);
	assert_memory_not_equal(a.salt, b.salt, PIN_SALT_LEN);
	assert_memory_not_equal(a.hash, b.hash, PIN_HASH_LEN);
	assert_true(pin_matches(&b, "2468"));
	/* no PIN matches nothing */
	struct pin_hash none = {0};
	assert_false(pin_matches(&none, ""));
}

/* A hash computed outside spinelog, by Python's hashlib.pbkdf2_hmac("sha256",
 * b"2468", b"0123456789abcdef", 1000): the algorithm, the byte order of
 * salt and PIN and the length are the documented ones, so an auditor's tool
 * can check a PIN (or a later spinelog can read old rows). */
static void
test_known_answer(void **state)
{
	(void)state;
	static const unsigned char want[PIN_HASH_LEN] = {
		0x47, 0x29, 0x02, 0xb8, 0x52, 0x62, 0x5e, 0x36, 0x9a, 0x5b, 0x2f, 0xfe,
		0x4d, 0xff, 0x6b, 0xaf, 0x4c, 0x14, 0x8f, 0x9b, 0x7b, 0x83, 0x9c, 0xce,
		0x29, 0xd5, 0xe6, 0xb3, 0xe9, 0xd4, 0xe5, 0x30};
	struct pin_hash h = {.set = true, .iterations = 1000};
	memcpy(h.salt, "0123456789abcdef", PIN_SALT_LEN);
	memcpy(h.hash, want, sizeof want);
	assert_true(pin_matches(&h, "2468"));
	assert_false(pin_matches(&h, "2467"));
	h.iterations = 999;	/* the count is part of it */
	assert_false(pin_matches(&h, "2468"));
}

static void
test_valid(void **state)
{
	(void)state;
	struct err err = {0};
	assert_int_equal(pin_valid("0000", &err), ST_OK);
	assert_int_equal(pin_valid("123456789012", &err), ST_OK);
	assert_int_equal(pin_valid("123", &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "4 to 12 digits"));
	assert_int_equal(pin_valid("1234567890123", &err), ST_DATAERR);
	assert_int_equal(pin_valid("12a4", &err), ST_DATAERR);
	assert_int_equal(pin_valid("", &err), ST_DATAERR);
	assert_int_equal(pin_valid("1234 ", &err), ST_DATAERR);
}

static void
test_set_change_remove(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	const char *what;
	bool needed;
	int wait_s;

	assert_int_equal(chart_pin_needed(f->db, "QA", &needed, &err), ST_OK);
	assert_false(needed);
	assert_int_equal(chart_pin_set(f->db, "QA", NULL, "1357", T0, &what, &wait_s, &err), ST_OK);
	assert_string_equal(what, "PIN set");
	assert_int_equal(chart_pin_needed(f->db, "QA", &needed, &err), ST_OK);
	assert_true(needed);
	/* changing needs the old PIN */
	assert_int_equal(chart_pin_set(f->db, "QA", "9999", "2468", T0, &what, &wait_s, &err),
	    ST_NOPERM);
	assert_non_null(strstr(err.msg, "wrong PIN"));
	assert_int_equal(chart_pin_check(f->db, "QA", "1357", T0, &wait_s, &err), ST_OK);
	assert_int_equal(chart_pin_set(f->db, "QA", "1357", "2468", T0, &what, &wait_s, &err),
	    ST_OK);
	assert_string_equal(what, "PIN changed");
	assert_int_equal(chart_pin_check(f->db, "QA", "1357", T0, &wait_s, &err), ST_NOPERM);
	assert_int_equal(chart_pin_check(f->db, "QA", "2468", T0, &wait_s, &err), ST_OK);
	assert_int_equal(chart_pin_set(f->db, "QA", "2468", NULL, T0, &what, &wait_s, &err), ST_OK);
	assert_string_equal(what, "PIN removed");
	assert_int_equal(chart_pin_needed(f->db, "QA", &needed, &err), ST_OK);
	assert_false(needed);
	/* without a PIN any check passes, as before PINs */
	assert_int_equal(chart_pin_check(f->db, "QA", "", T0, &wait_s, &err), ST_OK);

	/* the events say what happened and never hold a hash; the chain holds */
	assert_int_equal(count(f->db, "SELECT count(*) FROM event WHERE action = 'pin_set'"), 3);
	assert_int_equal(count(f->db, "SELECT count(*) FROM event WHERE action = 'pin_wrong'"
	    " AND staff_code = 'QA' AND reason = 'wrong PIN'"), 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM event e JOIN staff_pin p"
	    " ON p.hash IS NOT NULL AND (instr(e.value || e.reason, hex(p.hash)) > 0 OR"
	    " instr(e.value || e.reason, lower(hex(p.hash))) > 0)"), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM staff_pin WHERE hash IS NOT NULL"), 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM staff_pin WHERE hash IS NULL"), 1);
	assert_true(tu_verify(f->db, NULL).ok);
	/* rows are append-only */
	assert_int_not_equal(sqlite3_exec(db_handle(f->db), "UPDATE staff_pin SET hash = NULL",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db_handle(f->db), "DELETE FROM staff_pin", NULL, NULL,
	    NULL), SQLITE_OK);
}

static void
test_wrong_pins_wait(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	const char *what;
	int wait_s;

	assert_int_equal(chart_pin_set(f->db, "QA", NULL, "1357", T0, &what, &wait_s, &err), ST_OK);
	int wrong;
	int64_t last;
	for (int i = 1; i < PIN_FREE_TRIES; i++) {
		assert_int_equal(chart_pin_check(f->db, "QA", "0000", T0, &wait_s, &err), ST_NOPERM);
		assert_int_equal(wait_s, 0);
	}
	assert_int_equal(chart_pin_check(f->db, "QA", "0000", T0, &wait_s, &err), ST_NOPERM);
	assert_int_equal(wait_s, 30);
	/* the events carry the clock's time: the waits count from the last */
	assert_int_equal(pin_wrong_count(f->db, "QA", T0, &wrong, &last, &err), ST_OK);
	assert_int_equal(wrong, PIN_FREE_TRIES);
	/* within the wait even the right PIN is refused, unchecked and unlogged */
	int logged = count(f->db, "SELECT count(*) FROM event");
	assert_int_equal(chart_pin_check(f->db, "QA", "1357", last + 29000, &wait_s, &err),
	    ST_TEMPFAIL);
	assert_int_equal(wait_s, 1);
	assert_non_null(strstr(err.msg, "wait 1 s"));
	assert_int_equal(count(f->db, "SELECT count(*) FROM event"), logged);
	/* another wrong one after the wait: the wait doubles */
	assert_int_equal(chart_pin_check(f->db, "QA", "0000", last + 30000, &wait_s, &err),
	    ST_NOPERM);
	assert_int_equal(wait_s, 60);
	/* wrong PINs older than the window no longer count */
	assert_int_equal(pin_wrong_count(f->db, "QA", last, &wrong, &last, &err), ST_OK);
	int64_t later = last + (PIN_WINDOW_S + 60) * 1000LL;
	assert_int_equal(chart_pin_check(f->db, "QA", "0000", later, &wait_s, &err), ST_NOPERM);
	assert_int_equal(wait_s, 0);
	/* a sign-in with the right PIN ends the row of wrong ones */
	struct staff s = {0};
	assert_int_equal(chart_sign_in_pin(f->db, "QA", "1357", later, &s, &wait_s, &err), ST_OK);
	assert_string_equal(s.code, "QA");
	staff_clear(&s);
	assert_int_equal(pin_wrong_count(f->db, "QA", later, &wrong, &last, &err), ST_OK);
	assert_int_equal(wrong, 0);
	assert_int_equal(pin_wait_s(3), 30);
	assert_int_equal(pin_wait_s(7), 480);
	assert_int_equal(pin_wait_s(40), 480);
}

static void
test_reset_and_unknown(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	const char *what;
	bool needed;
	int wait_s;

	assert_int_equal(chart_pin_reset(f->db, "QA", &err), ST_NOINPUT);
	assert_int_equal(chart_pin_set(f->db, "QA", NULL, "1357", T0, &what, &wait_s, &err), ST_OK);
	assert_int_equal(chart_pin_reset(f->db, "QA", &err), ST_OK);
	assert_int_equal(chart_pin_needed(f->db, "QA", &needed, &err), ST_OK);
	assert_false(needed);
	assert_int_equal(count(f->db, "SELECT count(*) FROM event WHERE action = 'pin_set'"
	    " AND value = 'PIN reset'"), 1);
	assert_int_equal(chart_pin_set(f->db, "ZZ", NULL, "1357", T0, &what, &wait_s, &err),
	    ST_NOINPUT);
	assert_non_null(strstr(err.msg, "not a registered staff code"));
	assert_int_equal(chart_pin_set(f->db, "QA", NULL, "12", T0, &what, &wait_s, &err),
	    ST_DATAERR);
	assert_int_equal(count(f->db, "SELECT count(*) FROM staff_pin"), 2);
}

/* Run sql with trigger (an append-only guard) dropped, then put it back as
 * it was, so that only the rows differ from what spinelog made. */
static void
behind_back(struct db *db, const char *trigger, const char *sql)
{
	sqlite3 *h = db_handle(db);
	sqlite3_stmt *st;
	char *drop = xasprintf("DROP TRIGGER %s", trigger);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT sql FROM sqlite_schema WHERE name = ?",
	    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, trigger, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *create = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(h, drop, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, create, NULL, NULL, NULL), SQLITE_OK);
	free(drop);
	free(create);
}

/* verify: every PIN row has its own pin_set event and holds what it says;
 * every pin_set event keeps its row. */
static void
test_verify_pins(void **state)
{
	struct fixture *f = *state;
	struct err err = {0};
	const char *what;
	int wait_s;
	struct verify_report r;

	assert_int_equal(chart_pin_set(f->db, "QA", NULL, "1357", T0, &what, &wait_s, &err), ST_OK);
	assert_int_equal(chart_pin_set(f->db, "QA", "1357", NULL, T0, &what, &wait_s, &err), ST_OK);
	assert_true(tu_verify(f->db, NULL).ok);

	/* a PIN slipped in for QA (no trigger stops an INSERT), naming the
	 * staff_register event (1) */
	assert_int_equal(sqlite3_exec(db_handle(f->db), "INSERT INTO staff_pin (code, event_id,"
	    " salt, hash, iterations) VALUES ('QA', 1, randomblob(16), randomblob(32), 1)", NULL,
	    NULL, NULL), SQLITE_OK);
	r = tu_verify(f->db, NULL);
	assert_false(r.ok);
	assert_non_null(strstr(r.problem, "PIN row 3 of QA has no pin_set event of its own"));
	behind_back(f->db, "staff_pin_no_delete", "DELETE FROM staff_pin WHERE id = 3");
	assert_true(tu_verify(f->db, NULL).ok);

	/* the removal given a hash again */
	behind_back(f->db, "staff_pin_no_update", "UPDATE staff_pin SET salt = randomblob(16),"
	    " hash = randomblob(32), iterations = 1 WHERE id = 2");
	r = tu_verify(f->db, NULL);
	assert_false(r.ok);
	assert_non_null(strstr(r.problem, "does not hold what its event"));
	assert_non_null(strstr(r.problem, "PIN removed"));
	behind_back(f->db, "staff_pin_no_update", "UPDATE staff_pin SET salt = NULL,"
	    " hash = NULL, iterations = 0 WHERE id = 2");
	assert_true(tu_verify(f->db, NULL).ok);

	/* a row deleted */
	behind_back(f->db, "staff_pin_no_delete", "DELETE FROM staff_pin WHERE id = 1");
	r = tu_verify(f->db, NULL);
	assert_false(r.ok);
	assert_non_null(strstr(r.problem, "(pin_set, QA) has no PIN row: the row was deleted"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_and_match),
		cmocka_unit_test(test_known_answer),
		cmocka_unit_test(test_valid),
		cmocka_unit_test_setup_teardown(test_set_change_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_pins_wait, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_and_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_pins, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
