/*
 * verify: recompute the hash chain and check every row it covers (verify.h).
 * This part runs the checks in order, stopping at the first fault: SQLite's
 * integrity check, the schema against the embedded one, the walk of the
 * chain (verify_chain.c), the rows the events created (verify_rows.c), and
 * last the anchor.  The parts share verify_int.h.
 */
#include "verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "verify_int.h"

void
verify_fault(struct verify_report *r, int64_t id, const char *fmt, ...)
{
	va_list ap;
	r->ok = false;
	r->bad_event = id;
	va_start(ap, fmt);
	vsnprintf(r->problem, sizeof r->problem, fmt, ap);
	va_end(ap);
}

static int
check_integrity(struct db *db, struct verify_report *r, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "PRAGMA integrity_check", err);
	if (st == NULL)
		return err->status;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && strcmp(db_col_text(st, 0), "ok") != 0)
		verify_fault(r, 0, "PRAGMA integrity_check: %.400s", db_col_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc, "checking integrity", err);
	return ST_OK;
}

/* Every table, index, trigger and view as the embedded schema makes it, and
 * nothing else: a foreign trigger can swallow or change what is written, a
 * replaced one can stop guarding the log. */
static int
check_schema(struct db *db, struct verify_report *r, struct err *err)
{
	struct db_schema_diff d;
	if (db_schema_diff(db, &d, err) != ST_OK)
		return err->status;
	if (d.kind == DB_SCHEMA_EXTRA)
		verify_fault(r, 0, "the schema has %s %s %s that spinelog does not create: it was "
		    "added behind spinelog's back%s", strcmp(d.type, "index") == 0 ? "an" : "a",
		    d.type, d.name, strcmp(d.type, "trigger") == 0 ?
		    " (a trigger can swallow or change what is written)" : "");
	else if (d.kind == DB_SCHEMA_MISSING)
		verify_fault(r, 0, "the %s %s is missing from the schema (dropped behind "
		    "spinelog's back)", d.type, d.name);
	else if (d.kind == DB_SCHEMA_CHANGED)
		verify_fault(r, 0, "the %s %s is not defined as spinelog defines it: it was "
		    "replaced or edited behind spinelog's back", d.type, d.name);
	return ST_OK;
}

int
verify_run(struct db *db, const char *anchor, struct verify_report *r, struct err *err)
{
	bool anchor_found = false;
	struct walk w = {0};

	memset(r, 0, sizeof *r);
	r->ok = true;
	err->status = ST_OK;
	if (check_integrity(db, r, err) != ST_OK ||
	    (r->ok && check_schema(db, r, err) != ST_OK) ||
	    (r->ok && verify_chain(db, anchor, &anchor_found, &w, r, err) != ST_OK) ||
	    (r->ok && verify_rows(db, &w, r, err) != ST_OK))
		goto out;
	if (r->ok && anchor != NULL && !anchor_found)
		verify_fault(r, 0, "the anchor %.64s is not in the chain of %lld events: events "
		    "after event %lld were cut off, or the log was replaced, after that hash was "
		    "taken", anchor, (long long)r->events, (long long)r->events);
out:
	verify_chain_free(&w);
	return err->status;
}
