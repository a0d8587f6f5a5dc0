/*
 * entry: the field rules every entry shares, and the encoding they end in.
 * A number with its soft range, a time of day, the new-case fields (MRN,
 * name, proceduralist, date of birth, spinal level, side, scheduled time),
 * a staff code and a reason; then reading a buf_kv value back and its
 * one-line summary.  The vitals are entry_vitals.c; the med and
 * antithrombotic entries are entry_med.c.
 */
#include "entry.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "clock.h"
#include "entry_int.h"
#include "num.h"

bool
entry_has_control(const char *s)
{
	return text_has_control(s);
}

bool
entry_blank(const char *s)
{
	while (*s == ' ')
		s++;
	return *s == '\0';
}

int
entry_number(const char *s, const struct item *it, double *v, char text[NUM_MAX],
    const char **flag, struct err *err)
{
	*flag = "";
	if (num_parse(s, v, text, err) != ST_OK)
		return err->status;
	if (it->has_low && *v < it->low)
		*flag = "low";
	else if (it->has_high && *v > it->high)
		*flag = "high";
	return ST_OK;
}

void
entry_range_text(const struct item *it, char *out, size_t size)
{
	const char *sp = *it->unit ? " " : "";
	char lo[NUM_MAX], hi[NUM_MAX];
	num_format(it->low, lo);
	num_format(it->high, hi);
	if (it->has_low && it->has_high)
		snprintf(out, size, "%s-%s%s%s", lo, hi, sp, it->unit);
	else if (it->has_low)
		snprintf(out, size, "%s or more%s%s", lo, sp, it->unit);
	else if (it->has_high)
		snprintf(out, size, "%s or less%s%s", hi, sp, it->unit);
	else
		snprintf(out, size, "%s", "");
}

int
entry_time(const char *s, char out[6], struct err *err)
{
	int h, m;
	size_t n = strlen(s);

	if (entry_blank(s) || strcmp(s, "now") == 0) {
		time_t t = time(NULL);
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(out, 6, "%H:%M", &tm);
		return ST_OK;
	}
	if (n >= 4 && n <= 5 && s[n - 3] == ':' && isdigit((unsigned char)s[n - 1]) &&
	    isdigit((unsigned char)s[n - 2]) && isdigit((unsigned char)s[0]) &&
	    (n == 4 || isdigit((unsigned char)s[1]))) {
		h = atoi(s);
		m = atoi(s + n - 2);
	} else if (n >= 3 && n <= 4 && strspn(s, "0123456789") == n) {
		int v = atoi(s);
		h = v / 100;
		m = v % 100;
	} else {
		return err_set(err, ST_DATAERR, "'%s' is not a time; type 1430 or 14:30, or "
		    "leave it empty for now", s);
	}
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return err_set(err, ST_DATAERR, "'%s' is not a time of day (00:00 to 23:59)", s);
	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
	return ST_OK;
}

/* A day as entry_when takes it before a time: what clock_parse_day takes
 * (today, yesterday, a date). */
static bool
is_day(const char *s)
{
	char day[CLOCK_DAY_LEN];
	struct err err = {0};
	return clock_parse_day(s, day, &err) == ST_OK;
}

int
entry_when(const char *s, char out[ENTRY_WHEN_LEN], struct err *err)
{
	char buf[64], day[CLOCK_DAY_LEN], today[CLOCK_DAY_LEN], hm[6], local[32];
	int64_t at, now = (int64_t)time(NULL) * 1000;

	/* trimmed, then split at its last blank: "DAY TIME" or "TIME" */
	while (isspace((unsigned char)*s))
		s++;
	snprintf(buf, sizeof buf, "%s", s);
	size_t n = strlen(buf);
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	char *tm = strrchr(buf, ' '), *dayw = "";
	if (tm != NULL) {
		*tm++ = '\0';
		dayw = buf;
		for (size_t k = strlen(buf); k > 0 && isspace((unsigned char)buf[k - 1]); k--)
			buf[k - 1] = '\0';
	} else {
		tm = buf;
	}
	clock_local_day(0, today);
	if ((*dayw == '\0' && is_day(tm)) || (*dayw != '\0' && strcmp(tm, "now") == 0))
		return err_set(err, ST_DATAERR, "'%s': give the time of day after the day, e.g. "
		    "%s 0730", s, *dayw ? dayw : tm);
	if (*dayw != '\0' && !is_day(dayw))
		return err_set(err, ST_DATAERR, "'%s' is not a time: type 1430 or 14:30; for "
		    "an earlier day put it first: yesterday 1430 or 2026-11-30 1430", s);
	if (*dayw == '\0')
		memcpy(day, today, sizeof day);
	else
		clock_parse_day(dayw, day, err);
	if (entry_time(tm, hm, err) != ST_OK)
		return err->status;
	snprintf(local, sizeof local, "%s %s", day, hm);
	if (!clock_parse_local(local, &at))
		return err_set(err, ST_DATAERR, "%s did not happen: the clock change skipped that "
		    "hour; type the time the clock showed", local);
	if (at > now + (int64_t)ENTRY_WHEN_AHEAD_MIN * 60 * 1000) {
		char nowhm[6];
		entry_time("", nowhm, err);
		return err_set(err, ST_DATAERR, "%s is later than now (%s): a time yet to come "
		    "is not charted; for an earlier day put it first: yesterday %.2s%.2s",
		    *dayw ? local : hm, nowhm, hm, hm + 3);
	}
	if (at < now - (int64_t)ENTRY_WHEN_BACK_DAYS * 24 * 3600 * 1000)
		return err_set(err, ST_DATAERR, "%s is more than %d days ago; check the year",
		    local, ENTRY_WHEN_BACK_DAYS);
	if (strcmp(day, today) == 0)
		memcpy(out, hm, sizeof hm);
	else
		snprintf(out, ENTRY_WHEN_LEN, "%.10s %.5s", day, hm);
	return ST_OK;
}

bool
entry_when_minutes(const char *value, const char *at, int64_t *minutes)
{
	char local[32], day[CLOCK_DAY_LEN];
	int64_t ms, made;

	if (strlen(value) != 5)
		return clock_parse_local(value, &ms) ? (*minutes = ms / 60000, true) : false;
	if (at == NULL) {
		made = (int64_t)time(NULL) * 1000;
		clock_local_day(0, day);
	} else if (!clock_parse_utc(at, &made) || !clock_local(at, "%Y-%m-%d", day, sizeof day)) {
		return false;
	}
	snprintf(local, sizeof local, "%s %s", day, value);
	if (!clock_parse_local(local, &ms))
		return false;
	/* later than entry_when lets a time be: typed before midnight, saved
	 * after it (or charted before a day could be typed), so the day before */
	if (ms > made + (int64_t)ENTRY_WHEN_AHEAD_MIN * 60 * 1000)
		ms -= 24 * 60 * 60 * 1000;
	*minutes = ms / 60000;
	return true;
}

bool
entry_when_dated(const char *value, const char *at, char out[ENTRY_WHEN_LEN])
{
	int64_t m;
	char today[CLOCK_DAY_LEN], utc[CLOCK_UTC_LEN], local[32];

	if (strlen(value) != 5 || !entry_when_minutes(value, at, &m))
		return false;
	clock_format_utc(m * 60000, utc);
	clock_local_day(0, today);
	if (!clock_local(utc, "%Y-%m-%d %H:%M", local, sizeof local) ||
	    strncmp(local, today, 10) == 0)
		return false;
	snprintf(out, ENTRY_WHEN_LEN, "%.16s", local);
	return true;
}

/* An identifier of at most max characters: valid UTF-8, something visible,
 * no control character and nothing invisible that would make two different
 * MRNs or names look alike on a screen or wristband check. */
int
entry_text_ok(const char *s, size_t max, struct err *err)
{
	if (!utf8_valid(s, strlen(s)))
		return err_set(err, ST_DATAERR, "not UTF-8 text; retype it");
	if (text_has_control(s))
		return err_set(err, ST_DATAERR, "a control character (tab, line break, escape...) "
		    "is not allowed; remove it");
	if (*s != '\0' && text_blank(s))	/* empty is the caller's to allow */
		return err_set(err, ST_DATAERR, "only blank space; type the letters");
	const char *bad = text_invisible(s);
	if (bad != NULL) {
		uint32_t c;
		utf8_next(bad, &c);
		return err_set(err, ST_DATAERR, "an invisible character (U+%04X, e.g. a zero-width "
		    "space or a text-direction mark) is not allowed; retype it", (unsigned)c);
	}
	size_t n = utf8_chars(s);
	if (n > max)
		return err_set(err, ST_DATAERR, "too long: %zu characters, at most %zu fit", n, max);
	return ST_OK;
}

int
entry_mrn(const char *s, struct err *err)
{
	if (entry_blank(s))
		return err_set(err, ST_DATAERR, "the MRN is needed; read it from the wristband");
	return entry_text_ok(s, 32, err);
}

int
entry_name(const char *s, struct err *err)
{
	if (entry_blank(s))
		return err_set(err, ST_DATAERR, "the patient's name is needed, e.g. MÜLLER, Anna");
	return entry_text_ok(s, 100, err);
}

int
entry_proceduralist(const char *s, struct err *err)
{
	if (entry_blank(s))
		return err_set(err, ST_DATAERR, "who does the procedure? e.g. Dr Patel");
	return entry_text_ok(s, 100, err);
}

/*
 * The lower bound is a rolling one, ENTRY_DOB_MAX_YEARS before today: no one
 * on record has lived past 122, so an older date is a slip of the year (1850
 * for 1950), and a fixed year would go stale while the program is in use.
 */
int
entry_dob(const char *s, const char *today, struct err *err)
{
	char oldest[32];

	if (!clock_valid_date(s))
		return err_set(err, ST_DATAERR, "'%.40s' is not a date; type YYYY-MM-DD, e.g. "
		    "1940-01-10", s);
	if (strcmp(s, today) > 0)
		return err_set(err, ST_DATAERR, "'%s' is in the future; check the date of birth", s);
	snprintf(oldest, sizeof oldest, "%04d%s", atoi(today) - ENTRY_DOB_MAX_YEARS, today + 4);
	if (strcmp(s, oldest) < 0)
		return err_set(err, ST_DATAERR, "'%s' is more than %d years ago; check the year of "
		    "birth", s, ENTRY_DOB_MAX_YEARS);
	return ST_OK;
}

/*
 * One vertebra such as "L4" (any letter case, no leading zero) or "Co": its
 * ordinal down the spine (C1 = 1 ... S5 = 29, Co = 30), or -1.  out gets the
 * written form.  The coccyx is one level: its small vertebrae are fused and
 * not counted at the bedside, so "Co", "S5-Co" are levels and "Co1" is not.
 */
static int
vertebra(const char *s, size_t n, char out[4])
{
	static const struct { char c; int count, base; } regions[] = {
		{'C', 7, 0}, {'T', 12, 7}, {'L', 5, 19}, {'S', 5, 24},
	};
	if (n == 2 && toupper((unsigned char)s[0]) == 'C' && toupper((unsigned char)s[1]) == 'O') {
		memcpy(out, "Co", 3);
		return 30;
	}
	if (n < 2 || n > 3)
		return -1;
	for (size_t r = 0; r < ARRAY_SIZE(regions); r++) {
		if (toupper((unsigned char)s[0]) != regions[r].c)
			continue;
		int v = 0;
		for (size_t i = 1; i < n; i++) {
			if (!isdigit((unsigned char)s[i]))
				return -1;
			v = v * 10 + (s[i] - '0');
		}
		if (v < 1 || v > regions[r].count || (n == 3 && s[1] == '0'))
			return -1;
		size_t k = 0;
		out[k++] = regions[r].c;
		if (v >= 10)
			out[k++] = '1';
		out[k++] = (char)('0' + v % 10);
		out[k] = '\0';
		return regions[r].base + v;
	}
	return -1;
}

int
entry_level(const char *s, char out[ENTRY_LEVEL_LEN], struct err *err)
{
	const char *dash = strchr(s, '-');
	char a[4], b[4];
	int upper, lower;

	out[0] = '\0';
	if (*s == '\0')
		return ST_OK;
	if (dash == NULL) {
		upper = lower = vertebra(s, strlen(s), a);
	} else {
		upper = vertebra(s, (size_t)(dash - s), a);
		lower = vertebra(dash + 1, strlen(dash + 1), b);
	}
	if (upper < 0 || lower < 0)
		return err_set(err, ST_DATAERR, "'%.40s' is not a spinal level; type e.g. S1, L4-L5 "
		    "or C7-T1 (Co for the coccyx; empty when none)", s);
	if (lower < upper)
		return err_set(err, ST_DATAERR, "'%s': give the upper level first: %s-%s", s, b, a);
	if (dash == NULL)
		snprintf(out, ENTRY_LEVEL_LEN, "%s", a);
	else
		snprintf(out, ENTRY_LEVEL_LEN, "%s-%s", a, b);
	return ST_OK;
}

/* The written sides, then what else may be typed for them. */
static const char *const sides[] = {"left", "right", "bilateral", "midline", "n/a"};
static const struct {
	const char *typed;
	unsigned side;		/* index in sides[] */
} side_aliases[] = {{"l", 0}, {"r", 1}, {"b", 2}, {"m", 3}, {"na", 4}, {"", 4}};

const char *const *
entry_sides(size_t *n)
{
	*n = ARRAY_SIZE(sides);
	return sides;
}

int
entry_side(const char *s, const char **canonical, struct err *err)
{
	for (size_t i = 0; i < ARRAY_SIZE(sides); i++) {
		if (strcasecmp(s, sides[i]) == 0) {
			*canonical = sides[i];
			return ST_OK;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(side_aliases); i++) {
		if (strcasecmp(s, side_aliases[i].typed) == 0) {
			*canonical = sides[side_aliases[i].side];
			return ST_OK;
		}
	}
	return err_set(err, ST_DATAERR, "'%.40s' is not a side; type left, right, bilateral, "
	    "midline or n/a (or L, R, B, M)", s);
}

int
entry_sched(const char *day, const char *s, char out[17], struct err *err)
{
	char tm[6];
	if (entry_time(s, tm, err) != ST_OK)
		return err->status;
	snprintf(out, 17, "%.10s %s", day, tm);
	return ST_OK;
}

int
entry_sched_at(const char *s, struct err *err)
{
	char date[11];
	bool ok = strlen(s) == 16 && s[10] == ' ' && s[13] == ':';

	if (ok) {
		memcpy(date, s, 10);
		date[10] = '\0';
		ok = clock_valid_date(date) && strspn(s + 11, "0123456789") == 2 &&
		    strspn(s + 14, "0123456789") == 2 && atoi(s + 11) <= 23 && atoi(s + 14) <= 59;
	}
	if (!ok)
		return err_set(err, ST_DATAERR, "'%.40s' is not a time; type YYYY-MM-DD HH:MM "
		    "(local, 24-hour), e.g. 2026-11-26 08:30", s);
	return ST_OK;
}

int
entry_staff_code(const char *s, struct err *err)
{
	size_t n = strlen(s);
	bool ok = n >= 1 && n <= 16;
	for (const char *p = s; ok && *p; p++)
		ok = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
	if (!ok)
		return err_set(err, ST_DATAERR, "a staff code is 1 to 16 letters or digits, e.g. QA "
		    "or 40211");
	return ST_OK;
}

int
entry_reason(const char *s, struct err *err)
{
	if (entry_blank(s))
		return err_set(err, ST_DATAERR, "a reason is needed; say why in a few words");
	if (entry_has_control(s))
		return err_set(err, ST_DATAERR, "control characters are not allowed in a reason");
	return ST_OK;
}

int
entry_choice(const char *s, const char *const *choices, size_t n, int *index, struct err *err)
{
	while (*s == ' ')
		s++;
	size_t len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0)
		return err_set(err, ST_DATAERR, "choose an answer: its number, or its first letters "
		    "and Enter");
	if (strspn(s, "0123456789") == len && len <= 3) {
		int k = atoi(s);
		if (k < 1 || (size_t)k > n)
			return err_set(err, ST_DATAERR, "there is no answer %d: type 1 to %zu", k, n);
		*index = k - 1;
		return ST_OK;
	}
	for (size_t i = 0; i < n; i++) {
		if (strlen(choices[i]) == len && strncasecmp(choices[i], s, len) == 0) {
			*index = (int)i;	/* the whole answer, even if it begins another */
			return ST_OK;
		}
	}
	int found = -1;
	for (size_t i = 0; i < n; i++) {
		if (strncasecmp(choices[i], s, len) != 0)
			continue;
		if (found >= 0)
			return err_set(err, ST_DATAERR, "'%.*s' begins both '%s' and '%s': type more "
			    "of it, or its number", (int)(len > 40 ? 40 : len), s, choices[found],
			    choices[i]);
		found = (int)i;
	}
	if (found < 0)
		return err_set(err, ST_DATAERR, "'%.*s' is not one of the answers: type its number "
		    "or its first letters", (int)(len > 40 ? 40 : len), s);
	*index = found;
	return ST_OK;
}

char *
entry_kv_get(const char *value, const char *key)
{
	size_t klen = strlen(key);
	const char *p = value;
	while (*p) {
		const char *eq = strchr(p, '=');
		if (eq == NULL)
			return NULL;
		bool match = (size_t)(eq - p) == klen && strncmp(p, key, klen) == 0;
		struct buf b = {0};
		const char *q = eq + 1;
		while (*q && *q != ';') {
			if (*q == '\\' && q[1])
				q++;
			buf_append(&b, q, 1);
			q++;
		}
		if (match) {
			if (b.data == NULL)
				buf_puts(&b, "");
			return b.data;
		}
		buf_free(&b);
		p = *q == ';' ? q + 1 : q;
		while (*p == ' ')
			p++;
	}
	return NULL;
}

static void
kv_part(struct buf *b, const char *value, const char *key, const char *pre, const char *post)
{
	char *v = entry_kv_get(value, key);
	if (v != NULL && *v) {
		if (b->len)
			buf_puts(b, " ");
		buf_printf(b, "%s%s%s", pre, v, post);
	}
	free(v);
}

char *
entry_summary(enum item_kind kind, const char *value, const char *unit)
{
	struct buf b = {0};
	switch (kind) {
	case KIND_VITALS: {
		char *sys = entry_kv_get(value, "sys"), *dia = entry_kv_get(value, "dia");
		if (sys != NULL)
			buf_printf(&b, "BP %s/%s", sys, dia ? dia : "?");
		free(sys);
		free(dia);
		kv_part(&b, value, "hr", "HR ", "");
		kv_part(&b, value, "rr", "RR ", "");
		kv_part(&b, value, "spo2", "SpO2 ", "%");
		kv_part(&b, value, "temp", "T ", "");
		kv_part(&b, value, "pain", "pain ", "/10");
		break;
	}
	case KIND_MED:
		kv_part(&b, value, "drug", "", "");
		kv_part(&b, value, "dose", "", "");
		kv_part(&b, value, "unit", "", "");
		kv_part(&b, value, "route", "", "");
		kv_part(&b, value, "site", "", "");
		kv_part(&b, value, "lot", "lot ", "");
		kv_part(&b, value, "expiry", "exp ", "");
		kv_part(&b, value, "time", "at ", "");
		kv_part(&b, value, "given_by", "by ", "");
		kv_part(&b, value, "checked_by", "chk ", "");
		break;
	case KIND_ANTITHROMBOTIC:
		kv_part(&b, value, "drug", "", "");
		kv_part(&b, value, "dose", "", "");
		kv_part(&b, value, "last", "last ", "");
		kv_part(&b, value, "since", "(", " ago)");
		kv_part(&b, value, "crcl", "CrCl ", "");
		kv_part(&b, value, "hold", "hold ", "");
		break;
	case KIND_CHECK:
		buf_puts(&b, "");
		break;
	default:
		buf_puts(&b, value ? value : "");
		if (unit != NULL && *unit && value != NULL && *value)
			buf_printf(&b, " %s", unit);
		break;
	}
	if (b.data == NULL)
		buf_puts(&b, "");
	return b.data;
}
