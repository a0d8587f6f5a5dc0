/*
 * entry_default: the answers the entry dialogs propose (entry_default.h),
 * worked out from the case state alone, so that every terminal proposes the
 * same and nothing is kept outside the log.
 */
#include "entry_default.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions.h"
#include "entry.h"
#include "rule.h"

/* The case reference the item's cross-check compares its own answer with
 * when that is the whole rule ("= case.side"), else -1. */
static int
must_case_ref(const struct item *it)
{
	const struct rule *r = it->must;
	if (r == NULL || r->n != 1)
		return -1;
	const struct rule_test *t = &r->t[0];
	if (t->lhs.ref != REF_SELF || t->op != ROP_EQ || t->rhs.what != OPD_REF)
		return -1;
	return t->rhs.ref == REF_CASE_SIDE || t->rhs.ref == REF_CASE_LEVEL ? (int)t->rhs.ref : -1;
}

/* An entry in force (recorded or amended, not corrected since). */
static bool
in_force(const struct cs_event *e)
{
	return e->superseded_by == 0 && e->item_key != NULL && e->value != NULL &&
	    (strcmp(e->action, ACTION_RECORD) == 0 || strcmp(e->action, ACTION_AMEND) == 0);
}

/* The latest entry in force of an item of kind k that holds key; its
 * value of key (caller frees) and *ev the entry, or NULL. */
static char *
latest_kv(const struct casestate *cs, enum item_kind k, const char *key,
    const struct cs_event **ev)
{
	for (size_t i = cs->nev; i-- > 0;) {
		const struct cs_event *e = &cs->ev[i];
		if (!in_force(e))
			continue;
		const struct item *it = checklist_item(cs->cl, e->item_key);
		if (it == NULL || it->kind != k)
			continue;
		char *v = entry_kv_get(e->value, key);
		if (v != NULL && *v != '\0') {
			*ev = e;
			return v;
		}
		free(v);
	}
	return NULL;
}

static void
choice_default(const struct casestate *cs, const struct item *it, struct entry_default *out)
{
	if (must_case_ref(it) == REF_CASE_SIDE) {
		for (size_t i = 0; i < it->nchoices; i++) {
			if (strcasecmp(it->choices[i], cs->c.side) != 0)
				continue;
			out->label = "Side";
			snprintf(out->value, sizeof out->value, "%s", it->choices[i]);
			for (char *p = out->value; *p; p++)
				*p = (char)toupper((unsigned char)*p);
			snprintf(out->why, sizeof out->why, "the case's side");
			return;
		}
		return;
	}
	int own = casestate_default_choice(cs, it);
	if (own >= 0 && must_case_ref(it) == REF_CASE_LEVEL) {
		out->label = "Level";
		snprintf(out->value, sizeof out->value, "%s", it->choices[own]);
		snprintf(out->why, sizeof out->why, "the case's level");
	} else if (own >= 0) {
		snprintf(out->value, sizeof out->value, "%s", it->choices[own]);
		snprintf(out->why, sizeof out->why, "what the case calls for");
	} else if (!it->stop && it->nchoices > 0 &&
	    (it->choice_stop == NULL || !it->choice_stop[0])) {
		snprintf(out->value, sizeof out->value, "%s", it->choices[0]);
	}
}

/* The pain of the latest vitals, when recent. */
static void
pain_default(const struct casestate *cs, int64_t now_ms, struct entry_default *out)
{
	const struct cs_event *e = NULL;
	char *pain = latest_kv(cs, KIND_VITALS, "pain", &e);
	int64_t at;
	if (pain != NULL && clock_parse_utc(e->at, &at) && at <= now_ms &&
	    now_ms - at <= (int64_t)ENTRY_PAIN_RECENT_MIN * 60 * 1000) {
		char hm[8] = "";
		clock_local(e->at, "%H:%M", hm, sizeof hm);
		out->label = "Pain";
		snprintf(out->value, sizeof out->value, "%s", pain);
		snprintf(out->why, sizeof out->why, "the pain in the vitals of %s", hm);
	}
	free(pain);
}

void
entry_default_answer(const struct casestate *cs, const struct item *it, int64_t now_ms,
    struct entry_default *out)
{
	*out = (struct entry_default){0};
	switch (it->kind) {
	case KIND_CHOICE:
		choice_default(cs, it, out);
		break;
	case KIND_TEXT:
		if (must_case_ref(it) == REF_CASE_LEVEL && cs->c.level && *cs->c.level) {
			out->label = "Level";
			snprintf(out->value, sizeof out->value, "%s", cs->c.level);
			snprintf(out->why, sizeof out->why, "the case's level");
		}
		break;
	case KIND_NUMBER:
		if (strncmp(it->key, "pain", 4) == 0)
			pain_default(cs, now_ms, out);
		break;
	case KIND_TIME:
		snprintf(out->value, sizeof out->value, "now");
		break;
	default:
		break;
	}
}

const char *
entry_default_team(const struct casestate *cs)
{
	for (size_t i = 0; i < cs->cl->nitems; i++) {
		const struct item_state *is = &cs->items[i];
		if (is->it->kind == KIND_TIMEOUT && is->to_done && is->cur != NULL &&
		    is->cur->value != NULL && *is->cur->value)
			return is->cur->value;
	}
	return NULL;
}

size_t
entry_team_members(const char *team, char *buf, size_t size, const char **out, size_t max)
{
	size_t n = 0;
	snprintf(buf, size, "%s", team ? team : "");
	for (char *p = buf; *p && n < max;) {
		char *end = strchr(p, ',');
		if (end != NULL)
			*end = '\0';
		while (*p == ' ')
			p++;
		size_t len = strlen(p);
		while (len > 0 && p[len - 1] == ' ')
			p[--len] = '\0';
		if (*p)
			out[n++] = p;
		if (end == NULL)
			break;
		p = end + 1;
	}
	return n;
}

void
entry_default_site(const struct casestate *cs, char *out, size_t size)
{
	const struct cs_event *e = NULL;
	char *site = latest_kv(cs, KIND_MED, "site", &e);
	if (site != NULL) {
		snprintf(out, size, "%s", site);
		free(site);
		return;
	}
	const char *side = cs->c.side && strcmp(cs->c.side, "n/a") != 0 ? cs->c.side : "";
	const char *level = cs->c.level ? cs->c.level : "";
	snprintf(out, size, "%s%s%s", side, *side && *level ? " " : "", level);
}

const char *
entry_default_med(const struct casestate *cs, const char *drug)
{
	for (size_t i = cs->nev; i-- > 0 && drug != NULL && *drug;) {
		const struct cs_event *e = &cs->ev[i];
		if (!in_force(e))
			continue;
		const struct item *it = checklist_item(cs->cl, e->item_key);
		if (it == NULL || it->kind != KIND_MED)
			continue;
		char *d = entry_kv_get(e->value, "drug");
		bool same = d != NULL && strcasecmp(d, drug) == 0;
		free(d);
		if (same)
			return e->value;
	}
	return NULL;
}
