/*
 * The case report: a golden-file test of a complete SI joint injection, built
 * from synthetic events with fixed times, and checks of the report through
 * the database.  UPDATE_GOLDEN=1 rewrites the golden file (then read it).
 */
#include "testutil.h"

#include <time.h>

#include "actions.h"
#include "casestate.h"
#include "checklist.h"
#include "report.h"

#define GOLDEN "tests/unit/golden/report-si-joint-injection.txt"

struct evlist {
	struct cs_event *v;
	size_t n;
	int minute;
};

static void
add(struct evlist *l, const char *phase, const char *item, const char *action,
    const char *value, const char *flag, const char *reason, int64_t amends)
{
	struct cs_event *e;
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	e = &l->v[l->n++];
	memset(e, 0, sizeof *e);
	e->id = (int64_t)l->n + 100;
	/* one event a minute from 08:30 UTC */
	clock_format_utc(INT64_C(1795681800000) + (int64_t)l->minute * 60000, e->at);
	l->minute++;
	e->phase = xstrdup(phase);
	e->item_key = xstrdup(item);
	e->action = xstrdup(action);
	e->value = xstrdup(value);
	e->unit = xstrdup("");
	e->flag = xstrdup(flag);
	e->reason = xstrdup(reason);
	e->amends = amends;
	e->staff = xstrdup("QA");
}

/* Every item of the checklist recorded, with the interesting cases mixed in. */
static struct casestate *
complete_case(const char *skip)
{
	struct checklist *cl = tu_builtin("si-joint-injection");
	struct evlist l = {0};
	const struct item *vitals_post = NULL;

	add(&l, "", "", ACTION_CASE_CREATE, "mrn=M100234; name=MÜLLER, Anna", "", "", 0);
	add(&l, "", "", ACTION_SIGN_IN, "", "", "", 0);
	for (int p = 0; p < PHASE__COUNT; p++) {
		if (p > 0)
			add(&l, phase_name((enum phase)p), "", ACTION_PHASE_START, "", "", "", 0);
		for (size_t i = 0; i < cl->nitems; i++) {
			const struct item *it = &cl->items[i];
			const char *ph = phase_name(it->phase);
			if (it->phase != (enum phase)p || (skip && strcmp(it->key, skip) == 0))
				continue;
			switch (it->kind) {
			case KIND_CHECK:
				add(&l, ph, it->key, ACTION_RECORD, "done", "", "", 0);
				break;
			case KIND_NUMBER:
				add(&l, ph, it->key, ACTION_RECORD, "7", it->has_high && it->high < 7 ?
				    "high" : "", "", 0);
				break;
			case KIND_CHOICE:
				add(&l, ph, it->key, ACTION_RECORD, it->choices[0], "", "", 0);
				break;
			case KIND_TEXT:
				add(&l, ph, it->key, ACTION_RECORD, strstr(it->key, "allerg") ?
				    "iodinated contrast" : "as planned", "", "", 0);
				break;
			case KIND_TIME:
				add(&l, ph, it->key, ACTION_RECORD, "09:00", "", "", 0);
				break;
			case KIND_VITALS:
				add(&l, ph, it->key, ACTION_RECORD, "sys=128; dia=76; hr=72; rr=14;"
				    " spo2=98; temp=36.8; pain=3", "", "", 0);
				if (it->repeat_every)
					vitals_post = it;
				break;
			case KIND_MED:
				add(&l, ph, it->key, ACTION_RECORD, "drug=lidocaine 1%; dose=2; unit=mL;"
				    " route=SC; site=L buttock; lot=AB123; expiry=2027-06; time=09:05;"
				    " given_by=Dr Ng; checked_by=QA", "", "", 0);
				break;
			case KIND_ANTITHROMBOTIC:
				add(&l, ph, it->key, ACTION_RECORD, "drug=aspirin; dose=75 mg daily;"
				    " last=2026-11-26 07:00; since=1 h; hold=none (ASRA 2018 and SIR"
				    " 2019)", "", "", 0);
				break;
			case KIND_TIMEOUT:
				for (size_t k = 0; k < it->nchoices; k++)
					add(&l, ph, it->key, ACTION_TIMEOUT_CONFIRM, it->choices[k], "",
					    "", 0);
				add(&l, ph, it->key, ACTION_TIMEOUT_DONE, "Dr Ng, RN QA, RT Lee", "",
				    "", 0);
				break;
			default:
				break;
			}
		}
	}
	/* A correction with its reason, an n/a, an override, more vitals; a stop
	 * answer and a failed cross-check, overridden. */
	int64_t egfr = 0, side = 0, site = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (strcmp(l.v[i].item_key, "egfr") == 0)
			egfr = l.v[i].id;
		if (strcmp(l.v[i].item_key, "side") == 0)
			side = l.v[i].id;
		if (strcmp(l.v[i].item_key, "puncture_site") == 0)
			site = l.v[i].id;
	}
	assert_true(egfr > 0 && side > 0 && site > 0);
	add(&l, "pre", "egfr", ACTION_AMEND, "8", "", "misread: the lab report says 8", egfr);
	add(&l, "pre", "glucose", ACTION_NA, "", "", "not diabetic", 0);
	add(&l, "pre", "site_marked", ACTION_OVERRIDE, "", "", "mark washed off; imaging "
	    "confirms side", 0);
	add(&l, "pre", "side", ACTION_AMEND, "right", "rule", "patient now says right", side);
	add(&l, "pre", "side", ACTION_OVERRIDE, "", "", "patient confused; consent, order and "
	    "mark say left; Dr Ng confirmed left", 0);
	add(&l, "post", "puncture_site", ACTION_AMEND, "haematoma - pressure and escalate", "stop",
	    "ooze became a haematoma", site);
	/* a second dose of a repeat "*" item: a record of its own */
	add(&l, "procedure", "sedation", ACTION_RECORD, "drug=fentanyl; dose=25; unit=mcg; route=IV;"
	    " site=left hand; lot=F7; expiry=2027-01; time=09:50; given_by=Dr Ng", "", "", 0);
	if (vitals_post != NULL)
		add(&l, "post", vitals_post->key, ACTION_RECORD, "sys=131; dia=80; hr=70; rr=14;"
		    " spo2=97; temp=36.9; pain=2", "", "", 0);
	add(&l, "pre", "neuro_baseline", ACTION_NOTE, "reduced sensation L5 left, known since "
	    "2024", "", "", 0);
	add(&l, "", "", ACTION_CASE_CLOSE, "", "", "", 0);
	/* late entries: one about an item, one about the whole case */
	add(&l, "post", "puncture_site", ACTION_ADDENDUM, "clean and dry at the 12:00 review",
	    "", "seen on the ward round after closing", 0);
	add(&l, "", "", ACTION_ADDENDUM, "patient phoned: no headache, pain 2/10", "",
	    "telephone follow-up the next day", 0);

	struct case_info c = {.id = 12, .mrn = xstrdup("M100234"),
	    .name = xstrdup("MÜLLER, Anna"), .dob = xstrdup("1940-01-10"),
	    .proc_key = xstrdup("si-joint-injection"), .version_id = 1, .side = xstrdup("left"),
	    .level = xstrdup(""), .proceduralist = xstrdup("Dr Ng"),
	    .scheduled_at = xstrdup("2026-11-26 08:30"), .created_at = NULL};
	return casestate_build(&c, cl, true, l.v, l.n);
}

static void
test_golden(void **state)
{
	(void)state;
	struct casestate *cs = complete_case(NULL);
	struct buf out = {0};
	report_format(cs, "3f2a9c1e0b7d4a55aa00bb11cc22dd33ee44ff5566778899aabbccddeeff0011", 187,
	    "9d4c0e0c2b8f6a1e5d3c2b1a0f9e8d7c6b5a49382716f5e4d3c2b1a09f8e7d6c",
	    "2026-11-26T10:15:00.000Z", &out);

	/* Every line fits 80 columns (counted in characters). */
	int line = 1;
	for (const char *p = out.data; *p; line++) {
		const char *nl = strchr(p, '\n');
		size_t chars = 0;
		for (const char *q = p; q < nl; q++)
			chars += (*q & 0xC0) != 0x80;
		if (chars > 80)
			fail_msg("report line %d is %zu characters wide", line, chars);
		p = nl + 1;
	}
	if (getenv("UPDATE_GOLDEN") != NULL) {
		FILE *f = fopen(GOLDEN, "w");
		assert_non_null(f);
		fwrite(out.data, 1, out.len, f);
		fclose(f);
	}
	FILE *f = fopen(GOLDEN, "r");
	if (f == NULL)
		fail_msg("cannot read %s (run from the source tree)", GOLDEN);
	struct buf want = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&want, chunk, n);
	fclose(f);
	if (strcmp(out.data, want.data) != 0) {
		FILE *g = fopen("build/report-actual.txt", "w");
		if (g != NULL) {
			fwrite(out.data, 1, out.len, g);
			fclose(g);
		}
		fail_msg("the report differs from %s (actual output: build/report-actual.txt)",
		    GOLDEN);
	}
	/* What the issue asks the report to carry, independently of layout. */
	const char *must[] = {"MÜLLER, Anna", "1940-01-10", "M100234", "Sacroiliac joint",
	    "left", "3f2a9c1e0b7d4a55", "iodinated contrast", "misread: the lab report says 8",
	    "was: 7", "n/a: not diabetic", "OVERRIDE", "mark washed off", "lot AB123",
	    "exp 2027-06", "team present: Dr Ng, RN QA, RT Lee", "Last event of this case: 187",
	    "9d4c0e0c2b8f6a1e5d3c2b1a0f9e8d7c6b5a49382716f5e4d3c2b1a09f8e7d6c",
	    "closed 2026-11-26", "not needed by rule (Sedation plan is local only, 08:",
	    "! Stop answer: haematoma - pressure and escalate",
	    "! Side RIGHT does not match the case side LEFT", "(overridden)",
	    /* repeat "*": every dose, each a record of its own */
	    "        2 doses:\n          1. 09:28 QA  lidocaine 1%",
	    "          2. 10:03 QA  fentanyl 25 mcg IV",
	    "aspirin 75 mg daily last 2026-11-26 07:00 (1 h ago)",
	    /* notes and addenda, under their item and in their own section */
	    "note 10:05 by QA: reduced sensation L5 left, known since 2024",
	    "ADDENDUM 10:07 by QA: clean and dry at the 12:00 review; reason: seen",
	    "ADDENDUM 10:07 QA (event 198) about Puncture site: clean and dry",
	    "ADDENDUM 10:08 QA (event 199) about the whole case: patient phoned"};
	for (size_t i = 0; i < ARRAY_SIZE(must); i++)
		if (strstr(out.data, must[i]) == NULL)
			fail_msg("the report lacks '%s'", must[i]);
	buf_free(&want);
	buf_free(&out);
	casestate_free(cs);
}

static void
test_control_characters_never_raw(void **state)
{
	(void)state;
	struct casestate *cs = complete_case(NULL);
	struct buf out = {0};
	free(cs->c.name);
	cs->c.name = xstrdup("EVIL\033]0;pwned\007\033[2J, Name");
	report_format(cs, "00", 0, "", "2026-11-26T10:15:00.000Z", &out);
	for (size_t i = 0; i < out.len; i++)
		if ((unsigned char)out.data[i] < 0x20 && out.data[i] != '\n')
			fail_msg("control character 0x%02x at byte %zu", out.data[i], i);
	assert_non_null(strstr(out.data, "EVIL?]0;pwned??[2J, Name"));
	buf_free(&out);
	casestate_free(cs);
}

/* The allergies are printed whole, wrapped under their heading within 80
 * columns. */
static void
test_allergies_whole(void **state)
{
	(void)state;
	struct casestate *cs = complete_case(NULL);
	struct buf out = {0};
	cs->allergies = "iodinated contrast - anaphylaxis 2019 (ICU); chlorhexidine - rash; "
	    "latex - urticaria; penicillin - angioedema; premedication per ACR regimen";
	report_format(cs, "00", 0, "", "2026-11-26T10:15:00.000Z", &out);
	/* the first line within 80 columns too, after the 14 of the heading
	 * (it once ran to 88) */
	assert_non_null(strstr(out.data, "Allergies     iodinated contrast - anaphylaxis 2019 "
	    "(ICU); chlorhexidine - rash;\n              latex - urticaria; penicillin - "
	    "angioedema; premedication per ACR\n              regimen\n"));
	buf_free(&out);
	casestate_free(cs);
}

/* An open case printed later shows what its timers ask for at printing. */
static void
test_timers_at_printing(void **state)
{
	(void)state;
	struct casestate *cs = complete_case("procedure_end");
	struct buf out = {0};
	cs->closed = false;
	cs->ended = NULL;
	report_format(cs, "00", 0, "", "2026-11-26T10:15:00.000Z", &out);
	/* vitals during sedation (the procedure has not ended): 1 of 12, first at
	 * 09:29, so the second was due 09:44 */
	assert_non_null(strstr(out.data, "Vitals during sedation: every 15 min, 1 of 12 entries"
	    " until Procedure end"));
	assert_non_null(strstr(out.data, "(09:29); at printing: OVERDUE 31 min"));
	buf_free(&out);
	casestate_free(cs);

	/* recorded, the procedure's end ends the schedule */
	cs = complete_case(NULL);
	cs->closed = false;
	cs->ended = NULL;
	report_format(cs, "00", 0, "", "2026-11-26T10:15:00.000Z", &out);
	assert_non_null(strstr(out.data, "1 of 12 entries until Procedure end\n      (09:29)\n"));
	buf_free(&out);
	casestate_free(cs);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_control_characters_never_raw),
		cmocka_unit_test(test_allergies_whole),
		cmocka_unit_test(test_timers_at_printing),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
