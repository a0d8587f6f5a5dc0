/*
 * rule: parsing the `when` and `must` rules of checklist items (rule.h; the
 * grammar is in spinelog-checklist(5)).  Names are read against the choices
 * of the item they are compared with, longest first, so a choice such as
 * "MAC or general" needs no quoting although "or" joins tests.  Evaluating
 * is rule_eval.c, the words rule_words.c.
 */
#include "rule.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "entry.h"
#include "num.h"
#include "rule_int.h"

static const char *const case_sides[] = {"left", "right", "bilateral", "midline", "n/a"};
const char *const rule_case_regions[4] = {"cervical", "thoracic", "lumbar", "sacral"};
static const char *const risks[] = {"low", "intermediate", "high"};

static const struct {
	const char *word;
	enum rule_ref ref;
} case_refs[] = {
	{"case.side", REF_CASE_SIDE}, {"case.level", REF_CASE_LEVEL},
	{"case.procedure", REF_CASE_PROCEDURE}, {"case.region", REF_CASE_REGION},
	{"case.age", REF_CASE_AGE}, {"risk", REF_RISK},
};

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

struct parser {
	const char *p;
	const struct checklist *cl;
	int self;
	bool is_must;
	char *msg;
	size_t msgsize;
	bool bad;
};

static void fail(struct parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fail(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	if (ps->bad)
		return;
	ps->bad = true;
	va_start(ap, fmt);
	vsnprintf(ps->msg, ps->msgsize, fmt, ap);
	va_end(ap);
}

static const char *
skip_sp(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* Does a name end at p: the end, a '|', or " and " / " or " ahead? */
static bool
boundary(const char *p)
{
	const char *q = skip_sp(p);
	if (*q == '\0' || *q == '|')
		return true;
	return q > p && (strncmp(q, "and ", 4) == 0 || strncmp(q, "or ", 3) == 0);
}

/* The text of the next name (up to a boundary), for messages. */
static char *
next_word(const char *p)
{
	const char *q = p;
	while (*q && !boundary(q))
		q++;
	return xstrndup(p, (size_t)(q - p));
}

enum rule_type
rule_kind_type(enum item_kind k)
{
	switch (k) {
	case KIND_NUMBER:
		return RT_NUMBER;
	case KIND_TIME:
		return RT_TIME;
	case KIND_CHOICE:
	case KIND_TEXT:
	case KIND_MED:
	case KIND_ANTITHROMBOTIC:
		return RT_NAME;
	default:
		return RT_NONE;
	}
}

enum rule_type
rule_ref_type(const struct checklist *cl, int self, const struct rule_operand *o)
{
	switch (o->ref) {
	case REF_SELF:
		return rule_kind_type(cl->items[self].kind);
	case REF_ITEM:
		return rule_kind_type(cl->items[o->item].kind);
	case REF_ITEM_TIME:
		return RT_TIME;
	case REF_CASE_AGE:
		return RT_NUMBER;
	default:
		return RT_NAME;
	}
}

/* The item a reference is about, or NULL. */
const struct item *
rule_ref_item(const struct checklist *cl, int self, const struct rule_operand *o)
{
	if (o->ref == REF_SELF)
		return &cl->items[self];
	if (o->ref == REF_ITEM || o->ref == REF_ITEM_TIME)
		return &cl->items[o->item];
	return NULL;
}

/* A reference at p ([a-z0-9_.]+ then a boundary, an operator or an offset).
 * Returns false (and leaves ps untouched) when the token is not one;
 * complain reports an unknown key instead. */
static bool
parse_ref(struct parser *ps, struct rule_operand *o, bool complain)
{
	const char *p = ps->p;
	size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_.");
	if (n == 0 || n > CL_MAX_KEY + 5) {
		if (complain) {
			char *w = next_word(p);
			fail(ps, "'%s' is not an item key, case.side, case.level, case.procedure, "
			    "case.region, case.age or risk", w);
			free(w);
		}
		return false;
	}
	char *tok = xstrndup(p, n);
	memset(o, 0, sizeof *o);
	o->what = OPD_REF;
	bool found = false;
	for (size_t i = 0; i < ARRAY_SIZE(case_refs) && !found; i++) {
		if (strcmp(tok, case_refs[i].word) == 0) {
			o->ref = case_refs[i].ref;
			found = true;
		}
	}
	if (!found) {
		size_t len = n;
		o->ref = REF_ITEM;
		if (n > 5 && strcmp(tok + n - 5, ".time") == 0) {
			len = n - 5;
			o->ref = REF_ITEM_TIME;
		}
		tok[len] = '\0';
		o->item = strchr(tok, '.') ? -1 : checklist_index(ps->cl, tok);
		found = o->item >= 0;
		if (!found && complain) {
			if (strncmp(tok, "case.", 5) == 0)
				fail(ps, "unknown '%s': the case gives case.side, case.level, "
				    "case.procedure, case.region and case.age", tok);
			else
				fail(ps, "unknown item '%s': no item of this checklist has that key",
				    tok);
		}
	}
	free(tok);
	if (found)
		ps->p = p + n;
	return found;
}

/* Check where a referenced item may be: a when names items above it. */
static void
ref_place(struct parser *ps, const struct rule_operand *o)
{
	if (o->what != OPD_REF || (o->ref != REF_ITEM && o->ref != REF_ITEM_TIME))
		return;
	const struct item *it = &ps->cl->items[o->item];
	if (o->item == ps->self && ps->is_must && o->ref == REF_ITEM_TIME)
		return;		/* a must may compare when its own entry was made */
	if (o->item == ps->self)
		fail(ps, ps->is_must ? "a must compares the item's own answer by starting with "
		    "an operator, e.g. '= case.side', not by naming '%s'" :
		    "the when of '%s' names the item itself", it->key);
	else if (!ps->is_must && o->item > ps->self)
		fail(ps, "'%s' comes later in the file (line %d): a when may only name items "
		    "above it", it->key, it->line);
}

static bool
parse_op(struct parser *ps, enum rule_op *op)
{
	static const struct {
		const char *s;
		enum rule_op op;
	} ops[] = {
		{"!=", ROP_NE}, {"<=", ROP_LE}, {">=", ROP_GE}, {"=", ROP_EQ}, {"<", ROP_LT},
		{">", ROP_GT},
	};
	const char *p = skip_sp(ps->p);
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		size_t n = strlen(ops[i].s);
		if (strncmp(p, ops[i].s, n) == 0) {
			*op = ops[i].op;
			ps->p = skip_sp(p + n);
			return true;
		}
	}
	return false;
}

static void
names_add(struct rule_operand *o, const char *s, size_t n)
{
	o->names = xreallocarray(o->names, o->nnames + 1, sizeof *o->names);
	o->names[o->nnames++] = xstrndup(s, n);
}

/* The names a reference can be compared with, or 0 when any text goes. */
static size_t
known_names(const struct parser *ps, const struct rule_operand *lhs, const char *const **fixed,
    const struct item **choice_item)
{
	*fixed = NULL;
	*choice_item = NULL;
	switch (lhs->ref) {
	case REF_CASE_SIDE:
		*fixed = case_sides;
		return ARRAY_SIZE(case_sides);
	case REF_CASE_REGION:
		*fixed = rule_case_regions;
		return ARRAY_SIZE(rule_case_regions);
	case REF_RISK:
		*fixed = risks;
		return ARRAY_SIZE(risks);
	case REF_SELF:
	case REF_ITEM: {
		const struct item *it = rule_ref_item(ps->cl, ps->self, lhs);
		if (it->kind != KIND_CHOICE)
			return 0;
		*choice_item = it;
		return it->nchoices;
	}
	default:
		return 0;
	}
}

/* The longest known name at p that ends at a boundary: its length. */
static size_t
match_name(const char *p, const char *const *fixed, const struct item *it, size_t n,
    const char **canon, size_t *canon_len)
{
	size_t best = 0;
	for (size_t i = 0; i < n; i++) {
		const char *cand = fixed ? fixed[i] : it->choices[i];
		const size_t lens[2] = {strlen(cand), checklist_choice_name(cand)};
		for (int k = 0; k < 2; k++) {
			size_t len = lens[k];
			if (len > best && strncasecmp(p, cand, len) == 0 && boundary(p + len)) {
				best = len;
				*canon = cand;
				*canon_len = len;
			}
		}
	}
	return best;
}

static void
list_names(struct buf *b, const char *const *fixed, const struct item *it, size_t n)
{
	for (size_t i = 0; i < n && b->len < 300; i++) {
		const char *c = fixed ? fixed[i] : it->choices[i];
		buf_printf(b, "%s%.*s", i ? ", " : "", (int)checklist_choice_name(c), c);
	}
}

/* names := name { "|" name } for a reference lhs. */
static void
parse_names(struct parser *ps, const struct rule_operand *lhs, struct rule_operand *o)
{
	const char *const *fixed;
	const struct item *it;
	size_t n = known_names(ps, lhs, &fixed, &it);

	memset(o, 0, sizeof *o);
	o->what = OPD_NAMES;
	for (;;) {
		const char *p = skip_sp(ps->p);
		if (n > 0) {
			const char *canon = NULL;
			size_t clen = 0, len = match_name(p, fixed, it, n, &canon, &clen);
			if (len == 0) {
				struct buf b = {0};
				char *w = next_word(p);
				list_names(&b, fixed, it, n);
				if (*w == '\0')
					fail(ps, "a name is missing after the operator: write one of %s",
					    b.data);
				else if (it != NULL)
					fail(ps, "'%s' is not a choice of %s (%s)", w, it->key, b.data);
				else
					fail(ps, "'%s' is not one of %s", w, b.data);
				free(w);
				buf_free(&b);
				return;
			}
			names_add(o, canon, clen);
			p += len;
		} else {
			const char *q = p;
			while (*q && !boundary(q))
				q++;
			const char *z = q;
			while (z > p && z[-1] == ' ')
				z--;
			if (z == p) {
				fail(ps, "a name is missing: write e.g. '%s = yes'",
				    lhs->ref == REF_SELF ? "" : "KEY");
				return;
			}
			names_add(o, p, (size_t)(z - p));
			if (lhs->ref == REF_CASE_LEVEL) {
				struct err err = {0};
				char norm[32], level[ENTRY_LEVEL_LEN];
				if (entry_level(o->names[o->nnames - 1], level, &err) != ST_OK) {
					fail(ps, "%s", err.msg);
					return;
				}
				rule_level_norm(o->names[o->nnames - 1], norm, sizeof norm);
				free(o->names[o->nnames - 1]);
				o->names[o->nnames - 1] = xstrdup(norm);
			}
			p = q;
		}
		p = skip_sp(p);
		if (*p != '|') {
			ps->p = p;
			return;
		}
		ps->p = p + 1;
	}
}

/* A number: optional '-', digits, optional fraction. */
static bool
parse_number(struct parser *ps, double *v)
{
	const char *p = ps->p, *q = p;
	if (*q == '-')
		q++;
	size_t d = strspn(q, "0123456789");
	if (d == 0)
		return false;
	q += d;
	if (*q == '.') {
		size_t f = strspn(q + 1, "0123456789");
		if (f == 0)
			return false;
		q += 1 + f;
	}
	if (!boundary(q) || q - p > 20)
		return false;
	*v = num_strtod(p, NULL);
	ps->p = q;
	return isfinite(*v);
}

/* HH:MM as minutes after midnight. */
bool
rule_clock_parse(const char *p, int *minutes, const char **end)
{
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2] != ':' ||
	    !isdigit((unsigned char)p[3]) || !isdigit((unsigned char)p[4]))
		return false;
	int h = (p[0] - '0') * 10 + (p[1] - '0'), m = (p[3] - '0') * 10 + (p[4] - '0');
	if (h > 23 || m > 59)
		return false;
	*minutes = h * 60 + m;
	if (end != NULL)
		*end = p + 5;
	return true;
}

/* " + 60m", " - 2h" after a time reference. */
static void
parse_offset(struct parser *ps, struct rule_operand *o)
{
	const char *p = skip_sp(ps->p);
	if (*p != '+' && *p != '-')
		return;
	int sign = *p == '-' ? -1 : 1;
	p = skip_sp(p + 1);
	size_t d = strspn(p, "0123456789");
	long n = d > 0 && d < 5 ? strtol(p, NULL, 10) : -1;
	char unit = d > 0 ? p[d] : '\0';
	if (n < 0 || (unit != 'm' && unit != 'h') || !boundary(p + d + 1)) {
		char *w = next_word(p);
		fail(ps, "'%s' is not a duration: write minutes or hours, e.g. 60m or 2h", w);
		free(w);
		return;
	}
	if (unit == 'h')
		n *= 60;
	if (n > 720) {
		fail(ps, "a duration of %ld minutes is too long: times of day compare within "
		    "12 hours", n);
		return;
	}
	o->offset = sign * (int)n;
	ps->p = p + d + 1;
}

static const char *
type_word(enum rule_type t)
{
	return t == RT_NUMBER ? "a number" : t == RT_TIME ? "a time of day" : "a name";
}

/* The right side of "lhs op ...". */
static void
parse_operand(struct parser *ps, const struct rule_operand *lhs, enum rule_op op,
    struct rule_operand *o)
{
	enum rule_type lt = rule_ref_type(ps->cl, ps->self, lhs);
	const struct item *li = rule_ref_item(ps->cl, ps->self, lhs);
	const char *p = ps->p;

	memset(o, 0, sizeof *o);
	if (lt == RT_NONE) {
		fail(ps, "%s is a %s item, which has no value to compare: write '%s done' or "
		    "'%s not done'", li->key, kind_name(li->kind), li->key, li->key);
		return;
	}
	if (lt == RT_NAME && op != ROP_EQ && op != ROP_NE) {
		fail(ps, "<, <=, > and >= compare numbers and times; %s is compared by name "
		    "with = or !=", li ? li->key : "this");
		return;
	}
	if (lt == RT_NAME) {
		const char *const *fixed;
		const struct item *it;
		size_t nknown = known_names(ps, lhs, &fixed, &it);
		const char *canon;
		size_t clen;
		/* A name of the item first; a reference where no name fits. */
		if (nknown > 0 && match_name(skip_sp(p), fixed, it, nknown, &canon, &clen) > 0) {
			parse_names(ps, lhs, o);
			return;
		}
		struct parser save = *ps;
		if (parse_ref(ps, o, false) && boundary(ps->p)) {
			if (rule_ref_type(ps->cl, ps->self, o) != RT_NAME) {
				fail(ps, "cannot compare %s with %s", type_word(RT_NAME),
				    type_word(rule_ref_type(ps->cl, ps->self, o)));
				return;
			}
			ref_place(ps, o);
			return;
		}
		*ps = save;
		if (strncmp(skip_sp(p), "case.", 5) == 0) {
			ps->p = skip_sp(p);
			parse_ref(ps, o, true);	/* a misspelt case reference */
			return;
		}
		parse_names(ps, lhs, o);
		return;
	}
	/* A number or a time of day: a literal or a reference. */
	double v;
	int mins;
	const char *end;
	if (lt == RT_NUMBER && parse_number(ps, &v)) {
		o->what = OPD_NUMBER;
		o->num = v;
		return;
	}
	if (lt == RT_TIME && rule_clock_parse(p, &mins, &end) && boundary(end)) {
		o->what = OPD_TIME;
		o->num = mins;
		ps->p = end;
		return;
	}
	if (!parse_ref(ps, o, false)) {
		char *w = next_word(p);
		fail(ps, "'%s' is not %s%s", w, type_word(lt), lt == RT_TIME ? " (HH:MM) or a "
		    "time reference such as timeout.time" : " or a number item's key");
		free(w);
		return;
	}
	if (rule_ref_type(ps->cl, ps->self, o) != lt) {
		fail(ps, "cannot compare %s with %s", type_word(lt),
		    type_word(rule_ref_type(ps->cl, ps->self, o)));
		return;
	}
	ref_place(ps, o);
	if (lt == RT_TIME)
		parse_offset(ps, o);
}

static void
operand_clear(struct rule_operand *o)
{
	for (size_t i = 0; i < o->nnames; i++)
		free(o->names[i]);
	free(o->names);
}

static void
parse_test(struct parser *ps, struct rule_test *t)
{
	memset(t, 0, sizeof *t);
	ps->p = skip_sp(ps->p);
	t->lhs.what = OPD_REF;
	if (*ps->p != '\0' && strchr("=!<>", *ps->p) != NULL) {
		if (!ps->is_must) {
			fail(ps, "a when starts with an item key, e.g. 'sedation_plan != local only'");
			return;
		}
		t->lhs.ref = REF_SELF;
		t->lhs.item = ps->self;
	} else if (*ps->p == '\0') {
		fail(ps, "a test is missing: write e.g. 'KEY = name' or 'KEY done'");
		return;
	} else if (!parse_ref(ps, &t->lhs, true)) {
		return;
	} else {
		ref_place(ps, &t->lhs);
		if (ps->bad)
			return;
		const char *p = skip_sp(ps->p);
		bool is_item = t->lhs.ref == REF_ITEM;
		if (strncmp(p, "not done", 8) == 0 && boundary(p + 8)) {
			t->op = ROP_NOT_DONE;
			ps->p = p + 8;
		} else if (strncmp(p, "done", 4) == 0 && boundary(p + 4)) {
			t->op = ROP_DONE;
			ps->p = p + 4;
		}
		if (t->op == ROP_DONE || t->op == ROP_NOT_DONE) {
			if (!is_item)
				fail(ps, "'done' and 'not done' are said of an item key, not of a "
				    "time or the case");
			return;
		}
	}
	if (!parse_op(ps, &t->op)) {
		char *w = next_word(skip_sp(ps->p));
		fail(ps, "an operator is missing before '%s': use =, !=, <, <=, >, >=, done or "
		    "not done", w);
		free(w);
		return;
	}
	parse_operand(ps, &t->lhs, t->op, &t->rhs);
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
	struct parser ps = {.p = text, .cl = cl, .self = self, .is_must = is_must, .msg = msg,
	    .msgsize = msgsize};
	struct rule *r = xcalloc(1, sizeof *r);
	int conn = 0;	/* 0 none yet, 1 and, 2 or */

	for (;;) {
		r->t = xreallocarray(r->t, r->n + 1, sizeof *r->t);
		parse_test(&ps, &r->t[r->n++]);
		if (ps.bad)
			break;
		const char *p = skip_sp(ps.p);
		if (*p == '\0')
			break;
		bool spaced = p > text && p[-1] == ' ';
		int c = spaced && strncmp(p, "and ", 4) == 0 ? 1 :
		    spaced && strncmp(p, "or ", 3) == 0 ? 2 : 0;
		if (c == 0) {
			char *w = next_word(p);
			fail(&ps, "unexpected '%s': join tests with ' and ' or ' or '", w);
			free(w);
			break;
		}
		if (conn != 0 && c != conn) {
			fail(&ps, "a rule joins its tests with 'and' or with 'or', not both (there "
			    "are no brackets): split it, or use | between names");
			break;
		}
		conn = c;
		ps.p = p + (c == 1 ? 4 : 3);
		if (r->n >= 16) {
			fail(&ps, "more than 16 tests in one rule");
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

