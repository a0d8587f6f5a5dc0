/* Recompute the hash chain and check the rows it covers. */
#include "verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "event.h"
#include "record.h"

static const char *const required_triggers[] = {
	"event_no_update", "event_no_delete", "event_no_replace",
	"staff_no_update", "staff_no_delete", "cases_no_update", "cases_no_delete",
	"checklist_version_no_update", "checklist_version_no_delete",
};

static void
fault(struct verify_report *r, int64_t id, const char *fmt, ...)
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
		fault(r, 0, "PRAGMA integrity_check: %.400s", db_col_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc, "checking integrity", err);

	st = db_stmt(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = :n",
	    err);
	if (st == NULL)
		return err->status;
	for (size_t i = 0; r->ok && i < ARRAY_SIZE(required_triggers); i++) {
		sqlite3_reset(st);
		db_bind_text(st, 1, required_triggers[i]);
		if (sqlite3_step(st) != SQLITE_ROW)
			return db_fail(db, sqlite3_errcode(db_handle(db)), "checking triggers", err);
		if (sqlite3_column_int(st, 0) != 1)
			fault(r, 0, "the append-only trigger %s is missing (dropped behind "
			    "spinelog's back)", required_triggers[i]);
	}
	sqlite3_reset(st);
	return ST_OK;
}

/* A timestamp, cut to the stored length (a longer one no longer hashes
 * right, so the chain check reports it); no snprintf: this runs per event. */
static void
copy_at(char out[CLOCK_UTC_LEN], const char *at)
{
	size_t n = strnlen(at, CLOCK_UTC_LEN - 1);
	memcpy(out, at, n);
	out[n] = '\0';
}

static int
check_chain(struct db *db, const char *anchor, bool *anchor_found, struct verify_report *r,
    struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, recorded_at, case_id, phase, item_key, action,"
	    " value, unit, flag, reason, amends, staff_code, os_user, terminal, prev_hash, hash"
	    " FROM event ORDER BY id", err);
	if (st == NULL)
		return err->status;
	struct hasher *h = hasher_new();
	char prev[HASH_HEX_LEN] = EVENT_GENESIS, prev_at[CLOCK_UTC_LEN] = "", want[HASH_HEX_LEN];
	int rc;

	while (r->ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct event ev = {
			.id = sqlite3_column_int64(st, 0),
			.case_id = sqlite3_column_int64(st, 2),
			.phase = db_col_text(st, 3), .item_key = db_col_text(st, 4),
			.action = db_col_text(st, 5), .value = db_col_text(st, 6),
			.unit = db_col_text(st, 7), .flag = db_col_text(st, 8),
			.reason = db_col_text(st, 9), .amends = sqlite3_column_int64(st, 10),
			.staff_code = db_col_text(st, 11), .os_user = db_col_text(st, 12),
			.terminal = db_col_text(st, 13),
		};
		const char *at = db_col_text(st, 1);
		const char *prev_hash = db_col_text(st, 14), *hash = db_col_text(st, 15);
		copy_at(ev.recorded_at, at);

		if (ev.id != r->events + 1) {
			fault(r, r->events + 1, "event %lld is missing (the next id is %lld): "
			    "events were deleted", (long long)(r->events + 1), (long long)ev.id);
			break;
		}
		if (strcmp(prev_hash, prev) != 0) {
			fault(r, ev.id, "event %lld: prev_hash does not match the hash of event "
			    "%lld", (long long)ev.id, (long long)(ev.id - 1));
			break;
		}
		event_hash(h, &ev, prev, want);
		if (strcmp(want, hash) != 0) {
			fault(r, ev.id, "event %lld: hash does not recompute: its fields or its "
			    "hash were changed", (long long)ev.id);
			break;
		}
		if (strcmp(at, prev_at) < 0 && r->clock_anomalies++ == 0)
			r->first_anomaly = ev.id;
		if (anchor != NULL && strcmp(anchor, hash) == 0)
			*anchor_found = true;
		memcpy(prev, hash, HASH_HEX_LEN);
		copy_at(prev_at, at);
		r->events++;
	}
	hasher_free(h);
	sqlite3_reset(st);
	if (r->ok && rc != SQLITE_DONE)
		return db_fail(db, rc, "reading the event log", err);
	memcpy(r->head, prev, HASH_HEX_LEN);
	return ST_OK;
}

/* Each staff and case row must equal the value of the event that created it. */
static int
check_rows(struct db *db, struct verify_report *r, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT s.code, s.name, s.role, e.value, e.id FROM staff s"
	    " LEFT JOIN event e ON e.staff_code = s.code AND e.action = 'staff_register'", err);
	if (st == NULL)
		return err->status;
	int rc;
	while (r->ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *want = staff_encode(db_col_text(st, 1), db_col_text(st, 2));
		if (sqlite3_column_type(st, 4) == SQLITE_NULL)
			fault(r, 0, "staff %s has no staff_register event", db_col_text(st, 0));
		else if (strcmp(want, db_col_text(st, 3)) != 0)
			fault(r, sqlite3_column_int64(st, 4), "staff %s: the row differs from "
			    "event %lld that registered it", db_col_text(st, 0),
			    (long long)sqlite3_column_int64(st, 4));
		free(want);
	}
	sqlite3_reset(st);

	st = db_stmt(db, "SELECT c.id, c.mrn, c.name, c.dob, c.proc_key, c.version_id, c.side,"
	    " c.level, c.proceduralist, c.scheduled_at, e.value, e.id FROM cases c"
	    " LEFT JOIN event e ON e.case_id = c.id AND e.action = 'case_create'", err);
	if (st == NULL)
		return err->status;
	while (r->ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct case_info c = {
			.mrn = (char *)db_col_text(st, 1), .name = (char *)db_col_text(st, 2),
			.dob = (char *)db_col_text(st, 3), .proc_key = (char *)db_col_text(st, 4),
			.version_id = sqlite3_column_int64(st, 5), .side = (char *)db_col_text(st, 6),
			.level = (char *)db_col_text(st, 7),
			.proceduralist = (char *)db_col_text(st, 8),
			.scheduled_at = (char *)db_col_text(st, 9),
		};
		long long id = sqlite3_column_int64(st, 0);
		char *want = case_encode(&c);
		if (sqlite3_column_type(st, 11) == SQLITE_NULL)
			fault(r, 0, "case %lld has no case_create event", id);
		else if (strcmp(want, db_col_text(st, 10)) != 0)
			fault(r, sqlite3_column_int64(st, 11), "case %lld: the row differs from "
			    "event %lld that created it", id, (long long)sqlite3_column_int64(st, 11));
		free(want);
	}
	sqlite3_reset(st);
	return ST_OK;
}

int
verify_run(struct db *db, const char *anchor, struct verify_report *r, struct err *err)
{
	bool anchor_found = false;

	memset(r, 0, sizeof *r);
	r->ok = true;
	err->status = ST_OK;
	if (check_integrity(db, r, err) != ST_OK)
		return err->status;
	if (r->ok && check_chain(db, anchor, &anchor_found, r, err) != ST_OK)
		return err->status;
	if (r->ok && check_rows(db, r, err) != ST_OK)
		return err->status;
	if (r->ok && anchor != NULL && !anchor_found)
		fault(r, 0, "the anchor %.64s is not in the chain of %lld events: events after "
		    "event %lld were cut off, or the log was replaced, after that hash was taken",
		    anchor, (long long)r->events, (long long)r->events);
	return ST_OK;
}
