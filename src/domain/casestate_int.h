/*
 * casestate_int: what the two parts of the case state share: casestate.c
 * builds the state from the events, casestate_query.c answers the timers
 * and the phase gate from it.  Not for other modules.
 */
#ifndef SPINELOG_CASESTATE_INT_H
#define SPINELOG_CASESTATE_INT_H

#include <stdbool.h>
#include <string.h>

#include "casestate.h"

/* Whether e is an event of the action (ACTION_*, actions.h). */
static inline bool
act_is(const struct cs_event *e, const char *action)
{
	return strcmp(e->action, action) == 0;
}

/* The answer in force has something wrong with it (a stop answer or a
 * failed cross-check) that an override passes only when given after it. */
static inline bool
answer_wrong(const struct item_state *is)
{
	return is->stop_answer || is->must == CS_RULE_FAIL;
}

#endif
