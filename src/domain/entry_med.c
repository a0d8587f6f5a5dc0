/*
 * entry_med: the two medication entries.  A med given here (drug, dose,
 * route, site, lot and its expiry, time, who gave and who checked it), with
 * an expired lot reported so that the caller can ask for an override; and an
 * antithrombotic taken at home (drug or none, dose, last dose, CrCl), read
 * for the hold check (holdtab.h).  Also the routes the med dialog suggests.
 */
#include "entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "entry_int.h"
#include "num.h"

static const char *const med_keys[MED__COUNT] = {
	"drug", "dose", "unit", "route", "site", "lot", "expiry", "time", "given_by", "checked_by",
};
static const char *const med_labels[MED__COUNT] = {
	"Drug", "Dose", "Dose unit", "Route", "Site", "Lot", "Expiry", "Time given", "Given by",
	"Checked by",
};

const char *
entry_med_key(enum med m)
{
	return med_keys[m];
}

const char *
entry_med_label(enum med m)
{
	return med_labels[m];
}

/* The last valid day of an expiry "YYYY-MM" or "YYYY-MM-DD". */
static bool
expiry_last_day(const char *s, char out[11])
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strlen(s) == 7 && s[4] == '-' && strspn(s, "0123456789") == 4 &&
	    strspn(s + 5, "0123456789") == 2) {
		int y = atoi(s), m = atoi(s + 5);
		if (y < 1900 || m < 1 || m > 12)
			return false;
		int d = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
		memcpy(out, s, 7);
		out[7] = '-';
		out[8] = (char)('0' + d / 10);
		out[9] = (char)('0' + d % 10);
		out[10] = '\0';
		return true;
	}
	if (clock_valid_date(s)) {
		snprintf(out, 11, "%s", s);
		return true;
	}
	return false;
}

int
entry_med(const char *const in[MED__COUNT], const char *today, struct buf *value, bool *expired,
    int *bad, struct err *err)
{
	char last[11], tm[ENTRY_WHEN_LEN];
	double dose;
	char dose_text[NUM_MAX];

	*expired = false;
	for (int i = 0; i < MED__COUNT; i++) {
		*bad = i;
		if (entry_has_control(in[i]))
			return err_set(err, ST_DATAERR, "%s: control characters are not allowed",
			    med_labels[i]);
		if (entry_blank(in[i]) && i != MED_TIME && i != MED_CHECKED_BY)
			return err_set(err, ST_DATAERR, "%s is needed%s", med_labels[i],
			    i == MED_LOT ? "; read it from the label" : "");
	}
	*bad = MED_DOSE;
	struct err why = {0};
	if (num_parse(in[MED_DOSE], &dose, dose_text, &why) != ST_OK)
		return err_set(err, ST_DATAERR, "Dose: %s", why.msg);
	if (dose <= 0)
		return err_set(err, ST_DATAERR, "Dose: '%s' is not a positive number; type e.g. 40 "
		    "or 0.5", in[MED_DOSE]);
	*bad = MED_EXPIRY;
	if (!expiry_last_day(in[MED_EXPIRY], last))
		return err_set(err, ST_DATAERR, "Expiry: '%s' is not a date; type it as on the label, "
		    "YYYY-MM or YYYY-MM-DD", in[MED_EXPIRY]);
	*bad = MED_TIME;
	if (entry_when(in[MED_TIME], tm, err) != ST_OK)
		return err->status;
	*bad = -1;
	for (int i = 0; i < MED__COUNT; i++) {
		if (i == MED_TIME)
			buf_kv(value, med_keys[i], tm);
		else if (i == MED_DOSE)
			buf_kv(value, med_keys[i], dose_text);
		else if (i == MED_CHECKED_BY && entry_blank(in[i]))
			continue;
		else
			buf_kv(value, med_keys[i], in[i]);
	}
	*expired = strcmp(last, today) < 0;
	return ST_OK;
}

static const char *const at_keys[AT__COUNT] = {"drug", "dose", "last", "crcl"};
static const char *const at_labels[AT__COUNT] = {"Drug", "Dose", "Last dose", "CrCl"};

const char *
entry_at_key(enum at_field f)
{
	return at_keys[f];
}

const char *
entry_at_label(enum at_field f)
{
	return at_labels[f];
}

int
entry_antithrombotic(const char *const in[AT__COUNT], int64_t now_ms, struct buf *value,
    struct at_entry *out, int *bad, struct err *err)
{
	struct err why = {0};
	char num[NUM_MAX];

	*out = (struct at_entry){.last_ms = -1};
	for (int i = 0; i < AT__COUNT; i++) {
		*bad = i;
		if (entry_text_ok(in[i], 60, &why) != ST_OK)
			return err_set(err, ST_DATAERR, "%s: %s", at_labels[i], why.msg);
	}
	*bad = AT_DRUG;
	if (entry_blank(in[AT_DRUG]))
		return err_set(err, ST_DATAERR, "Drug is needed: pick it (Left/Right), type it, or "
		    "pick none");
	out->none = strcasecmp(in[AT_DRUG], "none") == 0;
	if (out->none) {
		for (int i = AT_DOSE; i <= AT_LAST; i++) {
			*bad = i;
			if (!entry_blank(in[i]) && strcasecmp(in[i], "none") != 0)
				return err_set(err, ST_DATAERR, "%s: the drug is none; leave it empty",
				    at_labels[i]);
		}
	} else {
		*bad = AT_DOSE;
		if (entry_blank(in[AT_DOSE]))
			return err_set(err, ST_DATAERR, "Dose is needed, e.g. 5 mg twice daily");
		*bad = AT_LAST;
		if (entry_blank(in[AT_LAST]))
			return err_set(err, ST_DATAERR, "Last dose is needed: YYYY-MM-DD HH:MM, or "
			    "none");
		if (strcasecmp(in[AT_LAST], "none") != 0) {
			if (!clock_parse_local(in[AT_LAST], &out->last_ms))
				return err_set(err, ST_DATAERR, "'%.40s' is not a date and time; type "
				    "YYYY-MM-DD HH:MM (local, 24-hour), e.g. 2026-11-25 08:00, or none",
				    in[AT_LAST]);
			if (out->last_ms > now_ms + 60000)
				return err_set(err, ST_DATAERR, "'%s' is in the future; check the last "
				    "dose", in[AT_LAST]);
		}
	}
	*bad = AT_CRCL;
	if (!entry_blank(in[AT_CRCL])) {
		if (num_parse(in[AT_CRCL], &out->crcl, num, &why) != ST_OK)
			return err_set(err, ST_DATAERR, "CrCl: %s", why.msg);
		if (out->crcl < ENTRY_CRCL_MIN || out->crcl > ENTRY_CRCL_MAX)
			return err_set(err, ST_DATAERR, "CrCl: %s is not plausible (%d to %d "
			    "mL/min); check and retype", num, ENTRY_CRCL_MIN, ENTRY_CRCL_MAX);
		out->has_crcl = true;
	}
	*bad = -1;
	buf_kv(value, "drug", out->none ? "none" : in[AT_DRUG]);
	if (!out->none) {
		buf_kv(value, "dose", in[AT_DOSE]);
		buf_kv(value, "last", out->last_ms < 0 ? "none" : in[AT_LAST]);
	}
	if (out->has_crcl)
		buf_kv(value, "crcl", num);
	return ST_OK;
}

const char *const *
entry_routes(size_t *n)
{
	static const char *const routes[] = {"SC", "intra-articular", "perineural", "epidural",
		"intradiscal", "intraosseous", "IV", "IM", "PO"};
	*n = ARRAY_SIZE(routes);
	return routes;
}
