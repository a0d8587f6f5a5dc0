/*
 * entry_default: the answers the entry dialogs propose, from what the case
 * already holds, so that nothing known is typed twice: the case's side and
 * level, the most likely answer of a choice, the team recorded at the
 * time-out, the site of the previous medication and the pain of recent
 * vitals.  A default is only a proposal: the dialog shows it after the label
 * ("Side: RIGHT//") and it is saved only when the nurse takes it with Enter,
 * then exactly as if it had been typed.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_ENTRY_DEFAULT_H
#define SPINELOG_ENTRY_DEFAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "casestate.h"
#include "checklist.h"

#define ENTRY_DEFAULT_LEN 200

/* Vitals pain older than this is not offered for a pain item (minutes). */
#define ENTRY_PAIN_RECENT_MIN 15

struct entry_default {
	const char *label;	/* a short label for the field ("Side", "Level", "Pain"),
				 * NULL for the item's own */
	char value[ENTRY_DEFAULT_LEN];	/* "" = no default */
	char why[120];		/* where it comes from, for the hint; "" = nothing to say */
};

/*
 * The default answer of an item at now_ms (ms since the epoch):
 * - a choice checked against the case's side ("= case.side"): that side, in
 *   capitals as the banner shows it, labelled "Side";
 * - another choice: the option its cross-check picks (casestate_default_
 *   choice), else, unless the item is a hard stop, its first option when
 *   that is not a stop answer (a stop question is always answered by hand);
 * - a text or choice checked against the case's level ("= case.level"):
 *   that level, labelled "Level";
 * - a number whose key begins with "pain": the pain of the case's latest
 *   vitals, when taken at most ENTRY_PAIN_RECENT_MIN minutes before now;
 * - a time: "now".
 * Anything else has none.
 */
void entry_default_answer(const struct casestate *cs, const struct item *it, int64_t now_ms,
    struct entry_default *out);

/* The team recorded at the case's completed time-out, or NULL (borrowed
 * from cs). */
const char *entry_default_team(const struct casestate *cs);

/* Split a team ("Dr Patel (proc), RN QA, RT Kim") at its commas into at
 * most max trimmed members, written into buf (size bytes); returns how many. */
size_t entry_team_members(const char *team, char *buf, size_t size, const char **out,
    size_t max);

/* The site of a medication: the site of the case's latest medication entry
 * in force, else the case's side and level ("left", "right L4-L5"; n/a is
 * left out), else "". */
void entry_default_site(const struct casestate *cs, char *out, size_t size);

/* The value of the case's latest medication entry in force that gave this
 * drug (any letter case), or NULL (borrowed from cs): a repeat dose or a
 * top-up is usually from the same vial, by the same route. */
const char *entry_default_med(const struct casestate *cs, const char *drug);

#endif
