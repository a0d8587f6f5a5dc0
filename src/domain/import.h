/*
 * import: pre-register the day's scheduled cases from a CSV file, the shape
 * of a schedule exported from a radiology information system.
 *
 * The header row names the columns, in any order: mrn, name, dob, procedure
 * are required; side, level, proceduralist, scheduled_at are optional; other
 * columns are ignored.  Every field is checked by the rule the new-case form
 * uses (entry.h), so a case the form refuses is refused here too.  Every row
 * is validated before anything is written; a file with any invalid row
 * imports nothing (all or nothing), and each problem is reported as
 * FILE:LINE: message (FILE:LINE: column: message for a field, with the
 * form's message).  Valid files are imported in one transaction, one
 * case_create event per new case.  A row whose case already exists (same
 * MRN, procedure and scheduled time) is counted as present and not created
 * again, so importing the same file twice creates nothing new.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_IMPORT_H
#define SPINELOG_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"
#include "util.h"

struct db;	/* store/db.h: opaque above the storage layer */

#define IMPORT_MAX_BYTES (32u << 20)	/* a day's schedule is far smaller */

struct import_result {
	size_t imported;	/* cases created */
	size_t present;		/* rows whose case already existed */
	size_t corrected;	/* of those, cases corrected from the file (--correct) */
	char **problems;	/* "FILE:LINE: message", when the file was refused */
	size_t nproblems;
};

/*
 * Validate and import data (the file's bytes; name is what messages call
 * it).  Returns ST_OK, or ST_DATAERR with res->problems filled and nothing
 * written, or another status (database busy, I/O) with err filled and nothing
 * written.  staff_code may be empty (a command run by a charge nurse or cron).
 */
int import_worklist(struct db *db, const struct catalog *cat, const char *name,
    const char *data, size_t size, const char *staff_code, struct import_result *res,
    struct err *err);

/* The same, with correct: a row whose case exists but differs (side, level,
 * name, date of birth, proceduralist, for the columns the file has) records
 * the file's values as a case_correct event, in the same transaction;
 * without it such a row is a problem naming both values, and nothing is
 * written. */
struct import_opts {
	const char *name;	/* what messages call the file */
	const char *staff_code;	/* may be empty */
	bool correct;
};
int import_worklist_opts(struct db *db, const struct catalog *cat, const char *data,
    size_t size, const struct import_opts *opt, struct import_result *res, struct err *err);
void import_result_clear(struct import_result *res);

#endif
