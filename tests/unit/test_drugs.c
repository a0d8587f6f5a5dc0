/*
 * Drugs (issue 11, point 5): the drug table and per-drug units ("drug:unit"
 * in a med item's choices), a dose's plausibility, the antithrombotic hold
 * table and its check, repeat "*" (any number of entries), the
 * antithrombotic entry, and the two tables in the catalogue (built in,
 * replaced by a site file).  No curses linked.
 */
#include "testutil.h"

#include "actions.h"
#include "drugtab.h"
#include "embedded.h"
#include "entry.h"
#include "fileio.h"
#include "holdtab.h"

#define H 3600000LL	/* an hour in ms */

/* --- helpers ---------------------------------------------------------------- */

static void
print_errs(const struct cl_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		char *s = cl_error_format(&errs->v[i]);
		print_error("%s\n", s);
		free(s);
	}
}

/* One error at line:column containing needle among errs; fails otherwise. */
static void
has_err(const struct cl_errors *errs, const char *file, int line, int column,
    const char *needle)
{
	for (size_t i = 0; i < errs->n; i++) {
		const struct cl_error *e = &errs->v[i];
		if (strcmp(e->file, file) == 0 && e->line == line && e->column == column &&
		    strstr(e->msg, needle) != NULL)
			return;
	}
	print_errs(errs);
	fail_msg("no error %s:%d:%d: ...%s...", file, line, column, needle);
}

static struct drugtab *
drugs_ok(const char *csv)
{
	struct cl_errors errs = {0};
	struct drugtab *t = NULL;
	if (drugtab_parse("drugs.csv", csv, strlen(csv), &t, &errs) != ST_OK) {
		print_errs(&errs);
		fail_msg("refused a valid drug table");
	}
	assert_int_equal(errs.n, 0);
	return t;
}

static struct holdtab *
holds_ok(const char *csv)
{
	struct cl_errors errs = {0};
	struct holdtab *t = NULL;
	if (holdtab_parse("holds.csv", csv, strlen(csv), &t, &errs) != ST_OK) {
		print_errs(&errs);
		fail_msg("refused a valid hold table");
	}
	assert_int_equal(errs.n, 0);
	return t;
}

/* A table that must be refused: its errors, to look through with has_err. */
static struct cl_errors
drugs_bad(const char *csv)
{
	struct cl_errors errs = {0};
	struct drugtab *t = (struct drugtab *)1;
	assert_int_equal(drugtab_parse("drugs.csv", csv, strlen(csv), &t, &errs), ST_DATAERR);
	assert_null(t);
	assert_true(errs.n > 0);
	return errs;
}

static struct cl_errors
holds_bad(const char *csv)
{
	struct cl_errors errs = {0};
	struct holdtab *t = (struct holdtab *)1;
	assert_int_equal(holdtab_parse("holds.csv", csv, strlen(csv), &t, &errs), ST_DATAERR);
	assert_null(t);
	assert_true(errs.n > 0);
	return errs;
}

static const char *
embedded(const char *name)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f->data;
	fail_msg("%s is not embedded", name);
	return NULL;
}

/* The built-in catalogue (an empty site folder), freed by the caller. */
static void
builtin_catalog(struct catalog *cat, char **dir)
{
	*dir = tu_tempdir();
	tu_builtin_catalog(cat, *dir);
	assert_non_null(cat->drugs);
	assert_non_null(cat->holds);
}

/* A checklist with one med item, line 4 of the file. */
#define HDR "phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint\n"
#define META "meta,title,T,,,,,,,,,\nmeta,risk,high,,,,,,,,,\n"
#define PROC "procedure,timeout,Time-out,timeout,,,,a|b,yes,yes,,\n"
#define POST "post,discharge,Discharge,check,,,,,yes,yes,,\n"

static struct checklist *
checklist_ok(const char *csv)
{
	struct cl_errors errs = {0};
	struct checklist *cl = NULL;
	if (checklist_parse("t.csv", "t", csv, strlen(csv), &cl, &errs) != ST_OK) {
		print_errs(&errs);
		fail_msg("refused a valid checklist");
	}
	return cl;
}

static void
checklist_bad(const char *csv, int line, int column, const char *needle)
{
	struct cl_errors errs = {0};
	struct checklist *cl = (struct checklist *)1;
	assert_int_equal(checklist_parse("t.csv", "t", csv, strlen(csv), &cl, &errs), ST_DATAERR);
	assert_null(cl);
	has_err(&errs, "t.csv", line, column, needle);
	cl_errors_free(&errs);
}

/* --- the drug table ----------------------------------------------------------- */

#define DHDR "drug,unit,low,high,source\n"

static void
test_drug_table(void **state)
{
	(void)state;
	/* the built-in one: every med option of the built-in checklists is in it,
	 * each with a unit and a source */
	struct drugtab *t = drugs_ok(embedded("schema/drugs.csv"));
	const struct drug *d = drugtab_find(t, "fentanyl");
	assert_non_null(d);
	assert_string_equal(d->unit, "mcg");
	assert_true(d->has_low && d->low == 10 && d->has_high && d->high == 200);
	assert_non_null(strstr(d->source, "typing errors"));
	assert_true(drugtab_find(t, " Fentanyl ") == d);	/* any case, trimmed */
	assert_null(drugtab_find(t, "fentanil"));
	assert_null(drugtab_find(NULL, "fentanyl"));
	d = drugtab_find(t, "onabotulinumtoxinA");	/* no dose in the sources: no range */
	assert_true(d != NULL && !d->has_low && !d->has_high);
	for (size_t i = 0; i < t->n; i++)
		assert_true(*t->v[i].source && *t->v[i].unit);
	char *dir;
	struct catalog cat;
	builtin_catalog(&cat, &dir);
	for (size_t c = 0; c < cat.n; c++)
		for (size_t i = 0; i < cat.v[c]->nitems; i++) {
			const struct item *it = &cat.v[c]->items[i];
			for (size_t k = 0; it->kind == KIND_MED && k < it->nchoices; k++)
				if (drugtab_find(t, it->choices[k]) == NULL &&
				    strcmp(it->choices[k], "other") != 0)
					fail_msg("%s: %s: '%s' is not in the drug table", cat.v[c]->key,
					    it->key, it->choices[k]);
		}
	catalog_free(&cat);
	tu_rmdir(dir);
	drugtab_free(t);

	/* a range may be open at one end; the columns in any order */
	t = drugs_ok("source,drug,high,unit,low\nsite list,Cement,,mL,\nx,Heparin,5000,units,\n");
	assert_int_equal(t->n, 2);
	assert_true(t->v[1].has_high && !t->v[1].has_low);
	char range[64];
	drugtab_range_text(&t->v[1], range, sizeof range);
	assert_string_equal(range, "up to 5000 units");
	drugtab_free(t);

	/* every mistake at its FILE:LINE:COLUMN, all at once */
	struct cl_errors e = drugs_bad(DHDR
	    "midazolam,mg,0.25,10,ok\n"		/* 2 */
	    "Midazolam,mg,1,2,dup\n"		/* 3: the same drug, any case */
	    "fentanyl,m cg,10,200,ok\n"		/* 4: a unit is one word */
	    "propofol,mg,50,5,ok\n"		/* 5: high below low */
	    "ketamine,mg,-1,abc,ok\n"		/* 6: not positive, not a number */
	    "morphine,mg,1,10,\n"		/* 7: no source */
	    ",mg,1,2,x\n"			/* 8: no name */
	    "a,b,c\n");				/* 9: too few fields */
	has_err(&e, "drugs.csv", 3, 1, "drug 'Midazolam' is already on line 2");
	has_err(&e, "drugs.csv", 4, 2, "unit 'm cg'");
	has_err(&e, "drugs.csv", 5, 4, "high (5) is below low (50)");
	has_err(&e, "drugs.csv", 6, 3, "low '-1' is not a positive number");
	has_err(&e, "drugs.csv", 6, 4, "high 'abc' is not a positive number");
	has_err(&e, "drugs.csv", 7, 5, "source: say where the range comes from");
	has_err(&e, "drugs.csv", 8, 1, "drug ''");
	has_err(&e, "drugs.csv", 9, 3, "this row has 3 fields but the header has 5");
	assert_int_equal(e.n, 8);
	cl_errors_free(&e);

	e = drugs_bad("drug,units,low,high,source,drug\n");
	has_err(&e, "drugs.csv", 1, 2, "unknown column 'units'");
	has_err(&e, "drugs.csv", 1, 6, "column 'drug' appears twice");
	has_err(&e, "drugs.csv", 1, 0, "column 'unit' is missing");
	cl_errors_free(&e);
	e = drugs_bad("");
	has_err(&e, "drugs.csv", 1, 0, "the file is empty");
	cl_errors_free(&e);
	e = drugs_bad(DHDR);
	has_err(&e, "drugs.csv", 1, 0, "the table has no rows");
	cl_errors_free(&e);
	e = drugs_bad(DHDR "fentanyl,mcg,10,200,\"open\n");
	has_err(&e, "drugs.csv", 2, 5, "never closed");
	cl_errors_free(&e);
	e = drugs_bad(DHDR "fen\ttanyl,mcg,10,200,x\n");
	has_err(&e, "drugs.csv", 2, 1, "control character (U+0009)");
	cl_errors_free(&e);
}

/* The unit a drug is charted in: the item's "drug:unit", else the table's,
 * else the item's unit (a typed drug the table lacks keeps it). */
static void
test_units_follow_the_drug(void **state)
{
	(void)state;
	struct drugtab *t = drugs_ok(DHDR "fentanyl,mcg,10,200,x\nmidazolam,mg,0.25,10,x\n"
	    "propofol,mg,1,500,x\n");
	/* an old file, without units in the options: the table gives them */
	struct checklist *cl = checklist_ok(HDR META
	    "pre,sed,Sedation,med,mg,,,midazolam|fentanyl|propofol,,,,\n" PROC POST);
	const struct item *it = checklist_item(cl, "sed");
	assert_null(it->choice_unit);
	assert_string_equal(drugtab_unit_for(t, it, "fentanyl"), "mcg");
	assert_string_equal(drugtab_unit_for(t, it, "FENTANYL"), "mcg");
	assert_string_equal(drugtab_unit_for(t, it, "midazolam"), "mg");
	assert_string_equal(drugtab_unit_for(t, it, "remifentanil"), "mg");	/* typed */
	assert_string_equal(drugtab_unit_for(NULL, it, "fentanyl"), "mg");	/* no table */
	checklist_free(cl);

	/* "drug:unit": the option's name is the drug; the unit comes first */
	cl = checklist_ok(HDR META
	    "pre,sed,Sedation,med,mg,,,midazolam:mg| fentanyl : mcg |propofol|ketamine:mg,,,,\n"
	    PROC POST);
	it = checklist_item(cl, "sed");
	assert_int_equal(it->nchoices, 4);
	assert_string_equal(it->choices[1], "fentanyl");
	assert_string_equal(it->choice_unit[1], "mcg");
	assert_null(it->choice_unit[2]);
	assert_string_equal(checklist_choice_unit(it, "Fentanyl"), "mcg");
	assert_null(checklist_choice_unit(it, "propofol"));
	assert_string_equal(drugtab_unit_for(NULL, it, "fentanyl"), "mcg");
	assert_string_equal(drugtab_unit_for(t, it, "ketamine"), "mg");
	assert_string_equal(drugtab_unit_for(t, it, "propofol"), "mg");
	checklist_free(cl);

	/* the built-in sedation item says it too */
	cl = tu_builtin("sacroplasty");
	it = checklist_item(cl, "sedation");
	assert_string_equal(it->unit, "mg");
	assert_string_equal(checklist_choice_unit(it, "fentanyl"), "mcg");
	assert_string_equal(checklist_choice_unit(it, "midazolam"), "mg");
	checklist_free(cl);

	/* a ':' elsewhere is text, as before */
	cl = checklist_ok(HDR META "pre,c,Pick,choice,,,,a:b|c,,,,\n" PROC POST);
	assert_string_equal(checklist_item(cl, "c")->choices[0], "a:b");
	checklist_free(cl);
	checklist_bad(HDR META "pre,m,Drug,med,,,,fentanyl:,,,,\n" PROC POST, 4, 8, "drug:unit");
	checklist_bad(HDR META "pre,m,Drug,med,,,,:mcg,,,,\n" PROC POST, 4, 8, "drug:unit");
	checklist_bad(HDR META "pre,m,Drug,med,,,,fentanyl:m cg,,,,\n" PROC POST, 4, 8,
	    "one word after the colon");
	checklist_bad(HDR META "pre,m,Drug,med,,,,a:mcg|a:mg,,,,\n" PROC POST, 4, 8,
	    "option 'a' appears twice");
	checklist_bad(HDR META "pre,m,Drug,med,,,,a:abcdefghijklmnopqrstuvwxyz,,,,\n" PROC POST,
	    4, 8, "the unit is longer than 20");
	drugtab_free(t);
}

static void
test_plausible_dose(void **state)
{
	(void)state;
	struct drugtab *t = drugs_ok(DHDR "fentanyl,mcg,10,200,x\nlidocaine 1%,mL,0.1,30,x\n"
	    "onabotulinumtoxinA,units,,,x\n");
	struct checklist *cl = checklist_ok(HDR META
	    "pre,sed,Sedation,med,mg,,,midazolam:mg|fentanyl:mcg,,,,\n"
	    "pre,la,Local,med,mL,,,lidocaine 1%,,,,\n"
	    "pre,tox,Toxin,med,units,,,onabotulinumtoxinA,,,,\n" PROC POST);
	const struct item *sed = checklist_item(cl, "sed"), *la = checklist_item(cl, "la");
	struct dose_check dc;

	/* the 1000-fold slip: refused, with the range and its unit */
	drugtab_check_dose(t, sed, "fentanyl", 50, "50", "mg", &dc);
	assert_true(dc.refuse);
	assert_string_equal(dc.msg, "fentanyl 50 mg is not plausible: 10-200 mcg; check the unit");
	/* in its own unit: a digit too many is refused too */
	drugtab_check_dose(t, sed, "fentanyl", 500, "500", "mcg", &dc);
	assert_true(dc.refuse);
	assert_string_equal(dc.msg, "fentanyl 500 mcg is not plausible: 10-200 mcg; check the dose");
	drugtab_check_dose(t, sed, "fentanyl", 5, "5", "mcg", &dc);
	assert_true(dc.refuse);
	/* the bounds themselves are plausible */
	drugtab_check_dose(t, sed, "fentanyl", 200, "200", "mcg", &dc);
	assert_false(dc.refuse || dc.unit);
	assert_string_equal(dc.msg, "");
	drugtab_check_dose(t, sed, "Fentanyl", 10, "10", "µg", &dc);	/* µg is mcg */
	assert_false(dc.refuse || dc.unit);
	/* another unit that converts into range: said before saving, flagged */
	drugtab_check_dose(t, sed, "fentanyl", 0.05, "0.05", "mg", &dc);
	assert_false(dc.refuse);
	assert_true(dc.unit);
	assert_non_null(strstr(dc.msg, "fentanyl is charted in mcg, not mg: 0.05 mg is 50 mcg"));
	/* a unit that does not convert: no range to compare, said */
	drugtab_check_dose(t, sed, "fentanyl", 50, "50", "units", &dc);
	assert_false(dc.refuse);
	assert_true(dc.unit);
	assert_non_null(strstr(dc.msg, "charted in mcg, not 'units'"));
	/* volume: mL and ml are one unit; 1 L of lidocaine is not plausible */
	drugtab_check_dose(t, la, "lidocaine 1%", 5, "5", "ml", &dc);
	assert_false(dc.refuse || dc.unit);
	drugtab_check_dose(t, la, "lidocaine 1%", 1, "1", "L", &dc);
	assert_true(dc.refuse);
	assert_string_equal(dc.msg, "lidocaine 1% 1 L is not plausible: 0.1-30 mL; check the unit");
	/* no range in the table: any dose, the unit still checked */
	drugtab_check_dose(t, checklist_item(cl, "tox"), "onabotulinumtoxinA", 9999, "9999",
	    "units", &dc);
	assert_false(dc.refuse || dc.unit);
	drugtab_check_dose(t, checklist_item(cl, "tox"), "onabotulinumtoxinA", 100, "100", "mg",
	    &dc);
	assert_true(dc.unit && !dc.refuse);
	/* a drug neither the table nor the item knows: nothing to say; one the
	 * item gives a unit for: that unit is the drug's */
	drugtab_check_dose(t, sed, "remifentanil", 5000, "5000", "mg", &dc);
	assert_false(dc.refuse || dc.unit);
	drugtab_check_dose(t, sed, "midazolam", 2000, "2000", "mcg", &dc);
	assert_true(dc.unit && !dc.refuse);
	assert_non_null(strstr(dc.msg, "2000 mcg is 2 mg"));
	drugtab_check_dose(NULL, sed, "fentanyl", 50, "50", "mg", &dc);	/* no table */
	assert_false(dc.refuse);
	assert_true(dc.unit);

	double f;
	assert_true(drugtab_unit_factor("mg", "mcg", &f) && f == 1000);
	assert_true(drugtab_unit_factor("G", "mg", &f) && f == 1000);
	assert_true(drugtab_unit_factor("mL", "L", &f) && f == 0.001);
	assert_false(drugtab_unit_factor("mg", "mL", &f));
	assert_false(drugtab_unit_factor("units", "mg", &f));
	checklist_free(cl);
	drugtab_free(t);
}

/* --- the hold table ----------------------------------------------------------- */

#define HHDR "drug,risk,crcl,hold_hours,source\n"

static void
test_hold_table(void **state)
{
	(void)state;
	struct holdtab *t = holds_ok(embedded("schema/holds.csv"));
	size_t n;
	const char **drugs = holdtab_drugs(t, &n);
	const char *want[] = {"aspirin", "clopidogrel", "warfarin", "enoxaparin prophylactic",
	    "enoxaparin therapeutic", "apixaban", "rivaroxaban", "dabigatran"};
	assert_int_equal(n, ARRAY_SIZE(want));
	for (size_t i = 0; i < n; i++)
		assert_string_equal(drugs[i], want[i]);
	free(drugs);
	/* every drug of procedures.md C3 has a row for each class, with a source
	 * that starts with the guideline */
	const char *risks[] = {"low", "intermediate", "high"};
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		for (size_t r = 0; r < ARRAY_SIZE(risks); r++) {
			struct hold_check hc;
			holdtab_check(t, want[i], risks[r], NULL, -1, 0, &hc);
			assert_non_null(hc.row);
			assert_true(strncmp(hc.basis, "ASRA 2018", 9) == 0 ||
			    strncmp(hc.basis, "SIR 2019", 8) == 0);
		}
	holdtab_free(t);

	/* the columns in any order; crcl may be left out */
	t = holds_ok("hold_hours,drug,source,risk\n72,apixaban,ASRA 2018 - 3 d,high\n");
	assert_true(t->v[0].hours == 72 && t->v[0].crcl == CRCL_ANY);
	holdtab_free(t);

	/* what 'checklists check' refuses, each at its FILE:LINE:COLUMN */
	struct cl_errors e = holds_bad(HHDR
	    "apixaban,high,,72,ASRA\n"			/* 2 */
	    "apixaban,medium,,72,ASRA\n"		/* 3: unknown class */
	    "Apixaban,high,,48,SIR\n"			/* 4: the same drug and class */
	    "warfarin,high,,-120,ASRA\n"		/* 5: negative hours */
	    "warfarin,low,,soon,ASRA\n"			/* 6: not hours */
	    "dabigatran,high,<50,144,ASRA\n"		/* 7 */
	    "dabigatran,high,>=60,96,ASRA\n"		/* 8: split at another value */
	    "dabigatran,low,<50,0,ASRA\n"		/* 9: no row for >=50 */
	    "rivaroxaban,high,,72,ASRA\n"		/* 10 */
	    "rivaroxaban,high,<30,96,SIR\n"		/* 11: with and without CrCl */
	    "edoxaban,high,=50,72,x\n"			/* 12: bad CrCl */
	    "heparin,high,,4,\n");			/* 13: no source */
	has_err(&e, "holds.csv", 3, 2, "risk class 'medium' is not low, intermediate or high");
	has_err(&e, "holds.csv", 4, 2, "Apixaban, high is already on line 2");
	has_err(&e, "holds.csv", 5, 4, "hold_hours -120 is negative");
	has_err(&e, "holds.csv", 6, 4, "hold_hours 'soon'");
	has_err(&e, "holds.csv", 8, 3, "CrCl >=60 here and <50 on line 7");
	has_err(&e, "holds.csv", 9, 3, "dabigatran, low has a row for CrCl <50 only: add the "
	    "row for CrCl >=50");
	has_err(&e, "holds.csv", 11, 3, "rivaroxaban, high has a row without a CrCl on line 10");
	has_err(&e, "holds.csv", 12, 3, "crcl '=50'");
	has_err(&e, "holds.csv", 13, 5, "source: name the guideline");
	cl_errors_free(&e);
	e = holds_bad(HHDR "aspirin,high,<50,1,x\naspirin,high,<50,2,x\naspirin,high,>=50,3,x\n");
	has_err(&e, "holds.csv", 3, 3, "aspirin, high, CrCl <50 is already on line 2");
	cl_errors_free(&e);
	e = holds_bad(HHDR "aspirin,high,,1500,x\n");
	has_err(&e, "holds.csv", 2, 4, "more than 60 days");
	cl_errors_free(&e);
	e = holds_bad("drug,risk,hours,source\n");
	has_err(&e, "holds.csv", 1, 3, "unknown column 'hours'");
	has_err(&e, "holds.csv", 1, 0, "column 'hold_hours' is missing");
	cl_errors_free(&e);
}

/* A last dose ago_ms before now, compared with the built-in table. */
static void
check_ago(const struct holdtab *t, const char *drug, const char *risk, const double *crcl,
    int64_t ago_ms, struct hold_check *hc)
{
	const int64_t now = INT64_C(1795680000000);
	holdtab_check(t, drug, risk, crcl, ago_ms < 0 ? -1 : now - ago_ms, now, hc);
}

static void
test_hold_check(void **state)
{
	(void)state;
	struct holdtab *t = holds_ok(embedded("schema/holds.csv"));
	struct hold_check hc;
	struct buf v = {0};

	/* the example, word for word */
	check_ago(t, "apixaban", "high", NULL, 30 * H, &hc);
	assert_int_equal(hc.result, HOLD_NOT_MET);
	assert_string_equal(hc.msg, "apixaban last taken 30 h ago; the table holds it 72 h "
	    "before a high-risk procedure (ASRA 2018): the hold plan is not met.");
	assert_string_equal(hc.basis, "ASRA 2018");
	holdtab_value(&hc, &v);
	assert_string_equal(v.data, "since=30 h; hold=72 h (ASRA 2018)");
	buf_free(&v);
	/* exactly at the limit meets it; a millisecond less does not */
	check_ago(t, "apixaban", "high", NULL, 72 * H, &hc);
	assert_int_equal(hc.result, HOLD_MET);
	assert_string_equal(hc.msg, "");
	check_ago(t, "apixaban", "high", NULL, 72 * H - 1, &hc);
	assert_int_equal(hc.result, HOLD_NOT_MET);
	assert_non_null(strstr(hc.msg, "last taken 71 h ago"));
	check_ago(t, "Apixaban", "high", NULL, 45 * 60000, &hc);	/* any case; minutes */
	assert_non_null(strstr(hc.msg, "Apixaban last taken 45 min ago"));
	/* per class: intermediate holds 3 d too; low is a shared decision */
	check_ago(t, "apixaban", "intermediate", NULL, 71 * H, &hc);
	assert_int_equal(hc.result, HOLD_NOT_MET);
	assert_non_null(strstr(hc.msg, "before an intermediate-risk procedure"));
	check_ago(t, "apixaban", "low", NULL, 2 * H, &hc);
	assert_int_equal(hc.result, HOLD_SHARED);
	assert_true(hc.row->shared && hc.row->hours == 0);
	assert_non_null(strstr(hc.msg, "shared decision with the prescriber (ASRA 2018); the "
	    "table sets no hold"));
	holdtab_value(&hc, &v);
	assert_string_equal(v.data, "since=2 h; hold=shared decision (ASRA 2018)");
	buf_free(&v);
	/* no hold: met at once, nothing said */
	check_ago(t, "aspirin", "low", NULL, 1 * H, &hc);
	assert_int_equal(hc.result, HOLD_MET);
	assert_string_equal(hc.msg, "");
	check_ago(t, "aspirin", "high", NULL, 143 * H, &hc);	/* 6 d, ASRA over SIR 3-5 d */
	assert_int_equal(hc.result, HOLD_NOT_MET);
	assert_non_null(strstr(hc.msg, "holds it 144 h"));
	check_ago(t, "clopidogrel", "high", NULL, 5 * 24 * H, &hc);	/* 7 d over SIR 5 d */
	assert_int_equal(hc.result, HOLD_NOT_MET);
	check_ago(t, "warfarin", "high", NULL, 5 * 24 * H, &hc);
	assert_int_equal(hc.result, HOLD_MET);
	/* CrCl rows: dabigatran below 50 holds 6 d, at or above 50 holds 4 d */
	double low = 40, at = 50, high = 90;
	check_ago(t, "dabigatran", "high", &low, 100 * H, &hc);
	assert_int_equal(hc.result, HOLD_NOT_MET);
	assert_true(hc.row->hours == 144 && !hc.crcl_assumed);
	assert_non_null(strstr(hc.msg, "holds it 144 h before a high-risk procedure at CrCl "
	    "below 50 mL/min (ASRA 2018)"));
	check_ago(t, "dabigatran", "high", &at, 100 * H, &hc);
	assert_int_equal(hc.result, HOLD_MET);
	assert_true(hc.row->hours == 96);
	check_ago(t, "dabigatran", "high", &high, 95 * H, &hc);
	assert_int_equal(hc.result, HOLD_NOT_MET);
	assert_non_null(strstr(hc.msg, "at CrCl of at least 50 mL/min"));
	/* no CrCl recorded: the longer hold, and the words say so */
	check_ago(t, "dabigatran", "high", NULL, 100 * H, &hc);
	assert_int_equal(hc.result, HOLD_NOT_MET);
	assert_true(hc.crcl_assumed && hc.row->hours == 144);
	assert_non_null(strstr(hc.msg, "CrCl is not recorded, so the longer hold (CrCl below "
	    "50) is used."));
	check_ago(t, "dabigatran", "intermediate", NULL, 145 * H, &hc);
	assert_int_equal(hc.result, HOLD_MET);
	/* none, no last dose, a drug the table lacks */
	check_ago(t, "none", "high", NULL, -1, &hc);
	assert_int_equal(hc.result, HOLD_NOTHING);
	assert_string_equal(hc.msg, "");
	holdtab_value(&hc, &v);
	assert_null(v.data);
	check_ago(t, "apixaban", "high", NULL, -1, &hc);
	assert_int_equal(hc.result, HOLD_NOTHING);
	assert_string_equal(hc.msg, "");
	holdtab_value(&hc, &v);
	assert_string_equal(v.data, "hold=72 h (ASRA 2018)");
	buf_free(&v);
	check_ago(t, "ticagrelor", "high", NULL, 10 * H, &hc);
	assert_int_equal(hc.result, HOLD_NO_ROW);
	assert_string_equal(hc.msg, "The hold table has no row for ticagrelor before a "
	    "high-risk procedure: ask the prescriber for the hold plan.");
	holdtab_value(&hc, &v);
	assert_string_equal(v.data, "since=10 h; hold=not in the table");
	buf_free(&v);
	holdtab_check(NULL, "apixaban", "high", NULL, 0, 0, &hc);	/* no table */
	assert_int_equal(hc.result, HOLD_NO_ROW);
	holdtab_free(t);
}

/* --- the antithrombotic entry -------------------------------------------------- */

static int
at(const char *drug, const char *dose, const char *last, const char *crcl, int64_t now,
    struct buf *v, struct at_entry *out, int *bad, struct err *err)
{
	const char *in[AT__COUNT] = {drug, dose, last, crcl};
	buf_free(v);
	return entry_antithrombotic(in, now, v, out, bad, err);
}

static void
test_antithrombotic_entry(void **state)
{
	(void)state;
	struct buf v = {0};
	struct at_entry a;
	struct err err = {0};
	int bad;
	int64_t last;

	assert_true(clock_parse_local("2026-11-25 08:00", &last));
	int64_t now = last + 30 * H;
	assert_int_equal(at("apixaban", "5 mg twice daily", "2026-11-25 08:00", "", now, &v, &a,
	    &bad, &err), ST_OK);
	assert_string_equal(v.data, "drug=apixaban; dose=5 mg twice daily; last=2026-11-25 08:00");
	assert_true(!a.none && a.last_ms == last && !a.has_crcl && bad == -1);
	assert_int_equal(at("dabigatran", "150 mg bid", "none", "45,5", now, &v, &a, &bad, &err),
	    ST_OK);
	assert_string_equal(v.data, "drug=dabigatran; dose=150 mg bid; last=none; crcl=45.5");
	assert_true(a.last_ms == -1 && a.has_crcl && a.crcl == 45.5);
	assert_int_equal(at("None", "", "", "", now, &v, &a, &bad, &err), ST_OK);
	assert_string_equal(v.data, "drug=none");
	assert_true(a.none);

	const struct {
		const char *drug, *dose, *last, *crcl;
		int bad;
		const char *msg;
	} refused[] = {
		{"", "", "", "", AT_DRUG, "Drug is needed"},
		{"none", "5 mg", "", "", AT_DOSE, "the drug is none; leave it empty"},
		{"apixaban", "", "2026-11-25 08:00", "", AT_DOSE, "Dose is needed"},
		{"apixaban", "5 mg", "", "", AT_LAST, "Last dose is needed"},
		{"apixaban", "5 mg", "2026-11-25", "", AT_LAST, "is not a date and time"},
		{"apixaban", "5 mg", "2026-02-30 08:00", "", AT_LAST, "is not a date and time"},
		{"apixaban", "5 mg", "2026-11-25 24:00", "", AT_LAST, "is not a date and time"},
		{"apixaban", "5 mg", "2026-11-26 15:00", "", AT_LAST, "is in the future"},
		{"apixaban", "5 mg", "none", "0", AT_CRCL, "not plausible (1 to 250 mL/min)"},
		{"apixaban", "5 mg", "none", "500", AT_CRCL, "not plausible"},
		{"apixaban", "5 mg", "none", "high", AT_CRCL, "CrCl:"},
		{"apix\033aban", "5 mg", "none", "", AT_DRUG, "control character"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(refused); i++) {
		err.msg[0] = '\0';
		if (at(refused[i].drug, refused[i].dose, refused[i].last, refused[i].crcl, now, &v,
		    &a, &bad, &err) != ST_DATAERR || bad != refused[i].bad ||
		    strstr(err.msg, refused[i].msg) == NULL)
			fail_msg("case %zu: bad %d, '%s'", i, bad, err.msg);
	}
	buf_free(&v);

	/* the summary the screens and the report show */
	char *s = entry_summary(KIND_ANTITHROMBOTIC, "drug=apixaban; dose=5 mg bid; "
	    "last=2026-11-25 08:00; crcl=60; since=30 h; hold=72 h (ASRA 2018)", "");
	assert_string_equal(s, "apixaban 5 mg bid last 2026-11-25 08:00 (30 h ago) CrCl 60 hold "
	    "72 h (ASRA 2018)");
	free(s);
}

/* --- repeat "*" and the antithrombotic kind in checklists ------------------------ */

static struct cs_event
ev(int64_t id, const char *item, const char *action, const char *value, const char *flag,
    int64_t amends)
{
	struct cs_event e = {.id = id, .amends = amends};
	clock_format_utc(INT64_C(1795680000000) + id * 60000, e.at);
	e.phase = xstrdup("pre");
	e.item_key = xstrdup(item);
	e.action = xstrdup(action);
	e.value = xstrdup(value);
	e.unit = xstrdup("");
	e.flag = xstrdup(flag);
	e.reason = xstrdup(amends ? "typed wrong" : "");
	e.staff = xstrdup("QA");
	e.terminal = xstrdup("");
	return e;
}

static struct casestate *
state_of(const struct checklist *cl, const struct cs_event *e, size_t n)
{
	struct case_info c = {.id = 1, .mrn = xstrdup("M1"), .name = xstrdup("N"),
	    .dob = xstrdup("1950-01-01"), .proc_key = xstrdup("t"), .side = xstrdup("left"),
	    .level = xstrdup(""), .proceduralist = xstrdup(""),
	    .scheduled_at = xstrdup("2026-11-26 08:00")};
	return casestate_build(&c, (struct checklist *)cl, false, tu_events_dup(e, n), n);
}

static void
test_repeat_any(void **state)
{
	(void)state;
	struct checklist *cl = checklist_ok(HDR META
	    "pre,sed,Sedation,med,mg,,,fentanyl:mcg,yes,,*,\n"
	    "pre,at,Antithrombotics,antithrombotic,,,,,yes,,*,\n"
	    "pre,once,Steroid,med,mg,,,,yes,,,\n" PROC POST);
	const struct item *sed = checklist_item(cl, "sed");
	assert_true(sed->repeat_any && sed->repeat_every == 0 && checklist_repeats(sed));
	assert_true(checklist_item(cl, "at")->repeat_any);
	assert_int_equal(checklist_item(cl, "at")->kind, KIND_ANTITHROMBOTIC);
	assert_string_equal(kind_name(KIND_ANTITHROMBOTIC), "antithrombotic");
	assert_false(checklist_repeats(checklist_item(cl, "once")));

	/* each dose a record; the last one in force; counted */
	struct cs_event e[6];
	size_t n = 0;
	e[n++] = ev(1, "sed", ACTION_RECORD, "drug=fentanyl; dose=50; unit=mcg", "", 0);
	struct casestate *cs = state_of(cl, e, n);
	const struct item_state *is = casestate_item(cs, "sed");
	assert_int_equal(is->entries, 1);
	assert_int_equal(is->status, CS_DONE);
	casestate_free(cs);
	e[n++] = ev(2, "sed", ACTION_RECORD, "drug=fentanyl; dose=0.05; unit=mg", "unit", 0);
	e[n++] = ev(3, "sed", ACTION_RECORD, "drug=fentanyl; dose=25; unit=mcg", "", 0);
	cs = state_of(cl, e, n);
	is = casestate_item(cs, "sed");
	assert_int_equal(is->entries, 3);
	assert_true(is->cur == &cs->ev[2] && is->first == &cs->ev[0]);
	/* the flagged second dose keeps the item [!], though the last is clean */
	assert_int_equal(is->flagged, 1);
	assert_int_equal(is->status, CS_FLAGGED);
	struct cs_blocker b[8];
	size_t nb = casestate_blockers(cs, PHASE_PRE, b, 8);
	for (size_t i = 0; i < nb && i < 8; i++)
		assert_true(b[i].is->it != sed);	/* one dose is enough */
	casestate_free(cs);
	/* the flagged dose corrected: the item is clean, still three doses */
	e[n++] = ev(4, "sed", ACTION_AMEND, "drug=fentanyl; dose=50; unit=mcg", "", 2);
	cs = state_of(cl, e, n);
	is = casestate_item(cs, "sed");
	assert_int_equal(is->entries, 3);
	assert_int_equal(is->flagged, 0);
	assert_int_equal(is->status, CS_DONE);
	casestate_free(cs);
	checklist_free(cl);
	for (size_t i = 0; i < n; i++)
		cs_event_clear(&e[i]);

	/* an antithrombotic answer compares by its drug in rules */

	cl = checklist_ok("phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint,"
	    "when,must\n" "meta,title,T,,,,,,,,,,,\nmeta,risk,high,,,,,,,,,,,\n"
	    "pre,at,Antithrombotics,antithrombotic,,,,,yes,,*,,,\n"
	    "pre,plan,Hold plan,choice,,,,met|not met,yes,,,,at != none,\n"
	    "procedure,timeout,Time-out,timeout,,,,a|b,yes,yes,,,,\n"
	    "post,discharge,Discharge,check,,,,,yes,yes,,,,\n");
	n = 0;
	e[n++] = ev(1, "at", ACTION_RECORD, "drug=none", "", 0);
	cs = state_of(cl, e, n);
	assert_false(casestate_item(cs, "plan")->applies);
	casestate_free(cs);
	e[n++] = ev(2, "at", ACTION_RECORD, "drug=apixaban; dose=5 mg; last=none", "", 0);
	cs = state_of(cl, e, n);
	assert_true(casestate_item(cs, "plan")->applies);
	assert_int_equal(casestate_item(cs, "at")->entries, 2);
	casestate_free(cs);
	for (size_t i = 0; i < n; i++)
		cs_event_clear(&e[i]);
	checklist_free(cl);

	/* where * and the kind are refused */
	checklist_bad(HDR META "pre,v,Vitals,vitals,,,,,,,*,\n" PROC POST, 4, 11,
	    "repeat * (any number of entries) is only for med and antithrombotic items, not "
	    "vitals");
	checklist_bad(HDR META "pre,m,Drug,med,,,,,,,15m*4,\n" PROC POST, 4, 11,
	    "write * for any number of entries");
	checklist_bad(HDR META "pre,a,At,antithrombotic,mg,,,,,,,\n" PROC POST, 4, 5,
	    "only for number and med");
	checklist_bad(HDR META "pre,a,At,antithrombotic,,,,a|b,,,,\n" PROC POST, 4, 8,
	    "not antithrombotic");
	checklist_bad(HDR META "pre,a,At,anticoagulant,,,,,,,,\n" PROC POST, 4, 4,
	    "timeout or antithrombotic");
}

/* --- the built-in checklists and the catalogue ------------------------------- */

static void
test_builtins_use_it(void **state)
{
	(void)state;
	char *dir;
	struct catalog cat;
	builtin_catalog(&cat, &dir);
	assert_int_equal(cat.n, 7);	/* the tables are not procedures */
	assert_null(catalog_find(&cat, "drugs"));
	assert_null(catalog_find(&cat, "holds"));
	assert_string_equal(cat.drugs->file.source, "built-in");
	assert_string_equal(cat.holds->file.source, "built-in");
	for (size_t i = 0; i < cat.n; i++) {
		const struct checklist *cl = cat.v[i];
		const struct item *it = checklist_item(cl, "antithrombotics");
		assert_non_null(it);
		assert_int_equal(it->kind, KIND_ANTITHROMBOTIC);
		assert_true(it->repeat_any && it->required);
		/* the hold plan stop item stays, right after it */
		assert_true(it + 1 == checklist_item(cl, "hold_plan"));
		assert_true(checklist_item(cl, "sedation")->repeat_any);
		assert_true(checklist_item(cl, "local_anaesthetic")->repeat_any);
		assert_non_null(checklist_item(cl, "contrast")->must);
		/* every class the checklists use has rows in the hold table */
		struct hold_check hc;
		holdtab_check(cat.holds, "apixaban", cl->risk, NULL, -1, 0, &hc);
		assert_non_null(hc.row);
	}
	catalog_free(&cat);
	tu_rmdir(dir);
}

/* A site drugs.csv replaces the built-in one; a broken holds.csv is refused
 * whole, the built-in stays, and its errors name the site file. */
static void
test_site_tables(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct catalog cat;
	struct cl_errors errs = {0};
	struct err err = {0};

	tu_write_file(dir, "drugs.csv", DHDR "fentanyl,mcg,5,100,site policy\n");
	tu_write_file(dir, "holds.csv", HHDR "apixaban,high,,-1,x\n");
	setenv("SPINELOG_CHECKLISTS", dir, 1);
	assert_int_equal(catalog_load(&cat, &errs, &err), ST_OK);
	assert_int_equal(cat.n, 7);
	assert_null(catalog_find(&cat, "drugs"));
	assert_int_equal(cat.drugs->n, 1);
	assert_non_null(strstr(cat.drugs->file.source, "/drugs.csv"));
	assert_true(drugtab_find(cat.drugs, "fentanyl")->high == 100);
	assert_null(drugtab_find(cat.drugs, "midazolam"));
	assert_string_equal(cat.holds->file.source, "built-in");
	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(errs.v[0].file, "/holds.csv"));
	assert_int_equal(errs.v[0].line, 2);
	assert_int_equal(errs.v[0].column, 4);
	assert_true(catalog_is_table(errs.v[0].file));
	catalog_free(&cat);
	cl_errors_free(&errs);

	/* 'checklists check' reads one table file by its name */
	char *path = xasprintf("%s/holds.csv", dir);
	struct catalog one = {0};
	assert_int_equal(catalog_parse_table(path, &one, &errs), ST_DATAERR);
	has_err(&errs, path, 2, 4, "hold_hours -1 is negative");
	cl_errors_free(&errs);
	free(path);
	path = xasprintf("%s/drugs.csv", dir);
	assert_int_equal(catalog_parse_table(path, &one, &errs), ST_OK);
	assert_non_null(one.drugs);
	assert_null(one.holds);
	catalog_free(&one);
	free(path);
	path = xasprintf("%s/absent/holds.csv", dir);
	assert_int_equal(catalog_parse_table(path, &one, &errs), ST_NOINPUT);
	cl_errors_free(&errs);
	free(path);
	assert_false(catalog_is_table("/x/si-joint-injection.csv"));
	assert_false(catalog_is_table("/x/my-drugs.csv"));
	unsetenv("SPINELOG_CHECKLISTS");
	tu_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_drug_table),
		cmocka_unit_test(test_units_follow_the_drug),
		cmocka_unit_test(test_plausible_dose),
		cmocka_unit_test(test_hold_table),
		cmocka_unit_test(test_hold_check),
		cmocka_unit_test(test_antithrombotic_entry),
		cmocka_unit_test(test_repeat_any),
		cmocka_unit_test(test_builtins_use_it),
		cmocka_unit_test(test_site_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
