/*
 * checklist_rules: the second pass over a checklist file, once every row is
 * read, for what names other items: the `when` and `must` rules (parsed here
 * once into rule.h's small trees), a timer's "after KEY" and "until KEY",
 * and the meta row allergy_item.  A `when` may name only items above it, so
 * applicability is worked out top down and can never loop.
 */
#include "checklist.h"

#include <string.h>

#include "rule.h"

static const struct item *
resolve_key(const char *name, struct checklist *cl, const struct item *it, const char *key,
    const char *what, struct cl_errors *errs)
{
	const struct item *to = checklist_item(cl, key);
	if (to == NULL)
		cl_errors_add(errs, name, it->repeat_pos.line, it->repeat_pos.column,
		    "repeat: %s '%s': no item of this checklist has that key", what, key);
	else if (to == it)
		cl_errors_add(errs, name, it->repeat_pos.line, it->repeat_pos.column,
		    "repeat: %s '%s' names the item itself", what, key);
	return to == it ? NULL : to;
}

static void
rule_read(const char *name, struct checklist *cl, int i, bool is_must, struct cl_errors *errs)
{
	struct item *it = &cl->items[i];
	const char *src = is_must ? it->must_src : it->when_src;
	struct cl_pos pos = is_must ? it->must_pos : it->when_pos;
	char msg[400];

	if (src == NULL)
		return;
	if (!is_must && it->kind == KIND_TIMEOUT) {
		cl_errors_add(errs, name, pos.line, pos.column, "when: the time-out always "
		    "applies; leave when empty");
		return;
	}
	struct rule *r = rule_parse(src, cl, i, is_must, msg, sizeof msg);
	if (r == NULL)
		cl_errors_add(errs, name, pos.line, pos.column, "%s: %s", is_must ? "must" : "when",
		    msg);
	else if (is_must)
		it->must = r;
	else
		it->when = r;
}

void
checklist_rules_resolve(const char *name, struct checklist *cl, struct cl_errors *errs)
{
	for (size_t i = 0; i < cl->nitems; i++) {
		struct item *it = &cl->items[i];
		if (it->repeat_after_key != NULL)
			it->repeat_after = resolve_key(name, cl, it, it->repeat_after_key, "after",
			    errs);
		if (it->repeat_until_key != NULL)
			it->repeat_until = resolve_key(name, cl, it, it->repeat_until_key, "until",
			    errs);
		rule_read(name, cl, (int)i, false, errs);
		rule_read(name, cl, (int)i, true, errs);
	}
	if (cl->allergy_key != NULL) {
		const struct item *a = checklist_item(cl, cl->allergy_key);
		if (a == NULL)
			cl_errors_add(errs, name, cl->allergy_pos.line, cl->allergy_pos.column,
			    "allergy_item '%s': no item of this checklist has that key",
			    cl->allergy_key);
		else if (a->kind != KIND_TEXT && a->kind != KIND_CHOICE)
			cl_errors_add(errs, name, cl->allergy_pos.line, cl->allergy_pos.column,
			    "allergy_item '%s' is a %s item: the allergies are a text or choice "
			    "item", cl->allergy_key, kind_name(a->kind));
		else
			cl->allergy_item = a;
	} else {
		/* Files written before meta,allergy_item: the item keyed exactly
		 * "allergies", never a key that merely contains the word. */
		const struct item *a = checklist_item(cl, "allergies");
		if (a != NULL && (a->kind == KIND_TEXT || a->kind == KIND_CHOICE))
			cl->allergy_item = a;
	}
}
