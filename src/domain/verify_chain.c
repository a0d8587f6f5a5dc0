/*
 * verify_chain: the walk of the hash chain for verify (verify_int.h).  Each
 * event is read in log order and must be stored in its one canonical form,
 * follow the one before it without a gap, name that one's hash as prev_hash
 * and recompute to its own hash.  On the way it keeps what the row checks of
 * verify_rows.c need: the events that register staff, create, close or
 * cancel cases, record checklist versions, and the upgrade to version 2.
 */
#include "verify_int.h"

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "db.h"
#include "event.h"

static struct made *
made_add(struct made_list *l, const struct event *ev, const char *prev_at)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	struct made *m = &l->v[l->n++];
	memset(m, 0, sizeof *m);
	m->ev = ev->id;
	m->key = ev->case_id;
	memcpy(m->prev_at, prev_at, CLOCK_UTC_LEN);
	memcpy(m->at, ev->recorded_at, CLOCK_UTC_LEN);
	return m;
}

static void
made_free(struct made_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].value);
	}
	free(l->v);
}

/* The version id a checklist_version event names ("id=N; ..."), or 0. */
static int64_t
version_id_of(const char *value)
{
	if (strncmp(value, "id=", 3) != 0)
		return 0;
	char *end;
	long long id = strtoll(value + 3, &end, 10);
	return *end == ';' && id > 0 ? id : 0;
}

/* Keep what the row checks need from an event. */
static void
collect(struct walk *w, const struct event *ev, const char *prev_at)
{
	struct made *m;
	if (strcmp(ev->action, ACTION_STAFF_REGISTER) == 0) {
		m = made_add(&w->staff, ev, prev_at);
		m->code = xstrdup(ev->staff_code);
		m->value = xstrdup(ev->value);
	} else if (strcmp(ev->action, ACTION_CASE_CREATE) == 0) {
		m = made_add(&w->cases, ev, prev_at);
		m->value = xstrdup(ev->value);
	} else if (strcmp(ev->action, ACTION_CASE_CLOSE) == 0 ||
	    strcmp(ev->action, ACTION_CASE_CANCEL) == 0) {
		made_add(&w->ended, ev, prev_at);
	} else if (strcmp(ev->action, ACTION_SCHEMA_UPGRADE) == 0) {
		const char *to = strstr(ev->value, "; to=");
		if (w->upgraded == 0 && to != NULL && strcmp(to, "; to=2") == 0)
			w->upgraded = ev->id;
	} else if (strcmp(ev->action, ACTION_CHECKLIST_VERSION) == 0) {
		m = made_add(&w->versions, ev, prev_at);
		m->key = version_id_of(ev->value);
		m->value = xstrdup(ev->value);
	}
}

int
verify_chain(struct db *db, const char *anchor, bool *anchor_found, struct walk *w,
    struct verify_report *r, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " EVENT_COLUMNS " FROM event ORDER BY id", err);
	if (st == NULL)
		return err->status;
	struct hasher *h = hasher_new();
	char prev[HASH_HEX_LEN] = EVENT_GENESIS, prev_at[CLOCK_UTC_LEN] = "", want[HASH_HEX_LEN];
	char why[200];
	int rc;

	while (r->ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct event ev;
		if (!event_from_row(st, &ev, why, sizeof why)) {
			int64_t id = sqlite3_column_int64(st, 0);
			verify_fault(r, id > 0 ? id : r->events + 1, "event %lld: %s: the value is "
			    "not stored as spinelog stores it, so it was written behind spinelog's "
			    "back", (long long)(id > 0 ? id : r->events + 1), why);
			break;
		}
		if (ev.id != r->events + 1) {
			verify_fault(r, r->events + 1, "event %lld is missing (the next id is "
			    "%lld): events were deleted", (long long)(r->events + 1),
			    (long long)ev.id);
			break;
		}
		if (strcmp(ev.prev_hash, prev) != 0) {
			verify_fault(r, ev.id, "event %lld: prev_hash does not match the hash of "
			    "event %lld", (long long)ev.id, (long long)(ev.id - 1));
			break;
		}
		event_hash(h, &ev, prev, want);
		if (strcmp(want, ev.hash) != 0) {
			verify_fault(r, ev.id, "event %lld: hash does not recompute: its fields or "
			    "its hash were changed", (long long)ev.id);
			break;
		}
		if (strcmp(ev.recorded_at, prev_at) < 0 && r->clock_anomalies++ == 0)
			r->first_anomaly = ev.id;
		if (anchor != NULL && strcmp(anchor, ev.hash) == 0)
			*anchor_found = true;
		collect(w, &ev, prev_at);
		memcpy(prev, ev.hash, HASH_HEX_LEN);
		memcpy(prev_at, ev.recorded_at, CLOCK_UTC_LEN);
		r->events++;
	}
	hasher_free(h);
	sqlite3_reset(st);
	if (r->ok && rc != SQLITE_DONE)
		return db_fail(db, rc, "reading the event log", err);
	memcpy(r->head, prev, HASH_HEX_LEN);
	return ST_OK;
}

void
verify_chain_free(struct walk *w)
{
	made_free(&w->staff);
	made_free(&w->cases);
	made_free(&w->ended);
	made_free(&w->versions);
}
