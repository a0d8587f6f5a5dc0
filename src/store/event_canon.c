/*
 * An event's canonical form: the encoding its hash covers (event_hash), and
 * the one form each column must be stored in for a row to be read back
 * (event_from_row), so that no two different rows encode alike.  Appending
 * to the log is in event.c.
 */
#include "event_int.h"

#include <stdio.h>
#include <string.h>

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

static const char *const column[] = {
	"id", "recorded_at", "case_id", "phase", "item_key", "action", "value", "unit", "flag",
	"reason", "amends", "staff_code", "os_user", "terminal", "prev_hash", "hash",
};

static const char *
storage_class(int type)
{
	switch (type) {
	case SQLITE_INTEGER: return "an INTEGER";
	case SQLITE_FLOAT: return "a REAL";
	case SQLITE_BLOB: return "a BLOB";
	case SQLITE_NULL: return "NULL";
	default: return "TEXT";
	}
}

bool
event_col_is_text(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) != SQLITE_TEXT)
		return false;
	const unsigned char *s = sqlite3_column_text(st, i);	/* before _bytes */
	int n = sqlite3_column_bytes(st, i);
	return s != NULL && memchr(s, '\0', (size_t)n) == NULL;
}

bool
event_is_utc(const char *s, size_t n)
{
	static const char form[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	if (n != sizeof form - 1)
		return false;
	for (size_t i = 0; i < n; i++)
		if (form[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != form[i])
			return false;
	return true;
}

/* A text column in canonical form, or false with why filled; *len its bytes. */
static bool
text_col(sqlite3_stmt *st, int i, const char **out, size_t *len, char *why, size_t n)
{
	int type = sqlite3_column_type(st, i);
	const char *s = (const char *)sqlite3_column_text(st, i);	/* before _bytes */
	size_t bytes = (size_t)sqlite3_column_bytes(st, i);
	if (type != SQLITE_TEXT || s == NULL) {
		snprintf(why, n, "%s is stored as %s, not as text", column[i],
		    storage_class(type));
		return false;
	}
	if (memchr(s, '\0', bytes) != NULL) {
		snprintf(why, n, "%s holds a NUL byte (what follows it would not be covered by "
		    "the hash)", column[i]);
		return false;
	}
	*out = s;
	if (len != NULL)
		*len = bytes;
	return true;
}

/* An id column: a positive INTEGER, or NULL (0) where none is allowed. */
static bool
id_col(sqlite3_stmt *st, int i, bool none_ok, int64_t *out, char *why, size_t n)
{
	int type = sqlite3_column_type(st, i);
	*out = 0;
	if (type == SQLITE_NULL && none_ok)
		return true;
	if (type != SQLITE_INTEGER) {
		snprintf(why, n, "%s is stored as %s, not as an integer", column[i],
		    storage_class(type));
		return false;
	}
	*out = sqlite3_column_int64(st, i);
	if (*out <= 0) {
		snprintf(why, n, "%s is %lld%s", column[i], (long long)*out, none_ok ?
		    " (an event without one stores NULL, which would hash alike)" : "");
		return false;
	}
	return true;
}

/*
 * Per event of a long log, so without snprintf or a second look at a column.
 * prev_hash and hash need only their length here: each is then compared
 * whole with a hash computed as 64 lower-case hex digits (the one before it,
 * the one it should be), so any other digit shows there.
 */
bool
event_from_row(sqlite3_stmt *st, struct event *ev, char *why, size_t n)
{
	const char *at = "", *prev = "", *hash = "";
	size_t at_len = 0, prev_len = 0, hash_len = 0;

	memset(ev, 0, sizeof *ev);
	if (!id_col(st, 0, false, &ev->id, why, n) || !text_col(st, 1, &at, &at_len, why, n) ||
	    !id_col(st, 2, true, &ev->case_id, why, n) ||
	    !text_col(st, 3, &ev->phase, NULL, why, n) ||
	    !text_col(st, 4, &ev->item_key, NULL, why, n) ||
	    !text_col(st, 5, &ev->action, NULL, why, n) ||
	    !text_col(st, 6, &ev->value, NULL, why, n) ||
	    !text_col(st, 7, &ev->unit, NULL, why, n) ||
	    !text_col(st, 8, &ev->flag, NULL, why, n) ||
	    !text_col(st, 9, &ev->reason, NULL, why, n) ||
	    !id_col(st, 10, true, &ev->amends, why, n) ||
	    !text_col(st, 11, &ev->staff_code, NULL, why, n) ||
	    !text_col(st, 12, &ev->os_user, NULL, why, n) ||
	    !text_col(st, 13, &ev->terminal, NULL, why, n) ||
	    !text_col(st, 14, &prev, &prev_len, why, n) ||
	    !text_col(st, 15, &hash, &hash_len, why, n))
		return false;
	if (!event_is_utc(at, at_len)) {
		snprintf(why, n, "recorded_at '%.40s' is not in the form YYYY-MM-DDTHH:MM:SS.mmmZ",
		    at);
		return false;
	}
	if (prev_len != HASH_HEX_LEN - 1 || hash_len != HASH_HEX_LEN - 1) {
		snprintf(why, n, "%s is not 64 hex digits long",
		    prev_len != HASH_HEX_LEN - 1 ? "prev_hash" : "hash");
		return false;
	}
	memcpy(ev->recorded_at, at, CLOCK_UTC_LEN);
	memcpy(ev->prev_hash, prev, HASH_HEX_LEN);
	memcpy(ev->hash, hash, HASH_HEX_LEN);
	return true;
}

static bool
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The field of the two events that differs, or NULL (event_int.h). */
const char *
event_differs(const struct event *a, const struct event *b)
{
	const char *const ta[] = {a->phase, a->item_key, a->action, a->value, a->unit, a->flag,
	    a->reason, a->staff_code, a->os_user, a->terminal};
	const char *const tb[] = {b->phase, b->item_key, b->action, b->value, b->unit, b->flag,
	    b->reason, b->staff_code, b->os_user, b->terminal};
	static const int col[] = {3, 4, 5, 6, 7, 8, 9, 11, 12, 13};

	if (a->id != b->id)
		return column[0];
	if (strcmp(a->recorded_at, b->recorded_at) != 0)
		return column[1];
	if (a->case_id != b->case_id)
		return column[2];
	if (a->amends != b->amends)
		return column[10];
	for (size_t i = 0; i < ARRAY_SIZE(ta); i++)
		if (!same_text(ta[i], tb[i]))
			return column[col[i]];
	if (strcmp(a->prev_hash, b->prev_hash) != 0)
		return column[14];
	if (strcmp(a->hash, b->hash) != 0)
		return column[15];
	return NULL;
}
