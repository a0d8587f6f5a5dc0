/*
 * rule_int: what the three parts of the rule module (rule.c parses,
 * rule_eval.c evaluates, rule_words.c words) share.  Not for other modules.
 */
#ifndef SPINELOG_RULE_INT_H
#define SPINELOG_RULE_INT_H

#include "rule.h"

struct cs_event;

/* A value a test compares: known or not, as a name, a number or a time of
 * day, and the entry it came from (for the words). */
struct rule_val {
	enum tri known;
	enum rule_type type;
	char name[128];		/* RT_NAME: the answer */
	double num;		/* RT_NUMBER; RT_TIME: minutes after midnight */
	const struct cs_event *e;	/* the entry it came from, for the words */
};

extern const char *const rule_case_regions[4];

/* What a reference is compared as, and the item it is about (or NULL). */
enum rule_type rule_kind_type(enum item_kind k);
enum rule_type rule_ref_type(const struct checklist *cl, int self, const struct rule_operand *o);
const struct item *rule_ref_item(const struct checklist *cl, int self,
    const struct rule_operand *o);
/* "HH:MM" at p as minutes after midnight; *end after it (may be NULL). */
bool rule_clock_parse(const char *p, int *minutes, const char **end);
/* A spinal level in one spelling: upper case, "L4-5" as "L4-L5". */
void rule_level_norm(const char *s, char *out, size_t size);

/* The value of a reference for item self (self_value: the answer checked). */
void rule_ref_value(const struct casestate *cs, int self, const char *self_value,
    const struct rule_operand *o, struct rule_val *v);
/* One test, with the values it compared. */
enum tri rule_test_eval(const struct rule_test *t, const struct casestate *cs, int self,
    const char *self_value, struct rule_val *lv, struct rule_val *rv);

#endif
