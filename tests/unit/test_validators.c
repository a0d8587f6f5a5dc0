/*
 * One rule per new-case field: the same value gets the same answer from the
 * new-case form (entry.c) and from the worklist import (import_worklist on a
 * one-row CSV file).  Each row of the table names the field, the value, the
 * answer expected and a word of the message; the import's message must be
 * the form's message after "FILE:LINE: column: ", and an accepted value must
 * be stored as the form would store it.  Checklist files keep the same text
 * rule.  (No curses linked.)
 */
#include "testutil.h"

#include "clock.h"
#include "entry.h"
#include "import.h"
#include "record.h"

enum fld { F_MRN, F_NAME, F_DOB, F_SIDE, F_LEVEL, F_WHO, F_AT, F__COUNT };

static const char *const columns[F__COUNT] = {
	"mrn", "name", "dob", "side", "level", "proceduralist", "scheduled_at",
};

/* A valid row; each case replaces one field. */
static const char *const valid[F__COUNT] = {
	"M1", "TEST, Pat", "1950-01-01", "left", "L4-L5", "Dr P", "2026-11-26 08:30",
};

enum answer {
	OK,		/* accepted by both */
	REFUSED,	/* refused by both, with the same message */
	REFUSED_FILE,	/* refused by both; the import refuses the whole file first */
};

struct vcase {
	enum fld fld;
	const char *value;
	enum answer answer;
	const char *want;	/* accepted: the stored value; refused: a word of the message */
};

/* The form's answer; *stored is what the form would store (caller frees). */
static int
form_check(enum fld fld, const char *s, char **stored, struct err *err)
{
	char today[11], level[ENTRY_LEVEL_LEN];
	const char *side = NULL;
	int rc = ST_SOFTWARE;

	clock_local_day(0, today);
	switch (fld) {
	case F_MRN: rc = entry_mrn(s, err); break;
	case F_NAME: rc = entry_name(s, err); break;
	case F_DOB: rc = entry_dob(s, today, err); break;
	case F_SIDE: rc = entry_side(s, &side, err); break;
	case F_LEVEL: rc = entry_level(s, level, err); break;
	case F_WHO: rc = entry_proceduralist(s, err); break;
	case F_AT: rc = entry_sched_at(s, err); break;
	default: fail_msg("field %d", fld);
	}
	*stored = rc != ST_OK ? NULL : xstrdup(fld == F_SIDE ? side : fld == F_LEVEL ? level : s);
	return rc;
}

/* A field quoted for CSV: every field in quotes, a quote doubled. */
static void
csv_field(struct buf *b, const char *s)
{
	buf_puts(b, "\"");
	for (; *s; s++) {
		if (*s == '"')
			buf_puts(b, "\"");
		buf_append(b, s, 1);
	}
	buf_puts(b, "\"");
}

/* The stored value of fld in case id. */
static char *
stored_field(struct db *db, int64_t id, enum fld fld, const char *mrn)
{
	struct case_info c = {0};
	struct err err = {0};
	if (case_get(db, id, &c, &err) != ST_OK)
		fail_msg("case_get %lld: %s", (long long)id, err.msg);
	assert_string_equal(c.mrn, mrn);	/* the case this row created */
	const char *v[F__COUNT] = {c.mrn, c.name, c.dob, c.side, c.level, c.proceduralist,
	    c.scheduled_at};
	char *s = xstrdup(v[fld]);
	case_clear(&c);
	return s;
}

/* Case i of the table; *cases counts the cases created (the last one's id). */
static void
check_one(struct tu_cases *f, const struct vcase *t, size_t i, int64_t *cases)
{
	struct err ferr = {0}, ierr = {0};
	struct import_result res;
	struct buf csv = {0};
	char mrn[16], *form_stored = NULL;

	int status = t->answer == OK ? ST_OK : ST_DATAERR;

	/* the form (messages leave the value out: it may hold control characters) */
	int frc = form_check(t->fld, t->value, &form_stored, &ferr);
	if (frc != status)
		fail_msg("case %zu (%s): the form says %d (%s), expected %d", i, columns[t->fld],
		    frc, ferr.msg, status);

	/* the import: the valid row with this field replaced, and its own MRN */
	snprintf(mrn, sizeof mrn, "V%zu", i);
	buf_puts(&csv, "mrn,name,dob,side,level,proceduralist,scheduled_at,procedure\n");
	for (int c = 0; c < F__COUNT; c++) {
		csv_field(&csv, c == (int)t->fld ? t->value : c == F_MRN ? mrn : valid[c]);
		buf_puts(&csv, ",");
	}
	buf_puts(&csv, "si-joint-injection\n");
	int irc = import_worklist(f->db, &f->cat, "t.csv", csv.data, csv.len, "QA", &res, &ierr);
	buf_free(&csv);
	if (irc != status)
		fail_msg("case %zu (%s): the import says %d (%s), expected %d", i, columns[t->fld],
		    irc, res.nproblems ? res.problems[0] : ierr.msg, status);

	if (t->answer == OK) {
		assert_int_equal(res.imported, 1);
		char *st = stored_field(f->db, ++*cases, t->fld, t->fld == F_MRN ? t->value : mrn);
		assert_string_equal(form_stored, t->want);
		assert_string_equal(st, form_stored);
		free(st);
	} else {
		assert_int_equal(res.nproblems, 1);
		if (strstr(ferr.msg, t->want) == NULL)
			fail_msg("case %zu (%s): '%s' lacks '%s'", i, columns[t->fld], ferr.msg,
			    t->want);
		if (t->answer == REFUSED) {
			char *same = xasprintf("t.csv:2: %s: %s", columns[t->fld], ferr.msg);
			assert_string_equal(res.problems[0], same);
			free(same);
		} else {
			assert_non_null(strstr(res.problems[0], "t.csv:2: the file is not UTF-8"));
		}
	}
	free(form_stored);
	import_result_clear(&res);
}

static void
test_form_and_import_agree(void **state)
{
	struct tu_cases *f = *state;
	int64_t created = 0;
	char tomorrow[11], ae101[256] = "", mrn33[128] = "";

	clock_local_day(1, tomorrow);
	for (int i = 0; i < 101; i++)
		strcat(ae101, "Ä");	/* 2 bytes each */
	for (int i = 0; i < 33; i++)
		strcat(mrn33, "Ä");
	char *ae100 = xstrndup(ae101, 200), *mrn32 = xstrndup(mrn33, 64);

	const struct vcase cases[] = {
		/* spinal level: upper first; the coccyx is "Co", after S5 */
		{F_LEVEL, "L5-L4", REFUSED, "give the upper level first: L4-L5"},
		{F_LEVEL, "Co", OK, "Co"},
		{F_LEVEL, "S5-Co", OK, "S5-Co"},
		{F_LEVEL, "Co-S5", REFUSED, "upper level first: S5-Co"},
		{F_LEVEL, "L4-L5", OK, "L4-L5"},
		{F_LEVEL, "C7-T1", OK, "C7-T1"},
		{F_LEVEL, "S1", OK, "S1"},
		{F_LEVEL, "l5-s1", OK, "L5-S1"},
		{F_LEVEL, "", OK, ""},
		{F_LEVEL, "L6", REFUSED, "not a spinal level"},
		{F_LEVEL, "L04", REFUSED, "not a spinal level"},
		{F_LEVEL, "Co1", REFUSED, "not a spinal level"},
		/* date of birth: a real day, not future, at most 130 years ago */
		{F_DOB, "1870-01-01", REFUSED, "more than 130 years ago"},
		{F_DOB, "1850-06-01", REFUSED, "more than 130 years ago"},
		{F_DOB, tomorrow, REFUSED, "in the future"},
		{F_DOB, "2026-02-30", REFUSED, "not a date"},
		{F_DOB, "1940-01-10", OK, "1940-01-10"},
		/* text: no C0, DEL or C1 control; counted in characters */
		{F_NAME, "DOE\xc2\x9b" "31m, Jane", REFUSED, "control character"},	/* U+009B */
		{F_NAME, "DOE\xc2\x85Jane", REFUSED, "control character"},		/* U+0085 */
		{F_NAME, "DOE\tJane", REFUSED, "control character"},
		{F_NAME, "DOE\x1b[2J", REFUSED, "control character"},
		{F_NAME, "DOE\x7fJane", REFUSED, "control character"},
		{F_NAME, "NGUYỄN Thị Ánh", OK, "NGUYỄN Thị Ánh"},
		{F_NAME, ae100, OK, ae100},
		{F_NAME, ae101, REFUSED, "too long: 101 characters, at most 100"},
		{F_NAME, "M\xfcller, Anna", REFUSED_FILE, "not UTF-8"},
		{F_NAME, "   ", REFUSED, "name is needed"},
		{F_MRN, mrn32, OK, mrn32},
		{F_MRN, mrn33, REFUSED, "too long: 33 characters, at most 32"},
		{F_MRN, "M1\xc2\x9b", REFUSED, "control character"},
		/* nothing invisible in an identifier: two different MRNs or names
		 * must never look alike; and something must show */
		{F_MRN, "M10\xe2\x80\x8b" "0234", REFUSED, "invisible character (U+200B"},
		{F_NAME, "\xe2\x80\xae" "ANNA, Muller", REFUSED, "invisible character (U+202E"},
		{F_NAME, "DOE, Ja\xc2\xadne", REFUSED, "invisible character (U+00AD"},
		{F_NAME, "\xef\xbb\xbf" "DOE, Jane", REFUSED, "invisible character (U+FEFF"},
		{F_WHO, "Dr\xe2\x81\xa0Patel", REFUSED, "invisible character (U+2060"},
		{F_NAME, "\xc2\xa0\xe3\x80\x80 ", REFUSED, "only blank space"},
		{F_MRN, "\xe2\x80\x83", REFUSED, "only blank space"},
		{F_MRN, "  ", REFUSED, "MRN is needed"},
		{F_WHO, "Dr \xc2\x9bP", REFUSED, "control character"},
		{F_WHO, "Dr Ng", OK, "Dr Ng"},
		/* side: the form's list, or a letter */
		{F_SIDE, "R", OK, "right"},
		{F_SIDE, "Bilateral", OK, "bilateral"},
		{F_SIDE, "n/a", OK, "n/a"},
		{F_SIDE, "up", REFUSED, "not a side"},
		/* a whole scheduled time */
		{F_AT, "2026-11-27 14:05", OK, "2026-11-27 14:05"},
		{F_AT, "2026-13-01 08:00", REFUSED, "not a time"},
		{F_AT, "2026-11-26 8:30", REFUSED, "not a time"},
		{F_AT, "2026-11-26 24:00", REFUSED, "not a time"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		check_one(f, &cases[i], i, &created);
	free(ae100);
	free(mrn32);
}

/* A checklist file keeps the same rule: its labels, hints and choices are
 * text shown at the bedside, so a C1 control is refused there too. */
static void
test_checklist_text_rule(void **state)
{
	(void)state;
	static const struct {
		const char *label;
		const char *want;
	} cases[] = {
		{"Iden\xc2\x9btity", "4:3: contains a control character (U+009B): remove it"},
		{"Iden\xc2\x85tity", "4:3: contains a control character (U+0085): remove it"},
		{"Iden\ttity", "4:3: contains a control character (U+0009): remove it"},
		{"Iden\x7ftity", "4:3: contains a control character (U+007F): remove it"},
		{"Identität", NULL},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct cl_errors errs = {0};
		struct checklist *cl = NULL;
		char *csv = xasprintf("phase,key,label,kind,unit,low,high,choices,required,stop,"
		    "repeat,hint\nmeta,title,Test,,,,,,,,,\nmeta,risk,low,,,,,,,,,\n"
		    "pre,identity,%s,check,,,,,yes,yes,,\n"
		    "procedure,timeout,Time-out,timeout,,,,a|b,yes,yes,,\n"
		    "post,discharge,Discharge,check,,,,,yes,yes,,\n", cases[i].label);
		int rc = checklist_parse("t.csv", "t", csv, strlen(csv), &cl, &errs);
		if (cases[i].want == NULL) {
			assert_int_equal(rc, ST_OK);
		} else {
			assert_int_equal(rc, ST_DATAERR);
			assert_int_equal(errs.n, 1);
			char *got = cl_error_format(&errs.v[0]);
			assert_non_null(strstr(got, cases[i].want));
			free(got);
		}
		checklist_free(cl);
		cl_errors_free(&errs);
		free(csv);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_form_and_import_agree, tu_cases_setup,
		    tu_cases_teardown),
		cmocka_unit_test(test_checklist_text_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
