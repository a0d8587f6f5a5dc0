/*
 * pin: the optional PIN of a staff code (spinelog(1), STAFF PINS).
 *
 * A PIN is 4 to 12 digits, typed with one hand on a numeric keypad.  It is
 * never stored: staff_pin keeps PBKDF2-HMAC-SHA256 of it (OpenSSL's
 * PKCS5_PBKDF2_HMAC) with a 16-byte random salt from RAND_bytes, new at each
 * setting, and the iteration count, so that a later spinelog may raise the
 * count for new PINs.  Comparing is constant-time (CRYPTO_memcmp).  Every
 * setting is a row and a "pin_set" event whose value only says what happened,
 * so the hash never reaches the log, an export or a report.
 *
 * Wrong PINs are events too ("pin_wrong", the code tried): the audit trail
 * shows someone guessing, and the wait they earn holds on every terminal.
 * After PIN_FREE_TRIES wrong PINs in a row within PIN_WINDOW_S, each further
 * try waits pin_wait_s() seconds after the last wrong one.
 */
#ifndef SPINELOG_PIN_H
#define SPINELOG_PIN_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

struct db;

/* OWASP Password Storage Cheat Sheet (2023): 600,000 iterations for
 * PBKDF2-HMAC-SHA256; about 0.3 s on one core of a 2020s PC. */
#define PIN_ITERATIONS 600000
#define PIN_SALT_LEN 16
#define PIN_HASH_LEN 32
#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 12
#define PIN_FREE_TRIES 3	/* wrong PINs in a row before the first wait */
#define PIN_WINDOW_S (15 * 60)	/* older wrong PINs no longer count */

struct pin_hash {
	bool set;		/* false: the code has no PIN */
	int iterations;
	unsigned char salt[PIN_SALT_LEN];
	unsigned char hash[PIN_HASH_LEN];
};

/* Is pin PIN_MIN_DIGITS to PIN_MAX_DIGITS digits?  ST_DATAERR saying so. */
int pin_valid(const char *pin, struct err *err);

/* A new random salt and the hash of pin under it. */
int pin_make(const char *pin, struct pin_hash *out, struct err *err);

/* Does pin hash to h (constant-time)?  False when h is not set. */
bool pin_matches(const struct pin_hash *h, const char *pin);

/* The PIN of code now (out->set false: none). */
int pin_get(struct db *db, const char *code, struct pin_hash *out, struct err *err);

/* Store h as the PIN of code (h NULL: no PIN from now on), with its pin_set
 * event (staff code: code; value: what, "PIN set", "PIN changed", ...) in
 * one transaction.  The event's os_user tells who did it. */
int pin_store(struct db *db, const char *code, const struct pin_hash *h, const char *what,
    struct err *err);

/* The wrong PINs typed for code in a row (since its last sign-in or PIN
 * setting, within PIN_WINDOW_S of now_ms), and when the last was (ms). */
int pin_wrong_count(struct db *db, const char *code, int64_t now_ms, int *wrong,
    int64_t *last_ms, struct err *err);

/* Record a wrong PIN for code (a "pin_wrong" event). */
int pin_log_wrong(struct db *db, const char *code, struct err *err);

/* How long a try must wait after the last of `wrong` wrong PINs in a row:
 * 0 below PIN_FREE_TRIES, then 30 s, doubling up to 8 minutes. */
int pin_wait_s(int wrong);

#endif
