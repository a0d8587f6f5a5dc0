/*
 * checklist: procedure checklists — the CSV file format (spinelog-checklist(5)),
 * its strict parser (libcsv), the catalogue of current checklists (built-in
 * ones compiled from schema/checklists/, replaced or extended by site files),
 * and their versions in the database.
 *
 * Each distinct file content (by SHA-256) is stored once in checklist_version;
 * a case is bound to the version it started with, and everything about that
 * case (screens, report, export) uses that version, never a later edit.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_CHECKLIST_H
#define SPINELOG_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct db;	/* store/db.h: opaque above the storage layer */
struct rule;	/* rule.h: a parsed when or must */
#include "hash.h"

/* Limits of a checklist file (spinelog-checklist(5)); text limits count
 * characters, not bytes. */
#define CL_MAX_SIZE (256 * 1024)
#define CL_MAX_ITEMS 400
#define CL_MAX_KEY 32
#define CL_MAX_LABEL 60
#define CL_MAX_HINT 200
#define CL_MAX_UNIT 20
#define CL_MAX_PROC_KEY 40

enum phase { PHASE_PRE, PHASE_PROCEDURE, PHASE_POST, PHASE__COUNT };

enum item_kind {
	KIND_CHECK, KIND_NUMBER, KIND_CHOICE, KIND_TEXT, KIND_TIME,
	KIND_VITALS, KIND_MED, KIND_TIMEOUT, KIND_ANTITHROMBOTIC, KIND__COUNT
};

struct item {
	enum phase phase;
	char *key;		/* [a-z0-9_]+, unique in the file */
	char *label;		/* at most 60 characters (not bytes) */
	enum item_kind kind;
	char *unit;		/* "" when none */
	bool has_low, has_high;	/* soft range (number) */
	double low, high;
	char **choices;		/* choice options, or time-out confirmation prompts */
	size_t nchoices;
	char **choice_unit;	/* med: the dose unit of each drug ("fentanyl:mcg"), NULL
				 * where none was given; NULL when no option has one */
	bool required;		/* the phase cannot be completed without it (done or n/a) */
	bool stop;		/* hard stop: the next phase cannot start without it, except
				 * by an override with a reason (implies required) */
	int repeat_every;	/* observation timer: minutes between entries, 0 = none */
	int repeat_times;	/* how many entries the timer asks for */
	bool repeat_any;	/* repeat "*": any number of entries, no timer (med,
				 * antithrombotic); each one a new record */
	char *hint;		/* one line of rationale or source */
	int line;		/* where it is in its file */

	/* Answers that stop ('!' in choices, low or high): an option marked '!'
	 * (the '!' is not part of choices[i]), or a number beyond a stop limit. */
	bool *choice_stop;	/* parallel to choices; NULL when no option is marked */
	bool has_stop_low, has_stop_high;
	double stop_low, stop_high;
	/* Timer chaining (repeat "... after KEY until KEY"): items of the same
	 * checklist, NULL when none. */
	const struct item *repeat_after, *repeat_until;
	/* Rules (rule.h): when the item applies, and the cross-check of its
	 * answer; NULL when the column is empty.  *_src is the text as written. */
	struct rule *when, *must;
	char *when_src, *must_src;
	/* Where the new columns were (for the errors of checklist_rules.c). */
	struct cl_pos { int line, column; } when_pos, must_pos, repeat_pos;
	char *repeat_after_key, *repeat_until_key;	/* as written, until resolved */
};

struct checklist {
	char *key;		/* procedure key, e.g. "si-joint-injection" */
	char *title;		/* e.g. "Sacroiliac joint injection" */
	char *risk;		/* bleeding-risk class: "low", "intermediate" or "high" */
	const struct item *allergy_item;	/* the item whose answer is the patient's
				 * allergies (meta,allergy_item,KEY; else the item
				 * keyed "allergies"), NULL when none */
	struct cl_pos allergy_pos;	/* where meta,allergy_item named it */
	char *allergy_key;	/* as written, until resolved */
	struct item *items;	/* in file order, grouped by phase */
	size_t nitems;
	char sha256[HASH_HEX_LEN];	/* of content */
	char *source;		/* "built-in" or the site file's path */
	char *content;		/* the file's bytes, NUL-terminated */
	size_t size;
};

/* One problem found in a checklist file. */
struct cl_error {
	char *file;
	int line, column;	/* 1-based; 0 when the problem is the whole file */
	char *msg;
};

struct cl_errors {
	struct cl_error *v;
	size_t n;
};

const char *phase_name(enum phase p);		/* "pre", "procedure", "post" */
const char *phase_title(enum phase p);		/* "Pre-procedure", "Procedure", ... */
bool phase_parse(const char *s, enum phase *out);
const char *kind_name(enum item_kind k);	/* "check", "number", ... */

/*
 * Parse and validate one checklist file.  name is what errors call the file
 * (a path, or "built-in:KEY"); key is the procedure key (the file name
 * without ".csv").  On success returns ST_OK and *out.  A file with any
 * error is refused whole: returns ST_DATAERR, *out NULL, and every problem
 * appended to errs as FILE:LINE:COLUMN: message.
 */
int checklist_parse(const char *name, const char *key, const char *data, size_t size,
    struct checklist **out, struct cl_errors *errs);
void checklist_free(struct checklist *cl);
const struct item *checklist_item(const struct checklist *cl, const char *key);
/* The index of an item key in cl->items, or -1. */
int checklist_index(const struct checklist *cl, const char *key);

/* The name of a choice option: its text before " - " ("mismatch - stop and
 * escalate" is "mismatch"); n is its length in bytes. */
size_t checklist_choice_name(const char *option);
/* The stop answers of an item in words: "mismatch", "above 1.5", "below
 * 50 or above 1.5"; "" when it has none. */
void checklist_stop_words(const struct item *it, struct buf *out);

/* checklist_rules.c: after every row is read, resolve what names other items
 * (when, must, repeat after/until, meta allergy_item) and check it; problems
 * go to errs as FILE:LINE:COLUMN: message. */
void checklist_rules_resolve(const char *name, struct checklist *cl, struct cl_errors *errs);
/* Items of one phase: index of the first and count. */
size_t checklist_phase_items(const struct checklist *cl, enum phase p, size_t *first);

/* Append one error (message truncated to about 500 bytes). */
void cl_errors_add(struct cl_errors *errs, const char *file, int line, int column,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* "FILE:LINE:COLUMN: message" for one error; caller frees. */
char *cl_error_format(const struct cl_error *e);
void cl_errors_free(struct cl_errors *errs);

/* Whether an item takes more than one entry: a timer asking for several, or
 * repeat "*". */
bool checklist_repeats(const struct item *it);
/* The dose unit given with a med item's option for drug ("fentanyl:mcg"),
 * matched in any letter case, or NULL. */
const char *checklist_choice_unit(const struct item *it, const char *drug);

struct drugtab;	/* drugtab.h */
struct holdtab;	/* holdtab.h */

/* The current checklists: the built-in ones, each replaced by a valid site
 * file of the same key, plus site-only procedures; sorted by key.  With them
 * the two site-replaceable tables the entry dialogs use: the drug table
 * (drugs.csv) and the antithrombotic hold table (holds.csv). */
struct catalog {
	struct checklist **v;
	size_t n;
	struct drugtab *drugs;
	struct holdtab *holds;
};

/*
 * Load the catalogue.  Site files come from $SPINELOG_CHECKLISTS, else
 * $XDG_CONFIG_HOME/spinelog/checklists/ (~/.config/...), else
 * /etc/spinelog/checklists/.  A site file with errors is refused whole (the
 * built-in of that key, if any, stays in force) and its errors are appended
 * to errs for the caller to show.  drugs.csv and holds.csv in that folder are
 * the site's tables (CATALOG_DRUGS, CATALOG_HOLDS), not checklists; each
 * replaces the built-in table the same way.  Returns ST_OK unless the folder could
 * not be read at all (e.g. $SPINELOG_CHECKLISTS names a missing folder): then
 * err says so, and cat still holds the built-in checklists.
 */
int catalog_load(struct catalog *cat, struct cl_errors *errs, struct err *err);
const struct checklist *catalog_find(const struct catalog *cat, const char *key);
/* The file names of the two tables, in schema/ and in the site folder. */
#define CATALOG_DRUGS "drugs.csv"
#define CATALOG_HOLDS "holds.csv"
/* Whether path names one of the tables (by its file name), not a checklist. */
bool catalog_is_table(const char *path);
/* The site folder catalog_load reads, or NULL when none exists; *explicit is
 * true when it came from $SPINELOG_CHECKLISTS.  Caller frees. */
char *catalog_site_dir(bool *explicit);
/* Read and parse one checklist file (for 'checklists check'); the procedure
 * key is the file name without ".csv".  Problems go to errs (a file that
 * cannot be read, too); returns ST_OK or the failure's status. */
int catalog_parse_file(const char *path, struct checklist **out, struct cl_errors *errs);
/* Read and parse one table file (for 'checklists check'), drugs.csv or
 * holds.csv by its name, into into->drugs or into->holds (replacing what is
 * there).  Problems go to errs; returns ST_OK or the failure's status. */
int catalog_parse_table(const char *path, struct catalog *into, struct cl_errors *errs);
void catalog_free(struct catalog *cat);

/* Store this content as a version (once per distinct SHA-256, with the time
 * of first use) and return its id.  _put runs inside a transaction the caller
 * opened (chart_new_case: the version and the case together); _intern runs
 * its own BEGIN IMMEDIATE transaction. */
int checklist_version_put(struct db *db, const struct checklist *cl, int64_t *id,
    struct err *err);
int checklist_version_intern(struct db *db, const struct checklist *cl, int64_t *id,
    struct err *err);
/* Load and parse a stored version (for a case bound to it). */
int checklist_version_load(struct db *db, int64_t id, struct checklist **out, struct err *err);

#endif
