/*
 * drugtab: reading the drug table and checking a dose against it.  Units
 * of mass and of volume convert into each other, so that a dose typed in the
 * wrong one is compared in the right one: fentanyl 50 mg is 50000 mcg, far
 * above any single dose, and is refused with the range and its unit.
 */
#include "drugtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "num.h"
#include "tabread.h"
#include "util.h"

enum { DC_DRUG, DC_UNIT, DC_LOW, DC_HIGH, DC_SOURCE, DC__COUNT };
static const struct tabread_col drug_cols[DC__COUNT] = {
	{"drug", true}, {"unit", true}, {"low", true}, {"high", true}, {"source", true},
};

/* In micrograms or microlitres: whole numbers, so that factors are exact. */
static const struct {
	const char *name;
	char dim;		/* 'm' mass, 'v' volume */
	double micro;
} units[] = {
	{"g", 'm', 1e6}, {"mg", 'm', 1e3}, {"mcg", 'm', 1}, {"ug", 'm', 1},
	{"\xc2\xb5g", 'm', 1}, {"L", 'v', 1e6}, {"mL", 'v', 1e3},
};

static int
unit_index(const char *u)
{
	for (size_t i = 0; i < ARRAY_SIZE(units); i++)
		if (strcasecmp(u, units[i].name) == 0)
			return (int)i;
	return -1;
}

bool
drugtab_unit_factor(const char *from, const char *to, double *factor)
{
	int a = unit_index(from), b = unit_index(to);
	if (a < 0 || b < 0 || units[a].dim != units[b].dim)
		return false;
	*factor = units[a].micro / units[b].micro;
	return true;
}

/* The same unit, whatever its spelling: mL and ml, mcg and µg. */
static bool
same_unit(const char *a, const char *b)
{
	double f;
	return strcasecmp(a, b) == 0 || (drugtab_unit_factor(a, b, &f) && f == 1);
}

static bool
unit_word(const char *s)
{
	return *s != '\0' && strchr(s, ' ') == NULL && utf8_chars(s) <= CL_MAX_UNIT;
}

/* One row's cells into d; every problem reported. */
static bool
row_read(const struct tabread *t, const struct tabread_row *r, struct drug *d,
    struct cl_errors *errs)
{
	size_t before = errs->n;
	const char *name = r->v[DC_DRUG];

	if (*name == '\0' || utf8_chars(name) > DRUGTAB_MAX_NAME)
		tabread_error(errs, t, r, DC_DRUG, "drug '%.40s': write its name, 1 to %d "
		    "characters, as the med items offer it", name, DRUGTAB_MAX_NAME);
	if (!unit_word(r->v[DC_UNIT]))
		tabread_error(errs, t, r, DC_UNIT, "unit '%.40s': write the one unit the dose is "
		    "charted in, one word of at most %d characters, e.g. mcg", r->v[DC_UNIT],
		    CL_MAX_UNIT);
	const int lim[2] = {DC_LOW, DC_HIGH};
	bool *has[2] = {&d->has_low, &d->has_high};
	double *v[2] = {&d->low, &d->high};
	for (int i = 0; i < 2; i++) {
		const char *s = r->v[lim[i]];
		if (*s == '\0')
			continue;
		if (!tabread_number(s, v[i]) || *v[i] <= 0)
			tabread_error(errs, t, r, (size_t)lim[i], "%s '%s' is not a positive number: "
			    "write a plain number such as 0.5 or 200, or leave it empty for no "
			    "bound", drug_cols[lim[i]].name, s);
		else
			*has[i] = true;
	}
	if (d->has_low && d->has_high && d->low > d->high)
		tabread_error(errs, t, r, DC_HIGH, "high (%s) is below low (%s)", r->v[DC_HIGH],
		    r->v[DC_LOW]);
	const char *src = r->v[DC_SOURCE];
	if (*src == '\0' || utf8_chars(src) > DRUGTAB_MAX_SOURCE)
		tabread_error(errs, t, r, DC_SOURCE, "source: say where the range comes from, or "
		    "that it only catches typing errors (1 to %d characters)", DRUGTAB_MAX_SOURCE);
	d->name = xstrdup(name);
	d->unit = xstrdup(r->v[DC_UNIT]);
	d->source = xstrdup(src);
	d->line = r->row_line;
	return errs->n == before;
}

int
drugtab_parse(const char *name, const char *data, size_t size, struct drugtab **out,
    struct cl_errors *errs)
{
	struct tabread t;
	struct drugtab *tab = xcalloc(1, sizeof *tab);
	size_t before = errs->n;

	*out = NULL;
	if (tabread_parse(name, data, size, drug_cols, DC__COUNT, &t, errs)) {
		for (size_t i = 0; i < t.n; i++) {
			struct drug d = {0};
			const struct drug *dup = drugtab_find(tab, t.rows[i].v[DC_DRUG]);
			row_read(&t, &t.rows[i], &d, errs);
			if (dup != NULL)
				tabread_error(errs, &t, &t.rows[i], DC_DRUG, "drug '%s' is already on "
				    "line %d: one row per drug", d.name, dup->line);
			tab->v = xreallocarray(tab->v, tab->n + 1, sizeof *tab->v);
			tab->v[tab->n++] = d;
		}
	}
	tabread_free(&t);
	if (errs->n > before) {
		drugtab_free(tab);
		return ST_DATAERR;
	}
	tabread_keep(&tab->file, name, data, size);
	*out = tab;
	return ST_OK;
}

void
drugtab_free(struct drugtab *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].unit);
		free(t->v[i].source);
	}
	free(t->v);
	tabread_file_clear(&t->file);
	free(t);
}

const struct drug *
drugtab_find(const struct drugtab *t, const char *name)
{
	while (*name == ' ')
		name++;
	size_t n = strlen(name);
	while (n > 0 && name[n - 1] == ' ')
		n--;
	for (size_t i = 0; t != NULL && i < t->n; i++)
		if (strlen(t->v[i].name) == n && strncasecmp(t->v[i].name, name, n) == 0)
			return &t->v[i];
	return NULL;
}

const char *
drugtab_unit_for(const struct drugtab *t, const struct item *it, const char *drug)
{
	const char *u = checklist_choice_unit(it, drug);
	const struct drug *d = drugtab_find(t, drug);
	return u ? u : d ? d->unit : it->unit;
}

void
drugtab_range_text(const struct drug *d, char *out, size_t size)
{
	char lo[NUM_MAX], hi[NUM_MAX];
	num_format(d->low, lo);
	num_format(d->high, hi);
	if (d->has_low && d->has_high)
		snprintf(out, size, "%s-%s %s", lo, hi, d->unit);
	else if (d->has_low)
		snprintf(out, size, "%s %s or more", lo, d->unit);
	else if (d->has_high)
		snprintf(out, size, "up to %s %s", hi, d->unit);
	else
		snprintf(out, size, "%s", "");
}

void
drugtab_check_dose(const struct drugtab *t, const struct item *it, const char *drug,
    double dose, const char *dose_text, const char *unit, struct dose_check *out)
{
	const struct drug *d = drugtab_find(t, drug);
	const char *want = checklist_choice_unit(it, drug);
	char range[96], conv[NUM_MAX];
	double f;

	memset(out, 0, sizeof *out);
	if (want == NULL && d != NULL)
		want = d->unit;
	if (d != NULL && (d->has_low || d->has_high) && drugtab_unit_factor(unit, d->unit, &f)) {
		double v = dose * f;
		drugtab_range_text(d, range, sizeof range);
		if ((d->has_low && v < d->low) || (d->has_high && v > d->high)) {
			out->refuse = true;
			snprintf(out->msg, sizeof out->msg, "%s %s %s is not plausible: %s; check the "
			    "%s", drug, dose_text, unit, range, same_unit(unit, d->unit) ? "dose" :
			    "unit");
			return;
		}
	}
	if (want == NULL || same_unit(unit, want))
		return;
	out->unit = true;
	if (drugtab_unit_factor(unit, want, &f)) {
		num_format(dose * f, conv);
		snprintf(out->msg, sizeof out->msg, "%s is charted in %s, not %s: %s %s is %s %s. "
		    "Check the unit with the syringe or the order.", drug, want, unit, dose_text,
		    unit, conv, want);
	} else {
		snprintf(out->msg, sizeof out->msg, "%s is charted in %s, not '%s', and %s cannot "
		    "be compared with %s's plausible dose. Check the unit with the syringe or the "
		    "order.", drug, want, unit, unit, drug);
	}
}
