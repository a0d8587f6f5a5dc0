/*
 * verify_pins: the PIN rows (schema 4, pin.h) against their events.  The
 * hash chain cannot cover a PIN's hash, which must stay out of the log, but
 * it covers that a PIN was set, changed, removed or reset, when and by whom:
 * every staff_pin row must be named by its own pin_set event for the same
 * code, saying what the row holds (a hash for "PIN set" and "PIN changed",
 * none for "PIN removed" and "PIN reset"), and every pin_set event must
 * still have its row.  A row slipped in behind spinelog's back (a PIN set on
 * a colleague's code to lock them out) is then a fault.
 */
#include <string.h>

#include "actions.h"
#include "db.h"
#include "pin.h"
#include "verify_int.h"

/* Does the row (hash NULL or not, salt and hash sizes, iterations) hold what
 * the event's value says? */
static bool
row_says(const char *value, bool none, int salt, int hash, int iter)
{
	if (strcmp(value, "PIN set") == 0 || strcmp(value, "PIN changed") == 0)
		return !none && salt == PIN_SALT_LEN && hash == PIN_HASH_LEN && iter > 0;
	if (strcmp(value, "PIN removed") == 0 || strcmp(value, "PIN reset") == 0)
		return none && salt == 0;
	return false;
}

static int
check_rows(struct db *db, struct verify_report *r, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT p.id, p.code, p.event_id, p.hash IS NULL,"
	    " coalesce(length(p.salt), 0), coalesce(length(p.hash), 0), p.iterations,"
	    " e.action, e.staff_code, e.value FROM staff_pin p"
	    " LEFT JOIN event e ON e.id = p.event_id ORDER BY p.id", err);
	int rc;
	if (st == NULL)
		return err->status;
	while (r->ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0), ev = sqlite3_column_int64(st, 2);
		const char *code = db_col_text(st, 1);
		if (sqlite3_column_type(st, 7) == SQLITE_NULL ||
		    strcmp(db_col_text(st, 7), ACTION_PIN_SET) != 0 ||
		    strcmp(db_col_text(st, 8), code) != 0)
			verify_fault(r, ev, "PIN row %lld of %.40s has no pin_set event of its own "
			    "(it names event %lld): it was added behind spinelog's back", id, code, ev);
		else if (!row_says(db_col_text(st, 9), sqlite3_column_int(st, 3),
		    sqlite3_column_int(st, 4), sqlite3_column_int(st, 5), sqlite3_column_int(st, 6)))
			verify_fault(r, ev, "PIN row %lld of %.40s does not hold what its event %lld "
			    "says (%.20s): the row was changed", id, code, ev, db_col_text(st, 9));
	}
	sqlite3_reset(st);
	if (r->ok && rc != SQLITE_DONE)
		return db_fail(db, rc, "reading the PIN rows", err);
	return ST_OK;
}

int
verify_pins(struct db *db, struct verify_report *r, struct err *err)
{
	if (check_rows(db, r, err) != ST_OK || !r->ok)
		return err->status;
	/* the partial index event_pin_tries (its action IN term is repeated so that
	 * it applies): the sign-ins and PIN events, not the whole log */
	sqlite3_stmt *st = db_stmt(db, "SELECT e.id, e.staff_code FROM event e"
	    " INDEXED BY event_pin_tries"
	    " WHERE e.action IN ('sign_in', 'pin_wrong', 'pin_set') AND e.action = 'pin_set'"
	    " AND NOT EXISTS (SELECT 1 FROM staff_pin p WHERE p.event_id = e.id)"
	    " ORDER BY e.id LIMIT 1", err);
	if (st == NULL)
		return err->status;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		verify_fault(r, sqlite3_column_int64(st, 0), "event %lld (pin_set, %.40s) has no "
		    "PIN row: the row was deleted", (long long)sqlite3_column_int64(st, 0),
		    db_col_text(st, 1));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, "reading the PIN events", err);
	return ST_OK;
}
