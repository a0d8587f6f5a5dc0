/* The optional PIN of a staff code (pin.h). */
#include "pin.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <string.h>

#include "actions.h"
#include "clock.h"
#include "db.h"
#include "event.h"

int
pin_valid(const char *pin, struct err *err)
{
	size_t n = strspn(pin, "0123456789");
	if (pin[n] != '\0' || n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
		return err_set(err, ST_DATAERR, "a PIN is %d to %d digits", PIN_MIN_DIGITS,
		    PIN_MAX_DIGITS);
	return ST_OK;
}

static bool
derive(const char *pin, const unsigned char *salt, int iterations,
    unsigned char out[PIN_HASH_LEN])
{
	return PKCS5_PBKDF2_HMAC(pin, (int)strlen(pin), salt, PIN_SALT_LEN, iterations,
	    EVP_sha256(), PIN_HASH_LEN, out) == 1;
}

int
pin_make(const char *pin, struct pin_hash *out, struct err *err)
{
	memset(out, 0, sizeof *out);
	if (pin_valid(pin, err) != ST_OK)
		return err->status;
	out->iterations = PIN_ITERATIONS;
	if (RAND_bytes(out->salt, PIN_SALT_LEN) != 1 ||
	    !derive(pin, out->salt, out->iterations, out->hash))
		return err_set(err, ST_SOFTWARE, "the PIN could not be hashed (OpenSSL failed); "
		    "nothing was saved");
	out->set = true;
	return ST_OK;
}

bool
pin_matches(const struct pin_hash *h, const char *pin)
{
	unsigned char got[PIN_HASH_LEN];
	if (!h->set || h->iterations < 1 || !derive(pin, h->salt, h->iterations, got))
		return false;
	bool same = CRYPTO_memcmp(got, h->hash, PIN_HASH_LEN) == 0;
	OPENSSL_cleanse(got, sizeof got);
	return same;
}

int
pin_get(struct db *db, const char *code, struct pin_hash *out, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT salt, hash, iterations FROM staff_pin"
	    " WHERE code = :code ORDER BY id DESC LIMIT 1", err);
	memset(out, 0, sizeof *out);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, code);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == PIN_SALT_LEN &&
	    sqlite3_column_bytes(st, 1) == PIN_HASH_LEN) {
		memcpy(out->salt, sqlite3_column_blob(st, 0), PIN_SALT_LEN);
		memcpy(out->hash, sqlite3_column_blob(st, 1), PIN_HASH_LEN);
		out->iterations = sqlite3_column_int(st, 2);
		out->set = true;
	} else if (rc == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL) {
		/* a hash of the wrong size can match nothing: say so rather than
		 * let the code in without its PIN */
		sqlite3_reset(st);
		return err_set(err, ST_DATAERR, "%s: the PIN of %s is damaged; ask an "
		    "administrator to reset it (spinelog staff pin --reset)", db_path(db), code);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, "reading a PIN", err);
	return ST_OK;
}

static int
insert_row(struct db *db, const char *code, const struct pin_hash *h, int64_t event_id,
    struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO staff_pin (code, event_id, salt, hash,"
	    " iterations) VALUES (:code, :event, :salt, :hash, :iter)", err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, code);
	sqlite3_bind_int64(st, 2, event_id);
	if (h != NULL) {
		sqlite3_bind_blob(st, 3, h->salt, PIN_SALT_LEN, SQLITE_TRANSIENT);
		sqlite3_bind_blob(st, 4, h->hash, PIN_HASH_LEN, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int(st, 5, h != NULL ? h->iterations : 0);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : db_fail(db, rc, "saving a PIN", err);
}

int
pin_store(struct db *db, const char *code, const struct pin_hash *h, const char *what,
    struct err *err)
{
	struct event ev = {.action = ACTION_PIN_SET, .value = what, .staff_code = code};
	if (db_begin(db, err) != ST_OK)
		return err->status;
	if (event_insert(db, &ev, err) != ST_OK || insert_row(db, code, h, ev.id, err) != ST_OK) {
		db_rollback(db);
		return err->status;
	}
	return db_commit(db, err);
}

int
pin_wrong_count(struct db *db, const char *code, int64_t now_ms, int *wrong,
    int64_t *last_ms, struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT action, recorded_at FROM event"
	    " WHERE staff_code = :code AND action IN ('sign_in', 'pin_wrong', 'pin_set')"
	    " ORDER BY id DESC LIMIT 64", err);
	int rc;
	*wrong = 0;
	*last_ms = 0;
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, code);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t at;
		if (strcmp(db_col_text(st, 0), ACTION_PIN_WRONG) != 0 ||
		    !clock_parse_utc(db_col_text(st, 1), &at) || at < now_ms - PIN_WINDOW_S * 1000LL)
			break;
		if (*wrong == 0)
			*last_ms = at;
		(*wrong)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, "reading the wrong PINs", err);
	return ST_OK;
}

int
pin_log_wrong(struct db *db, const char *code, struct err *err)
{
	struct event ev = {.action = ACTION_PIN_WRONG, .reason = "wrong PIN", .staff_code = code};
	return event_append(db, &ev, err);
}

int
pin_wait_s(int wrong)
{
	if (wrong < PIN_FREE_TRIES)
		return 0;
	int shift = wrong - PIN_FREE_TRIES;
	return shift >= 4 ? 480 : 30 << shift;
}
