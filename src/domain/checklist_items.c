/*
 * checklist_items: one item row of a checklist file (spinelog-checklist(5)),
 * column by column: key, label, kind, unit, the low and high limits (soft
 * and stop), the choices (with their '!' stop answers and a med's drug:unit),
 * required and stop, repeat (a timer, after and until, or *), hint, and the
 * when and must rules kept as written for checklist_rules.c.  Every problem
 * of the row is reported, not only the first; checklist_parse.c reads the
 * file around the rows.
 */
#include "checklist.h"

#include <stdlib.h>
#include <string.h>

#include "checklist_parse_int.h"
#include "tabread.h"
#include "util.h"

static bool
kind_parse(const char *s, enum item_kind *out)
{
	for (int k = 0; k < KIND__COUNT; k++) {
		if (strcmp(s, kind_name((enum item_kind)k)) == 0) {
			*out = (enum item_kind)k;
			return true;
		}
	}
	return false;
}

static bool
key_valid(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* A plain decimal number: optional sign, digits, optional fraction. */
static bool
number_parse(const char *s, double *out)
{
	return tabread_number(s, out);
}

static bool
flag_parse(struct ctx *c, enum column col, bool *out)
{
	const char *s = val(c, col);
	if (*s == '\0' || strcmp(s, "no") == 0) {
		*out = false;
		return true;
	}
	if (strcmp(s, "yes") == 0) {
		*out = true;
		return true;
	}
	ERR(c, col, "%s must be yes, no or empty, not '%s'", checklist_columns[col], s);
	return false;
}

/* "<N>m*<K>": every N minutes, K entries. */
static bool
repeat_parse(const char *s, int *every, int *times)
{
	long n = 0, k = 0;
	const char *p = s;
	int nd = 0, kd = 0;

	while (*p >= '0' && *p <= '9' && nd < 5)
		n = n * 10 + (*p++ - '0'), nd++;
	if (nd == 0 || p[0] != 'm' || p[1] != '*')
		return false;
	p += 2;
	while (*p >= '0' && *p <= '9' && kd < 3)
		k = k * 10 + (*p++ - '0'), kd++;
	if (kd == 0 || *p != '\0' || n < 1 || n > 1440 || k < 1 || k > 96)
		return false;
	*every = (int)n;
	*times = (int)k;
	return true;
}

/* --- the rule columns: '!' answers, repeat after/until, when, must ---------- */

static const char *
skip_blanks(const char *a, const char *z)
{
	while (a < z && *a == ' ')
		a++;
	return a;
}

/* '!' before an option marks a stop answer; only choice items have them. */
static bool
choice_stop_allowed(struct ctx *c, const struct item *it, const char *a, const char *z)
{
	if (it->kind != KIND_CHOICE) {
		ERR(c, COL_CHOICES, "'!' marks a stop answer among a choice item's options; a %s "
		    "item's choices cannot stop: remove the '!' from '%.*s'", kind_name(it->kind),
		    (int)(z - a), a);
		return false;
	}
	if (skip_blanks(a + 1, z) == z) {
		ERR(c, COL_CHOICES, "an option is only '!': write the answer after it, e.g. "
		    "!mismatch - stop and escalate");
		return false;
	}
	return true;
}

static void
choice_add(struct item *it, char *opt, bool stops, char *unit)
{
	it->choices = xreallocarray(it->choices, it->nchoices + 1, sizeof *it->choices);
	it->choice_stop = xreallocarray(it->choice_stop, it->nchoices + 1,
	    sizeof *it->choice_stop);
	if (unit != NULL && it->choice_unit == NULL)
		it->choice_unit = xcalloc(it->nchoices + 1, sizeof *it->choice_unit);
	if (it->choice_unit != NULL) {
		it->choice_unit = xreallocarray(it->choice_unit, it->nchoices + 1,
		    sizeof *it->choice_unit);
		it->choice_unit[it->nchoices] = unit;
	}
	it->choice_stop[it->nchoices] = stops;
	it->choices[it->nchoices++] = opt;
}

/* A med option "drug:unit" ("fentanyl:mcg"): the dose unit of that drug,
 * which the dialog's unit field takes when the drug is picked.  *z is moved
 * back to the end of the drug's name.  Returns the unit (caller frees), NULL
 * when the option has none; sets *bad after an error. */
static char *
choice_unit_read(struct ctx *c, const char *a, const char **z, bool *bad)
{
	const char *colon = NULL;
	for (const char *p = a; p < *z; p++)
		if (*p == ':')
			colon = p;
	if (colon == NULL)
		return NULL;
	const char *u = skip_blanks(colon + 1, *z), *name_end = colon;
	while (name_end > a && name_end[-1] == ' ')
		name_end--;
	size_t n = (size_t)(*z - u);
	char *unit = xstrndup(u, n);
	if (name_end == a || n == 0 || memchr(u, ' ', n) != NULL) {
		ERR(c, COL_CHOICES, "option '%.*s': write a drug and its dose unit as drug:unit, "
		    "e.g. fentanyl:mcg (one word after the colon)", (int)(*z - a), a);
		*bad = true;
	} else if (utf8_chars(unit) > CL_MAX_UNIT) {
		ERR(c, COL_CHOICES, "option '%.*s': the unit is longer than %d characters",
		    (int)(*z - a), a, CL_MAX_UNIT);
		*bad = true;
	}
	if (*bad) {
		free(unit);
		return NULL;
	}
	*z = name_end;
	return unit;
}

/* low or high: a soft limit, a stop limit written !N, or both as N|!N. */
static void
limit_read(struct ctx *c, enum column col, struct item *it)
{
	const char *s = val(c, col), *p = s;
	bool high = col == COL_HIGH;
	bool soft = false, stop = false;
	double soft_v = 0, stop_v = 0;

	for (;;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		char *part = xstrndup(p, n);
		char *a = part, *z = part + n;
		while (*a == ' ')
			a++;
		while (z > a && z[-1] == ' ')
			*--z = '\0';
		bool bang = *a == '!';
		double v;
		if (bang)
			a++;
		if (!number_parse(a, &v)) {
			ERR(c, col, "%s '%s' is not a number: write digits with a decimal point, e.g. "
			    "1.5, !1.5 for a limit that stops, or 1.3|!1.5 for both",
			    checklist_columns[col], s);
			free(part);
			return;
		}
		free(part);
		if ((bang && stop) || (!bang && soft)) {
			ERR(c, col, "%s '%s' has two %s limits: write at most one soft limit and "
			    "one stop limit, e.g. 1.3|!1.5", checklist_columns[col], s,
			    bang ? "stop" : "soft");
			return;
		}
		if (bang)
			stop = true, stop_v = v;
		else
			soft = true, soft_v = v;
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	if (soft && stop && (high ? stop_v < soft_v : stop_v > soft_v)) {
		ERR(c, col, "%s: the stop limit !%g must lie beyond the soft limit %g (%s it)",
		    checklist_columns[col], stop_v, soft_v, high ? "at or above" : "at or below");
		return;
	}
	if (high) {
		it->has_high = soft, it->high = soft_v;
		it->has_stop_high = stop, it->stop_high = stop_v;
	} else {
		it->has_low = soft, it->low = soft_v;
		it->has_stop_low = stop, it->stop_low = stop_v;
	}
}

/* "15m*4 after KEY until KEY": the keys are kept for checklist_rules.c; the
 * timer part is returned (caller frees), or NULL after an error. */
static char *
repeat_split(struct ctx *c, struct item *it, const char *s)
{
	const char *sp = strchr(s, ' ');
	char *every = xstrndup(s, sp ? (size_t)(sp - s) : strlen(s));
	const char *p = sp;

	it->repeat_pos = (struct cl_pos){fld(c, COL_REPEAT)->line, c->col_of[COL_REPEAT] + 1};
	while (p != NULL && *p) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		char **slot = strncmp(p, "after ", 6) == 0 ? &it->repeat_after_key :
		    strncmp(p, "until ", 6) == 0 ? &it->repeat_until_key : NULL;
		if (slot == NULL) {
			ERR(c, COL_REPEAT, "repeat '%s' is not valid: write <minutes>m*<times>, "
			    "e.g. 15m*4, then optionally after KEY and until KEY ('%.20s' is "
			    "neither)", s, p);
			free(every);
			return NULL;
		}
		const char *word = p;
		p += 6;
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		char *key = xstrndup(p, n);
		p += n;
		if (*slot != NULL || !key_valid(key, CL_MAX_KEY)) {
			ERR(c, COL_REPEAT, *slot ? "repeat '%s': '%.5s' is given twice" :
			    "repeat '%s': '%.5s' needs an item key, e.g. 30m*2 after vitals_post",
			    s, word);
			free(key);
			free(every);
			return NULL;
		}
		*slot = key;
	}
	return every;
}

#define CL_MAX_RULE 200

/* when and must: kept as written, parsed once every item is known. */
static void
rules_read(struct ctx *c, struct item *it)
{
	const enum column cols[2] = {COL_WHEN, COL_MUST};
	for (int i = 0; i < 2; i++) {
		const char *s = val(c, cols[i]);
		if (*s == '\0')
			continue;
		size_t n = utf8_chars(s);
		if (n > CL_MAX_RULE) {
			ERR(c, cols[i], "%s is %zu characters long; the limit is %d",
			    checklist_columns[cols[i]], n, CL_MAX_RULE);
			continue;
		}
		struct cl_pos pos = {fld(c, cols[i])->line, c->col_of[cols[i]] + 1};
		if (i == 0)
			it->when_src = xstrdup(s), it->when_pos = pos;
		else
			it->must_src = xstrdup(s), it->must_pos = pos;
	}
}

/* Split "a|b|c" into trimmed options; false (with an error) on an empty or
 * duplicated or over-long option. */
static bool
choices_parse(struct ctx *c, struct item *it)
{
	const char *s = val(c, COL_CHOICES);
	const char *p = s;

	for (;;) {
		const char *bar = strchr(p, '|');
		const char *end = bar ? bar : p + strlen(p);
		const char *a = p, *z = end;
		while (a < z && *a == ' ')
			a++;
		while (z > a && z[-1] == ' ')
			z--;
		if (a == z) {
			ERR(c, COL_CHOICES, "empty option in choices '%s': separate options "
			    "with a single |, e.g. yes|no", s);
			return false;
		}
		bool stops = *a == '!';
		if (stops && !choice_stop_allowed(c, it, a, z))
			return false;
		if (stops)
			a = skip_blanks(a + 1, z);
		bool bad = false;
		char *unit = it->kind == KIND_MED ? choice_unit_read(c, a, &z, &bad) : NULL;
		if (bad)
			return false;
		char *opt = xstrndup(a, (size_t)(z - a));
		for (size_t i = 0; i < it->nchoices; i++) {
			if (strcmp(it->choices[i], opt) == 0) {
				ERR(c, COL_CHOICES, "option '%s' appears twice in choices", opt);
				free(opt);
				free(unit);
				return false;
			}
		}
		if (utf8_chars(opt) > CL_MAX_LABEL) {
			ERR(c, COL_CHOICES, "option '%.20s...' is longer than %d characters",
			    opt, CL_MAX_LABEL);
			free(opt);
			free(unit);
			return false;
		}
		choice_add(it, opt, stops, unit);
		if (bar == NULL)
			return true;
		p = bar + 1;
	}
}

bool
checklist_items_label_check(struct ctx *c, enum column col, const char *what, size_t max)
{
	const char *s = val(c, col);
	if (*s == '\0') {
		ERR(c, col, "%s is empty: write what the nurse should read", what);
		return false;
	}
	size_t n = utf8_chars(s);
	if (n > max) {
		ERR(c, col, "%s is %zu characters long; the limit is %zu", what, n, max);
		return false;
	}
	return true;
}

/* Check an item row's columns and fill it; every problem is reported. */
void
checklist_items_read(struct ctx *c, struct item *it)
{
	const char *s;
	bool kind_ok;

	it->line = c->row->line;
	s = val(c, COL_KEY);
	if (!key_valid(s, CL_MAX_KEY))
		ERR(c, COL_KEY, "key '%s' is not valid: use 1 to %d characters of a-z, 0-9 "
		    "and _", s, CL_MAX_KEY);
	it->key = xstrdup(s);
	checklist_items_label_check(c, COL_LABEL, "label", CL_MAX_LABEL);
	it->label = xstrdup(val(c, COL_LABEL));

	s = val(c, COL_KIND);
	kind_ok = kind_parse(s, &it->kind);
	if (!kind_ok)
		ERR(c, COL_KIND, "unknown kind '%s': use check, number, choice, text, time, "
		    "vitals, med, timeout or antithrombotic", s);

	s = val(c, COL_UNIT);
	if (utf8_chars(s) > CL_MAX_UNIT)
		ERR(c, COL_UNIT, "unit is longer than %d characters", CL_MAX_UNIT);
	if (*s && kind_ok && it->kind != KIND_NUMBER && it->kind != KIND_MED)
		ERR(c, COL_UNIT, "a unit is only for number and med items, not %s",
		    kind_name(it->kind));
	it->unit = xstrdup(s);

	const enum column bounds[2] = {COL_LOW, COL_HIGH};
	for (int i = 0; i < 2; i++) {
		s = val(c, bounds[i]);
		if (*s == '\0')
			continue;
		if (kind_ok && it->kind != KIND_NUMBER)
			ERR(c, bounds[i], "%s is only for number items, not %s",
			    checklist_columns[bounds[i]], kind_name(it->kind));
		else
			limit_read(c, bounds[i], it);
	}
	if (it->has_low && it->has_high && it->low > it->high)
		ERR(c, COL_HIGH, "high (%g) is below low (%g)", it->high, it->low);
	else if (it->has_stop_low && it->has_stop_high && it->stop_low > it->stop_high)
		ERR(c, COL_HIGH, "the stop limit in high (!%g) is below the one in low (!%g)",
		    it->stop_high, it->stop_low);

	s = val(c, COL_CHOICES);
	if (kind_ok) {
		bool takes = it->kind == KIND_CHOICE || it->kind == KIND_MED ||
		    it->kind == KIND_TIMEOUT;
		if (*s && !takes)
			ERR(c, COL_CHOICES, "choices are only for choice, med and timeout items, "
			    "not %s", kind_name(it->kind));
		else if (*s && choices_parse(c, it) && it->kind == KIND_CHOICE &&
		    it->nchoices < 2)
			ERR(c, COL_CHOICES, "a choice item needs at least two options, "
			    "separated by |");
		else if (*s == '\0' && it->kind == KIND_CHOICE)
			ERR(c, COL_CHOICES, "a choice item needs its options in choices, "
			    "e.g. yes|no");
		else if (*s == '\0' && it->kind == KIND_TIMEOUT)
			ERR(c, COL_CHOICES, "a timeout item needs its confirmation prompts in "
			    "choices, separated by |");
	}

	bool req_ok = flag_parse(c, COL_REQUIRED, &it->required);
	bool stop_ok = flag_parse(c, COL_STOP, &it->stop);
	if (req_ok && stop_ok && it->stop && !it->required)
		ERR(c, COL_STOP, "a hard stop must also be required: set required to yes");
	if (req_ok && kind_ok && it->kind == KIND_TIMEOUT && !it->required)
		ERR(c, COL_REQUIRED, "the time-out must be required: set required to yes");

	s = val(c, COL_REPEAT);
	if (strcmp(s, "*") == 0) {
		if (kind_ok && it->kind != KIND_MED && it->kind != KIND_ANTITHROMBOTIC)
			ERR(c, COL_REPEAT, "repeat * (any number of entries) is only for med and "
			    "antithrombotic items, not %s; a timer is <minutes>m*<times>, e.g. "
			    "15m*4", kind_name(it->kind));
		it->repeat_any = true;
	} else if (*s) {
		char *every = repeat_split(c, it, s);
		if (every != NULL && !repeat_parse(every, &it->repeat_every, &it->repeat_times))
			ERR(c, COL_REPEAT, "repeat '%s' is not valid: write <minutes>m*<times>, "
			    "e.g. 15m*4 (1 to 1440 minutes, 1 to 96 times), then optionally "
			    "after KEY and until KEY", s);
		else if (kind_ok && it->kind != KIND_VITALS && it->kind != KIND_NUMBER &&
		    it->kind != KIND_CHECK && it->kind != KIND_CHOICE && it->kind != KIND_TEXT)
			ERR(c, COL_REPEAT, "repeat is only for vitals, number, check, choice and "
			    "text items, not %s%s", kind_name(it->kind), it->kind == KIND_MED ||
			    it->kind == KIND_ANTITHROMBOTIC ? " (write * for any number of "
			    "entries, without a timer)" : "");
		free(every);
	}

	s = val(c, COL_HINT);
	size_t n = utf8_chars(s);
	if (n > CL_MAX_HINT)
		ERR(c, COL_HINT, "hint is %zu characters long; the limit is %d", n, CL_MAX_HINT);
	it->hint = xstrdup(s);
	rules_read(c, it);
}
