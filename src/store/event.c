/* Appending to the hash-chained event log. */
#include "event.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

/*
 * The canonical encoding goes through a small buffer to the digest in a few
 * large pieces, with lengths formatted by hand: verify hashes every event of
 * the log, and snprintf plus some 45 digest updates per event were most of
 * its time.
 */
struct canon {
	struct hasher *h;
	size_t n;
	char b[512];
};

static void
canon_put(struct canon *c, const void *p, size_t n)
{
	if (n > sizeof c->b - c->n) {
		hasher_add(c->h, c->b, c->n);
		c->n = 0;
		if (n > sizeof c->b) {
			hasher_add(c->h, p, n);
			return;
		}
	}
	memcpy(c->b + c->n, p, n);
	c->n += n;
}

/* The decimal digits of v, written backwards ending before end. */
static char *
decimal(uint64_t v, char *end)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return end;
}

static void
add_field(struct canon *c, const char *s, size_t n)
{
	char len[24], *p = decimal(n, len + sizeof len - 1);
	len[sizeof len - 1] = ':';
	canon_put(c, p, (size_t)(len + sizeof len - p));
	canon_put(c, s, n);
	canon_put(c, ",", 1);
}

static void
add_text(struct canon *c, const char *s)
{
	add_field(c, s ? s : "", s ? strlen(s) : 0);
}

static void
add_int(struct canon *c, int64_t v, int zero_is_empty)
{
	char s[24], *end = s + sizeof s, *p;
	if (v == 0 && zero_is_empty) {
		add_field(c, "", 0);
		return;
	}
	p = decimal(v < 0 ? -(uint64_t)v : (uint64_t)v, end);
	if (v < 0)
		*--p = '-';
	add_field(c, p, (size_t)(end - p));
}

void
event_hash(struct hasher *h, const struct event *ev, const char *prev_hash, char out[HASH_HEX_LEN])
{
	struct canon c = {.h = h};

	hasher_start(h);
	canon_put(&c, prev_hash, 64);
	add_int(&c, ev->id, 0);
	add_text(&c, ev->recorded_at);
	add_int(&c, ev->case_id, 1);
	add_text(&c, ev->phase);
	add_text(&c, ev->item_key);
	add_text(&c, ev->action);
	add_text(&c, ev->value);
	add_text(&c, ev->unit);
	add_text(&c, ev->flag);
	add_text(&c, ev->reason);
	add_int(&c, ev->amends, 1);
	add_text(&c, ev->staff_code);
	add_text(&c, ev->os_user);
	add_text(&c, ev->terminal);
	hasher_add(h, c.b, c.n);
	hasher_hex(h, out);
}

int
event_head(struct db *db, int64_t *id, char hash[HASH_HEX_LEN], struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1", err);
	if (st == NULL)
		return err->status;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		snprintf(hash, HASH_HEX_LEN, "%s", db_col_text(st, 1));
	} else if (rc == SQLITE_DONE) {
		*id = 0;
		memcpy(hash, EVENT_GENESIS, HASH_HEX_LEN);
	} else {
		return db_fail(db, rc, "reading the chain head", err);
	}
	sqlite3_reset(st);
	return ST_OK;
}

static const char sql_insert[] =
    "INSERT INTO event (id, recorded_at, case_id, phase, item_key, action, value, unit,"
    " flag, reason, amends, staff_code, os_user, terminal, prev_hash, hash)"
    " VALUES (:id, :at, :case, :phase, :item, :action, :value, :unit,"
    " :flag, :reason, :amends, :staff, :user, :tty, :prev, :hash)";

int
event_insert(struct db *db, struct event *ev, struct err *err)
{
	int64_t head;

	if (ev->action == NULL || *ev->action == '\0')
		die("event_insert: an event needs an action");
	/* Every event says who and where: an empty value is filled like a NULL one. */
	if (ev->os_user == NULL || *ev->os_user == '\0')
		ev->os_user = host_user();
	if (ev->terminal == NULL || *ev->terminal == '\0')
		ev->terminal = host_terminal();
	if (event_head(db, &head, ev->prev_hash, err) != ST_OK)
		return err->status;
	ev->id = head + 1;
	clock_now(ev->recorded_at);
	struct hasher *h = hasher_new();
	event_hash(h, ev, ev->prev_hash, ev->hash);
	hasher_free(h);

	sqlite3_stmt *st = db_stmt(db, sql_insert, err);
	if (st == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, ev->id);
	db_bind_text(st, 2, ev->recorded_at);
	if (ev->case_id)
		sqlite3_bind_int64(st, 3, ev->case_id);
	db_bind_text(st, 4, ev->phase);
	db_bind_text(st, 5, ev->item_key);
	db_bind_text(st, 6, ev->action);
	db_bind_text(st, 7, ev->value);
	db_bind_text(st, 8, ev->unit);
	db_bind_text(st, 9, ev->flag);
	db_bind_text(st, 10, ev->reason);
	if (ev->amends)
		sqlite3_bind_int64(st, 11, ev->amends);
	db_bind_text(st, 12, ev->staff_code);
	db_bind_text(st, 13, ev->os_user);
	db_bind_text(st, 14, ev->terminal);
	db_bind_text(st, 15, ev->prev_hash);
	db_bind_text(st, 16, ev->hash);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "saving the entry", err);
	return ST_OK;
}

int
event_append(struct db *db, struct event *ev, struct err *err)
{
	if (db_begin(db, err) != ST_OK)
		return err->status;
	if (event_insert(db, ev, err) != ST_OK) {
		db_rollback(db);
		return err->status;
	}
	return db_commit(db, err);
}
