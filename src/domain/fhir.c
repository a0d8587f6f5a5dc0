/*
 * fhir: the FHIR R4 export's outer loop (fhir.h): which cases the request
 * selects, one case at a time loaded (casestate_load), turned into a
 * Bundle (fhir_case.c, fhir_proc.c, fhir_obs.c, fhir_med.c) and written as
 * one line of compact JSON, then freed: memory grows with the largest case,
 * not with the range.
 *
 * The bundle is of type "collection", not "document": a document needs a
 * Composition that an author attests, with every reference resolved inside
 * it, while this is a set of resources exported from a log for a receiving
 * system to file; the audit trail stays the CSV export and the database.
 */
#include "fhir.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "db.h"
#include "export_int.h"
#include "fhir_int.h"

/* The cases (id, checklist version) with an event in [lo, hi): through the
 * event_time index. */
static const char sql_days[] = "SELECT DISTINCT e.case_id, c.version_id FROM event e"
    " JOIN cases c ON c.id = e.case_id"
    " WHERE e.recorded_at >= :lo AND e.recorded_at < :hi ORDER BY e.case_id";
static const char sql_case[] = "SELECT id, version_id FROM cases WHERE id = :case";
static const char sql_all[] = "SELECT id, version_id FROM cases ORDER BY id";
static const char sql_hashes[] = "SELECT id, hash FROM event WHERE case_id = :case ORDER BY id";

/* The hash of each of the case's events, parallel to cs->ev (both in id
 * order; events appended since casestate_load are left out). */
static int
load_hashes(struct db *db, struct fhir_case *fc, struct err *err)
{
	const struct casestate *cs = fc->cs;
	sqlite3_stmt *st = db_stmt(db, sql_hashes, err);
	size_t n = 0;
	int rc;

	if (st == NULL)
		return err->status;
	fc->hash = xcalloc(cs->nev + 1, sizeof *fc->hash);
	sqlite3_bind_int64(st, 1, cs->c.id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < cs->nev)
		if (sqlite3_column_int64(st, 0) == cs->ev[n].id)
			snprintf(fc->hash[n++], HASH_HEX_LEN, "%s", db_col_text(st, 1));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, "reading the case's event hashes", err);
	if (n != cs->nev)
		return err_set(err, ST_DATAERR, "case %" PRId64 ": %zu of its %zu events have no "
		    "hash; run 'spinelog verify'", cs->c.id, cs->nev - n, cs->nev);
	return ST_OK;
}

static void
fhir_case_clear(struct fhir_case *fc)
{
	for (size_t i = 0; i < fc->nstaff; i++) {
		free(fc->staff[i].code);
		free(fc->staff[i].name);
		free(fc->staff[i].role);
	}
	free(fc->staff);
	free(fc->hash);
	case_clear(&fc->cur);
	json_decref(fc->entries);
}

/* The Bundle of one case loaded in fc. */
static json_t *
bundle(struct fhir_case *fc)
{
	json_t *b = fhir_obj(), *id = fhir_obj();
	char now[CLOCK_UTC_LEN], ref[FHIR_REF_LEN];

	fhir_case_patient(fc);
	fhir_case_procedure(fc);
	fhir_obs_all(fc);
	clock_now(now);
	fhir_set_str(b, "resourceType", "Bundle");
	fhir_set_str(id, "system", "urn:ietf:rfc:3986");
	fhir_uuid(ref, "Bundle", fc->cs->c.mrn, fc->cs->c.created_at);
	fhir_set_str(id, "value", ref);
	fhir_set(b, "identifier", id);
	fhir_set_str(b, "type", "collection");
	fhir_set(b, "timestamp", fhir_time(now));
	fhir_set(b, "entry", fc->entries);
	fc->entries = NULL;
	return b;
}

/* A case to export, and the checklist versions met so far, each loaded
 * once (parsing one is most of the cost of loading a case). */
struct pick {
	int64_t id, version;
};

struct out {
	int fd;
	const struct export_req *req;
	int error;	/* errno of the first failed write */
	struct version {
		int64_t id;
		struct checklist *cl;
	} *versions;
	size_t nversions;
};

static int
version_of(struct db *db, struct out *o, int64_t id, const struct checklist **cl,
    struct err *err)
{
	size_t i;
	for (i = 0; i < o->nversions && o->versions[i].id != id; i++)
		;
	if (i == o->nversions) {
		struct checklist *loaded;
		if (checklist_version_load(db, id, &loaded, err) != ST_OK)
			return err->status;
		o->versions = xreallocarray(o->versions, o->nversions + 1, sizeof *o->versions);
		o->versions[o->nversions++] = (struct version){id, loaded};
	}
	*cl = o->versions[i].cl;
	return ST_OK;
}

/* A bundle as one line, dumped to memory and written at once (jansson's
 * streaming callback would make a write per token). */
static char *
dump(const json_t *b)
{
	char *text = json_dumps(b, JSON_COMPACT | JSON_REAL_PRECISION(15));
	if (text == NULL)
		die("out of memory writing the FHIR export");
	return text;
}

static int
write_bundle(struct out *o, const json_t *b)
{
	char *text = dump(b);
	o->error = file_write_all(o->fd, text, strlen(text), o->req->stop);
	if (o->error == 0)
		o->error = file_write_all(o->fd, "\n", 1, o->req->stop);
	free(text);
	return o->error == 0 ? ST_OK : -1;
}

/* Build and write the bundle of case id. */
static int
one_case(struct db *db, struct pick p, struct out *o, struct export_result *res,
    struct err *err)
{
	struct casestate *cs;
	struct fhir_case fc = {.mrn_system = o->req->mrn_system};
	const struct checklist *cl = NULL;
	int64_t id = p.id;
	int rc;

	if ((rc = version_of(db, o, p.version, &cl, err)) != ST_OK ||
	    (rc = casestate_load(db, id, cl, &cs, err)) != ST_OK)
		return rc;
	fc.cs = cs;
	fc.entries = fhir_arr();
	fhir_uuid(fc.patient, "Patient", cs->c.mrn, cs->c.created_at);
	fhir_uuid(fc.procedure, "Procedure", cs->c.mrn, cs->c.created_at);
	if ((rc = case_current(db, id, &fc.cur, err)) == ST_OK &&
	    (rc = load_hashes(db, &fc, err)) == ST_OK &&
	    (rc = fhir_case_staff(db, &fc, err)) == ST_OK) {
		json_t *b = bundle(&fc);
		rc = write_bundle(o, b);
		json_decref(b);
		res->rows += (int64_t)cs->nev;
		res->bundles++;
		for (size_t i = 0; rc == ST_OK && i < cs->nev; i++)
			if (cs->ev[i].id > res->anchor_id) {
				res->anchor_id = cs->ev[i].id;
				memcpy(res->anchor, fc.hash[i], HASH_HEX_LEN);
			}
	}
	fhir_case_clear(&fc);
	casestate_free(cs);
	return rc;
}

int
fhir_write(struct db *db, const struct export_req *req, int fd, const char *target,
    struct export_result *res, struct err *err)
{
	struct out o = {.fd = fd, .req = req};
	sqlite3_stmt *st;
	int rc = ST_OK, step;

	if ((st = export_select(db, req, sql_days, sql_case, sql_all, err)) == NULL)
		return err->status;
	/* The cases first: loading a case runs other statements meanwhile. */
	struct pick *picks = NULL;
	size_t n = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		picks = xreallocarray(picks, n + 1, sizeof *picks);
		picks[n++] = (struct pick){sqlite3_column_int64(st, 0),
			sqlite3_column_int64(st, 1)};
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		rc = db_fail(db, step, "reading the cases to export", err);
	for (size_t i = 0; rc == ST_OK && i < n && !export_stopped(req); i++)
		rc = one_case(db, picks[i], &o, res, err);
	free(picks);
	for (size_t i = 0; i < o.nversions; i++)
		checklist_free(o.versions[i].cl);
	free(o.versions);
	if (export_stopped(req))
		return export_stop_error(err);
	if (rc == -1)
		return err_set(err, ST_IOERR, "cannot write %s: %s" EXPORT_WRITE_ADVICE, target,
		    file_strerror(o.error ? o.error : EIO));
	return rc;
}
