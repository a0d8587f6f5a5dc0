/*
 * scr_summary: the summary of a case (summary.h), the screen a case that has
 * ended opens on.  It scrolls; its keys edit nothing: Enter shows the whole
 * checklist (read-only once the case has ended), A adds an addendum, H the
 * history of the case.
 */
#ifndef SPINELOG_SCR_SUMMARY_H
#define SPINELOG_SCR_SUMMARY_H

#include "ui_app.h"

void *scr_summary_new(struct app *a, int64_t case_id);
extern const struct screen scr_summary;

#endif
