/*
 * report: the plain-text case summary, for printing or a handoff.
 *
 * It fits 80 columns and holds the patient identifiers, the procedure, side
 * and level, the checklist version, every item with its value in force, time
 * and staff, the n/a reasons, overrides and corrections with their reasons,
 * the time-out with the team present, medications with lot and expiry,
 * specimens, radiation dose, observation timers, and the hash of the case's
 * last event, so that a paper copy anchors the log (verify --anchor).
 *
 * Domain layer: no curses, never prints; the caller writes the text.
 */
#ifndef SPINELOG_REPORT_H
#define SPINELOG_REPORT_H

#include <stdint.h>

#include "casestate.h"
#include "util.h"

#define REPORT_WIDTH 80

/* Format a case.  version_sha is the checklist version's SHA-256; last_id and
 * last_hash the case's last event; printed_at the UTC time of printing. */
void report_format(const struct casestate *cs, const char *version_sha, int64_t last_id,
    const char *last_hash, const char *printed_at, struct buf *out);

/*
 * The site's name (spinelog.conf's site), as the first line of every report;
 * NULL or "" = none.  Set once at start-up by main.c, as a locale is, so
 * that the command's report and the bedside program's (p) carry the same
 * header without each caller passing it.
 */
void report_set_site(const char *site);

/* Load case case_id and format its report into out. */
int report_case(struct db *db, int64_t case_id, struct buf *out, struct err *err);

/*
 * Write case case_id's report to dir (NULL = $XDG_DATA_HOME/spinelog/reports
 * or ~/.local/share/spinelog/reports, created with mode 0700) as
 * case-ID-YYYYMMDD-HHMMSS.txt (local time), atomically (fileio.h): a
 * half-written report never exists under its name, and a report whose
 * folder could not be synced is an error like any other.  On success *path
 * is the file's path (caller frees).
 */
int report_save(struct db *db, int64_t case_id, const char *dir, char **path, struct err *err);

#endif
