/*
 * libFuzzer harness for the typed-input parsers of entry.c (make fuzz).
 *
 * The input is split at NUL bytes into fields (a typed field can hold any
 * other byte); missing fields are empty.  Every single-string parser (number,
 * time, MRN, name, date of birth, level, schedule time, reason, an answer
 * to a choice) is tried on
 * every field, and so are side, proceduralist and the whole scheduled time;
 * fields 0-6 are a vitals form, fields 7-16 a med form and fields 17-20 an
 * antithrombotic form.  No
 * parser may crash, leak or hit undefined behaviour, and what a parser
 * accepts must be what the rest of spinelog relies on: a time is "HH:MM"
 * within the day, a time with its day ("YYYY-MM-DD HH:MM", or "HH:MM" for
 * today) reads back as a moment no later than 10 minutes from now, accepted text has no control character, an accepted
 * vitals or med value decodes back to the typed fields, an accepted expiry
 * is YYYY-MM or YYYY-MM-DD.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

#include "clock.h"
#include "entry.h"
#include "num.h"

#define NFIELDS 24
#define VIT_AT 0
#define MED_AT 7
#define AT_AT 17
#define TODAY "2026-11-26"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_hhmm(const char *t)
{
	if (strlen(t) != 5 || !isdigit((unsigned char)t[0]) || !isdigit((unsigned char)t[1]) ||
	    t[2] != ':' || !isdigit((unsigned char)t[3]) || !isdigit((unsigned char)t[4]))
		abort();
	if (atoi(t) > 23 || atoi(t + 3) > 59)
		abort();
}

/* A time item's or a med's time: "HH:MM" today or "YYYY-MM-DD HH:MM",
 * a moment that has come (give or take ENTRY_WHEN_AHEAD_MIN). */
static void
check_when(const char *t)
{
	int64_t m;
	size_t n = strlen(t);
	if (n != 5 && (n != 16 || t[10] != ' '))
		abort();
	check_hhmm(t + n - 5);
	if (!entry_when_minutes(t, NULL, &m) || m > (int64_t)time(NULL) / 60 + ENTRY_WHEN_AHEAD_MIN + 1)
		abort();
}

/* An error must carry a message that says something. */
static void
check_err(int rc, const struct err *err)
{
	if (rc != ST_DATAERR || err->msg[0] == '\0')
		abort();
}

static void
one_field(const char *s)
{
	static char unit[] = "kg";
	struct item it = {.kind = KIND_NUMBER, .unit = unit, .has_low = true, .has_high = true,
	    .low = 40, .high = 150};
	struct err err = {0};
	double v;
	const char *flag;
	char num[NUM_MAX], tm[6], when[ENTRY_WHEN_LEN], sched[17], level[ENTRY_LEVEL_LEN];
	const char *side;
	int rc;

	rc = entry_number(s, &it, &v, num, &flag, &err);
	if (rc == ST_OK) {
		if (entry_has_control(s) || (*flag && strcmp(flag, "low") && strcmp(flag, "high")))
			abort();
		/* the text kept is the number: digits, one point, a leading minus */
		if (strspn(num, "-0123456789.") != strlen(num) || strchr(num, ',') != NULL)
			abort();
	} else {
		check_err(rc, &err);
	}
	if ((rc = entry_time(s, tm, &err)) == ST_OK)
		check_hhmm(tm);
	else
		check_err(rc, &err);
	if ((rc = entry_when(s, when, &err)) == ST_OK)
		check_when(when);
	else
		check_err(rc, &err);
	if ((rc = entry_sched(TODAY, s, sched, &err)) == ST_OK) {
		if (strncmp(sched, TODAY " ", 11) != 0)
			abort();
		check_hhmm(sched + 11);
	} else {
		check_err(rc, &err);
	}
	if ((rc = entry_mrn(s, &err)) == ST_OK) {
		if (entry_has_control(s) || utf8_chars(s) > 32)	/* characters, not bytes */
			abort();
	} else {
		check_err(rc, &err);
	}
	if ((rc = entry_name(s, &err)) == ST_OK) {
		/* at most 100 characters, however many bytes, of valid UTF-8 */
		if (entry_has_control(s) || utf8_chars(s) > 100 || !utf8_valid(s, strlen(s)))
			abort();
	} else {
		check_err(rc, &err);
	}
	if ((rc = entry_reason(s, &err)) == ST_OK) {
		if (entry_has_control(s))
			abort();
	} else {
		check_err(rc, &err);
	}
	if ((rc = entry_dob(s, TODAY, &err)) == ST_OK) {
		if (!clock_valid_date(s) || strcmp(s, TODAY) > 0)
			abort();
	} else {
		check_err(rc, &err);
	}
	if ((rc = entry_level(s, level, &err)) == ST_OK) {
		/* the written form is the typed one in capitals ("Co" aside) */
		if (strlen(s) > 7 || strlen(level) != strlen(s) || strcasecmp(level, s) != 0)
			abort();
	} else {
		check_err(rc, &err);
	}
	static const char *const answers[] = {"none", "no", "left", "Lateral", "n/a"};
	int ix = -1;
	if ((rc = entry_choice(s, answers, 5, &ix, &err)) == ST_OK) {
		/* an answer of the list, named by its number or its first letters */
		const char *p = s + strspn(s, " ");
		size_t n = strlen(p);
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (ix < 0 || ix > 4 || n == 0 ||
		    (strncasecmp(answers[ix], p, n) != 0 && atoi(p) != ix + 1))
			abort();
	} else {
		check_err(rc, &err);
	}
	if ((rc = entry_side(s, &side, &err)) == ST_OK) {
		size_t n;
		const char *const *sides = entry_sides(&n);
		bool listed = false;
		for (size_t i = 0; i < n; i++)
			listed |= side == sides[i];
		if (!listed)
			abort();
	} else {
		check_err(rc, &err);
	}
	if ((rc = entry_proceduralist(s, &err)) == ST_OK) {
		if (entry_has_control(s) || utf8_chars(s) > 100)
			abort();
	} else {
		check_err(rc, &err);
	}
	if ((rc = entry_sched_at(s, &err)) != ST_OK)
		check_err(rc, &err);
	/* The field as a stored value: decoding and display must not crash. */
	free(entry_kv_get(s, "drug"));
	for (int k = 0; k < KIND__COUNT; k++)
		free(entry_summary((enum item_kind)k, s, "mg"));
}

static void
vitals_form(char *const f[])
{
	const char *in[VIT__COUNT];
	struct buf value = {0}, flag = {0};
	struct err err = {0};
	int bad = -2;

	for (int i = 0; i < VIT__COUNT; i++)
		in[i] = f[VIT_AT + i];
	int rc = entry_vitals(in, &value, &flag, &bad, &err);
	if (rc == ST_OK) {
		if (bad != -1 || value.data == NULL || flag.data == NULL)
			abort();
		for (int i = 0; i < VIT__COUNT; i++) {
			char *got = entry_kv_get(value.data, entry_vital((enum vital)i)->key);
			/* A filled field is stored; its number may be normalised. */
			if ((got != NULL) != (strspn(in[i], " ") != strlen(in[i])))
				abort();
			free(got);
		}
		free(entry_summary(KIND_VITALS, value.data, ""));
	} else {
		check_err(rc, &err);
		if (bad < 0 || bad >= VIT__COUNT)
			abort();
	}
	buf_free(&value);
	buf_free(&flag);
}

static bool
expiry_form(const char *s)
{
	size_t n = strlen(s);
	if (n != 7 && n != 10)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static void
med_form(char *const f[])
{
	const char *in[MED__COUNT];
	struct buf value = {0};
	struct err err = {0};
	bool expired;
	int bad = -2;

	for (int i = 0; i < MED__COUNT; i++)
		in[i] = f[MED_AT + i];
	int rc = entry_med(in, TODAY, &value, &expired, &bad, &err);
	if (rc == ST_OK) {
		if (bad != -1 || value.data == NULL || !expiry_form(in[MED_EXPIRY]))
			abort();
		for (int i = 0; i < MED__COUNT; i++) {
			char *got = entry_kv_get(value.data, entry_med_key((enum med)i));
			if (i == MED_TIME) {
				if (got == NULL)
					abort();
				check_when(got);
			} else if (i == MED_DOSE) {
				/* a number is stored in one spelling: "36,8" as 36.8 */
				double v;
				char text[NUM_MAX];
				struct err why = {0};
				if (got == NULL || num_parse(in[i], &v, text, &why) != ST_OK ||
				    strcmp(got, text) != 0)
					abort();
			} else if (got != NULL ? strcmp(got, in[i]) != 0 :
			    i != MED_CHECKED_BY) {
				abort();	/* the encoding must give back what was typed */
			}
			free(got);
		}
		free(entry_summary(KIND_MED, value.data, ""));
	} else {
		check_err(rc, &err);
		if (bad < 0 || bad >= MED__COUNT)
			abort();
	}
	buf_free(&value);
}

static void
at_form(char *const f[])
{
	const char *in[AT__COUNT];
	struct buf value = {0};
	struct err err = {0};
	struct at_entry at;
	int bad = -2;
	const int64_t now = INT64_C(1795680000000);

	for (int i = 0; i < AT__COUNT; i++)
		in[i] = f[AT_AT + i];
	int rc = entry_antithrombotic(in, now, &value, &at, &bad, &err);
	if (rc == ST_OK) {
		if (bad != -1 || value.data == NULL || at.last_ms > now + 60000)
			abort();
		if (at.has_crcl && (at.crcl < ENTRY_CRCL_MIN || at.crcl > ENTRY_CRCL_MAX))
			abort();
		char *drug = entry_kv_get(value.data, "drug");
		if (drug == NULL || (at.none != (strcmp(drug, "none") == 0)))
			abort();
		free(drug);
		free(entry_summary(KIND_ANTITHROMBOTIC, value.data, ""));
	} else {
		check_err(rc, &err);
		if (bad < 0 || bad >= AT__COUNT)
			abort();
	}
	buf_free(&value);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	char *f[NFIELDS];
	size_t nf = 0;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	f[nf++] = copy;
	for (size_t i = 0; i < size && nf < NFIELDS; i++)
		if (copy[i] == '\0')
			f[nf++] = copy + i + 1;
	for (size_t i = 0; i < nf; i++)
		one_field(f[i]);
	for (size_t i = nf; i < NFIELDS; i++)
		f[i] = copy + size;	/* "" */
	vitals_form(f);
	med_form(f);
	at_form(f);
	free(copy);
	return 0;
}
