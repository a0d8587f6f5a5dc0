/*
 * rule_words: rules in words, for `checklists show`, the screens and the
 * report: what a rule asks ("Sedation plan is not local only") and why it
 * does not hold for a case ("Side LEFT does not match the case side RIGHT").
 */
#include "rule.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "casestate.h"
#include "clock.h"
#include "num.h"
#include "rule_int.h"

static void
ref_words(struct buf *b, const struct checklist *cl, int self, const struct rule_operand *o)
{
	switch (o->ref) {
	case REF_SELF:
		buf_puts(b, cl->items[self].label);
		break;
	case REF_ITEM:
		buf_puts(b, cl->items[o->item].label);
		break;
	case REF_ITEM_TIME:
		buf_printf(b, "the time of %s", cl->items[o->item].label);
		break;
	case REF_CASE_SIDE:
		buf_puts(b, "the case's side");
		break;
	case REF_CASE_LEVEL:
		buf_puts(b, "the case's level");
		break;
	case REF_CASE_PROCEDURE:
		buf_puts(b, "the procedure");
		break;
	case REF_CASE_REGION:
		buf_puts(b, "the case's region");
		break;
	case REF_CASE_AGE:
		buf_puts(b, "the patient's age");
		break;
	case REF_RISK:
		buf_puts(b, "the bleeding-risk class");
		break;
	}
	if (o->offset != 0) {
		int m = o->offset < 0 ? -o->offset : o->offset;
		if (m % 60 == 0)
			buf_printf(b, " %c %d h", o->offset < 0 ? '-' : '+', m / 60);
		else
			buf_printf(b, " %c %d min", o->offset < 0 ? '-' : '+', m);
	}
}

/* A name in a sentence: quoted when it holds a word that joins tests
 * ('MAC or general'), so that the sentence reads one way only. */
static void
name_words(struct buf *b, const char *name)
{
	bool q = strstr(name, " or ") != NULL || strstr(name, " and ") != NULL ||
	    strstr(name, " nor ") != NULL;
	buf_printf(b, q ? "'%s'" : "%s", name);
}

static void
names_words(struct buf *b, const struct rule_operand *o, const char *conj)
{
	for (size_t i = 0; i < o->nnames; i++) {
		if (i > 0)
			buf_puts(b, i + 1 == o->nnames ? conj : ", ");
		name_words(b, o->names[i]);
	}
}

static void
operand_words(struct buf *b, const struct checklist *cl, int self, const struct rule_operand *o)
{
	if (o->what == OPD_REF)
		ref_words(b, cl, self, o);
	else if (o->what == OPD_NAMES)
		names_words(b, o, " or ");
	else if (o->what == OPD_TIME)
		buf_printf(b, "%02d:%02d", (int)o->num / 60, (int)o->num % 60);
	else {
		char n[NUM_MAX];
		num_format(o->num, n);
		buf_puts(b, n);
	}
}

static const char *
op_words(enum rule_op op, bool time)
{
	static const char *const num[] = {"", "", "below", "at most", "above", "at least"};
	static const char *const clk[] = {"", "", "before", "at or before", "after",
	    "at or after"};
	return time ? clk[op] : num[op];
}

static void
test_words(struct buf *b, const struct rule_test *t, const struct checklist *cl, int self)
{
	bool time = rule_ref_type(cl, self, &t->lhs) == RT_TIME;
	bool own = t->lhs.ref == REF_SELF;

	if (!own)
		ref_words(b, cl, self, &t->lhs);
	switch (t->op) {
	case ROP_DONE:
		buf_puts(b, " is recorded");
		return;
	case ROP_NOT_DONE:
		buf_puts(b, " is not recorded");
		return;
	case ROP_EQ:
		if (t->rhs.what == OPD_REF)
			buf_puts(b, own ? "equal " : " equals ");
		else
			buf_puts(b, own ? "be " : " is ");
		break;
	case ROP_NE:
		if (t->rhs.what == OPD_REF)
			buf_puts(b, own ? "differ from " : " differs from ");
		else if (t->rhs.what == OPD_NAMES && t->rhs.nnames > 1) {
			buf_puts(b, own ? "be neither " : " is neither ");
			names_words(b, &t->rhs, " nor ");
			return;
		} else
			buf_puts(b, own ? "not be " : " is not ");
		break;
	default:
		buf_printf(b, "%s%s ", own ? "be " : " is ", op_words(t->op, time));
		break;
	}
	operand_words(b, cl, self, &t->rhs);
}

void
rule_words(const struct rule *r, const struct checklist *cl, int self, struct buf *out)
{
	for (size_t i = 0; i < r->n; i++) {
		if (i > 0)
			buf_puts(out, r->any ? " or " : " and ");
		test_words(out, &r->t[i], cl, self);
	}
}

/* An answer as the words show it: "local only", "09:30", "2.6". */
static void
val_words(struct buf *b, const struct rule_val *v, bool upper)
{
	if (v->type == RT_TIME) {
		long m = ((lround(v->num) % 1440) + 1440) % 1440;
		char day[CLOCK_DAY_LEN], today[CLOCK_DAY_LEN];
		time_t t = (time_t)(v->at * 60);
		struct tm tm;
		clock_local_day(0, today);
		if (v->dated && localtime_r(&t, &tm) != NULL &&
		    strftime(day, sizeof day, "%Y-%m-%d", &tm) > 0 && strcmp(day, today) != 0)
			buf_printf(b, "%s ", day);
		buf_printf(b, "%02ld:%02ld", m / 60, m % 60);
	} else if (v->type == RT_NUMBER) {
		char n[NUM_MAX];
		num_format(v->num, n);
		buf_puts(b, n);
	} else if (upper) {
		for (const char *s = v->name; *s; s++) {
			char ch = (char)toupper((unsigned char)*s);
			buf_append(b, &ch, 1);
		}
	} else {
		buf_puts(b, v->name);
	}
}

static void
detail_of(struct buf *b, const struct rule_val *v, bool detail)
{
	char hm[8];
	if (!detail || v->e == NULL || !clock_local(v->e->at, "%H:%M", hm, sizeof hm))
		return;
	buf_printf(b, ", %s %s", hm, v->e->staff);
}

/* Why one test is false, with the answers. */
static void
test_why_not(struct buf *b, const struct rule_test *t, const struct casestate *cs, int self,
    const char *self_value, bool detail)
{
	const struct checklist *cl = cs->cl;
	struct rule_val lv, rv;
	rule_test_eval(t, cs, self, self_value, &lv, &rv);

	if (t->op == ROP_DONE || t->op == ROP_NOT_DONE) {
		buf_printf(b, "%s is %s", cl->items[t->lhs.item].label,
		    t->op == ROP_DONE ? "not recorded" : "recorded");
		return;
	}
	bool site = t->lhs.ref == REF_SELF && t->rhs.what == OPD_REF &&
	    (t->rhs.ref == REF_CASE_SIDE || t->rhs.ref == REF_CASE_LEVEL) && t->op == ROP_EQ;
	if (site) {
		/* "Side LEFT does not match the case side RIGHT" */
		const char *what = t->rhs.ref == REF_CASE_SIDE ? "side" : "level";
		buf_printf(b, "%c%s ", toupper((unsigned char)what[0]), what + 1);
		val_words(b, &lv, true);
		buf_printf(b, " does not match the case %s ", what);
		val_words(b, &rv, true);
		return;
	}
	if (t->lhs.ref == REF_SELF) {
		/* "Bed rest end is 09:50: it must be at or after Bed rest start + 1 h
		 * (Bed rest start is 09:30)" */
		buf_printf(b, "%s is ", cl->items[self].label);
		val_words(b, &lv, false);
		buf_puts(b, ": it must ");
		test_words(b, t, cl, self);
		if (t->rhs.what == OPD_REF) {
			struct rule_operand plain = t->rhs;
			plain.offset = 0;
			struct rule_val pv;
			rule_ref_value(cs, self, self_value, &plain, &pv);
			buf_puts(b, " (");
			ref_words(b, cl, self, &plain);
			buf_puts(b, " is ");
			val_words(b, &pv, false);
			detail_of(b, &pv, detail);
			buf_puts(b, ")");
		}
		return;
	}
	ref_words(b, cl, self, &t->lhs);
	buf_puts(b, " is ");
	val_words(b, &lv, false);
	detail_of(b, &lv, detail);
	if (t->rhs.what == OPD_REF && rv.known == TRI_TRUE) {
		buf_puts(b, ", ");
		ref_words(b, cl, self, &t->rhs);
		buf_puts(b, " is ");
		val_words(b, &rv, false);
		detail_of(b, &rv, detail);
	}
}

void
rule_why_not(const struct rule *r, const struct casestate *cs, int self, const char *self_value,
    bool detail, struct buf *out)
{
	bool any = false;
	for (size_t i = 0; i < r->n; i++) {
		struct rule_val lv, rv;
		if (rule_test_eval(&r->t[i], cs, self, self_value, &lv, &rv) != TRI_FALSE)
			continue;
		if (any)
			buf_puts(out, " and ");
		test_why_not(out, &r->t[i], cs, self, self_value, detail);
		any = true;
	}
}

