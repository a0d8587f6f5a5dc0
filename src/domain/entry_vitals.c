/*
 * entry_vitals: the vitals entry, one set of observations checked field by
 * field against hard bounds (typing errors) and soft ranges (flagged).
 *
 * Vital-sign soft ranges are the NEWS2 score-0 bands (Royal College of
 * Physicians, National Early Warning Score 2, 2017; see
 * ../shared/domain/procedures.md part D): RR 12-20/min, SpO2 >= 96 %
 * (scale 1), systolic 111-219 mmHg, pulse 51-90/min, temperature
 * 36.1-38.0 C.  NEWS2 has no diastolic band, so diastolic is not flagged.
 * The hard bounds are not clinical thresholds: they only catch typing errors
 * (a pulse of 720) and say so.
 */
#include "entry.h"

#include <math.h>

#include "entry_int.h"
#include "num.h"

static const struct vital_def vitals[VIT__COUNT] = {
	[VIT_SYS] = {"sys", "BP systolic", "mmHg", true, true, 40, 300, true, true, 111, 219},
	[VIT_DIA] = {"dia", "BP diastolic", "mmHg", true, true, 20, 200, false, false, 0, 0},
	[VIT_HR] = {"hr", "Heart rate", "/min", true, true, 20, 250, true, true, 51, 90},
	[VIT_RR] = {"rr", "Resp. rate", "/min", true, true, 4, 60, true, true, 12, 20},
	[VIT_SPO2] = {"spo2", "SpO2", "%", true, true, 50, 100, true, false, 96, 0},
	[VIT_TEMP] = {"temp", "Temperature", "C", false, false, 30, 44, true, true, 36.1, 38.0},
	[VIT_PAIN] = {"pain", "Pain (0-10)", "/10", false, true, 0, 10, false, false, 0, 0},
};

const struct vital_def *
entry_vital(enum vital v)
{
	return &vitals[v];
}

int
entry_vitals(const char *const in[VIT__COUNT], struct buf *value, struct buf *flag, int *bad,
    struct err *err)
{
	for (int i = 0; i < VIT__COUNT; i++) {
		const struct vital_def *d = &vitals[i];
		double v;
		char num[NUM_MAX];
		*bad = i;
		if (entry_blank(in[i])) {
			if (d->required)
				return err_set(err, ST_DATAERR, "%s is needed; type the value in %s",
				    d->label, d->unit);
			continue;
		}
		struct err why = {0};
		if (num_parse(in[i], &v, num, &why) != ST_OK)
			return err_set(err, ST_DATAERR, "%s: %s", d->label, why.msg);
		if (d->integer && v != floor(v))
			return err_set(err, ST_DATAERR, "%s: type a whole number", d->label);
		if (v < d->min || v > d->max) {
			char lo[NUM_MAX], hi[NUM_MAX];
			num_format(d->min, lo);
			num_format(d->max, hi);
			return err_set(err, ST_DATAERR, "%s: %s is not plausible (%s to %s %s); "
			    "check and retype", d->label, num, lo, hi, d->unit);
		}
		buf_kv(value, d->key, num);	/* as typed */
		const char *f = NULL;
		if (d->has_low && v < d->low)
			f = "low";
		else if (d->has_high && v > d->high)
			f = "high";
		if (f != NULL)
			buf_printf(flag, "%s%s:%s", flag->len ? "," : "", d->key, f);
	}
	*bad = -1;
	if (flag->data == NULL)
		buf_puts(flag, "");
	return ST_OK;
}
