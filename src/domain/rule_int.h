/*
 * rule_int: what the four parts of the rule module (rule.c parses tests and
 * their connectives, rule_operand.c the references and operands,
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
	bool dated;		/* RT_TIME on a known day: */
	int64_t at;		/* minutes since the epoch */
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

/* A rule being parsed: where in the text, against which checklist and
 * item, and the first failure's words (msg). */
struct rule_parser {
	const char *p;
	const struct checklist *cl;
	int self;
	bool is_must;
	char *msg;
	size_t msgsize;
	bool bad;
};

/* The parser's helpers (rule.c).  rule_fail keeps the first failure only. */
void rule_fail(struct rule_parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *rule_skip_sp(const char *p);
/* Does a name end at p: the end, a '|', or " and " / " or " ahead? */
bool rule_boundary(const char *p);
/* The text of the next name (up to a boundary), for messages; caller frees. */
char *rule_next_word(const char *p);

/* A reference at ps->p (rule_operand.c).  false (ps untouched) when the
 * token is not one; complain reports an unknown key instead. */
bool rule_operand_ref(struct rule_parser *ps, struct rule_operand *o, bool complain);
/* Check where a referenced item may be: a when names items above it. */
void rule_operand_place(struct rule_parser *ps, const struct rule_operand *o);
/* The right side of "lhs op ...". */
void rule_operand_parse(struct rule_parser *ps, const struct rule_operand *lhs, enum rule_op op,
    struct rule_operand *o);

/* The value of a reference for item self (self_value: the answer checked). */
void rule_ref_value(const struct casestate *cs, int self, const char *self_value,
    const struct rule_operand *o, struct rule_val *v);
/* One test, with the values it compared. */
enum tri rule_test_eval(const struct rule_test *t, const struct casestate *cs, int self,
    const char *self_value, struct rule_val *lv, struct rule_val *rv);

#endif
