/*
 * export_int: what the two parts of the export share: export.c checks the
 * request, runs the query and writes the rows (to a file descriptor, or to
 * standard output) and logs the export event; export_file.c resolves a
 * target file, writes it atomically and publishes it.  Not for other
 * modules.
 */
#ifndef SPINELOG_EXPORT_INT_H
#define SPINELOG_EXPORT_INT_H

#include <stdbool.h>

#include "export.h"

/* What to do after a write error; the file steps' errors get it too. */
#define EXPORT_WRITE_ADVICE "; nothing was exported; free space or choose another place " \
	"with -o, then try again"

/* Whether the request's stop flag is set, and the error that then says so. */
bool export_stopped(const struct export_req *req);
int export_stop_error(struct err *err);

/* Stream the header and the selected events into fd; target names it in a
 * write error (export.c). */
int export_write_csv(struct db *db, const struct export_req *req, int fd, const char *target,
    struct export_result *res, struct err *err);

/* The request's format into fd: export_write_csv or fhir_write (export.c). */
int export_write(struct db *db, const struct export_req *req, int fd, const char *target,
    struct export_result *res, struct err *err);

/* How a file of the request's format starts, for file_atomic_sweep
 * (export.c). */
const char *export_head(const struct export_req *req);

/* Append the export event, naming file, inside a transaction that the
 * caller commits (export.c). */
int export_log(struct db *db, const struct export_req *req, const char *file,
    struct export_result *res, struct err *err);

/* The statement of one of three queries, by the request's range (days: the
 * day bounds bound as :lo and :hi; one case: its id as :case; all), with the
 * range bound (export.c; the CSV and the FHIR export select with it). */
struct sqlite3_stmt;
struct sqlite3_stmt *export_select(struct db *db, const struct export_req *req,
    const char *days, const char *one, const char *all, struct err *err);

/* The export into a file: req->path is not "-" (export_file.c). */
int export_file(struct db *db, const struct export_req *req, struct export_result *res,
    struct err *err);

#endif
