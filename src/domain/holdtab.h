/*
 * holdtab: the antithrombotic hold table (schema/holds.csv, replaced by a
 * site holds.csv beside the site checklists; spinelog-checklist(5), THE HOLD
 * TABLE): per drug and bleeding-risk class, how long before the procedure
 * the last dose should be, optionally by creatinine clearance, and the
 * source.  An antithrombotic entry is compared with it when it is saved:
 * too short an interval is said in words and flagged "hold", a soft warning
 * only.  Nothing is ever cleared by it: whether to proceed stays the
 * prescriber's decision (procedures.md C3).
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_HOLDTAB_H
#define SPINELOG_HOLDTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "checklist.h"
#include "tabread.h"

#define HOLDTAB_MAX_NAME 60
#define HOLDTAB_MAX_SOURCE 300

struct hold {
	char *drug;		/* matched in any letter case */
	char *risk;		/* "low", "intermediate" or "high" (meta,risk) */
	enum { CRCL_ANY, CRCL_BELOW, CRCL_AT_LEAST } crcl;	/* the row applies ... */
	double crcl_at;		/* ... below or at and above this CrCl (mL/min) */
	double hours;		/* 0 = no hold */
	bool shared;		/* "shared": no hold set, a shared decision with the prescriber */
	char *source;		/* its name is the text before " - ": "ASRA 2018" */
	int line;
};

struct holdtab {
	struct hold *v;
	size_t n;
	struct tabfile file;	/* where it came from, and its bytes */
};

/* Parse a hold table; refused whole on any problem (ST_DATAERR, *out NULL,
 * every problem in errs as FILE:LINE:COLUMN). */
int holdtab_parse(const char *name, const char *data, size_t size, struct holdtab **out,
    struct cl_errors *errs);
void holdtab_free(struct holdtab *t);
/* The table's drugs, each once, in file order (for the dialog's list); *n
 * their count.  The caller frees the array; the names point into t. */
const char **holdtab_drugs(const struct holdtab *t, size_t *n);

enum hold_result {
	HOLD_NOTHING,		/* no drug, or no last dose: nothing to compare */
	HOLD_NO_ROW,		/* the table has no row for the drug and class */
	HOLD_SHARED,		/* a shared decision with the prescriber; no hold set */
	HOLD_MET,		/* the last dose was at least the hold ago (or no hold) */
	HOLD_NOT_MET,		/* too recent: flagged "hold" */
};

struct hold_check {
	enum hold_result result;
	const struct hold *row;	/* the row applied, NULL for NOTHING and NO_ROW */
	bool crcl_assumed;	/* no CrCl given: the longer hold of the CrCl rows */
	int64_t elapsed_ms;	/* since the last dose, -1 when none */
	char basis[80];		/* the row's source name, e.g. "ASRA 2018" */
	char msg[600];		/* what to say before saving; "" when nothing */
};

/*
 * Compare a last dose with the table for a procedure of class risk.  crcl
 * is NULL when not recorded; last_ms is the last dose (ms since the epoch),
 * or -1 for none.  An interval exactly the hold meets it.
 */
void holdtab_check(const struct holdtab *t, const char *drug, const char *risk,
    const double *crcl, int64_t last_ms, int64_t now_ms, struct hold_check *out);

/* What the check found, added to an entry's value for the record: "since"
 * (how long before saving the last dose was, "30 h") and "hold" (the row
 * applied in words, "72 h (ASRA 2018)", "shared decision (ASRA 2018)",
 * "not in the table"); nothing for no drug. */
void holdtab_value(const struct hold_check *hc, struct buf *value);

#endif
