/*
 * rule_operand: the references and operands of the rule grammar (rule.h):
 * an item key, KEY.time or a case reference; the names, number, time of day
 * or reference a test compares it with, and the duration after a time
 * reference.  rule.c parses the tests and the connectives around them and
 * calls in here for each side of a comparison (rule_int.h).
 */
#include "rule.h"

#include <ctype.h>
#include <math.h>
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
bool
rule_operand_ref(struct rule_parser *ps, struct rule_operand *o, bool complain)
{
	const char *p = ps->p;
	size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_.");
	if (n == 0 || n > CL_MAX_KEY + 5) {
		if (complain) {
			char *w = rule_next_word(p);
			rule_fail(ps, "'%s' is not an item key, case.side, case.level, "
			    "case.procedure, case.region, case.age or risk", w);
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
				rule_fail(ps, "unknown '%s': the case gives case.side, case.level, "
				    "case.procedure, case.region and case.age", tok);
			else
				rule_fail(ps, "unknown item '%s': no item of this checklist has "
				    "that key", tok);
		}
	}
	free(tok);
	if (found)
		ps->p = p + n;
	return found;
}

/* Check where a referenced item may be: a when names items above it. */
void
rule_operand_place(struct rule_parser *ps, const struct rule_operand *o)
{
	if (o->what != OPD_REF || (o->ref != REF_ITEM && o->ref != REF_ITEM_TIME))
		return;
	const struct item *it = &ps->cl->items[o->item];
	if (o->item == ps->self && ps->is_must && o->ref == REF_ITEM_TIME)
		return;		/* a must may compare when its own entry was made */
	if (o->item == ps->self)
		rule_fail(ps, ps->is_must ? "a must compares the item's own answer by starting "
		    "with an operator, e.g. '= case.side', not by naming '%s'" :
		    "the when of '%s' names the item itself", it->key);
	else if (!ps->is_must && o->item > ps->self)
		rule_fail(ps, "'%s' comes later in the file (line %d): a when may only name items "
		    "above it", it->key, it->line);
}

static void
names_add(struct rule_operand *o, const char *s, size_t n)
{
	o->names = xreallocarray(o->names, o->nnames + 1, sizeof *o->names);
	o->names[o->nnames++] = xstrndup(s, n);
}

/* The names a reference can be compared with, or 0 when any text goes. */
static size_t
known_names(const struct rule_parser *ps, const struct rule_operand *lhs, const char *const **fixed,
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
			if (len > best && strncasecmp(p, cand, len) == 0 &&
			    rule_boundary(p + len)) {
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

/* One of the n known names at p (fixed, or the choices of it), longest
 * first, added to o: its length, or 0 after a failure. */
static size_t
known_name(struct rule_parser *ps, const char *p, const char *const *fixed,
    const struct item *it, size_t n, struct rule_operand *o)
{
	const char *canon = NULL;
	size_t clen = 0, len = match_name(p, fixed, it, n, &canon, &clen);
	if (len == 0) {
		struct buf b = {0};
		char *w = rule_next_word(p);
		list_names(&b, fixed, it, n);
		if (*w == '\0')
			rule_fail(ps, "a name is missing after the operator: write one of %s",
			    b.data);
		else if (it != NULL)
			rule_fail(ps, "'%s' is not a choice of %s (%s)", w, it->key, b.data);
		else
			rule_fail(ps, "'%s' is not one of %s", w, b.data);
		free(w);
		buf_free(&b);
		return 0;
	}
	names_add(o, canon, clen);
	return len;
}

/* A name of free text at p, up to a boundary, added to o (a case level in
 * its one spelling): where it ends, or NULL after a failure. */
static const char *
free_name(struct rule_parser *ps, const struct rule_operand *lhs, const char *p,
    struct rule_operand *o)
{
	const char *q = p;
	while (*q && !rule_boundary(q))
		q++;
	const char *z = q;
	while (z > p && z[-1] == ' ')
		z--;
	if (z == p) {
		rule_fail(ps, "a name is missing: write e.g. '%s = yes'",
		    lhs->ref == REF_SELF ? "" : "KEY");
		return NULL;
	}
	names_add(o, p, (size_t)(z - p));
	if (lhs->ref == REF_CASE_LEVEL) {
		struct err err = {0};
		char norm[32], level[ENTRY_LEVEL_LEN];
		if (entry_level(o->names[o->nnames - 1], level, &err) != ST_OK) {
			rule_fail(ps, "%s", err.msg);
			return NULL;
		}
		rule_level_norm(o->names[o->nnames - 1], norm, sizeof norm);
		free(o->names[o->nnames - 1]);
		o->names[o->nnames - 1] = xstrdup(norm);
	}
	return q;
}

/* names := name { "|" name } for a reference lhs. */
static void
parse_names(struct rule_parser *ps, const struct rule_operand *lhs, struct rule_operand *o)
{
	const char *const *fixed;
	const struct item *it;
	size_t n = known_names(ps, lhs, &fixed, &it);

	memset(o, 0, sizeof *o);
	o->what = OPD_NAMES;
	for (;;) {
		const char *p = rule_skip_sp(ps->p);
		if (n > 0) {
			size_t len = known_name(ps, p, fixed, it, n, o);
			if (len == 0)
				return;
			p += len;
		} else if ((p = free_name(ps, lhs, p, o)) == NULL) {
			return;
		}
		p = rule_skip_sp(p);
		if (*p != '|') {
			ps->p = p;
			return;
		}
		ps->p = p + 1;
	}
}

/* A number: optional '-', digits, optional fraction. */
static bool
parse_number(struct rule_parser *ps, double *v)
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
	if (!rule_boundary(q) || q - p > 20)
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
parse_offset(struct rule_parser *ps, struct rule_operand *o)
{
	const char *p = rule_skip_sp(ps->p);
	if (*p != '+' && *p != '-')
		return;
	int sign = *p == '-' ? -1 : 1;
	p = rule_skip_sp(p + 1);
	size_t d = strspn(p, "0123456789");
	long n = d > 0 && d < 5 ? strtol(p, NULL, 10) : -1;
	char unit = d > 0 ? p[d] : '\0';
	if (n < 0 || (unit != 'm' && unit != 'h') || !rule_boundary(p + d + 1)) {
		char *w = rule_next_word(p);
		rule_fail(ps, "'%s' is not a duration: write minutes or hours, e.g. 60m or 2h", w);
		free(w);
		return;
	}
	if (unit == 'h')
		n *= 60;
	if (n > 720) {
		rule_fail(ps, "a duration of %ld minutes is too long: times of day compare within "
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

/* The right side of "lhs = ..." or "lhs != ..." for a name lhs: names, or a
 * reference compared by name. */
static void
name_operand(struct rule_parser *ps, const struct rule_operand *lhs, struct rule_operand *o)
{
	const char *const *fixed;
	const struct item *it;
	size_t nknown = known_names(ps, lhs, &fixed, &it);
	const char *canon, *p = ps->p;
	size_t clen;

	/* A name of the item first; a reference where no name fits. */
	if (nknown > 0 && match_name(rule_skip_sp(p), fixed, it, nknown, &canon, &clen) > 0) {
		parse_names(ps, lhs, o);
		return;
	}
	struct rule_parser save = *ps;
	if (rule_operand_ref(ps, o, false) && rule_boundary(ps->p)) {
		if (rule_ref_type(ps->cl, ps->self, o) != RT_NAME) {
			rule_fail(ps, "cannot compare %s with %s", type_word(RT_NAME),
			    type_word(rule_ref_type(ps->cl, ps->self, o)));
			return;
		}
		rule_operand_place(ps, o);
		return;
	}
	*ps = save;
	if (strncmp(rule_skip_sp(p), "case.", 5) == 0) {
		ps->p = rule_skip_sp(p);
		rule_operand_ref(ps, o, true);	/* a misspelt case reference */
		return;
	}
	parse_names(ps, lhs, o);
}

/* The right side of "lhs op ...". */
void
rule_operand_parse(struct rule_parser *ps, const struct rule_operand *lhs, enum rule_op op,
    struct rule_operand *o)
{
	enum rule_type lt = rule_ref_type(ps->cl, ps->self, lhs);
	const struct item *li = rule_ref_item(ps->cl, ps->self, lhs);
	const char *p = ps->p;

	memset(o, 0, sizeof *o);
	if (lt == RT_NONE) {
		rule_fail(ps, "%s is a %s item, which has no value to compare: write '%s done' or "
		    "'%s not done'", li->key, kind_name(li->kind), li->key, li->key);
		return;
	}
	if (lt == RT_NAME && op != ROP_EQ && op != ROP_NE) {
		rule_fail(ps, "<, <=, > and >= compare numbers and times; %s is compared by name "
		    "with = or !=", li ? li->key : "this");
		return;
	}
	if (lt == RT_NAME) {
		name_operand(ps, lhs, o);
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
	if (lt == RT_TIME && rule_clock_parse(p, &mins, &end) && rule_boundary(end)) {
		o->what = OPD_TIME;
		o->num = mins;
		ps->p = end;
		return;
	}
	if (!rule_operand_ref(ps, o, false)) {
		char *w = rule_next_word(p);
		rule_fail(ps, "'%s' is not %s%s", w, type_word(lt), lt == RT_TIME ? " (HH:MM) or a "
		    "time reference such as timeout.time" : " or a number item's key");
		free(w);
		return;
	}
	if (rule_ref_type(ps->cl, ps->self, o) != lt) {
		rule_fail(ps, "cannot compare %s with %s", type_word(lt),
		    type_word(rule_ref_type(ps->cl, ps->self, o)));
		return;
	}
	rule_operand_place(ps, o);
	if (lt == RT_TIME)
		parse_offset(ps, o);
}

