/*
 * rule: the small condition language of checklist files, for the columns
 * `when` (the item applies only while the rule holds) and `must` (a
 * cross-check of the item's answer against the case or another item); see
 * spinelog-checklist(5), RULES.
 *
 *   rule    := test { " and " test }  |  test { " or " test }
 *   test    := ref " done" | ref " not done" | ref op operand
 *            | op operand                         (must only: the item's own answer)
 *   ref     := KEY | KEY.time | case.side | case.level | case.procedure
 *            | case.region | case.age | risk
 *   op      := "=" | "!=" | "<" | "<=" | ">" | ">="
 *   operand := names | number | HH:MM | ref [ ("+" | "-") duration ]
 *   names   := name { "|" name }        duration := N "m" | N "h"
 *
 * A rule is parsed once, when its checklist is read, against the items of
 * that checklist (a name must be a choice of the item it is compared with;
 * "MAC or general" is one name because it is one of the choices, longest
 * first).  It is evaluated against a case's state with three values: a test
 * on an answer not yet given is unknown, "x and unknown" is false only when x
 * is, "x or unknown" true only when x is.  And it is put into words for
 * `checklists show`, the screens and the report.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_RULE_H
#define SPINELOG_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"
#include "util.h"

struct casestate;	/* casestate.h */

enum rule_ref {
	REF_SELF,		/* must: the item's own answer */
	REF_ITEM,		/* KEY: another item's answer */
	REF_ITEM_TIME,		/* KEY.time: when its entry in force was made (local time) */
	REF_CASE_SIDE,		/* left, right, bilateral, midline, n/a */
	REF_CASE_LEVEL,		/* S1, L4-L5 (L4-5 compares equal) */
	REF_CASE_PROCEDURE,	/* the checklist key */
	REF_CASE_REGION,	/* cervical, thoracic, lumbar, sacral: from the level */
	REF_CASE_AGE,		/* whole years on the scheduled day */
	REF_RISK,		/* the checklist's bleeding-risk class */
};

enum rule_op { ROP_EQ, ROP_NE, ROP_LT, ROP_LE, ROP_GT, ROP_GE, ROP_DONE, ROP_NOT_DONE };

/* What a value is compared as. */
enum rule_type { RT_NONE, RT_NAME, RT_NUMBER, RT_TIME };

struct rule_operand {
	enum { OPD_REF, OPD_NAMES, OPD_NUMBER, OPD_TIME } what;
	enum rule_ref ref;
	int item;		/* REF_ITEM, REF_ITEM_TIME: index in the checklist's items */
	char **names;		/* OPD_NAMES */
	size_t nnames;
	double num;		/* OPD_NUMBER; OPD_TIME in minutes after midnight */
	int offset;		/* minutes added to a time reference ("+ 60m") */
};

struct rule_test {
	struct rule_operand lhs;	/* always OPD_REF */
	enum rule_op op;
	struct rule_operand rhs;	/* unused for done / not done */
};

struct rule {
	bool any;		/* joined by "or" (else "and") */
	struct rule_test *t;
	size_t n;
};

/* Three-valued truth. */
enum tri { TRI_FALSE, TRI_TRUE, TRI_UNKNOWN };

/*
 * Parse text as the `when` (is_must false) or `must` rule of item self of
 * cl.  A `when` may name only items before self (so applicability reads top
 * down and cannot loop); a `must` may name any other item, and its tests may
 * start with an operator to compare the item's own answer.  On error returns
 * NULL and a message (what is wrong and what to write) in msg.
 */
struct rule *rule_parse(const char *text, const struct checklist *cl, int self, bool is_must,
    char *msg, size_t msgsize);
void rule_free(struct rule *r);

/* Evaluate r for item self of the case.  self_value is the answer to check
 * for a must (NULL: the item's entry in force). */
enum tri rule_eval(const struct rule *r, const struct casestate *cs, int self,
    const char *self_value);

/* The rule in words, without a lead: for a when "Sedation plan is not local
 * only"; for a must "equal the case's side", "be at or after Bed rest start
 * + 60 min", or a condition as for a when. */
void rule_words(const struct rule *r, const struct checklist *cl, int self, struct buf *out);

/*
 * Why r does not hold for the case, in words with the answers given: for a
 * when "Sedation plan is local only"; for a must "Side LEFT does not match
 * the case side RIGHT".  With detail, each answer is followed by its local
 * time and staff code: "Sedation plan is local only, 08:55 QA".
 */
void rule_why_not(const struct rule *r, const struct casestate *cs, int self,
    const char *self_value, bool detail, struct buf *out);

/* Whether r compares something with the case's side or level (a wrong-site
 * check: the message asks to re-verify with the patient, consent and mark). */
bool rule_names_site(const struct rule *r);

/* Whether answer value (as stored) of item it is a stop answer: an option
 * marked '!' in choices, or a number beyond a '!' limit in low or high. */
bool rule_stop_answer(const struct item *it, const char *value);

/* The short name of a choice answer as rules match it ("mismatch"). */
bool rule_name_matches(const char *name, const char *answer);

#endif
