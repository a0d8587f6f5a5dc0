/*
 * rule_eval: a rule against a case's state, three-valued (rule.h): the value
 * of each reference from the entries in force and the case row, and whether
 * an answer is a stop answer.
 */
#include "rule.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "actions.h"
#include "casestate.h"
#include "clock.h"
#include "entry.h"
#include "rule_int.h"

/* The entry in force of an item, if it is a value (not n/a, not a check
 * corrected to "not done"). */
static const struct cs_event *
live_entry(const struct item_state *is)
{
	const struct cs_event *e = is->cur;
	if (e == NULL || strcmp(e->action, ACTION_NA) == 0)
		return NULL;
	if (is->it->kind == KIND_CHECK && strcmp(e->value, "not done") == 0)
		return NULL;
	if (is->it->kind == KIND_TIMEOUT && !is->to_done)
		return NULL;
	return e;
}

/* A stored number, read as the entry dialog reads a typed one (entry.c). */
static bool
number_of(const struct item *it, const char *s, double *v)
{
	struct err err = {0};
	const char *flag;
	char text[NUM_MAX];
	return entry_number(s, it, v, text, &flag, &err) == ST_OK;
}

/* A moment (minutes since the epoch) as a time: its local time of day, and
 * the moment itself to compare with another dated time. */
static void
set_moment(int64_t at, struct rule_val *v)
{
	time_t t = (time_t)(at * 60);
	struct tm tm;
	if (localtime_r(&t, &tm) == NULL)
		return;
	v->known = TRI_TRUE;
	v->num = tm.tm_hour * 60 + tm.tm_min;
	v->dated = true;
	v->at = at;
}

/* When an entry was made (KEY.time). */
static void
entry_moment(const char *utc, struct rule_val *v)
{
	int64_t ms;
	if (clock_parse_utc(utc, &ms))
		set_moment(ms / 60000, v);
}

/* The value of an answer of item it, as rules compare it; at is when the
 * entry was made (NULL: an answer being saved now), the day of a time typed
 * without one. */
static void
answer_value(const struct item *it, const char *value, const char *at, struct rule_val *v)
{
	int64_t m;
	v->type = rule_kind_type(it->kind);
	switch (it->kind) {
	case KIND_NUMBER:
		if (number_of(it, value, &v->num))
			v->known = TRI_TRUE;
		break;
	case KIND_TIME:
		if (entry_when_minutes(value, at, &m))
			set_moment(m, v);
		break;
	case KIND_MED:
	case KIND_ANTITHROMBOTIC: {
		char *drug = entry_kv_get(value, "drug");
		snprintf(v->name, sizeof v->name, "%s", drug ? drug : value);
		free(drug);
		v->known = TRI_TRUE;
		break;
	}
	default:
		snprintf(v->name, sizeof v->name, "%s", value);
		v->known = TRI_TRUE;
		break;
	}
}

static void
case_age(const struct case_info *c, struct rule_val *v)
{
	int by, bm, bd, sy, sm, sd;
	if (c->dob == NULL || c->scheduled_at == NULL ||
	    sscanf(c->dob, "%4d-%2d-%2d", &by, &bm, &bd) != 3 ||
	    sscanf(c->scheduled_at, "%4d-%2d-%2d", &sy, &sm, &sd) != 3)
		return;
	int age = sy - by - (sm < bm || (sm == bm && sd < bd));
	v->known = TRI_TRUE;
	v->num = age;
}

static void
set_name(struct rule_val *v, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	snprintf(v->name, sizeof v->name, "%s", s);
	v->known = TRI_TRUE;
}

void
rule_ref_value(const struct casestate *cs, int self, const char *self_value,
    const struct rule_operand *o, struct rule_val *v)
{
	const struct case_info *c = &cs->c;
	memset(v, 0, sizeof *v);
	v->known = TRI_UNKNOWN;
	v->type = rule_ref_type(cs->cl, self, o);
	switch (o->ref) {
	case REF_SELF:
		if (self_value != NULL) {
			answer_value(&cs->cl->items[self], self_value, NULL, v);
		} else if ((v->e = live_entry(&cs->items[self])) != NULL) {
			answer_value(&cs->cl->items[self], v->e->value, v->e->at, v);
		}
		break;
	case REF_ITEM:
		if ((v->e = live_entry(&cs->items[o->item])) != NULL)
			answer_value(&cs->cl->items[o->item], v->e->value, v->e->at, v);
		break;
	case REF_ITEM_TIME:
		if ((v->e = live_entry(&cs->items[o->item])) != NULL)
			entry_moment(v->e->at, v);
		break;
	case REF_CASE_SIDE:
		set_name(v, c->side);
		break;
	case REF_CASE_LEVEL:
		set_name(v, c->level);
		break;
	case REF_CASE_PROCEDURE:
		set_name(v, c->proc_key);
		break;
	case REF_CASE_REGION:
		if (c->level != NULL && *c->level) {
			int i = toupper((unsigned char)c->level[0]) == 'C' ? 0 :
			    toupper((unsigned char)c->level[0]) == 'T' ? 1 :
			    toupper((unsigned char)c->level[0]) == 'L' ? 2 : 3;
			set_name(v, rule_case_regions[i]);
		}
		break;
	case REF_CASE_AGE:
		case_age(c, v);
		break;
	case REF_RISK:
		set_name(v, cs->cl->risk);
		break;
	}
	if (v->known != TRI_TRUE)
		v->known = TRI_UNKNOWN;
	if (v->known == TRI_TRUE && v->type == RT_TIME) {
		v->num += o->offset;
		v->at += (int64_t)o->offset;
	}
}

static bool
is_level(const struct rule_operand *a, const struct rule_operand *b)
{
	return a->ref == REF_CASE_LEVEL || (b != NULL && b->what == OPD_REF &&
	    b->ref == REF_CASE_LEVEL);
}

static bool
names_equal(const char *a, const char *b, bool level)
{
	if (level) {
		char x[32], y[32];
		rule_level_norm(a, x, sizeof x);
		rule_level_norm(b, y, sizeof y);
		return strcmp(x, y) == 0;
	}
	size_t na = checklist_choice_name(a), nb = checklist_choice_name(b);
	return rule_name_matches(b, a) || rule_name_matches(a, b) ||
	    (na == nb && strncasecmp(a, b, na) == 0);
}

/* Minutes from b to a: between two dated times, the real interval; with a
 * time of day alone (a rule's "10:00"), within -12 h .. +12 h (times of day
 * wrap). */
static double
clock_diff(const struct rule_val *x, const struct rule_val *y)
{
	if (x->dated && y->dated)
		return (double)(x->at - y->at);
	long d = (long)lround(x->num - y->num);
	d = ((d % 1440) + 1440) % 1440;
	return (double)(d >= 720 ? d - 1440 : d);
}

enum tri
rule_test_eval(const struct rule_test *t, const struct casestate *cs, int self,
    const char *self_value, struct rule_val *lv, struct rule_val *rv)
{
	rule_ref_value(cs, self, self_value, &t->lhs, lv);
	memset(rv, 0, sizeof *rv);
	if (t->op == ROP_DONE || t->op == ROP_NOT_DONE) {
		bool done = live_entry(&cs->items[t->lhs.item]) != NULL;
		return (done == (t->op == ROP_DONE)) ? TRI_TRUE : TRI_FALSE;
	}
	if (lv->known != TRI_TRUE)
		return TRI_UNKNOWN;
	bool level = is_level(&t->lhs, &t->rhs);
	bool eq;
	double d;
	switch (t->rhs.what) {
	case OPD_NAMES:
		eq = false;
		for (size_t i = 0; i < t->rhs.nnames && !eq; i++)
			eq = level ? names_equal(lv->name, t->rhs.names[i], true) :
			    rule_name_matches(t->rhs.names[i], lv->name);
		return (eq == (t->op == ROP_EQ)) ? TRI_TRUE : TRI_FALSE;
	case OPD_NUMBER:
	case OPD_TIME:
		rv->known = TRI_TRUE;
		rv->type = t->rhs.what == OPD_TIME ? RT_TIME : RT_NUMBER;
		rv->num = t->rhs.num;
		break;
	case OPD_REF:
		rule_ref_value(cs, self, self_value, &t->rhs, rv);
		if (rv->known != TRI_TRUE)
			return TRI_UNKNOWN;
		break;
	}
	if (lv->type == RT_NAME) {
		eq = names_equal(lv->name, rv->name, level);
		return (eq == (t->op == ROP_EQ)) ? TRI_TRUE : TRI_FALSE;
	}
	d = lv->type == RT_TIME ? clock_diff(lv, rv) : lv->num - rv->num;
	bool r;
	switch (t->op) {
	case ROP_EQ: r = d == 0; break;
	case ROP_NE: r = d != 0; break;
	case ROP_LT: r = d < 0; break;
	case ROP_LE: r = d <= 0; break;
	case ROP_GT: r = d > 0; break;
	default: r = d >= 0; break;
	}
	return r ? TRI_TRUE : TRI_FALSE;
}

enum tri
rule_eval(const struct rule *r, const struct casestate *cs, int self, const char *self_value)
{
	bool unknown = false;
	for (size_t i = 0; i < r->n; i++) {
		struct rule_val lv, rv;
		enum tri x = rule_test_eval(&r->t[i], cs, self, self_value, &lv, &rv);
		if (x == TRI_UNKNOWN)
			unknown = true;
		else if (r->any && x == TRI_TRUE)
			return TRI_TRUE;
		else if (!r->any && x == TRI_FALSE)
			return TRI_FALSE;
	}
	return unknown ? TRI_UNKNOWN : r->any ? TRI_FALSE : TRI_TRUE;
}

bool
rule_names_site(const struct rule *r)
{
	for (size_t i = 0; r != NULL && i < r->n; i++) {
		const struct rule_test *t = &r->t[i];
		if (t->lhs.ref == REF_CASE_SIDE || t->lhs.ref == REF_CASE_LEVEL ||
		    (t->rhs.what == OPD_REF && (t->rhs.ref == REF_CASE_SIDE ||
		    t->rhs.ref == REF_CASE_LEVEL)))
			return true;
	}
	return false;
}

bool
rule_stop_answer(const struct item *it, const char *value)
{
	double v;
	if (value == NULL)
		return false;
	if (it->kind == KIND_CHOICE && it->choice_stop != NULL) {
		for (size_t i = 0; i < it->nchoices; i++)
			if (it->choice_stop[i] && strcmp(it->choices[i], value) == 0)
				return true;
		return false;
	}
	if (it->kind == KIND_NUMBER && (it->has_stop_low || it->has_stop_high) &&
	    number_of(it, value, &v))
		return (it->has_stop_low && v < it->stop_low) ||
		    (it->has_stop_high && v > it->stop_high);
	return false;
}
