/*
 * holdtab: reading the hold table and comparing a last dose with it.  The
 * table's rows for one drug and class are one row, or two split at one CrCl
 * (<50 and >=50), so that every CrCl finds exactly one row; without a CrCl
 * the longer hold is used and the words say so.
 */
#include "holdtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "num.h"
#include "tabread.h"
#include "util.h"

enum { HC_DRUG, HC_RISK, HC_CRCL, HC_HOURS, HC_SOURCE, HC__COUNT };
static const struct tabread_col hold_cols[HC__COUNT] = {
	{"drug", true}, {"risk", true}, {"crcl", false}, {"hold_hours", true}, {"source", true},
};

static bool
risk_valid(const char *s)
{
	return strcmp(s, "low") == 0 || strcmp(s, "intermediate") == 0 || strcmp(s, "high") == 0;
}

/* "", "<50" or ">=50". */
static bool
crcl_parse(const char *s, struct hold *h)
{
	double v;
	if (*s == '\0') {
		h->crcl = CRCL_ANY;
		return true;
	}
	if (s[0] == '<')
		h->crcl = CRCL_BELOW, s++;
	else if (s[0] == '>' && s[1] == '=')
		h->crcl = CRCL_AT_LEAST, s += 2;
	else
		return false;
	while (*s == ' ')
		s++;
	if (!tabread_number(s, &v) || v <= 0)
		return false;
	h->crcl_at = v;
	return true;
}

static bool
row_read(const struct tabread *t, const struct tabread_row *r, struct hold *h,
    struct cl_errors *errs)
{
	size_t before = errs->n;
	const char *s;

	s = r->v[HC_DRUG];
	if (*s == '\0' || utf8_chars(s) > HOLDTAB_MAX_NAME)
		tabread_error(errs, t, r, HC_DRUG, "drug '%.40s': write its name, 1 to %d "
		    "characters", s, HOLDTAB_MAX_NAME);
	s = r->v[HC_RISK];
	if (!risk_valid(s))
		tabread_error(errs, t, r, HC_RISK, "risk class '%.40s' is not low, intermediate "
		    "or high (the checklists' meta,risk)", s);
	if (!crcl_parse(r->v[HC_CRCL], h))
		tabread_error(errs, t, r, HC_CRCL, "crcl '%.40s': write <N or >=N in mL/min, e.g. "
		    "<50 and >=50 on two rows, or leave it empty", r->v[HC_CRCL]);
	s = r->v[HC_HOURS];
	if (strcmp(s, "shared") == 0) {
		h->shared = true;
	} else if (!tabread_number(s, &h->hours)) {
		tabread_error(errs, t, r, HC_HOURS, "hold_hours '%.40s': write the hours between "
		    "the last dose and the procedure (0 for no hold), or shared", s);
	} else if (h->hours < 0) {
		tabread_error(errs, t, r, HC_HOURS, "hold_hours %s is negative: write the hours "
		    "before the procedure, 0 for no hold", s);
	} else if (h->hours > 24 * 60) {
		tabread_error(errs, t, r, HC_HOURS, "hold_hours %s is more than 60 days: write "
		    "hours, e.g. 72 for 3 days", s);
	}
	s = r->v[HC_SOURCE];
	if (*s == '\0' || utf8_chars(s) > HOLDTAB_MAX_SOURCE)
		tabread_error(errs, t, r, HC_SOURCE, "source: name the guideline the hold comes "
		    "from, e.g. ASRA 2018 - 3 d (1 to %d characters)", HOLDTAB_MAX_SOURCE);
	h->drug = xstrdup(r->v[HC_DRUG]);
	h->risk = xstrdup(r->v[HC_RISK]);
	h->source = xstrdup(r->v[HC_SOURCE]);
	h->line = r->row_line;
	return errs->n == before;
}

static bool
same_group(const struct hold *a, const struct hold *b)
{
	return strcasecmp(a->drug, b->drug) == 0 && strcmp(a->risk, b->risk) == 0;
}

static const char *
crcl_words(const struct hold *h, char *out, size_t size)
{
	char n[NUM_MAX];
	num_format(h->crcl_at, n);
	snprintf(out, size, "%s%s", h->crcl == CRCL_BELOW ? "<" : h->crcl == CRCL_AT_LEAST ?
	    ">=" : "", h->crcl == CRCL_ANY ? "" : n);
	return out;
}

/* Within one drug and class: one row, or two split at one CrCl; each problem
 * is reported at the later row. */
static void
group_check(const struct tabread *t, const struct holdtab *tab, const bool *ok,
    struct cl_errors *errs)
{
	for (size_t i = 0; i < tab->n; i++) {
		const struct hold *h = &tab->v[i];
		const struct tabread_row *r = &t->rows[i];
		bool partner = false;
		char a[32], b[32];
		if (!ok[i])
			continue;
		for (size_t k = 0; k < tab->n; k++) {
			const struct hold *o = &tab->v[k];
			if (k == i || !ok[k] || !same_group(h, o))
				continue;
			partner |= o->crcl != h->crcl && o->crcl != CRCL_ANY;
			if (k > i)
				continue;
			if (o->crcl == h->crcl)
				tabread_error(errs, t, r, h->crcl == CRCL_ANY ? HC_RISK : HC_CRCL,
				    "%s, %s%s%s is already on line %d: one row per drug and class "
				    "(and CrCl)", h->drug, h->risk, h->crcl == CRCL_ANY ? "" : ", CrCl ",
				    crcl_words(h, a, sizeof a), o->line);
			else if (o->crcl == CRCL_ANY || h->crcl == CRCL_ANY)
				tabread_error(errs, t, r, HC_CRCL, "%s, %s has a row %s a CrCl on line "
				    "%d: give every row of a drug and class a CrCl, or none",
				    h->drug, h->risk, o->crcl == CRCL_ANY ? "without" : "with", o->line);
			else if (o->crcl_at != h->crcl_at)
				tabread_error(errs, t, r, HC_CRCL, "%s, %s: CrCl %s here and %s on line "
				    "%d: split the two rows at one value, e.g. <50 and >=50", h->drug,
				    h->risk, crcl_words(h, a, sizeof a), crcl_words(o, b, sizeof b),
				    o->line);
		}
		if (h->crcl != CRCL_ANY && !partner) {
			struct hold twin = *h;
			twin.crcl = h->crcl == CRCL_BELOW ? CRCL_AT_LEAST : CRCL_BELOW;
			tabread_error(errs, t, r, HC_CRCL, "%s, %s has a row for CrCl %s only: add "
			    "the row for CrCl %s, so that every CrCl has a hold", h->drug, h->risk,
			    crcl_words(h, a, sizeof a), crcl_words(&twin, b, sizeof b));
		}
	}
}

int
holdtab_parse(const char *name, const char *data, size_t size, struct holdtab **out,
    struct cl_errors *errs)
{
	struct tabread t;
	struct holdtab *tab = xcalloc(1, sizeof *tab);
	size_t before = errs->n;

	*out = NULL;
	if (tabread_parse(name, data, size, hold_cols, HC__COUNT, &t, errs)) {
		bool *ok = xcalloc(t.n + 1, sizeof *ok);
		tab->v = xcalloc(t.n + 1, sizeof *tab->v);
		for (size_t i = 0; i < t.n; i++)
			ok[i] = row_read(&t, &t.rows[i], &tab->v[tab->n++], errs);
		group_check(&t, tab, ok, errs);
		free(ok);
	}
	tabread_free(&t);
	if (errs->n > before) {
		holdtab_free(tab);
		return ST_DATAERR;
	}
	tabread_keep(&tab->file, name, data, size);
	*out = tab;
	return ST_OK;
}

void
holdtab_free(struct holdtab *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].drug);
		free(t->v[i].risk);
		free(t->v[i].source);
	}
	free(t->v);
	tabread_file_clear(&t->file);
	free(t);
}

const char **
holdtab_drugs(const struct holdtab *t, size_t *n)
{
	const char **v = xcalloc(t && t->n ? t->n : 1, sizeof *v);
	*n = 0;
	for (size_t i = 0; t != NULL && i < t->n; i++) {
		size_t k = 0;
		while (k < *n && strcasecmp(v[k], t->v[i].drug) != 0)
			k++;
		if (k == *n)
			v[(*n)++] = t->v[i].drug;
	}
	return v;
}

static const char *
risk_article(const char *risk)
{
	return strcmp(risk, "intermediate") == 0 ? "an" : "a";
}

/* "30 h", "45 min": how long ago, rounded down. */
static void
ago_words(int64_t ms, char *out, size_t size)
{
	if (ms < 3600000)
		snprintf(out, size, "%lld min", (long long)(ms / 60000));
	else
		snprintf(out, size, "%lld h", (long long)(ms / 3600000));
}

/* The row of drug and risk for this CrCl; *assumed when no CrCl was given
 * and the rows depend on it (the longer hold is taken). */
static const struct hold *
row_for(const struct holdtab *t, const char *drug, const char *risk, const double *crcl,
    bool *assumed)
{
	const struct hold *best = NULL;
	*assumed = false;
	while (*drug == ' ')
		drug++;
	for (size_t i = 0; t != NULL && i < t->n; i++) {
		const struct hold *h = &t->v[i];
		if (strcasecmp(h->drug, drug) != 0 || strcmp(h->risk, risk) != 0)
			continue;
		if (h->crcl == CRCL_ANY)
			return h;
		if (crcl != NULL) {
			if ((h->crcl == CRCL_BELOW) == (*crcl < h->crcl_at))
				return h;
			continue;
		}
		*assumed = true;
		if (best == NULL || h->hours > best->hours || (h->shared && !best->shared &&
		    best->hours == 0))
			best = h;
	}
	return best;
}

void
holdtab_check(const struct holdtab *t, const char *drug, const char *risk,
    const double *crcl, int64_t last_ms, int64_t now_ms, struct hold_check *out)
{
	char ago[32], hours[NUM_MAX], at[64] = "", why[160] = "";

	memset(out, 0, sizeof *out);
	out->elapsed_ms = last_ms < 0 ? -1 : now_ms - last_ms;
	if (*drug == '\0' || strcasecmp(drug, "none") == 0)
		return;
	const struct hold *h = row_for(t, drug, risk, crcl, &out->crcl_assumed);
	out->row = h;
	if (h == NULL) {
		out->result = HOLD_NO_ROW;
		snprintf(out->msg, sizeof out->msg, "The hold table has no row for %s before %s "
		    "%s-risk procedure: ask the prescriber for the hold plan.", drug,
		    risk_article(risk), risk);
		return;
	}
	snprintf(out->basis, sizeof out->basis, "%.*s", (int)checklist_choice_name(h->source),
	    h->source);
	if (h->crcl != CRCL_ANY) {
		num_format(h->crcl_at, hours);
		snprintf(at, sizeof at, " at CrCl %s %s mL/min", h->crcl == CRCL_BELOW ? "below" :
		    "of at least", hours);
		if (out->crcl_assumed)
			snprintf(why, sizeof why, " CrCl is not recorded, so the longer hold (CrCl "
			    "%s %s) is used.", h->crcl == CRCL_BELOW ? "below" : "of at least",
			    hours);
	}
	if (h->shared) {
		out->result = HOLD_SHARED;
		snprintf(out->msg, sizeof out->msg, "%s before %s %s-risk procedure%s: shared "
		    "decision with the prescriber (%s); the table sets no hold.%s", drug,
		    risk_article(risk), risk, at, out->basis, why);
		return;
	}
	if (last_ms < 0) {
		out->result = HOLD_NOTHING;
		return;
	}
	out->result = out->elapsed_ms >= (int64_t)(h->hours * 3600000.0) ? HOLD_MET :
	    HOLD_NOT_MET;
	if (out->result == HOLD_MET)
		return;
	ago_words(out->elapsed_ms, ago, sizeof ago);
	num_format(h->hours, hours);
	snprintf(out->msg, sizeof out->msg, "%s last taken %s ago; the table holds it %s h before "
	    "%s %s-risk procedure%s (%s): the hold plan is not met.%s", drug, ago, hours,
	    risk_article(risk), risk, at, out->basis, why);
}

void
holdtab_value(const struct hold_check *hc, struct buf *value)
{
	char words[160], n[NUM_MAX];

	if (hc->elapsed_ms >= 0 && hc->result != HOLD_NOTHING) {
		ago_words(hc->elapsed_ms, words, sizeof words);
		buf_kv(value, "since", words);
	}
	if (hc->result == HOLD_NO_ROW) {
		buf_kv(value, "hold", "not in the table");
		return;
	}
	if (hc->row == NULL)
		return;
	num_format(hc->row->hours, n);
	snprintf(words, sizeof words, "%s%s (%s)", hc->row->shared ? "shared decision" :
	    hc->row->hours == 0 ? "none" : n, hc->row->shared || hc->row->hours == 0 ? "" : " h",
	    hc->basis);
	buf_kv(value, "hold", words);
}
