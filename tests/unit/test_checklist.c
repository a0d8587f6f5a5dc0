/* Unit tests of the checklist parser, the built-in checklists, the
 * catalogue (site folder) and checklist versions (no curses linked). */
#include "testutil.h"

#include <sys/stat.h>

#include "checklist.h"
#include "csvread.h"
#include "embedded.h"
#include "record.h"
#include "rule.h"

#define HDR "phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint\n"
#define META "meta,title,Test procedure,,,,,,,,,\nmeta,risk,low,,,,,,,,,\n"
#define PRE "pre,identity,Identity,check,,,,,yes,yes,,\n"
#define PROC "procedure,timeout,Time-out,timeout,,,,a|b,yes,yes,,\n"
#define POST "post,discharge,Discharge,check,,,,,yes,yes,,\n"
/* Lines: 1 header, 2-3 meta, 4 pre, 5 procedure, 6 post. */
#define GOOD HDR META PRE PROC POST

static struct checklist *
parse_ok(const char *csv, size_t n)
{
	struct cl_errors errs = {0};
	struct checklist *cl = NULL;
	int rc = checklist_parse("t.csv", "t", csv, n, &cl, &errs);
	if (rc != ST_OK) {
		for (size_t i = 0; i < errs.n; i++) {
			char *s = cl_error_format(&errs.v[i]);
			print_error("%s\n", s);
			free(s);
		}
		fail_msg("refused a valid file");
	}
	assert_int_equal(errs.n, 0);
	assert_non_null(cl);
	return cl;
}

/* Parse a file that must be refused, with an error at line:column whose
 * message contains needle.  Returns how many errors there were. */
static size_t
expect_err_n(const char *csv, size_t n, int line, int column, const char *needle)
{
	struct cl_errors errs = {0};
	struct checklist *cl = (struct checklist *)1;
	int rc = checklist_parse("t.csv", "t", csv, n, &cl, &errs);
	bool found = false;

	assert_int_equal(rc, ST_DATAERR);
	assert_null(cl);
	assert_true(errs.n > 0);
	for (size_t i = 0; i < errs.n; i++) {
		const struct cl_error *e = &errs.v[i];
		assert_string_equal(e->file, "t.csv");
		if (e->line == line && e->column == column && strstr(e->msg, needle))
			found = true;
	}
	if (!found) {
		for (size_t i = 0; i < errs.n; i++) {
			char *s = cl_error_format(&errs.v[i]);
			print_error("got: %s\n", s);
			free(s);
		}
		fail_msg("no error at %d:%d containing '%s'", line, column, needle);
	}
	size_t count = errs.n;
	cl_errors_free(&errs);
	return count;
}

static void
expect_err(const char *csv, int line, int column, const char *needle)
{
	expect_err_n(csv, strlen(csv), line, column, needle);
}

static void
test_good_file(void **state)
{
	(void)state;
	struct checklist *cl = parse_ok(GOOD, strlen(GOOD));
	assert_string_equal(cl->key, "t");
	assert_string_equal(cl->title, "Test procedure");
	assert_string_equal(cl->risk, "low");
	assert_int_equal(cl->nitems, 3);
	assert_int_equal(cl->items[0].line, 4);
	assert_int_equal(cl->items[2].line, 6);
	const struct item *to = checklist_item(cl, "timeout");
	assert_non_null(to);
	assert_int_equal(to->kind, KIND_TIMEOUT);
	assert_int_equal(to->nchoices, 2);
	assert_string_equal(to->choices[1], "b");
	assert_true(to->stop && to->required);
	assert_null(checklist_item(cl, "nope"));
	size_t first, n = checklist_phase_items(cl, PHASE_POST, &first);
	assert_int_equal(first, 2);
	assert_int_equal(n, 1);
	assert_int_equal(cl->size, strlen(GOOD));
	assert_memory_equal(cl->content, GOOD, cl->size);
	char sha[HASH_HEX_LEN];
	sha256_hex(GOOD, strlen(GOOD), sha);
	assert_string_equal(cl->sha256, sha);
	checklist_free(cl);
	checklist_free(NULL);
}

static void
test_every_kind_and_field(void **state)
{
	(void)state;
	const char *csv = HDR META
	    "pre,inr,INR,number,,,1.8,,yes,yes,,SIR 2019\n"
	    "pre,plt,Platelets,number,x10^9/L,50,,,yes,no,30m*2,\n"
	    "pre,temp,Temp,number,C,-1.5,+38.0,,,,,\n"
	    "pre,side,Side,choice,,,,left | right |bilateral,yes,yes,,\n"
	    "pre,note,Note,text,,,,,no,no,15m*4,\n"
	    "pre,t,Arrival,time,,,,,,,,\n"
	    "procedure,timeout,Time-out,timeout,,,,Identity,yes,yes,,\n"
	    "procedure,v,Vitals,vitals,,,,,yes,,15m*4,NEWS2\n"
	    "procedure,m,Steroid,med,mg,,,dexamethasone|triamcinolone,yes,,,\n"
	    "procedure,m2,Other drug,med,,,,,,,,\n"
	    "post,c,Done,check,,,,,,,1440m*96,\n";
	struct checklist *cl = parse_ok(csv, strlen(csv));
	const struct item *it = checklist_item(cl, "inr");
	assert_false(it->has_low);
	assert_true(it->has_high);
	assert_true(it->high == 1.8);
	assert_string_equal(it->hint, "SIR 2019");
	it = checklist_item(cl, "plt");
	assert_string_equal(it->unit, "x10^9/L");
	assert_true(it->has_low && it->low == 50);
	assert_true(it->required && !it->stop);
	assert_int_equal(it->repeat_every, 30);
	assert_int_equal(it->repeat_times, 2);
	it = checklist_item(cl, "temp");
	assert_true(it->low == -1.5 && it->high == 38.0);
	it = checklist_item(cl, "side");
	assert_int_equal(it->nchoices, 3);
	assert_string_equal(it->choices[0], "left");
	assert_string_equal(it->choices[1], "right");
	assert_string_equal(it->choices[2], "bilateral");
	assert_int_equal(checklist_item(cl, "timeout")->nchoices, 1);
	assert_int_equal(checklist_item(cl, "v")->kind, KIND_VITALS);
	it = checklist_item(cl, "m");
	assert_int_equal(it->kind, KIND_MED);
	assert_string_equal(it->unit, "mg");
	assert_int_equal(it->nchoices, 2);
	assert_int_equal(checklist_item(cl, "m2")->nchoices, 0);
	it = checklist_item(cl, "c");
	assert_int_equal(it->repeat_every, 1440);
	assert_int_equal(it->repeat_times, 96);
	assert_false(it->required);
	size_t first;
	assert_int_equal(checklist_phase_items(cl, PHASE_PRE, &first), 6);
	assert_int_equal(first, 0);
	assert_int_equal(checklist_phase_items(cl, PHASE_PROCEDURE, &first), 4);
	assert_int_equal(first, 6);
	checklist_free(cl);
}

static void
test_quoted_fields(void **state)
{
	(void)state;
	const char *csv = HDR META
	    "pre,identity,\"Check, \"\"twice\"\"\",check,,,,,yes,yes,,\"a, b; \"\"c\"\"\"\n"
	    PROC POST;
	struct checklist *cl = parse_ok(csv, strlen(csv));
	assert_string_equal(cl->items[0].label, "Check, \"twice\"");
	assert_string_equal(cl->items[0].hint, "a, b; \"c\"");
	checklist_free(cl);
}

/* A quoted field may span lines in CSV, but not in a label: the error is at
 * the line where the field starts, and later lines keep their numbers. */
static void
test_newline_in_quoted_field(void **state)
{
	(void)state;
	expect_err(HDR META "pre,identity,\"Iden\ntity\",check,,,,,yes,yes,,\n"
	    "procedure,timeout,Time-out,timeoutx,,,,a|b,yes,yes,,\n" POST,
	    4, 3, "line break");
	expect_err(HDR META "pre,identity,\"Iden\ntity\",check,,,,,yes,yes,,\n"
	    "procedure,timeout,Time-out,timeoutx,,,,a|b,yes,yes,,\n" POST,
	    6, 4, "unknown kind 'timeoutx'");
	expect_err(HDR META "pre,identity,Identity,check,,,,,yes,yes,,\"one\r\ntwo\"\n"
	    PROC POST, 4, 12, "line break");
	/* A field that starts on a line of its own after a multi-line one. */
	expect_err(HDR META "pre,identity,Identity,check,,,,,yes,yes,,\"x\n\ny\"\n"
	    "procedure,timeout,Time-out,timeout,,,,a|b,no,yes,,\n" POST,
	    7, 10, "hard stop must also be required");
}

static void
test_crlf_and_lf(void **state)
{
	(void)state;
	const char *crlf = "phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint\r\n"
	    "meta,title,Test procedure,,,,,,,,,\r\nmeta,risk,low,,,,,,,,,\r\n"
	    "pre,identity,Identity,check,,,,,yes,yes,,\r\n"
	    "procedure,timeout,Time-out,timeout,,,,a|b,yes,yes,,\r\n"
	    "post,discharge,Discharge,check,,,,,yes,yes,,\r\n";
	struct checklist *a = parse_ok(crlf, strlen(crlf));
	struct checklist *b = parse_ok(GOOD, strlen(GOOD));
	assert_int_equal(a->nitems, b->nitems);
	for (size_t i = 0; i < a->nitems; i++) {
		assert_string_equal(a->items[i].key, b->items[i].key);
		assert_string_equal(a->items[i].label, b->items[i].label);
		assert_int_equal(a->items[i].line, b->items[i].line);
	}
	/* Different bytes, different version. */
	assert_string_not_equal(a->sha256, b->sha256);
	checklist_free(a);
	checklist_free(b);
	expect_err("phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint\r\n"
	    "meta,title,T,,,,,,,,,\r\nmeta,risk,low,,,,,,,,,\r\n\r\n"
	    "pre,identity,Identity,chek,,,,,yes,yes,,\r\n", 5, 4, "unknown kind 'chek'");
	/* The last line may lack its line break. */
	const char *nolast = HDR META PRE PROC "post,discharge,Discharge,check,,,,,yes,yes,,";
	checklist_free(parse_ok(nolast, strlen(nolast)));
}

static void
test_bom_and_order(void **state)
{
	(void)state;
	const char *bom = "\xEF\xBB\xBF" GOOD;
	struct checklist *cl = parse_ok(bom, strlen(bom));
	assert_int_equal(cl->nitems, 3);
	assert_int_equal(cl->size, strlen(bom));	/* stored byte for byte */
	checklist_free(cl);
	/* Columns by name, in any order; blank and all-empty rows skipped. */
	const char *order = "key,phase,kind,label,hint,repeat,stop,required,choices,high,low,unit\n"
	    "title,meta,,T,,,,,,,,\n\nrisk,meta,,high,,,,,,,,\n,,,,,,,,,,,\n"
	    "identity,pre,check,Identity,why,,yes,yes,,,,\n"
	    "timeout,procedure,timeout,Time-out,,,yes,yes,a|b,,,\n"
	    "n,post,number,Count,,,,,,10,1,mL\n";
	cl = parse_ok(order, strlen(order));
	assert_string_equal(cl->risk, "high");
	assert_string_equal(cl->items[0].hint, "why");
	assert_int_equal(cl->items[0].line, 6);
	assert_true(cl->items[2].low == 1 && cl->items[2].high == 10);
	assert_string_equal(cl->items[2].unit, "mL");
	checklist_free(cl);
}

static void
test_header_errors(void **state)
{
	(void)state;
	expect_err("phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint,extra\n"
	    META PRE PROC POST, 1, 13, "unknown column 'extra'");
	expect_err("phase,key,label,kind,unit,low,high,choices,required,stop,repeat\n",
	    1, 0, "column 'hint' is missing");
	expect_err("phase,key,label,kind,unit,low,high,choices,required,stop,repeat,key\n",
	    1, 12, "appears twice");
	expect_err("", 1, 0, "empty");
	expect_err("\xEF\xBB\xBF", 1, 0, "empty");
}

static void
test_row_errors(void **state)
{
	(void)state;
	expect_err(HDR META "prex,identity,Identity,check,,,,,yes,yes,,\n" PROC POST,
	    4, 1, "unknown phase 'prex'");
	expect_err(HDR META "pre,identity,Identity,box,,,,,yes,yes,,\n" PROC POST,
	    4, 4, "unknown kind 'box'");
	expect_err(HDR META PRE "procedure,identity,Again,check,,,,,,,,\n" PROC POST,
	    5, 2, "already used on line 4");
	expect_err(HDR META "pre,Identity-1,Identity,check,,,,,yes,yes,,\n" PROC POST,
	    4, 2, "key 'Identity-1' is not valid");
	expect_err(HDR META "pre,abcdefghijabcdefghijabcdefghijabc,Id,check,,,,,yes,yes,,\n"
	    PROC POST, 4, 2, "not valid");
	expect_err(HDR META "pre,identity,,check,,,,,yes,yes,,\n" PROC POST,
	    4, 3, "label is empty");
	expect_err(HDR META "pre,identity,"
	    "1234567890123456789012345678901234567890123456789012345678901,check,,,,,yes,yes,,\n"
	    PROC POST, 4, 3, "61 characters");
	expect_err(HDR META "pre,n,Count,number,,5,4,,,,,\n" PROC POST, 4, 7, "high (4) is below low (5)");
	expect_err(HDR META "pre,n,Count,number,,abc,,,,,,\n" PROC POST, 4, 6, "'abc' is not a number");
	expect_err(HDR META "pre,n,Count,number,,,\"1,5\",,,,,\n" PROC POST, 4, 7, "not a number");
	expect_err(HDR META "pre,n,Count,number,,,1e3,,,,,\n" PROC POST, 4, 7, "not a number");
	expect_err(HDR META "pre,n,Count,number,,,nan,,,,,\n" PROC POST, 4, 7, "not a number");
	expect_err(HDR META "pre,n,Count,check,,1,,,,,,\n" PROC POST, 4, 6, "only for number");
	expect_err(HDR META "pre,c,Pick,choice,,,,,,,,\n" PROC POST, 4, 8, "needs its options");
	expect_err(HDR META "pre,c,Pick,choice,,,,yes,,,,\n" PROC POST, 4, 8, "at least two");
	expect_err(HDR META "pre,c,Pick,choice,,,,yes||no,,,,\n" PROC POST, 4, 8, "empty option");
	expect_err(HDR META "pre,c,Pick,choice,,,,yes|no|yes,,,,\n" PROC POST, 4, 8, "twice");
	expect_err(HDR META "pre,c,Pick,check,,,,yes|no,,,,\n" PROC POST, 4, 8, "only for choice");
	expect_err(HDR META PRE "procedure,timeout,Time-out,timeout,,,,,yes,yes,,\n" POST,
	    5, 8, "confirmation prompts");
	expect_err(HDR META "pre,v,Vitals,vitals,mmHg,,,,,,,\n" PROC POST, 4, 5, "only for number and med");
	expect_err(HDR META "pre,v,Vitals,vitals,,,90,,,,,\n" PROC POST, 4, 7, "only for number");
	expect_err(HDR META "pre,identity,Identity,check,,,,,no,yes,,\n" PROC POST,
	    4, 10, "hard stop must also be required");
	expect_err(HDR META "pre,identity,Identity,check,,,,,maybe,,,\n" PROC POST,
	    4, 9, "yes, no or empty");
	expect_err(HDR META "pre,identity,Identity,check,,,,,yes,Yes!,,\n" PROC POST,
	    4, 10, "yes, no or empty");
	expect_err(HDR META PRE "procedure,timeout,Time-out,timeout,,,,a,no,,,\n" POST,
	    5, 9, "time-out must be required");
}

static void
test_repeat_errors(void **state)
{
	(void)state;
	const char *bad[] = {"15*4", "15m4", "0m*4", "15m*0", "1441m*1", "15m*97", "m*4", "15m*",
	    "15 m*4", "-15m*4", "15m*4x", "99999m*1"};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char *csv = xasprintf(HDR META "pre,v,Vitals,vitals,,,,,,,%s,\n" PROC POST, bad[i]);
		expect_err(csv, 4, 11, "is not valid");
		free(csv);
	}
	expect_err(HDR META "pre,t,Time,time,,,,,,,15m*4,\n" PROC POST, 4, 11,
	    "only for vitals, number, check, choice and text");
	expect_err(HDR META "pre,m,Drug,med,,,,,,,15m*4,\n" PROC POST, 4, 11, "not med");
}

/* The rule columns (when, must), '!' answers and limits, chained timers and
 * the declared allergy item: accepted when right, and every mistake at its
 * FILE:LINE:COLUMN. */
#define RHDR "phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint,when,must\n"
#define RMETA "meta,title,T,,,,,,,,,,,\nmeta,risk,high,,,,,,,,,,,\n"
/* Lines 4-7; the row under test is line 8. */
#define RPRE \
	"pre,plan,Sedation plan,choice,,,,local only|moderate|MAC or general,yes,,,,,\n" \
	"pre,inr,INR,number,,,1.3|!1.5,,yes,yes,,,,\n" \
	"pre,side,Side,choice,,,,left|right|!not sure - stop,yes,yes,,,,= case.side\n" \
	"pre,iv,IV access,check,,,,,yes,,,,plan != local only,\n"
#define RTAIL "procedure,timeout,Time-out,timeout,,,,a|b,yes,yes,,,,\n" \
	"procedure,end,Procedure end,time,,,,,yes,,,,,\n" \
	"post,vitals,Vitals,vitals,,,,,yes,,15m*4,,,\n" \
	"post,discharge,Discharge,check,,,,,yes,yes,,,,\n"

static void
rule_err(const char *row, int column, const char *needle)
{
	char *csv = xasprintf(RHDR RMETA RPRE "%s" RTAIL, row);
	expect_err(csv, 8, column, needle);
	free(csv);
}

static void
test_rule_columns(void **state)
{
	(void)state;
	const char *good = RHDR RMETA "meta,allergy_item,allergies,,,,,,,,,,,\n" RPRE
	    "pre,allergies,Allergies,text,,,,,yes,,,,,\n"
	    "pre,plt,Platelets,number,,70|!50,,,yes,yes,,,,\n"
	    "procedure,timeout,Time-out,timeout,,,,a|b,yes,yes,,,,\n"
	    "procedure,vi,Vitals during,vitals,,,,,yes,,15m*12 until end,,plan != local only,\n"
	    "procedure,end,Procedure end,time,,,,,yes,,,,,\n"
	    "post,vitals,Vitals,vitals,,,,,yes,,15m*4,,,\n"
	    "post,vitals2,Vitals later,vitals,,,,,yes,,30m*2 after vitals,,,\n"
	    "post,discharge,Discharge,check,,,,,yes,yes,,,,\n";
	struct checklist *cl = parse_ok(good, strlen(good));
	const struct item *it = checklist_item(cl, "inr");
	assert_true(it->has_high && it->high == 1.3 && it->has_stop_high && it->stop_high == 1.5);
	it = checklist_item(cl, "plt");
	assert_true(it->has_low && it->low == 70 && it->has_stop_low && it->stop_low == 50);
	it = checklist_item(cl, "side");
	assert_string_equal(it->choices[2], "not sure - stop");	/* the '!' is not shown */
	assert_true(it->choice_stop[2] && !it->choice_stop[0]);
	assert_non_null(it->must);
	assert_null(it->when);
	assert_non_null(checklist_item(cl, "iv")->when);
	assert_true(checklist_item(cl, "vi")->repeat_until == checklist_item(cl, "end"));
	assert_int_equal(checklist_item(cl, "vi")->repeat_times, 12);
	assert_true(checklist_item(cl, "vitals2")->repeat_after == checklist_item(cl, "vitals"));
	assert_true(cl->allergy_item == checklist_item(cl, "allergies"));
	struct buf b = {0};
	checklist_stop_words(checklist_item(cl, "side"), &b);
	assert_string_equal(b.data, "not sure");
	b.len = 0;
	checklist_stop_words(checklist_item(cl, "inr"), &b);
	assert_string_equal(b.data, "above 1.5");
	buf_free(&b);
	checklist_free(cl);

	/* the columns in another order, and a file without them */
	const char *moved = "must,when,phase,key,label,kind,unit,low,high,choices,required,stop,"
	    "repeat,hint\n,,meta,title,T,,,,,,,,,\n,,meta,risk,low,,,,,,,,,\n"
	    ",,pre,plan,Plan,choice,,,,a|b,yes,,,\n"
	    ",plan = b,pre,x,X,check,,,,,yes,,,\n"
	    ",,procedure,timeout,Time-out,timeout,,,,a,yes,yes,,\n"
	    ",,post,d,D,check,,,,,yes,yes,,\n";
	cl = parse_ok(moved, strlen(moved));
	assert_non_null(checklist_item(cl, "x")->when);
	checklist_free(cl);
	char *bad = xasprintf("%s", moved);
	memcpy(strstr(bad, "plan = b"), "plan = c", 8);
	expect_err(bad, 5, 2, "when: 'c' is not a choice of plan (a, b)");
	free(bad);

	/* every mistake at its line and column */
	rule_err("pre,x,X,check,,,,,yes,,,,nosuch = yes,\n", 13,
	    "when: unknown item 'nosuch'");
	rule_err("pre,x,X,check,,,,,yes,,,,plan = local-only,\n", 13,
	    "when: 'local-only' is not a choice of plan (local only, moderate, MAC or general)");
	rule_err("pre,x,X,check,,,,,yes,,,,discharge done,\n", 13,
	    "when: 'discharge' comes later in the file (line 12)");
	rule_err("pre,x,X,check,,,,,yes,,,,x done,\n", 13, "names the item itself");
	rule_err("pre,x,X,choice,,,,a|b,yes,,,,,= case.sid\n", 14, "must: unknown 'case.sid'");
	rule_err("pre,x,X,time,,,,,yes,,,,,>= end + 60\n", 14, "must: '60' is not a duration");
	rule_err("pre,x,X,time,,,,,yes,,,,,>= end + 1d\n", 14, "must: '1d' is not a duration");
	rule_err("pre,x,X,check,,,,,yes,,,,plan = moderate and iv done or inr > 1,\n", 13,
	    "not both");
	rule_err("pre,x,X,med,,,,!triamcinolone|dexamethasone,yes,,,,,\n", 8,
	    "a med item's choices cannot stop");
	rule_err("pre,x,X,choice,,,,a|!,yes,,,,,\n", 8, "an option is only '!'");
	rule_err("pre,x,X,check,,,!1.5,,yes,,,,,\n", 7, "high is only for number items");
	rule_err("pre,x,X,number,,,!1.5|1.8,,yes,,,,,\n", 7,
	    "the stop limit !1.5 must lie beyond the soft limit 1.8");
	rule_err("pre,x,X,number,,!60|50,,,yes,,,,,\n", 6,
	    "the stop limit !60 must lie beyond the soft limit 50");
	rule_err("pre,x,X,number,,,!1|!2,,yes,,,,,\n", 7, "has two stop limits");
	rule_err("pre,x,X,number,,,!abc,,yes,,,,,\n", 7, "is not a number");
	rule_err("pre,x,X,number,,!5,!4,,yes,,,,,\n", 7, "the stop limit in high (!4) is below");
	rule_err("pre,x,X,vitals,,,,,yes,,15m*2 after nosuch,,,\n", 11,
	    "repeat: after 'nosuch': no item of this checklist has that key");
	rule_err("pre,x,X,vitals,,,,,yes,,15m*2 until,,,\n", 11, "is not valid");
	rule_err("pre,x,X,vitals,,,,,yes,,15m*2 until end until end,,,\n", 11, "given twice");
	rule_err("pre,x,X,vitals,,,,,yes,,15m*2 after x,,,\n", 11, "names the item itself");
	expect_err(RHDR RMETA RPRE "procedure,timeout,Time-out,timeout,,,,a,yes,yes,,,iv done,\n"
	    "post,discharge,Discharge,check,,,,,yes,yes,,,,\n", 8, 13,
	    "the time-out always applies");
	expect_err(RHDR RMETA "meta,allergy_item,allergy,,,,,,,,,,,\n" RPRE RTAIL, 4, 3,
	    "allergy_item 'allergy': no item");
	expect_err(RHDR RMETA "meta,allergy_item,iv,,,,,,,,,,,\n" RPRE RTAIL, 4, 3,
	    "allergy_item 'iv' is a check item");
	expect_err(RHDR RMETA "meta,allergy_item,iv,,,,,,,,,,,\nmeta,allergy_item,iv,,,,,,,,,,,\n"
	    RPRE RTAIL, 5, 2, "the allergy item is given twice");
}

static void
test_file_errors(void **state)
{
	(void)state;
	/* A phase with no items. */
	expect_err(HDR META PRE PROC, 0, 0, "the post phase has no items");
	expect_err(HDR META PROC POST, 0, 0, "the pre phase has no items");
	/* Meta rows. */
	expect_err(HDR "meta,risk,low,,,,,,,,,\n" PRE PROC POST, 2, 0, "no title");
	expect_err(HDR "meta,title,T,,,,,,,,,\n" PRE PROC POST, 2, 0, "no risk class");
	expect_err(HDR META "meta,title,Again,,,,,,,,,\n" PRE PROC POST, 4, 2, "title is given twice");
	expect_err(HDR "meta,title,T,,,,,,,,,\nmeta,risk,medium,,,,,,,,,\n" PRE PROC POST,
	    3, 3, "'medium' is not low, intermediate or high");
	expect_err(HDR META "meta,colour,blue,,,,,,,,,\n" PRE PROC POST, 4, 2, "unknown meta row");
	expect_err(HDR META "meta,title,T,check,,,,,,,,\n" PRE PROC POST, 4, 4, "leave kind empty");
	expect_err(HDR "meta,title,T,,,,,,,,,\n" PRE "meta,risk,low,,,,,,,,,\n" PROC POST,
	    4, 1, "before the first item");
	/* Phase order and the time-out. */
	expect_err(HDR META PRE PROC POST "pre,late,Late,check,,,,,,,,\n", 7, 1,
	    "keep the items grouped");
	expect_err(HDR META "pre,timeout,Time-out,timeout,,,,a|b,yes,yes,,\n"
	    "procedure,x,X,check,,,,,,,,\n" POST, 4, 4, "belongs in the procedure phase");
	expect_err(HDR META PRE PROC "procedure,timeout2,Again,timeout,,,,a,yes,,,\n" POST,
	    6, 4, "only one timeout");
	/* Field counts. */
	expect_err(HDR META "pre,identity,Identity,check,,,,,yes,yes\n" PROC POST, 4, 10,
	    "10 fields but the header has 12");
	expect_err(HDR META "pre,identity,Identity,check,,,,,yes,yes,,,\n" PROC POST, 4, 13,
	    "13 fields");
	/* The procedure key (file name). */
	struct cl_errors errs = {0};
	struct checklist *cl;
	assert_int_equal(checklist_parse("My File.csv", "My File", GOOD, strlen(GOOD), &cl, &errs),
	    ST_DATAERR);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.v[0].line, 0);
	assert_non_null(strstr(errs.v[0].msg, "procedure key"));
	cl_errors_free(&errs);
}

static void
test_csv_syntax_errors(void **state)
{
	(void)state;
	/* Unterminated quote: reported where the field starts. */
	expect_err(HDR META PRE PROC "post,discharge,\"Discharge,check,,,,,yes,yes,,\n",
	    6, 3, "never closed");
	expect_err(HDR META PRE PROC "post,discharge,Discharge,check,,,,,yes,yes,,\"x\n\n\n",
	    6, 12, "never closed");
	/* A quote inside an unquoted field, or text after a closing quote. */
	expect_err(HDR META "pre,identity,Iden\"tity,check,,,,,yes,yes,,\n" PROC POST,
	    4, 3, "stray double quote");
	expect_err(HDR META "pre,identity,\"Iden\"tity,check,,,,,yes,yes,,\n" PROC POST,
	    4, 3, "stray double quote");
	expect_err(HDR META PRE PROC "post,discharge,Discharge,check,,,,,yes,\"yes\"x,,\n",
	    6, 10, "stray double quote");
}

static void
test_encoding_errors(void **state)
{
	(void)state;
	expect_err(HDR META "pre,identity,Identit\xe9,check,,,,,yes,yes,,\n" PROC POST,
	    4, 3, "not valid UTF-8");
	expect_err(HDR META PRE PROC "post,discharge,Discharge,check,,,,,yes,yes,,\xc0\xaf\n",
	    6, 12, "not valid UTF-8");
	const char nul[] = HDR META "pre,identity,Iden\0tity,check,,,,,yes,yes,,\n" PROC POST;
	expect_err_n(nul, sizeof nul - 1, 4, 3, "NUL byte");
	expect_err(HDR META "pre,identity,Iden\ttity,check,,,,,yes,yes,,\n" PROC POST,
	    4, 3, "control character");
	/* UTF-16 (what some spreadsheets save as "Unicode text"). */
	const char utf16[] = "\xff\xfep\0h\0a\0s\0e\0,\0";
	expect_err_n(utf16, sizeof utf16 - 1, 1, 1, "");
	/* Sixty characters of two bytes each are within the limit. */
	struct buf b = {0};
	buf_puts(&b, HDR META "pre,identity,");
	for (int i = 0; i < 60; i++)
		buf_puts(&b, "\xc3\xa9");
	buf_puts(&b, ",check,,,,,yes,yes,,\n" PROC POST);
	struct checklist *cl = parse_ok(b.data, b.len);
	assert_int_equal(strlen(cl->items[0].label), 120);
	checklist_free(cl);
	buf_free(&b);
	/* A 201-character hint is not. */
	char *hint = xmalloc(202);
	memset(hint, 'h', 201);
	hint[201] = '\0';
	char *csv = xasprintf(HDR META "pre,identity,Identity,check,,,,,yes,yes,,%s\n" PROC POST, hint);
	expect_err(csv, 4, 12, "201 characters");
	free(csv);
	free(hint);
}

static void
test_oversize_and_many_items(void **state)
{
	(void)state;
	size_t n = 256 * 1024 + 1;
	char *big = xmalloc(n);
	memset(big, ' ', n);
	memcpy(big, GOOD, strlen(GOOD));
	expect_err_n(big, n, 0, 0, "the limit is 256 KiB");
	/* Exactly the limit is accepted (trailing blanks are blank rows). */
	checklist_free(parse_ok(big, n - 1));
	free(big);
}

static void
test_too_many_items(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_puts(&b, HDR META PRE PROC);
	for (int i = 0; i < 398; i++)
		buf_printf(&b, "post,i%d,Item %d,check,,,,,,,,\n", i, i);
	struct checklist *cl = parse_ok(b.data, b.len);	/* 400 items */
	assert_int_equal(cl->nitems, 400);
	checklist_free(cl);
	buf_puts(&b, "post,one_more,One more,check,,,,,,,,\n");
	expect_err_n(b.data, b.len, 404, 0, "more than 400 items");
	buf_free(&b);
}

static void
test_many_errors_collected(void **state)
{
	(void)state;
	size_t n = expect_err_n(HDR META "pre,identity,,box,,,,,yes,no,,\n" PROC, strlen(HDR META
	    "pre,identity,,box,,,,,yes,no,,\n" PROC), 4, 4, "unknown kind");
	/* empty label, unknown kind, stop without... (no: stop=no), no post items */
	assert_int_equal(n, 3);
}

static void
test_error_format(void **state)
{
	(void)state;
	struct cl_errors errs = {0};
	cl_errors_add(&errs, "a/b.csv", 12, 3, "bad %s", "thing");
	char *s = cl_error_format(&errs.v[0]);
	assert_string_equal(s, "a/b.csv:12:3: bad thing");
	free(s);
	cl_errors_free(&errs);
	assert_int_equal(errs.n, 0);
	cl_errors_free(NULL);
	assert_string_equal(phase_name(PHASE_PROCEDURE), "procedure");
	assert_string_equal(phase_title(PHASE_POST), "Post-procedure");
	assert_string_equal(kind_name(KIND_TIMEOUT), "timeout");
	enum phase p;
	assert_true(phase_parse("post", &p));
	assert_int_equal(p, PHASE_POST);
	assert_false(phase_parse("meta", &p));
}

/* csvread on its own: CR, LF and CRLF line ends, and the line where each
 * field starts when a quoted field spans lines. */
static void
test_csvread_positions(void **state)
{
	(void)state;
	const char *in = "a,b\rc\r\n\n \"x\ny\" , z\n  \n\"\"\"q\"\"\",\r\"\"";
	struct csvread_table t;
	struct csvread_error e = {0};

	assert_true(csvread_parse(in, strlen(in), &t, &e));
	assert_int_equal(t.nrows, 5);
	assert_int_equal(t.rows[0].n, 2);
	assert_int_equal(t.rows[0].line, 1);
	assert_string_equal(t.rows[1].f[0].s, "c");
	assert_int_equal(t.rows[1].line, 2);
	assert_string_equal(t.rows[2].f[0].s, "x\ny");
	assert_int_equal(t.rows[2].f[0].line, 4);
	assert_string_equal(t.rows[2].f[1].s, "z");
	assert_int_equal(t.rows[2].f[1].line, 5);
	/* Line 6 holds only spaces: no row, and no effect on the next. */
	assert_string_equal(t.rows[3].f[0].s, "\"q\"");
	assert_int_equal(t.rows[3].line, 7);
	assert_int_equal(t.rows[3].f[1].len, 0);
	assert_int_equal(t.rows[3].f[1].line, 7);
	assert_int_equal(t.rows[4].n, 1);	/* a quoted empty field */
	assert_int_equal(t.rows[4].line, 8);
	csvread_free(&t);

	const char *open_quote = "a,b\nc,\"d\n\ne";
	assert_false(csvread_parse(open_quote, strlen(open_quote), &t, &e));
	assert_int_equal(e.line, 2);
	assert_int_equal(e.column, 2);
	assert_non_null(strstr(e.msg, "never closed"));
	assert_int_equal(t.nrows, 1);
	csvread_free(&t);
	csvread_free(NULL);
}

/* --- the built-in checklists ---------------------------------------------- */

static const struct {
	const char *key, *risk;
	bool biopsy, cement, level, side;
} builtins[] = {
	{"piriformis-injection", "low", false, false, false, true},
	{"sacral-nerve-root-block", "high", false, false, true, true},
	{"si-joint-injection", "low", false, false, false, true},
	{"disc-aspiration-biopsy", "high", true, false, true, false},
	{"percutaneous-discectomy", "intermediate", false, false, true, true},
	{"vertebral-biopsy", "high", true, false, true, false},
	{"sacroplasty", "high", false, true, true, true},
};

/* The rule of an item in words (checklists show). */
static void
words_are(const struct checklist *cl, const struct item *it, const struct rule *r,
    const char *want)
{
	struct buf b = {0};
	assert_non_null(r);
	rule_words(r, cl, (int)(it - cl->items), &b);
	if (strcmp(b.data, want) != 0)
		fail_msg("%s: %s: rule reads '%s', not '%s'", cl->key, it->key, b.data, want);
	buf_free(&b);
}

static const struct item *
need(const struct checklist *cl, const char *key, enum phase p, enum item_kind k)
{
	const struct item *it = checklist_item(cl, key);
	if (it == NULL)
		fail_msg("%s: no item '%s'", cl->key, key);
	if (it->phase != p || it->kind != k)
		fail_msg("%s: item '%s' is %s/%s", cl->key, key, phase_name(it->phase),
		    kind_name(it->kind));
	return it;
}

static void
test_builtins(void **state)
{
	(void)state;
	struct catalog cat;
	struct cl_errors errs = {0};
	struct err err = {0};

	setenv("SPINELOG_CHECKLISTS", "", 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent-spinelog-test", 1);
	assert_int_equal(catalog_load(&cat, &errs, &err), ST_OK);
	assert_int_equal(errs.n, 0);
	assert_int_equal(cat.n, ARRAY_SIZE(builtins));
	for (size_t i = 0; i < ARRAY_SIZE(builtins); i++) {
		const struct checklist *cl = catalog_find(&cat, builtins[i].key);
		assert_non_null(cl);
		assert_string_equal(cl->source, "built-in");
		assert_string_equal(cl->risk, builtins[i].risk);
		assert_true(*cl->title);

		const struct item *it = need(cl, "identity", PHASE_PRE, KIND_CHECK);
		assert_true(it->stop);
		assert_true(need(cl, "consent", PHASE_PRE, KIND_CHECK)->stop);
		assert_true(need(cl, "site_marked", PHASE_PRE, KIND_CHOICE)->stop);
		need(cl, "vitals_baseline", PHASE_PRE, KIND_VITALS);
		/* the banner's allergies come from one declared item */
		assert_true(cl->allergy_item == need(cl, "allergies", PHASE_PRE, KIND_TEXT));
		need(cl, "neuro_baseline", PHASE_PRE, KIND_CHOICE);
		/* duplicates gone (review 2.5): pain is a vitals field, the team is
		 * the time-out's, RASS repeats Aldrete */
		const char *gone[] = {"pain_baseline", "pre_complete", "team", "rass",
		    "fall_precautions", "level", "cement_allergy"};
		for (size_t g = 0; g < ARRAY_SIZE(gone); g++)
			if (checklist_item(cl, gone[g]) != NULL)
				fail_msg("%s: item '%s' is still there", cl->key, gone[g]);
		/* answers that stop */
		it = need(cl, "procedure_match", PHASE_PRE, KIND_CHOICE);
		assert_true(it->stop && rule_stop_answer(it, "mismatch - stop and escalate"));
		assert_false(rule_stop_answer(it, "matches"));
		it = need(cl, "pregnancy", PHASE_PRE, KIND_CHOICE);
		assert_true(it->stop && rule_stop_answer(it, "test positive - physician decides"));
		assert_false(rule_stop_answer(it, "refused"));
		assert_true(rule_stop_answer(need(cl, "hold_plan", PHASE_PRE, KIND_CHOICE),
		    "not met - escalate"));
		it = need(cl, "neuro_post", PHASE_POST, KIND_CHOICE);
		assert_true(it->stop && rule_stop_answer(it, "new weakness - escalate"));
		/* the case's own side and level */
		if (builtins[i].side) {
			it = need(cl, "side", PHASE_PRE, KIND_CHOICE);
			assert_true(it->stop);
			words_are(cl, it, it->must, "equal the case's side");
		}
		if (builtins[i].level) {
			it = checklist_item(cl, "level_imaging");
			assert_non_null(it);
			assert_true(it->phase == PHASE_PROCEDURE && it->stop);
			words_are(cl, it, it->must, "equal the case's level");
		}
		/* conditional items ask for nothing when they do not apply */
		it = need(cl, "iv_access", PHASE_PRE, KIND_CHECK);
		if (!builtins[i].cement)
			assert_non_null(it->when);
		it = need(cl, "glucose", PHASE_PRE, KIND_NUMBER);
		words_are(cl, it, it->when, "Diabetes is oral or insulin");
		it = need(cl, "escort_present", PHASE_POST, KIND_CHECK);
		words_are(cl, it, it->when, "Sedation drug is recorded");
		it = need(cl, "vitals_intra", PHASE_PROCEDURE, KIND_VITALS);
		assert_true(it->repeat_until == checklist_item(cl, "procedure_end"));

		it = need(cl, "timeout", PHASE_PROCEDURE, KIND_TIMEOUT);
		assert_true(it->stop);
		assert_int_equal(it->nchoices, 9);
		need(cl, "local_anaesthetic", PHASE_PROCEDURE, KIND_MED);
		need(cl, "sedation", PHASE_PROCEDURE, KIND_MED);
		need(cl, "fluoro_time", PHASE_PROCEDURE, KIND_NUMBER);
		it = need(cl, "air_kerma", PHASE_PROCEDURE, KIND_NUMBER);
		assert_string_equal(it->unit, "mGy");
		assert_true(it->has_high && it->high == 5000);
		need(cl, "kap", PHASE_PROCEDURE, KIND_NUMBER);
		need(cl, "ct_dlp", PHASE_PROCEDURE, KIND_NUMBER);
		assert_true(need(cl, "sign_out", PHASE_PROCEDURE, KIND_CHECK)->stop);

		it = need(cl, "vitals_post", PHASE_POST, KIND_VITALS);
		assert_int_equal(it->repeat_every, 15);
		need(cl, "neuro_post", PHASE_POST, KIND_CHOICE);
		assert_true(need(cl, "discharge_criteria", PHASE_POST, KIND_CHECK)->stop);
		assert_true(need(cl, "discharge_instructions", PHASE_POST, KIND_CHECK)->required);
		assert_true(need(cl, "escort_present", PHASE_POST, KIND_CHECK)->stop);

		/* Labs by risk class (SIR 2019; procedures.md C2): a high-risk
		 * INR above 1.5 and platelets below 50 stop. */
		bool low = strcmp(cl->risk, "low") == 0, high = strcmp(cl->risk, "high") == 0;
		it = need(cl, "inr", PHASE_PRE, KIND_NUMBER);
		assert_int_equal(it->stop, high);
		if (high)
			assert_true(it->has_stop_high && it->stop_high == 1.5 &&
			    rule_stop_answer(it, "2.6") && !rule_stop_answer(it, "1.5"));
		else
			assert_true(it->has_high && it->high == (low ? 3.0 : 1.5) &&
			    !it->has_stop_high);
		it = need(cl, "platelets", PHASE_PRE, KIND_NUMBER);
		assert_int_equal(it->stop, high);
		if (high)
			assert_true(it->has_stop_low && it->stop_low == 50 &&
			    rule_stop_answer(it, "30"));
		else
			assert_true(it->has_low && it->low == (low ? 20 : 50));

		if (builtins[i].biopsy) {
			need(cl, "specimen_type", PHASE_PROCEDURE, KIND_CHOICE);
			need(cl, "specimen_destination", PHASE_PROCEDURE, KIND_CHOICE);
			need(cl, "specimen_tests", PHASE_PROCEDURE, KIND_TEXT);
			assert_true(need(cl, "specimen_labelled", PHASE_PROCEDURE,
			    KIND_CHECK)->stop);
		}
		if (builtins[i].cement) {
			it = need(cl, "cement_volume_left", PHASE_PROCEDURE, KIND_NUMBER);
			assert_string_equal(it->unit, "mL");
			need(cl, "cement_volume_right", PHASE_PROCEDURE, KIND_NUMBER);
			need(cl, "cement", PHASE_PROCEDURE, KIND_MED);
			need(cl, "extravasation", PHASE_PROCEDURE, KIND_CHOICE);
			assert_int_equal(need(cl, "vitals_post_q30", PHASE_POST,
			    KIND_VITALS)->repeat_every, 30);
			assert_true(checklist_item(cl, "vitals_post_q30")->repeat_after ==
			    checklist_item(cl, "vitals_post"));
			it = checklist_item(cl, "cement_volume_left");
			words_are(cl, it, it->when, "the case's side is left or bilateral");
			it = checklist_item(cl, "bed_rest_end");
			words_are(cl, it, it->must, "be at or after Bed rest started + 1 h");
			/* 1.3 warns, 1.5 stops */
			it = checklist_item(cl, "inr");
			assert_true(it->has_high && it->high == 1.3);
			assert_true(need(cl, "bed_rest_end", PHASE_POST, KIND_TIME)->stop);
		}

		/* Usable: no more than 9 hard stops per phase; every item has
		 * a hint; the title fits. */
		size_t stops[PHASE__COUNT] = {0};
		for (size_t k = 0; k < cl->nitems; k++) {
			stops[cl->items[k].phase] += cl->items[k].stop;
			if (*cl->items[k].hint == '\0')
				fail_msg("%s: item %s has no hint", cl->key, cl->items[k].key);
		}
		for (int p = 0; p < PHASE__COUNT; p++)
			if (stops[p] > 9)
				fail_msg("%s: %zu hard stops in %s", cl->key, stops[p],
				    phase_name((enum phase)p));
	}
	catalog_free(&cat);
	cl_errors_free(&errs);
}

/* Each embedded file is named schema/checklists/KEY.csv and nothing else
 * is embedded under that folder. */
static void
test_builtins_embedded(void **state)
{
	(void)state;
	size_t n = 0;
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strncmp(f->name, "schema/checklists/", 18) == 0)
			n++;
	assert_int_equal(n, ARRAY_SIZE(builtins));
}

/* --- the catalogue and the site folder -------------------------------------- */

static const char *
builtin_text(const char *key)
{
	char *name = xasprintf("schema/checklists/%s.csv", key);
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		if (strcmp(f->name, name) == 0) {
			free(name);
			return f->data;
		}
	}
	fail_msg("no built-in %s", key);
	return NULL;
}

/* The built-in text with its title replaced. */
static char *
retitled(const char *key, const char *title)
{
	const char *src = builtin_text(key);
	const char *t = strstr(src, "meta,title,");
	assert_non_null(t);
	const char *rest = t + 11 + strcspn(t + 11, ",");
	return xasprintf("%.*smeta,title,\"%s\"%s", (int)(t - src), src, title, rest);
}

static void
test_site_folder(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct catalog cat;
	struct cl_errors errs = {0};
	struct err err = {0};

	char *si = retitled("si-joint-injection", "SI joint, site copy");
	tu_write_file(dir, "si-joint-injection.csv", si);
	tu_write_file(dir, "piriformis-injection.csv", "phase,key\nbroken\n");
	tu_write_file(dir, "new-proc.csv", GOOD);
	tu_write_file(dir, "notes.txt", "ignored");
	tu_write_file(dir, ".~lock.x.csv", "ignored");
	setenv("SPINELOG_CHECKLISTS", dir, 1);
	assert_int_equal(catalog_load(&cat, &errs, &err), ST_OK);
	assert_int_equal(cat.n, ARRAY_SIZE(builtins) + 1);

	const struct checklist *cl = catalog_find(&cat, "si-joint-injection");
	assert_string_equal(cl->title, "SI joint, site copy");
	assert_non_null(strstr(cl->source, "/si-joint-injection.csv"));
	/* The broken site file is refused whole; the built-in stays. */
	cl = catalog_find(&cat, "piriformis-injection");
	assert_string_equal(cl->source, "built-in");
	assert_true(errs.n > 0);
	for (size_t i = 0; i < errs.n; i++)
		assert_non_null(strstr(errs.v[i].file, "/piriformis-injection.csv"));
	cl = catalog_find(&cat, "new-proc");
	assert_non_null(cl);
	assert_string_equal(cl->title, "Test procedure");
	/* Sorted by key. */
	for (size_t i = 1; i < cat.n; i++)
		assert_true(strcmp(cat.v[i - 1]->key, cat.v[i]->key) < 0);
	assert_null(catalog_find(&cat, "notes"));
	catalog_free(&cat);
	cl_errors_free(&errs);

	/* An explicitly named folder that is missing is an error, but the
	 * built-ins are still there. */
	char *missing = xasprintf("%s/missing", dir);
	setenv("SPINELOG_CHECKLISTS", missing, 1);
	assert_int_equal(catalog_load(&cat, &errs, &err), ST_NOINPUT);
	assert_non_null(strstr(err.msg, missing));
	assert_int_equal(cat.n, ARRAY_SIZE(builtins));
	catalog_free(&cat);
	cl_errors_free(&errs);

	/* XDG_CONFIG_HOME/spinelog/checklists when SPINELOG_CHECKLISTS is unset. */
	unsetenv("SPINELOG_CHECKLISTS");
	char *xdg = xasprintf("%s/spinelog/checklists", dir);
	assert_int_equal(mkdir_p(xdg, 0700, &err), ST_OK);
	tu_write_file(xdg, "xdg-proc.csv", GOOD);
	setenv("XDG_CONFIG_HOME", dir, 1);
	bool explicit;
	char *found = catalog_site_dir(&explicit);
	assert_string_equal(found, xdg);
	assert_false(explicit);
	free(found);
	assert_int_equal(catalog_load(&cat, &errs, &err), ST_OK);
	assert_non_null(catalog_find(&cat, "xdg-proc"));
	catalog_free(&cat);
	/* A relative XDG_CONFIG_HOME is ignored (XDG base directory spec). */
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", "/nonexistent-spinelog-test", 1);
	found = catalog_site_dir(&explicit);
	if (found != NULL)
		assert_string_equal(found, "/etc/spinelog/checklists");
	free(found);
	setenv("XDG_CONFIG_HOME", "/nonexistent-spinelog-test", 1);

	/* catalog_parse_file: the key comes from the file name. */
	struct checklist *pcl;
	char *path = xasprintf("%s/new-proc.csv", dir);
	assert_int_equal(catalog_parse_file(path, &pcl, &errs), ST_OK);
	assert_string_equal(pcl->key, "new-proc");
	assert_string_equal(pcl->source, path);
	checklist_free(pcl);
	free(path);
	path = xasprintf("%s/absent.csv", dir);
	assert_int_equal(catalog_parse_file(path, &pcl, &errs), ST_NOINPUT);
	assert_null(pcl);
	assert_int_equal(errs.n, 1);
	cl_errors_free(&errs);
	free(path);
	path = xasprintf("%s/notes.txt", dir);
	assert_int_equal(catalog_parse_file(path, &pcl, &errs), ST_DATAERR);
	cl_errors_free(&errs);
	free(path);

	free(xdg);
	free(missing);
	free(si);
	tu_rmdir(dir);
}

/* --- versions ------------------------------------------------------------- */

static void
test_versions(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct db *db = tu_open(dir, "t.db");
	struct cl_errors errs = {0};
	struct err err = {0};
	struct catalog cat;
	int64_t v1, v1again, v2;

	char *site = xasprintf("%s/site", dir);
	assert_int_equal(mkdir_p(site, 0700, &err), ST_OK);
	setenv("SPINELOG_CHECKLISTS", site, 1);
	char *old = retitled("sacroplasty", "Sacroplasty, site v1");
	tu_write_file(site, "sacroplasty.csv", old);
	assert_int_equal(catalog_load(&cat, &errs, &err), ST_OK);
	const struct checklist *cl = catalog_find(&cat, "sacroplasty");
	assert_int_equal(checklist_version_intern(db, cl, &v1, &err), ST_OK);
	assert_int_equal(checklist_version_intern(db, cl, &v1again, &err), ST_OK);
	assert_int_equal(v1, v1again);

	/* A case started on version 1. */
	struct case_info c = {.mrn = "M1", .name = "DOE, Jane", .dob = "1940-01-10",
	    .proc_key = "sacroplasty", .version_id = v1, .side = "bilateral", .level = "S1",
	    .proceduralist = "Dr X", .scheduled_at = "2026-11-26 09:00"};
	if (case_create(db, &c, "QA", NULL, &err) != ST_OK)
		fail_msg("case_create: %s", err.msg);
	catalog_free(&cat);

	/* The nurse manager edits the site file. */
	char *edited = retitled("sacroplasty", "Sacroplasty, site v2");
	tu_write_file(site, "sacroplasty.csv", edited);
	assert_int_equal(catalog_load(&cat, &errs, &err), ST_OK);
	cl = catalog_find(&cat, "sacroplasty");
	assert_string_equal(cl->title, "Sacroplasty, site v2");
	assert_int_equal(checklist_version_intern(db, cl, &v2, &err), ST_OK);
	assert_true(v2 != v1);
	catalog_free(&cat);

	/* The case still gets the checklist it started with. */
	struct case_info got = {0};
	assert_int_equal(case_get(db, c.id, &got, &err), ST_OK);
	assert_int_equal(got.version_id, v1);
	struct checklist *vcl;
	if (checklist_version_load(db, got.version_id, &vcl, &err) != ST_OK)
		fail_msg("checklist_version_load: %s", err.msg);
	assert_string_equal(vcl->title, "Sacroplasty, site v1");
	assert_string_equal(vcl->key, "sacroplasty");
	assert_int_equal(vcl->size, strlen(old));
	assert_memory_equal(vcl->content, old, vcl->size);
	assert_non_null(strstr(vcl->source, "/site/sacroplasty.csv"));
	checklist_free(vcl);
	case_clear(&got);
	free(c.created_at);	/* the rest are literals */

	/* Stored as a BLOB, once per content, with its time of first use. */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), "SELECT count(*),"
	    " sum(typeof(content) = 'blob'), sum(first_used_at LIKE '____-__-__T__:__:__.___Z')"
	    " FROM checklist_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	assert_int_equal(sqlite3_column_int(st, 1), 2);
	assert_int_equal(sqlite3_column_int(st, 2), 2);
	sqlite3_finalize(st);
	assert_int_equal(checklist_version_load(db, 999, &vcl, &err), ST_NOINPUT);
	assert_null(vcl);
	db_close(db);

	/* A stored version whose bytes were changed is refused. */
	assert_int_equal(tu_raw_sql(dir, "t.db", "DROP TRIGGER checklist_version_no_update;"
	    "UPDATE checklist_version SET content = CAST('x' AS BLOB) WHERE id = 1;"), SQLITE_OK);
	db = tu_open(dir, "t.db");
	assert_int_equal(checklist_version_load(db, v1, &vcl, &err), ST_DATAERR);
	assert_non_null(strstr(err.msg, "SHA-256"));
	db_close(db);

	unsetenv("SPINELOG_CHECKLISTS");
	free(old);
	free(edited);
	free(site);
	tu_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_every_kind_and_field),
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_newline_in_quoted_field),
		cmocka_unit_test(test_crlf_and_lf),
		cmocka_unit_test(test_bom_and_order),
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_row_errors),
		cmocka_unit_test(test_repeat_errors),
		cmocka_unit_test(test_rule_columns),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_csv_syntax_errors),
		cmocka_unit_test(test_encoding_errors),
		cmocka_unit_test(test_oversize_and_many_items),
		cmocka_unit_test(test_too_many_items),
		cmocka_unit_test(test_many_errors_collected),
		cmocka_unit_test(test_error_format),
		cmocka_unit_test(test_csvread_positions),
		cmocka_unit_test(test_builtins),
		cmocka_unit_test(test_builtins_embedded),
		cmocka_unit_test(test_site_folder),
		cmocka_unit_test(test_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
