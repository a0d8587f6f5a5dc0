/*
 * event_int: what the two parts of the event module share: event_canon.c
 * holds the canonical form (the hash, reading a row back), event.c the
 * appending, which reads back every row it inserts.  Not for other modules.
 */
#ifndef SPINELOG_EVENT_INT_H
#define SPINELOG_EVENT_INT_H

#include "event.h"

/* The name of the first column (EVENT_COLUMNS) in which a and b differ, or
 * NULL when they are the same event. */
const char *event_differs(const struct event *a, const struct event *b);

#endif
