/*
 * entry_int: what the three parts of the entry module share: entry.c holds
 * the field rules and these two helpers, entry_vitals.c the vitals,
 * entry_med.c the med and antithrombotic entries.  Not for other modules.
 */
#ifndef SPINELOG_ENTRY_INT_H
#define SPINELOG_ENTRY_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* Whether s is empty or only spaces. */
bool entry_blank(const char *s);

/* An identifier of at most max characters (counted in characters): valid
 * UTF-8, something visible, no control or invisible character; empty is the
 * caller's to allow or refuse. */
int entry_text_ok(const char *s, size_t max, struct err *err);

#endif
