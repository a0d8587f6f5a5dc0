/* Unit tests of entry parsing and validation (no curses linked). */
#include "testutil.h"

#include <locale.h>

#include <time.h>

#include "clock.h"
#include "entry.h"

static struct item
number_item(bool lo, double low, bool hi, double high)
{
	struct item it = {.kind = KIND_NUMBER, .key = "w", .label = "Weight", .unit = "kg",
	    .has_low = lo, .low = low, .has_high = hi, .high = high};
	return it;
}

static void
test_number_flags(void **state)
{
	(void)state;
	struct item it = number_item(true, 40, true, 150);
	struct err err = {0};
	double v;
	char text[NUM_MAX];
	const char *flag;
	assert_int_equal(entry_number("70", &it, &v, text, &flag, &err), ST_OK);
	assert_true(v == 70.0);
	assert_string_equal(flag, "");
	assert_int_equal(entry_number("180", &it, &v, text, &flag, &err), ST_OK);
	assert_string_equal(flag, "high");
	assert_int_equal(entry_number("39,5", &it, &v, text, &flag, &err), ST_OK);
	assert_true(v == 39.5);
	assert_string_equal(text, "39.5");	/* a decimal comma, stored with a point */
	assert_string_equal(flag, "low");
	assert_int_equal(entry_number("40", &it, &v, text, &flag, &err), ST_OK);
	assert_string_equal(flag, "");	/* bounds are inside the range */
	assert_int_equal(entry_number("12kg", &it, &v, text, &flag, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "not a number"));
	assert_int_equal(entry_number("", &it, &v, text, &flag, &err), ST_DATAERR);
	char r[64];
	entry_range_text(&it, r, sizeof r);
	assert_string_equal(r, "40-150 kg");
	struct item inr = number_item(false, 0, true, 3.0);
	inr.unit = "";
	entry_range_text(&inr, r, sizeof r);
	assert_string_equal(r, "3 or less");
	assert_int_equal(entry_number("3.5", &inr, &v, text, &flag, &err), ST_OK);
	assert_string_equal(flag, "high");
	struct item plt = number_item(true, 20, false, 0);
	entry_range_text(&plt, r, sizeof r);
	assert_string_equal(r, "20 or more kg");
	struct item open = number_item(false, 0, false, 0);
	entry_range_text(&open, r, sizeof r);
	assert_string_equal(r, "");
	assert_int_equal(entry_number("9999", &open, &v, text, &flag, &err), ST_OK);
	assert_string_equal(flag, "");
}

/* Numbers are kept as typed, and a thousands separator is never taken for a
 * decimal comma: "1,250" was saved as 1.25 and 1234567 as 1.23457e+06. */
static void
test_number_as_typed(void **state)
{
	(void)state;
	struct item open = number_item(false, 0, false, 0);
	struct err err = {0};
	double v;
	char text[NUM_MAX];
	const char *flag;
	assert_int_equal(entry_number("1234567", &open, &v, text, &flag, &err), ST_OK);
	assert_string_equal(text, "1234567");
	assert_true(v == 1234567.0);
	assert_int_equal(entry_number(" 0.50 ", &open, &v, text, &flag, &err), ST_OK);
	assert_string_equal(text, "0.50");
	assert_int_equal(entry_number("-2", &open, &v, text, &flag, &err), ST_OK);
	assert_string_equal(text, "-2");
	assert_int_equal(entry_number("1,250", &open, &v, text, &flag, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "could mean 1250 or 1.250"));
	assert_int_equal(entry_number("1,25", &open, &v, text, &flag, &err), ST_OK);
	assert_string_equal(text, "1.25");
	static const char *const bad[] = {"1.2.3", "1,2,3", "1 250", "12.", ".5", "+5", "-", "1e3",
		"0x10", "nan", "inf", "12345678901234567890123456"};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(entry_number(bad[i], &open, &v, text, &flag, &err), ST_DATAERR);
}

/* Under a locale whose decimal separator is a comma, "72.5" is still 72.5
 * (strtod followed LC_NUMERIC and refused it), and ranges print with a point.
 * The de_DE locale is built into a temporary folder with localedef (Debian's
 * locales package), so the test does not depend on what the machine has. */
static void
test_number_any_locale(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *cmd = xasprintf("localedef -i de_DE -f UTF-8 '%s/de_DE.UTF-8' 2>/dev/null", dir);
	int rc = system(cmd);
	free(cmd);
	assert_int_equal(rc, 0);
	assert_int_equal(setenv("LOCPATH", dir, 1), 0);
	assert_non_null(setlocale(LC_ALL, "de_DE.UTF-8"));
	char probe[16];
	snprintf(probe, sizeof probe, "%.1f", 72.5);
	assert_string_equal(probe, "72,5");	/* the locale really is in force */
	struct item it = number_item(true, 0.5, true, 1.5);
	struct err err = {0};
	double v;
	char text[NUM_MAX];
	const char *flag;
	assert_int_equal(entry_number("72.5", &it, &v, text, &flag, &err), ST_OK);
	assert_true(v == 72.5);
	assert_string_equal(text, "72.5");
	assert_string_equal(flag, "high");
	char r[64];
	entry_range_text(&it, r, sizeof r);
	assert_string_equal(r, "0.5-1.5 kg");
	setlocale(LC_ALL, "C");
	unsetenv("LOCPATH");
	tu_rmdir(dir);
}

static void
test_time(void **state)
{
	(void)state;
	char out[6];
	struct err err = {0};
	assert_int_equal(entry_time("1430", out, &err), ST_OK);
	assert_string_equal(out, "14:30");
	assert_int_equal(entry_time("14:30", out, &err), ST_OK);
	assert_string_equal(out, "14:30");
	assert_int_equal(entry_time("930", out, &err), ST_OK);
	assert_string_equal(out, "09:30");
	assert_int_equal(entry_time("9:05", out, &err), ST_OK);
	assert_string_equal(out, "09:05");
	assert_int_equal(entry_time("2460", out, &err), ST_DATAERR);
	assert_int_equal(entry_time("2400", out, &err), ST_DATAERR);
	assert_int_equal(entry_time("14.30", out, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "1430"));
	assert_int_equal(entry_time("12345", out, &err), ST_DATAERR);

	/* empty and "now" give the local time of now */
	char want[6];
	time_t t = time(NULL);
	struct tm tm;
	assert_int_equal(entry_time("now", out, &err), ST_OK);
	localtime_r(&t, &tm);
	strftime(want, sizeof want, "%H:%M", &tm);
	if (strcmp(out, want) != 0) {	/* a minute may have turned */
		t = time(NULL);
		localtime_r(&t, &tm);
		strftime(want, sizeof want, "%H:%M", &tm);
	}
	assert_string_equal(out, want);
	assert_int_equal(entry_time("", out, &err), ST_OK);
	assert_int_equal(strlen(out), 5);
}

/* A time with its day: HH:MM today, the date otherwise; a time to come or
 * a day over a year back is refused with the way to type it. */
static void
test_when(void **state)
{
	(void)state;
	char out[ENTRY_WHEN_LEN], today[CLOCK_DAY_LEN], yday[CLOCK_DAY_LEN], want[32];
	struct err err = {0};
	int64_t m, now;

	setenv("TZ", "UTC", 1);
	tzset();
	clock_local_day(0, today);
	clock_local_day(-1, yday);
	assert_int_equal(entry_when("yesterday 2000", out, &err), ST_OK);
	snprintf(want, sizeof want, "%s 20:00", yday);
	assert_string_equal(out, want);
	assert_int_equal(entry_when("  yesterday   20:00 ", out, &err), ST_OK);
	assert_string_equal(out, want);
	snprintf(want, sizeof want, "%s 0005", yday);
	assert_int_equal(entry_when(want, out, &err), ST_OK);
	snprintf(want, sizeof want, "%s 00:05", yday);
	assert_string_equal(out, want);
	assert_int_equal(entry_when("today 0000", out, &err), ST_OK);
	assert_string_equal(out, "00:00");	/* today's time: as before, no date */
	assert_int_equal(entry_when("0000", out, &err), ST_OK);
	assert_string_equal(out, "00:00");
	assert_int_equal(entry_when("", out, &err), ST_OK);
	assert_int_equal(strlen(out), 5);

	/* read back as a moment: a time of day on its entry's day */
	assert_true(entry_when_minutes("07:50", "2026-11-26T08:00:00.000Z", &m));
	assert_true(entry_when_minutes("2026-11-26 07:50", NULL, &now));
	assert_true(m == now);
	assert_true(entry_when_minutes("2026-11-25 23:40", NULL, &m));
	assert_true(now - m == 8 * 60 + 10);
	assert_false(entry_when_minutes("8pm", NULL, &m));
	assert_false(entry_when_minutes("2026-11-26", NULL, &m));
	/* a time of day more than ENTRY_WHEN_AHEAD_MIN after its entry was typed
	 * before midnight and saved after it: the day before */
	assert_true(entry_when_minutes("23:50", "2026-11-26T00:05:00.000Z", &m));
	assert_true(entry_when_minutes("2026-11-25 23:50", NULL, &now));
	assert_true(m == now);
	assert_true(entry_when_minutes("00:15", "2026-11-26T00:05:00.000Z", &m));
	assert_true(entry_when_minutes("2026-11-26 00:15", NULL, &now));
	assert_true(m == now);
	assert_true(entry_when_minutes("00:16", "2026-11-26T00:05:00.000Z", &m));
	assert_true(entry_when_minutes("2026-11-25 00:16", NULL, &now));
	assert_true(m == now);

	/* an amendment starts from the day of another day's time */
	char dated[ENTRY_WHEN_LEN] = "";
	assert_true(entry_when_dated("08:05", "2026-11-25T09:00:00.000Z", dated));
	assert_string_equal(dated, "2026-11-25 08:05");
	assert_true(entry_when_dated("23:50", "2026-11-26T00:05:00.000Z", dated));
	assert_string_equal(dated, "2026-11-25 23:50");
	assert_false(entry_when_dated("2026-11-25 08:05", "2026-11-25T09:00:00.000Z", dated));
	char utc[CLOCK_UTC_LEN];
	clock_now(utc);
	assert_false(entry_when_dated("00:00", utc, dated));	/* today's: stays as it is */

	/* later than now: tomorrow's 00:30 is at least 30 minutes on, whenever
	 * the test runs */
	char tomorrow[CLOCK_DAY_LEN];
	clock_local_day(1, tomorrow);
	snprintf(want, sizeof want, "%s 0030", tomorrow);
	assert_int_equal(entry_when(want, out, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "later than now"));
	assert_non_null(strstr(err.msg, "yesterday 0030"));
	snprintf(want, sizeof want, "%s 1000", today);
	want[2] = (char)(want[2] + 1);	/* ten years on */
	assert_int_equal(entry_when(want, out, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "later than now"));
	memcpy(want, "2001", 4);	/* years back */
	assert_int_equal(entry_when(want, out, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "check the year"));

	/* a day without a time, a time after a day word, nonsense */
	assert_int_equal(entry_when("yesterday", out, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "yesterday 0730"));
	assert_int_equal(entry_when("yesterday now", out, &err), ST_DATAERR);
	assert_int_equal(entry_when("tomorrow 0800", out, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "yesterday 1430"));
	assert_int_equal(entry_when("2026-02-30 0800", out, &err), ST_DATAERR);
	assert_int_equal(entry_when("yesterday 2460", out, &err), ST_DATAERR);
}

/* A time the clock skipped (the spring change) did not happen; the autumn
 * change's repeated hour is one of its two moments. */
static void
test_when_clock_change(void **state)
{
	(void)state;
	int64_t ms;
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);	/* no tzdata needed */
	tzset();
	assert_false(clock_parse_local("2026-03-29 02:30", &ms));
	assert_true(clock_parse_local("2026-03-29 01:59", &ms));
	int64_t before = ms;
	assert_true(clock_parse_local("2026-03-29 03:00", &ms));
	assert_true(ms - before == 60 * 1000);	/* 01:59 CET to 03:00 CEST: a minute */
	assert_true(clock_parse_local("2026-10-25 02:30", &ms));
	setenv("TZ", "UTC", 1);
	tzset();
}

static void
test_vitals(void **state)
{
	(void)state;
	struct err err = {0};
	struct buf v = {0}, f = {0};
	int bad;
	const char *ok[VIT__COUNT] = {"128", "76", "72", "14", "98", "36.8", "3"};
	assert_int_equal(entry_vitals(ok, &v, &f, &bad, &err), ST_OK);
	assert_string_equal(v.data, "sys=128; dia=76; hr=72; rr=14; spo2=98; temp=36.8; pain=3");
	assert_string_equal(f.data, "");
	char *s = entry_summary(KIND_VITALS, v.data, "");
	assert_string_equal(s, "BP 128/76 HR 72 RR 14 SpO2 98% T 36.8 pain 3/10");
	free(s);
	buf_free(&v);
	buf_free(&f);

	/* NEWS2 score-0 bands: RR 12-20, SpO2 >= 96, sys 111-219, HR 51-90,
	 * temp 36.1-38.0; diastolic never flagged */
	const char *out[VIT__COUNT] = {"110", "30", "91", "21", "95", "38.1", ""};
	assert_int_equal(entry_vitals(out, &v, &f, &bad, &err), ST_OK);
	assert_string_equal(f.data, "sys:low,hr:high,rr:high,spo2:low,temp:high");
	assert_null(strstr(v.data, "pain"));
	buf_free(&v);
	buf_free(&f);
	const char *edge[VIT__COUNT] = {"111", "200", "51", "12", "96", "36.1", "10"};
	assert_int_equal(entry_vitals(edge, &v, &f, &bad, &err), ST_OK);
	assert_string_equal(f.data, "");
	buf_free(&v);
	buf_free(&f);

	const char *missing[VIT__COUNT] = {"120", "80", "", "14", "98", "", ""};
	assert_int_equal(entry_vitals(missing, &v, &f, &bad, &err), ST_DATAERR);
	assert_int_equal(bad, VIT_HR);
	buf_free(&v);
	buf_free(&f);
	const char *pain[VIT__COUNT] = {"120", "80", "70", "14", "98", "", "11"};
	assert_int_equal(entry_vitals(pain, &v, &f, &bad, &err), ST_DATAERR);
	assert_int_equal(bad, VIT_PAIN);
	buf_free(&v);
	buf_free(&f);
	const char *typo[VIT__COUNT] = {"120", "80", "720", "14", "98", "", ""};
	assert_int_equal(entry_vitals(typo, &v, &f, &bad, &err), ST_DATAERR);
	assert_int_equal(bad, VIT_HR);
	assert_non_null(strstr(err.msg, "plausible"));
	buf_free(&v);
	buf_free(&f);
}

static void
test_med(void **state)
{
	(void)state;
	struct err err = {0};
	struct buf v = {0};
	bool expired;
	int bad;
	const char *in[MED__COUNT] = {"methylprednisolone", "40", "mg", "intra-articular",
	    "left SIJ", "AB;1", "2026-11", "1430", "QA", ""};
	assert_int_equal(entry_med(in, "2026-11-26", &v, &expired, &bad, &err), ST_OK);
	assert_false(expired);	/* a month expiry lasts to its end */
	assert_string_equal(v.data, "drug=methylprednisolone; dose=40; unit=mg; "
	    "route=intra-articular; site=left SIJ; lot=AB\\;1; expiry=2026-11; time=14:30; "
	    "given_by=QA");
	char *lot = entry_kv_get(v.data, "lot");
	assert_string_equal(lot, "AB;1");
	free(lot);
	assert_null(entry_kv_get(v.data, "checked_by"));
	buf_free(&v);

	in[MED_EXPIRY] = "2026-10";
	assert_int_equal(entry_med(in, "2026-11-01", &v, &expired, &bad, &err), ST_OK);
	assert_true(expired);
	buf_free(&v);
	in[MED_EXPIRY] = "2026-11-25";
	assert_int_equal(entry_med(in, "2026-11-26", &v, &expired, &bad, &err), ST_OK);
	assert_true(expired);
	buf_free(&v);
	in[MED_EXPIRY] = "2026-11-26";
	assert_int_equal(entry_med(in, "2026-11-26", &v, &expired, &bad, &err), ST_OK);
	assert_false(expired);
	buf_free(&v);

	in[MED_EXPIRY] = "11/2026";
	assert_int_equal(entry_med(in, "2026-11-26", &v, &expired, &bad, &err), ST_DATAERR);
	assert_int_equal(bad, MED_EXPIRY);
	buf_free(&v);
	/* a month of one digit, or none, is not a label's YYYY-MM (found by
	 * tests/fuzz/fuzz_entry.c: "2026-1-" was taken as the 31st of "2026-1-") */
	static const char *const bad_months[] = {"2026-1-", "2026--1", "2026-0-", "2026-+1",
	    "2026-1"};
	for (size_t i = 0; i < sizeof bad_months / sizeof *bad_months; i++) {
		in[MED_EXPIRY] = bad_months[i];
		assert_int_equal(entry_med(in, "2026-11-26", &v, &expired, &bad, &err),
		    ST_DATAERR);
		assert_int_equal(bad, MED_EXPIRY);
		buf_free(&v);
	}
	in[MED_EXPIRY] = "2026-11";
	in[MED_LOT] = "";
	assert_int_equal(entry_med(in, "2026-11-26", &v, &expired, &bad, &err), ST_DATAERR);
	assert_int_equal(bad, MED_LOT);
	buf_free(&v);
	in[MED_LOT] = "AB1";
	in[MED_DOSE] = "-4";
	assert_int_equal(entry_med(in, "2026-11-26", &v, &expired, &bad, &err), ST_DATAERR);
	assert_int_equal(bad, MED_DOSE);
	buf_free(&v);
}

static void
test_case_fields(void **state)
{
	(void)state;
	struct err err = {0};
	static const struct {
		const char *in, *out;	/* out NULL: refused */
	} levels[] = {
		{"", ""}, {"S1", "S1"}, {"L4-L5", "L4-L5"}, {"C7-T1", "C7-T1"}, {"L5-S1", "L5-S1"},
		{"T12", "T12"}, {"t10-t12", "T10-T12"} /* not next to each other: fine */,
		{"CO", "Co"}, {"s5-co", "S5-Co"}, {"L6", NULL}, {"C8", NULL}, {"X9", NULL},
		{"L5-L4", NULL}, {"Co-S5", NULL}, {"L04", NULL}, {"L4-", NULL}, {"-L4", NULL},
		{"L3-L4-L5", NULL}, {"Co1", NULL}, {"L4 - L5", NULL},
	};
	for (size_t i = 0; i < ARRAY_SIZE(levels); i++) {
		char lv[ENTRY_LEVEL_LEN] = "?";
		int rc = entry_level(levels[i].in, lv, &err);
		if (rc != (levels[i].out ? ST_OK : ST_DATAERR))
			fail_msg("level '%s': %d (%s)", levels[i].in, rc, err.msg);
		assert_string_equal(lv, levels[i].out ? levels[i].out : "");
	}
	char lv[ENTRY_LEVEL_LEN];
	assert_int_equal(entry_level("X9", lv, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "'X9' is not a spinal level; type e.g. S1, L4-L5"));
	assert_int_equal(entry_level("L5-L4", lv, &err), ST_DATAERR);
	assert_string_equal(err.msg, "'L5-L4': give the upper level first: L4-L5");

	assert_int_equal(entry_dob("1940-01-10", "2026-11-26", &err), ST_OK);
	assert_int_equal(entry_dob("2026-11-26", "2026-11-26", &err), ST_OK);
	assert_int_equal(entry_dob("2026-11-27", "2026-11-26", &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "future"));
	assert_int_equal(entry_dob("1940-02-30", "2026-11-26", &err), ST_DATAERR);
	assert_int_equal(entry_dob("10/01/1940", "2026-11-26", &err), ST_DATAERR);
	/* at most 130 years before today, to the day */
	assert_int_equal(entry_dob("1896-11-26", "2026-11-26", &err), ST_OK);
	assert_int_equal(entry_dob("1896-11-25", "2026-11-26", &err), ST_DATAERR);
	assert_string_equal(err.msg, "'1896-11-25' is more than 130 years ago; check the year "
	    "of birth");
	assert_int_equal(entry_dob("1898-02-28", "2028-02-29", &err), ST_DATAERR);
	assert_int_equal(entry_dob("1898-03-01", "2028-02-29", &err), ST_OK);

	const char *side = NULL;
	assert_int_equal(entry_side("L", &side, &err), ST_OK);
	assert_string_equal(side, "left");
	assert_int_equal(entry_side("MIDLINE", &side, &err), ST_OK);
	assert_string_equal(side, "midline");
	assert_int_equal(entry_side("", &side, &err), ST_OK);
	assert_string_equal(side, "n/a");
	assert_int_equal(entry_side("lft", &side, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "type left, right, bilateral, midline or n/a"));
	/* the form offers exactly the written forms, each accepted as itself */
	size_t n;
	const char *const *sides = entry_sides(&n);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(entry_side(sides[i], &side, &err), ST_OK);
		assert_ptr_equal(side, sides[i]);
	}

	assert_int_equal(entry_sched_at("2026-11-26 08:30", &err), ST_OK);
	assert_int_equal(entry_sched_at("2026-11-26 08:60", &err), ST_DATAERR);
	assert_int_equal(entry_sched_at("2026-11-26T08:30", &err), ST_DATAERR);
	assert_int_equal(entry_sched_at("2026-11-26 +8:30", &err), ST_DATAERR);
	assert_int_equal(entry_sched_at("", &err), ST_DATAERR);
	assert_int_equal(entry_proceduralist("", &err), ST_DATAERR);
	assert_int_equal(entry_proceduralist("Dr Patel", &err), ST_OK);

	assert_int_equal(entry_mrn("", &err), ST_DATAERR);
	assert_int_equal(entry_mrn("M100234", &err), ST_OK);
	assert_int_equal(entry_mrn("M1\x1b[2J", &err), ST_DATAERR);
	assert_int_equal(entry_mrn("M1\xc2\x9b" "2J", &err), ST_DATAERR);	/* C1: CSI */
	assert_non_null(strstr(err.msg, "control character"));
	assert_int_equal(entry_mrn("M\xff", &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "not UTF-8"));
	assert_int_equal(entry_name("Nguyễn Thị Ánh", &err), ST_OK);
	/* 100 characters fit (counted as characters, not bytes); 101 do not */
	char name[256] = "";
	for (int i = 0; i < 50; i++)
		strcat(name, "Ü");
	for (int i = 0; i < 50; i++)
		strcat(name, "a");
	assert_int_equal(entry_name(name, &err), ST_OK);
	strcat(name, "b");
	assert_int_equal(entry_name(name, &err), ST_DATAERR);
	assert_int_equal(entry_reason("  ", &err), ST_DATAERR);
	assert_int_equal(entry_reason("not diabetic", &err), ST_OK);
	assert_int_equal(entry_reason("not\xc2\x85" "diabetic", &err), ST_DATAERR);	/* C1: NEL */
	assert_true(entry_has_control("a\xc2\x9b"));
	assert_false(entry_has_control("Ánh"));
	char sched[17];
	assert_int_equal(entry_sched("2026-11-26", "0830", sched, &err), ST_OK);
	assert_string_equal(sched, "2026-11-26 08:30");
}

static void
test_kv_and_summary(void **state)
{
	(void)state;
	char *v = entry_kv_get("a=1; b=x\\\\y\\; z; c=", "b");
	assert_string_equal(v, "x\\y; z");
	free(v);
	v = entry_kv_get("a=1; b=2; c=", "c");
	assert_string_equal(v, "");
	free(v);
	assert_null(entry_kv_get("a=1", "ab"));
	char *s = entry_summary(KIND_NUMBER, "180", "kg");
	assert_string_equal(s, "180 kg");
	free(s);
	s = entry_summary(KIND_CHECK, "done", "");
	assert_string_equal(s, "");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_flags),
		cmocka_unit_test(test_number_as_typed),
		cmocka_unit_test(test_number_any_locale),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_when),
		cmocka_unit_test(test_when_clock_change),
		cmocka_unit_test(test_vitals),
		cmocka_unit_test(test_med),
		cmocka_unit_test(test_case_fields),
		cmocka_unit_test(test_kv_and_summary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
