/*
 * checklist: what the rest of spinelog uses of a parsed checklist: phase and
 * kind names, item lookup, the error list, freeing.  The parser and validator
 * of checklist files is checklist_parse.c (the file) and checklist_items.c
 * (an item row); the catalogue is catalog.c; stored versions are
 * checklist_version.c.
 */
#include "checklist.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rule.h"
#include "util.h"

static const char *const phase_names[PHASE__COUNT] = {"pre", "procedure", "post"};
static const char *const phase_titles[PHASE__COUNT] = {
	"Pre-procedure", "Procedure", "Post-procedure",
};
static const char *const kind_names[KIND__COUNT] = {
	"check", "number", "choice", "text", "time", "vitals", "med", "timeout", "antithrombotic",
};


const char *
phase_name(enum phase p)
{
	return (unsigned)p < PHASE__COUNT ? phase_names[p] : "?";
}

const char *
phase_title(enum phase p)
{
	return (unsigned)p < PHASE__COUNT ? phase_titles[p] : "?";
}

bool
phase_parse(const char *s, enum phase *out)
{
	for (int p = 0; p < PHASE__COUNT; p++) {
		if (strcmp(s, phase_names[p]) == 0) {
			*out = (enum phase)p;
			return true;
		}
	}
	return false;
}

const char *
kind_name(enum item_kind k)
{
	return (unsigned)k < KIND__COUNT ? kind_names[k] : "?";
}


/* --- errors ---------------------------------------------------------------- */

void
cl_errors_add(struct cl_errors *errs, const char *file, int line, int column,
    const char *fmt, ...)
{
	va_list ap;
	char tmp[512];

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	errs->v = xreallocarray(errs->v, errs->n + 1, sizeof *errs->v);
	errs->v[errs->n++] = (struct cl_error){
		.file = xstrdup(file), .line = line, .column = column, .msg = xstrdup(tmp),
	};
}

char *
cl_error_format(const struct cl_error *e)
{
	return xasprintf("%s:%d:%d: %s", e->file, e->line, e->column, e->msg);
}

void
cl_errors_free(struct cl_errors *errs)
{
	if (errs == NULL)
		return;
	for (size_t i = 0; i < errs->n; i++) {
		free(errs->v[i].file);
		free(errs->v[i].msg);
	}
	free(errs->v);
	errs->v = NULL;
	errs->n = 0;
}

static void
item_clear(struct item *it)
{
	free(it->key);
	free(it->label);
	free(it->unit);
	for (size_t i = 0; i < it->nchoices; i++) {
		free(it->choices[i]);
		if (it->choice_unit != NULL)
			free(it->choice_unit[i]);
	}
	free(it->choices);
	free(it->choice_unit);
	free(it->choice_stop);
	free(it->hint);
	rule_free(it->when);
	rule_free(it->must);
	free(it->when_src);
	free(it->must_src);
	free(it->repeat_after_key);
	free(it->repeat_until_key);
}

void
checklist_free(struct checklist *cl)
{
	if (cl == NULL)
		return;
	for (size_t i = 0; i < cl->nitems; i++)
		item_clear(&cl->items[i]);
	free(cl->items);
	free(cl->key);
	free(cl->title);
	free(cl->risk);
	free(cl->allergy_key);
	free(cl->source);
	free(cl->content);
	free(cl);
}

const struct item *
checklist_item(const struct checklist *cl, const char *key)
{
	for (size_t i = 0; i < cl->nitems; i++)
		if (strcmp(cl->items[i].key, key) == 0)
			return &cl->items[i];
	return NULL;
}

size_t
checklist_phase_items(const struct checklist *cl, enum phase p, size_t *first)
{
	size_t i = 0, n = 0;
	while (i < cl->nitems && cl->items[i].phase < p)
		i++;
	*first = i;
	while (i + n < cl->nitems && cl->items[i + n].phase == p)
		n++;
	return n;
}

int
checklist_index(const struct checklist *cl, const char *key)
{
	for (size_t i = 0; i < cl->nitems; i++)
		if (strcmp(cl->items[i].key, key) == 0)
			return (int)i;
	return -1;
}

void
checklist_stop_words(const struct item *it, struct buf *out)
{
	const char *sep = "";
	if (it->kind == KIND_CHOICE && it->choice_stop != NULL) {
		for (size_t i = 0; i < it->nchoices; i++) {
			if (!it->choice_stop[i])
				continue;
			buf_printf(out, "%s%.*s", sep, (int)checklist_choice_name(it->choices[i]),
			    it->choices[i]);
			sep = ", ";
		}
	}
	if (it->has_stop_low) {
		buf_printf(out, "%sbelow %g", sep, it->stop_low);
		sep = " or ";
	}
	if (it->has_stop_high)
		buf_printf(out, "%sabove %g", sep, it->stop_high);
}

bool
checklist_repeats(const struct item *it)
{
	return it->repeat_any || it->repeat_times > 1;
}

const char *
checklist_choice_unit(const struct item *it, const char *drug)
{
	for (size_t i = 0; it->choice_unit != NULL && i < it->nchoices; i++)
		if (it->choice_unit[i] != NULL && strcasecmp(it->choices[i], drug) == 0)
			return it->choice_unit[i];
	return NULL;
}

size_t
checklist_choice_name(const char *option)
{
	const char *dash = strstr(option, " - ");
	return dash ? (size_t)(dash - option) : strlen(option);
}
