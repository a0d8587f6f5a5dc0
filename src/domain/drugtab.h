/*
 * drugtab: the drug table (schema/drugs.csv, replaced by a site drugs.csv
 * beside the site checklists; spinelog-checklist(5), THE DRUG TABLE).  Per
 * drug: the unit its dose is charted in, and a plausible range for ONE dose.
 * The range is a typing-error bound, not clinical advice: it catches the
 * 1000-fold slip (fentanyl 50 mg for 50 mcg) and a digit too many, and is
 * kept wide where the sources give no dose.
 *
 * The med dialog takes a drug's unit from here (after the item's own
 * "drug:unit"), refuses a dose outside the range, and says before saving when
 * the unit typed is not the drug's.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_DRUGTAB_H
#define SPINELOG_DRUGTAB_H

#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"
#include "tabread.h"

#define DRUGTAB_MAX_NAME 60
#define DRUGTAB_MAX_SOURCE 300

struct drug {
	char *name;		/* as in the table; matched in any letter case */
	char *unit;		/* the unit its dose is charted in: "mcg" */
	bool has_low, has_high;	/* plausible single dose (both, one or none) */
	double low, high;
	char *source;		/* where the range comes from, or that it only catches typing errors */
	int line;
};

struct drugtab {
	struct drug *v;
	size_t n;
	struct tabfile file;	/* where it came from, and its bytes */
};

/* Parse a drug table; name is what errors call the file.  A table with any
 * problem is refused whole: ST_DATAERR, *out NULL, every problem in errs. */
int drugtab_parse(const char *name, const char *data, size_t size, struct drugtab **out,
    struct cl_errors *errs);
void drugtab_free(struct drugtab *t);
/* The row of a drug, matched in any letter case and without surrounding
 * spaces, or NULL; t may be NULL (no table). */
const struct drug *drugtab_find(const struct drugtab *t, const char *name);

/* The unit a drug's dose is charted in on med item it: the item's own
 * "drug:unit", else the table's, else the item's unit (a drug the table
 * does not know keeps it). */
const char *drugtab_unit_for(const struct drugtab *t, const struct item *it, const char *drug);
/* "10-200 mcg", "10 mcg or more", "" when the row has no range. */
void drugtab_range_text(const struct drug *d, char *out, size_t size);

/* The dose about to be saved, against the table. */
struct dose_check {
	bool refuse;		/* outside the plausible range (converted to the table's
				 * unit when the unit typed is another of mass or volume):
				 * the entry is refused */
	bool unit;		/* the unit typed is not the drug's: said before saving
				 * and flagged "unit" */
	char msg[400];		/* the words for either; "" when nothing is wrong */
};
void drugtab_check_dose(const struct drugtab *t, const struct item *it, const char *drug,
    double dose, const char *dose_text, const char *unit, struct dose_check *out);

/* How many times a unit is another of the same kind (mass: g, mg, mcg, ug,
 * µg; volume: L, mL), e.g. "mg" in "mcg" is 1000; false when either unit is
 * not one of these or they measure different things. */
bool drugtab_unit_factor(const char *from, const char *to, double *factor);

#endif
