/*
 * The CSV audit export: one query over the event log joined with the case,
 * its checklist version and the staff member, streamed row by row as CSV
 * cells (csvwrite.h) into a file descriptor, and the export event.  This
 * part checks the request, writes the rows, and runs an export to standard
 * output; an export into a file, written atomically (fileio.h) and renamed
 * into place in the transaction that logs it, is export_file.c.  See
 * export.h for the contract and spinelog(1), CSV EXPORT for the format.
 */
#include "export.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "checklist.h"
#include "csvwrite.h"
#include "db.h"
#include "event.h"
#include "export_int.h"
#include "fhir.h"
#include "fileio.h"
#include "record.h"

static const char *const header[EXPORT_COLUMNS] = {
	"event_id", "recorded_at", "recorded_at_utc", "case_id", "mrn", "patient", "dob",
	"procedure", "checklist_version", "phase", "item_key", "item_label", "action", "value",
	"unit", "flag", "reason", "amends_event_id", "staff_code", "staff_name", "os_user",
	"terminal", "prev_hash", "hash",
};

/* The query's columns, in this order (see row_write). */
#define EXPORT_SELECT \
	"SELECT e.id, e.recorded_at, e.case_id, c.mrn, c.name, c.dob, c.proc_key, v.sha256," \
	" c.version_id, e.phase, e.item_key, e.action, e.value, e.unit, e.flag, e.reason," \
	" e.amends, e.staff_code, s.name, e.os_user, e.terminal, e.prev_hash, e.hash" \
	" FROM event e LEFT JOIN cases c ON c.id = e.case_id" \
	" LEFT JOIN checklist_version v ON v.id = c.version_id" \
	" LEFT JOIN staff s ON s.code = e.staff_code "
enum {
	Q_ID, Q_AT, Q_CASE, Q_MRN, Q_NAME, Q_DOB, Q_PROC, Q_SHA, Q_VERSION, Q_PHASE, Q_ITEM,
	Q_ACTION, Q_VALUE, Q_UNIT, Q_FLAG, Q_REASON, Q_AMENDS, Q_STAFF, Q_STAFF_NAME, Q_USER,
	Q_TTY, Q_PREV, Q_HASH,
};

/*
 * Rows go out in log (id) order.  A day range finds its first and last id
 * through the event_time index, then walks the ids in between, keeping those
 * in the range (the unary + keeps the planner off the index there): no sort,
 * so nothing is held in memory however many rows the range has.
 */
#define IN_DAYS "FROM event WHERE recorded_at >= :lo AND recorded_at < :hi)"
static const char sql_days[] = EXPORT_SELECT
    "WHERE e.id BETWEEN (SELECT min(id) " IN_DAYS " AND (SELECT max(id) " IN_DAYS
    " AND +e.recorded_at >= :lo AND +e.recorded_at < :hi ORDER BY e.id";
static const char sql_case[] = EXPORT_SELECT "WHERE e.case_id = :case ORDER BY e.id";
static const char sql_all[] = EXPORT_SELECT "ORDER BY e.id";

/* Checklist versions met so far, loaded once each for the item labels. */
struct version_cache {
	int64_t id;
	struct checklist *cl;
};

struct writer {
	struct db *db;
	struct csvwrite out;
	struct version_cache *versions;
	size_t nversions;
};

static bool
cell_col(struct writer *w, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return csvwrite_cell(&w->out, s ? s : "", s ? (size_t)sqlite3_column_bytes(st, col) : 0);
}

/* An integer column, empty when NULL. */
static bool
cell_int(struct writer *w, sqlite3_stmt *st, int col)
{
	char v[24] = "";
	if (sqlite3_column_type(st, col) != SQLITE_NULL)
		snprintf(v, sizeof v, "%" PRId64, (int64_t)sqlite3_column_int64(st, col));
	return csvwrite_cell_str(&w->out, v);
}

static int
item_label(struct writer *w, sqlite3_stmt *st, const char **label, struct err *err)
{
	const char *key = db_col_text(st, Q_ITEM);
	*label = "";
	if (*key == '\0' || sqlite3_column_type(st, Q_VERSION) == SQLITE_NULL)
		return ST_OK;
	int64_t id = sqlite3_column_int64(st, Q_VERSION);
	size_t i;
	for (i = 0; i < w->nversions && w->versions[i].id != id; i++)
		;
	if (i == w->nversions) {
		struct checklist *cl;
		if (checklist_version_load(w->db, id, &cl, err) != ST_OK)
			return err->status;
		w->versions = xreallocarray(w->versions, w->nversions + 1, sizeof *w->versions);
		w->versions[w->nversions++] = (struct version_cache){id, cl};
	}
	const struct item *it = checklist_item(w->versions[i].cl, key);
	if (it != NULL)
		*label = it->label;
	return ST_OK;
}

static int
row_write(struct writer *w, sqlite3_stmt *st, struct err *err)
{
	const char *utc = db_col_text(st, Q_AT), *label;
	char local[48];

	if (item_label(w, st, &label, err) != ST_OK)
		return err->status;
	if (!clock_local_iso(utc, local, sizeof local))
		snprintf(local, sizeof local, "?");
	bool ok = cell_int(w, st, Q_ID) && csvwrite_cell_str(&w->out, local) &&
	    cell_col(w, st, Q_AT) && cell_int(w, st, Q_CASE) &&
	    cell_col(w, st, Q_MRN) && cell_col(w, st, Q_NAME) && cell_col(w, st, Q_DOB) &&
	    cell_col(w, st, Q_PROC) && cell_col(w, st, Q_SHA) && cell_col(w, st, Q_PHASE) &&
	    cell_col(w, st, Q_ITEM) && csvwrite_cell_str(&w->out, label) &&
	    cell_col(w, st, Q_ACTION) && cell_col(w, st, Q_VALUE) && cell_col(w, st, Q_UNIT) &&
	    cell_col(w, st, Q_FLAG) && cell_col(w, st, Q_REASON) &&
	    cell_int(w, st, Q_AMENDS) && cell_col(w, st, Q_STAFF) &&
	    cell_col(w, st, Q_STAFF_NAME) && cell_col(w, st, Q_USER) && cell_col(w, st, Q_TTY) &&
	    cell_col(w, st, Q_PREV) && cell_col(w, st, Q_HASH) && csvwrite_end_row(&w->out);
	return ok ? ST_OK : -1;	/* the writer's errno tells why */
}

bool
export_stopped(const struct export_req *req)
{
	return req->stop != NULL && *req->stop != 0;
}

int
export_stop_error(struct err *err)
{
	return err_set(err, ST_TEMPFAIL, "interrupted; nothing was exported");
}

static int
write_error(int e, const char *target, struct err *err)
{
	return err_set(err, ST_IOERR, "cannot write %s: %s" EXPORT_WRITE_ADVICE, target,
	    file_strerror(e));
}

sqlite3_stmt *
export_select(struct db *db, const struct export_req *req, const char *days, const char *one,
    const char *all, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, req->range == EXPORT_DAYS ? days :
	    req->range == EXPORT_CASE ? one : all, err);
	if (st != NULL && req->range == EXPORT_DAYS) {
		char lo[CLOCK_UTC_LEN], hi[CLOCK_UTC_LEN];
		clock_day_bounds(req->from, req->to, lo, hi);
		db_bind_text(st, 1, lo);
		db_bind_text(st, 2, hi);
	} else if (st != NULL && req->range == EXPORT_CASE) {
		sqlite3_bind_int64(st, 1, req->case_id);
	}
	return st;
}

/* Stream the header and the selected events into fd. */
int
export_write_csv(struct db *db, const struct export_req *req, int fd, const char *target,
    struct export_result *res, struct err *err)
{
	struct writer w = {.db = db};
	sqlite3_stmt *st;
	bool ok = true;
	int rc = ST_OK, step = SQLITE_DONE;

	csvwrite_init(&w.out, fd, req->stop);
	if (!req->no_bom)
		ok = csvwrite_raw(&w.out, "\xEF\xBB\xBF", 3);
	for (int i = 0; ok && i < EXPORT_COLUMNS; i++)
		ok = csvwrite_cell_str(&w.out, header[i]);
	ok = ok && csvwrite_end_row(&w.out);

	if ((st = export_select(db, req, sql_days, sql_case, sql_all, err)) == NULL) {
		rc = err->status;
		goto out;
	}
	while (ok && !export_stopped(req) && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = row_write(&w, st, err)) < 0)
			ok = false, rc = ST_OK;
		else if (rc != ST_OK)
			break;
		res->rows++;
		snprintf(res->anchor, sizeof res->anchor, "%s", db_col_text(st, Q_HASH));
	}
	if (ok && rc == ST_OK && step != SQLITE_DONE)
		rc = db_fail(db, step, "reading the event log", err);
	sqlite3_reset(st);
	if (ok && rc == ST_OK)
		ok = csvwrite_flush(&w.out);
	if (export_stopped(req))
		rc = export_stop_error(err);
	else if (!ok)
		rc = write_error(w.out.error, target, err);
out:
	for (size_t i = 0; i < w.nversions; i++)
		checklist_free(w.versions[i].cl);
	free(w.versions);
	csvwrite_free(&w.out);
	return rc;
}

int
export_write(struct db *db, const struct export_req *req, int fd, const char *target,
    struct export_result *res, struct err *err)
{
	if (req->format == EXPORT_FHIR)
		return fhir_write(db, req, fd, target, res, err);
	return export_write_csv(db, req, fd, target, res, err);
}

const char *
export_suffix(const struct export_req *req)
{
	return req->format == EXPORT_FHIR ? FHIR_SUFFIX : ".csv";
}

/* The first cells of the CSV header row, as written. */
static const char csv_head[] = "\"event_id\",\"recorded_at\",\"recorded_at_utc\",\"case_id\"";

const char *
export_head(const struct export_req *req)
{
	return req->format == EXPORT_FHIR ? FHIR_HEAD : csv_head;
}

static char *
range_text(const struct export_req *req)
{
	switch (req->range) {
	case EXPORT_DAYS:
		if (strcmp(req->from, req->to) == 0)
			return xstrdup(req->from);
		return xasprintf("%s..%s", req->from, req->to);
	case EXPORT_CASE:
		return xasprintf("case %" PRId64, req->case_id);
	case EXPORT_ALL:
		break;
	}
	return xstrdup("all");
}

static bool
in_window(const char *day)
{
	int year = atoi(day);
	return year >= EXPORT_FIRST_YEAR && year <= EXPORT_LAST_YEAR;
}

int
export_check_days(const char *from, const char *to, struct err *err)
{
	const char *days[] = {from, to};
	for (int i = 0; i < 2; i++) {
		if (!clock_valid_date(days[i]))
			return err_set(err, ST_USAGE, "'%s' is not a day: an export range needs days "
			    "as YYYY-MM-DD", days[i]);
		if (!in_window(days[i]))
			return err_set(err, ST_USAGE, "'%s' is outside the years %d to %d that an "
			    "export range may name; check the year", days[i], EXPORT_FIRST_YEAR,
			    EXPORT_LAST_YEAR);
	}
	if (strcmp(from, to) > 0)
		return err_set(err, ST_USAGE, "the range %s to %s ends before it starts; "
		    "give the earlier day first", from, to);
	return ST_OK;
}

static int
check_request(struct db *db, const struct export_req *req, struct err *err)
{
	if (req->range == EXPORT_DAYS) {
		if (export_check_days(req->from, req->to, err) != ST_OK)
			return err->status;
	} else if (req->range == EXPORT_CASE) {
		struct case_info c = {0};
		if (case_get(db, req->case_id, &c, err) != ST_OK)
			return err->status;
		case_clear(&c);
	}
	return ST_OK;
}

/* Append the export event inside a transaction that the caller commits. */
int
export_log(struct db *db, const struct export_req *req, const char *file,
    struct export_result *res, struct err *err)
{
	struct buf value = {0};
	char rows[24];
	char *range = range_text(req);

	snprintf(rows, sizeof rows, "%" PRId64, res->rows);
	buf_kv(&value, "range", range);
	if (req->format == EXPORT_FHIR)
		buf_kv(&value, "format", "fhir");
	buf_kv(&value, "rows", rows);
	buf_kv(&value, "anchor", res->anchor);
	buf_kv(&value, "file", file);
	struct event ev = {.action = ACTION_EXPORT, .value = value.data, .staff_code = req->staff_code};
	int rc = event_insert(db, &ev, err);
	if (rc == ST_OK)
		res->event_id = ev.id;
	buf_free(&value);
	free(range);
	return rc;
}

static int
export_stdout(struct db *db, const struct export_req *req, struct export_result *res,
    struct err *err)
{
	if (export_write(db, req, STDOUT_FILENO, "standard output", res, err) != ST_OK)
		return err->status;
	/* A pipe or a terminal cannot be synced; a redirected file can. */
	if (fsync(STDOUT_FILENO) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP)
		return write_error(errno, "standard output", err);
	if (export_stopped(req))
		return export_stop_error(err);
	if (db_begin(db, err) != ST_OK)
		return err->status;
	if (export_log(db, req, "-", res, err) != ST_OK) {
		db_rollback(db);
		return err->status;
	}
	int rc = db_commit(db, err);
	if (rc == ST_OK)
		res->path = xstrdup("-");
	return rc;
}

int
export_run(struct db *db, const struct export_req *req, struct export_result *res,
    struct err *err)
{
	memset(res, 0, sizeof *res);
	err->status = ST_OK;
	if (req->format == EXPORT_FHIR && (req->mrn_system == NULL || *req->mrn_system == '\0'))
		return err_set(err, ST_USAGE, "the FHIR export needs the site's MRN system URI "
		    "(the Patient identifier system, e.g. urn:oid:... or https://...): give "
		    "--mrn-system URI or set SPINELOG_MRN_SYSTEM");
	if (check_request(db, req, err) != ST_OK)
		return err->status;
	if (req->path != NULL && strcmp(req->path, "-") == 0)
		return export_stdout(db, req, res, err);
	return export_file(db, req, res, err);
}

void
export_result_clear(struct export_result *res)
{
	free(res->path);
	file_names_free(&res->removed);
	file_names_free(&res->set_aside);
	memset(res, 0, sizeof *res);
}
