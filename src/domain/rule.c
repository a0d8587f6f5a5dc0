/*
 * rule: parsing the `when` and `must` rules of checklist items (rule.h; the
 * grammar is in spinelog-checklist(5)).  This part reads a rule as tests
 * joined by " and " or " or ", and each test as a reference with done / not
 * done or an operator; the references and what they are compared with are
 * rule_operand.c.  Names are read against the choices of the item they are
 * compared with, longest first, so a choice such as "MAC or general" needs
 * no quoting although "or" joins tests.  Evaluating is rule_eval.c, the
 * words rule_words.c.
 */
#include "rule.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rule_int.h"

/* --- names ------------------------------------------------------------------ */

bool
rule_name_matches(const char *name, const char *answer)
{
	size_t n = strlen(name);
	if (strcasecmp(name, answer) == 0)
		return true;
	return checklist_choice_name(answer) == n && strncasecmp(name, answer, n) == 0;
}

/* A spinal level in one spelling: upper case, "L4-5" as "L4-L5". */
void
rule_level_norm(const char *s, char *out, size_t size)
{
	size_t n = 0;
	for (; *s && n + 1 < size; s++)
		if (*s != ' ')
			out[n++] = (char)toupper((unsigned char)*s);
	out[n] = '\0';
	char *dash = strchr(out, '-');
	if (dash != NULL && isdigit((unsigned char)dash[1]) && isalpha((unsigned char)out[0]) &&
	    n + 2 < size) {
		memmove(dash + 2, dash + 1, strlen(dash + 1) + 1);
		dash[1] = out[0];
	}
}

/* --- parsing ------------------------------------------------------------------ */

void
rule_fail(struct rule_parser *ps, const char *fmt, ...)
{
	va_list ap;
	if (ps->bad)
		return;
	ps->bad = true;
	va_start(ap, fmt);
	vsnprintf(ps->msg, ps->msgsize, fmt, ap);
	va_end(ap);
}

const char *
rule_skip_sp(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* Does a name end at p: the end, a '|', or " and " / " or " ahead? */
bool
rule_boundary(const char *p)
{
	const char *q = rule_skip_sp(p);
	if (*q == '\0' || *q == '|')
		return true;
	return q > p && (strncmp(q, "and ", 4) == 0 || strncmp(q, "or ", 3) == 0);
}

/* The text of the next name (up to a boundary), for messages. */
char *
rule_next_word(const char *p)
{
	const char *q = p;
	while (*q && !rule_boundary(q))
		q++;
	return xstrndup(p, (size_t)(q - p));
}

static bool
parse_op(struct rule_parser *ps, enum rule_op *op)
{
	static const struct {
		const char *s;
		enum rule_op op;
	} ops[] = {
		{"!=", ROP_NE}, {"<=", ROP_LE}, {">=", ROP_GE}, {"=", ROP_EQ}, {"<", ROP_LT},
		{">", ROP_GT},
	};
	const char *p = rule_skip_sp(ps->p);
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		size_t n = strlen(ops[i].s);
		if (strncmp(p, ops[i].s, n) == 0) {
			*op = ops[i].op;
			ps->p = rule_skip_sp(p + n);
			return true;
		}
	}
	return false;
}

static void
operand_clear(struct rule_operand *o)
{
	for (size_t i = 0; i < o->nnames; i++)
		free(o->names[i]);
	free(o->names);
}

static void
parse_test(struct rule_parser *ps, struct rule_test *t)
{
	memset(t, 0, sizeof *t);
	ps->p = rule_skip_sp(ps->p);
	t->lhs.what = OPD_REF;
	if (*ps->p != '\0' && strchr("=!<>", *ps->p) != NULL) {
		if (!ps->is_must) {
			rule_fail(ps, "a when starts with an item key, e.g. 'sedation_plan != "
			    "local only'");
			return;
		}
		t->lhs.ref = REF_SELF;
		t->lhs.item = ps->self;
	} else if (*ps->p == '\0') {
		rule_fail(ps, "a test is missing: write e.g. 'KEY = name' or 'KEY done'");
		return;
	} else if (!rule_operand_ref(ps, &t->lhs, true)) {
		return;
	} else {
		rule_operand_place(ps, &t->lhs);
		if (ps->bad)
			return;
		const char *p = rule_skip_sp(ps->p);
		bool is_item = t->lhs.ref == REF_ITEM;
		if (strncmp(p, "not done", 8) == 0 && rule_boundary(p + 8)) {
			t->op = ROP_NOT_DONE;
			ps->p = p + 8;
		} else if (strncmp(p, "done", 4) == 0 && rule_boundary(p + 4)) {
			t->op = ROP_DONE;
			ps->p = p + 4;
		}
		if (t->op == ROP_DONE || t->op == ROP_NOT_DONE) {
			if (!is_item)
				rule_fail(ps, "'done' and 'not done' are said of an item key, not "
				    "of a time or the case");
			return;
		}
	}
	if (!parse_op(ps, &t->op)) {
		char *w = rule_next_word(rule_skip_sp(ps->p));
		rule_fail(ps, "an operator is missing before '%s': use =, !=, <, <=, >, >=, done "
		    "or not done", w);
		free(w);
		return;
	}
	rule_operand_parse(ps, &t->lhs, t->op, &t->rhs);
}

void
rule_free(struct rule *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		operand_clear(&r->t[i].lhs);
		operand_clear(&r->t[i].rhs);
	}
	free(r->t);
	free(r);
}

struct rule *
rule_parse(const char *text, const struct checklist *cl, int self, bool is_must, char *msg,
    size_t msgsize)
{
	struct rule_parser ps = {.p = text, .cl = cl, .self = self, .is_must = is_must, .msg = msg,
	    .msgsize = msgsize};
	struct rule *r = xcalloc(1, sizeof *r);
	int conn = 0;	/* 0 none yet, 1 and, 2 or */

	for (;;) {
		r->t = xreallocarray(r->t, r->n + 1, sizeof *r->t);
		parse_test(&ps, &r->t[r->n++]);
		if (ps.bad)
			break;
		const char *p = rule_skip_sp(ps.p);
		if (*p == '\0')
			break;
		bool spaced = p > text && p[-1] == ' ';
		int c = spaced && strncmp(p, "and ", 4) == 0 ? 1 :
		    spaced && strncmp(p, "or ", 3) == 0 ? 2 : 0;
		if (c == 0) {
			char *w = rule_next_word(p);
			rule_fail(&ps, "unexpected '%s': join tests with ' and ' or ' or '", w);
			free(w);
			break;
		}
		if (conn != 0 && c != conn) {
			rule_fail(&ps, "a rule joins its tests with 'and' or with 'or', not both "
			    "(there are no brackets): split it, or use | between names");
			break;
		}
		conn = c;
		ps.p = p + (c == 1 ? 4 : 3);
		if (r->n >= 16) {
			rule_fail(&ps, "more than 16 tests in one rule");
			break;
		}
	}
	if (ps.bad) {
		rule_free(r);
		return NULL;
	}
	r->any = conn == 2;
	return r;
}

