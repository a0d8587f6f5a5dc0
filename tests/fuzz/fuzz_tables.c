/*
 * libFuzzer harness for the drug table and the hold table (make fuzz): any
 * bytes are either accepted or refused with at least one error, without a
 * crash, a leak or undefined behaviour; an accepted table satisfies what the
 * dialogs rely on (a unit per drug, low <= high, hours >= 0, each drug, class
 * and CrCl found once), and the dose and hold checks run on it.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "drugtab.h"
#include "holdtab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
errors_ok(int rc, const struct cl_errors *errs, const void *out)
{
	if (rc == ST_OK ? (out == NULL || errs->n != 0) : (out != NULL || errs->n == 0))
		abort();
	for (size_t i = 0; i < errs->n; i++)
		free(cl_error_format(&errs->v[i]));
}

static void
drugs(const char *s, size_t n)
{
	struct cl_errors errs = {0};
	struct drugtab *t = NULL;
	static char unit[] = "mg", name[] = "med";
	struct item it = {.kind = KIND_MED, .unit = unit, .key = name, .label = name};
	int rc = drugtab_parse("drugs.csv", s, n, &t, &errs);

	errors_ok(rc, &errs, t);
	for (size_t i = 0; t != NULL && i < t->n; i++) {
		const struct drug *d = &t->v[i];
		struct dose_check dc;
		char range[96];
		if (*d->unit == '\0' || *d->source == '\0' || drugtab_find(t, d->name) != d)
			abort();
		if (d->has_low && d->has_high && d->low > d->high)
			abort();
		drugtab_range_text(d, range, sizeof range);
		drugtab_unit_for(t, &it, d->name);
		drugtab_check_dose(t, &it, d->name, d->has_high ? d->high * 1000 : 1, "1", "mg", &dc);
		if (dc.refuse && dc.msg[0] == '\0')
			abort();
		drugtab_check_dose(t, &it, d->name, d->has_low ? d->low : 1, "1", d->unit, &dc);
		if (dc.refuse)	/* a bound itself is plausible */
			abort();
	}
	drugtab_free(t);
	cl_errors_free(&errs);
}

static void
holds(const char *s, size_t n)
{
	struct cl_errors errs = {0};
	struct holdtab *t = NULL;
	int rc = holdtab_parse("holds.csv", s, n, &t, &errs);
	static const char *const risks[] = {"low", "intermediate", "high"};
	const double crcl[] = {0.5, 49.9, 50, 250};

	errors_ok(rc, &errs, t);
	for (size_t i = 0; t != NULL && i < t->n; i++) {
		const struct hold *h = &t->v[i];
		if (h->hours < 0 || !isfinite(h->hours) || (h->shared && h->hours != 0))
			abort();
		for (size_t r = 0; r < 3; r++) {
			struct hold_check hc;
			struct buf v = {0};
			holdtab_check(t, h->drug, risks[r], NULL, 0, INT64_C(1795680000000), &hc);
			holdtab_value(&hc, &v);
			buf_free(&v);
			for (size_t c = 0; c < sizeof crcl / sizeof *crcl; c++) {
				holdtab_check(t, h->drug, risks[r], &crcl[c], 0, 0, &hc);
				/* the rows of a class cover every CrCl */
				if (strcmp(risks[r], h->risk) == 0 && hc.row == NULL)
					abort();
			}
		}
	}
	size_t nd;
	free(holdtab_drugs(t, &nd));
	holdtab_free(t);
	cl_errors_free(&errs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	drugs((const char *)data, size);
	holds((const char *)data, size);
	return 0;
}
