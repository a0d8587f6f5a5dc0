/*
 * export: the CSV audit export (DESIGN §6, spinelog(1) CSV EXPORT).
 *
 * One row per event, in log order, with the case, checklist and staff
 * details an auditor needs beside the event's own fields and its hashes.
 * Every field is quoted by libcsv's writer, lines end in CRLF, the file is
 * UTF-8 with a byte-order mark (unless no_bom), and a cell that a spreadsheet
 * would take for a formula gets a leading apostrophe (csvwrite.h).
 *
 * Rows are written as they are read from one query, through one reused
 * buffer: memory does not grow with the number of events.  A file is written
 * to a temporary file in the target folder, fsync'd and renamed into place
 * (fileio.h), so the final name never holds a half-written file and an older
 * file of the same name stays untouched on any failure.  A successful export
 * appends an "export" event (range, rows, anchor, file) after the rows were
 * read, so the event is not in the file it describes.  The order is: the
 * temporary file written and synced; BEGIN IMMEDIATE; the export event; the
 * rename, with the older file kept aside under a second name; the folder
 * synced; COMMIT.  When the folder's sync or the COMMIT fails (a full disk),
 * the older file is put back (or the new one removed when there was none):
 * a file under the final name is an export whose event is committed.  Only
 * a process killed between the rename and the COMMIT (a moment) can leave
 * the new file unlogged; the older one is then still beside it as
 * ".NAME.XXXXXX.old", which the next export into that folder names
 * (res->set_aside).
 *
 * Before it writes, an export removes what earlier exports killed mid-way
 * left in the target folder: temporary files ".NAME.XXXXXX" older than
 * EXPORT_STALE_SECONDS that no process has open, by the rules of
 * file_atomic_sweep (res->removed).
 *
 * Domain layer: never prints; returns a status (util.h) and fills struct err.
 */
#ifndef SPINELOG_EXPORT_H
#define SPINELOG_EXPORT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clock.h"
#include "fileio.h"
#include "util.h"

struct db;	/* store/db.h: opaque above the storage layer */
#include "hash.h"

#define EXPORT_DAY_LEN CLOCK_DAY_LEN	/* "YYYY-MM-DD" + NUL */
#define EXPORT_COLUMNS 24

/* The days an export range may name: no event is older than the system
 * clock's epoch, and a far year is a typo (9999-12-31 once exported nothing
 * without a word: the day after it has a five-digit year). */
#define EXPORT_FIRST_YEAR 1970
#define EXPORT_LAST_YEAR 2999

/* A temporary file this old that no process has open is a dead export's. */
#define EXPORT_STALE_SECONDS (5 * 60)

/* What the file holds: the CSV audit file, or FHIR R4 bundles (fhir.h). */
enum export_format {
	EXPORT_CSV,
	EXPORT_FHIR,
};

enum export_range {
	EXPORT_DAYS,		/* local calendar days from..to, both included */
	EXPORT_CASE,		/* every event of one case */
	EXPORT_ALL,		/* the whole log */
};

struct export_req {
	enum export_range range;
	char from[EXPORT_DAY_LEN], to[EXPORT_DAY_LEN];	/* EXPORT_DAYS */
	int64_t case_id;	/* EXPORT_CASE */
	/* A file or an existing folder (which gets the default file name,
	 * export_file_name); NULL = the default folder
	 * $XDG_DATA_HOME/spinelog/exports (or ~/.local/share/...), created 0700
	 * when missing; "-" = standard output (no temporary file, still
	 * logged). */
	const char *path;
	bool no_bom;		/* CSV only */
	enum export_format format;
	/* FHIR only: the identifier system URI of the site's MRNs (required). */
	const char *mrn_system;
	const char *staff_code;	/* who asked, for the export event; NULL = none */
	/* When not NULL: a flag a signal handler sets (installed without
	 * SA_RESTART) to stop the export; it then cleans up like any failure and
	 * returns ST_TEMPFAIL.  Once the export event is being logged, it
	 * completes. */
	volatile sig_atomic_t *stop;
};

struct export_result {
	char *path;		/* the file written, or "-"; free with export_result_clear */
	int64_t rows;		/* events exported */
	int64_t bundles;	/* FHIR: cases exported, one bundle each */
	char anchor[HASH_HEX_LEN];	/* hash of the last exported event; "" when rows == 0 */
	int64_t anchor_id;	/* FHIR: the id of that event */
	int64_t event_id;	/* the "export" event that logged this export */
	/* Also filled when the export fails: */
	struct file_names removed;	/* dead exports' temporary files removed */
	struct file_names set_aside;	/* older exports a killed export set aside */
};

/* Check a range of days (YYYY-MM-DD): real calendar days, in the years
 * EXPORT_FIRST_YEAR to EXPORT_LAST_YEAR, from not after to.  ST_USAGE with a
 * message that names the day. */
int export_check_days(const char *from, const char *to, struct err *err);

/*
 * Run an export.  On ST_OK the file is in place, the export event is
 * committed and res is filled.  On failure nothing is left behind (no
 * temporary file, an older file as it was) and err says what to do:
 * ST_USAGE for a bad request, ST_NOINPUT for an unknown case, ST_CANTCREAT
 * when the folder cannot be written, ST_IOERR for a write error (full disk,
 * file size limit, stdout closed), ST_TEMPFAIL when the database stayed busy.
 * The bedside program's worklist calls this for the day it shows:
 *
 *	struct export_req req = {.range = EXPORT_DAYS, .staff_code = code};
 *	memcpy(req.from, day, EXPORT_DAY_LEN); memcpy(req.to, day, EXPORT_DAY_LEN);
 *	rc = export_run(db, &req, &res, &err);	then show res.path, res.rows, res.anchor
 *	(and, either way, res.removed and res.set_aside)
 *	export_result_clear(&res);
 */
int export_run(struct db *db, const struct export_req *req, struct export_result *res,
    struct err *err);
void export_result_clear(struct export_result *res);

/* spinelog-DAY.csv, spinelog-FROM_TO.csv, spinelog-case-ID.csv or
 * spinelog-all.csv (.ndjson for FHIR); caller frees. */
char *export_file_name(const struct export_req *req);
/* The file name ending of the request's format: ".csv" or ".ndjson". */
const char *export_suffix(const struct export_req *req);

/*
 * The folder an export without a path (export_req.path NULL) goes to, in
 * place of $XDG_DATA_HOME/spinelog/exports: spinelog.conf's export_dir, set
 * once at start-up by the front end (as a locale is), so that the command
 * and the bedside program's export (x) go to the same ward folder.  Unlike
 * the private default it is never created: a missing one is an error that
 * names it.  NULL = the XDG folder again.
 */
void export_set_default_dir(const char *dir);

#endif
