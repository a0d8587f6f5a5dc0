/*
 * stress_driver: appends events through spinelog's own code path and says so
 * only after each commit was acknowledged.
 *
 *   stress_driver DB SEED [COUNT]
 *
 * Appends COUNT events (forever when 0 or absent) to the existing database
 * DB: mostly short notes, some values long enough to need overflow pages, and
 * now and then a staff registration (a staff row and its event in one
 * transaction).  After each event_append()/staff_register() returns ST_OK it
 * writes "ID HASH\n" to standard output with one write(2), so that the
 * parent, which kills this process at random moments, knows exactly which
 * events spinelog promised were saved.  On a failure it prints the message
 * and exits with its status.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event.h"
#include "record.h"
#include "stress.h"

static void
ack(int64_t id, const char *hash)
{
	char line[128];
	int n = snprintf(line, sizeof line, "%" PRId64 " %s\n", id, hash);
	if (write(STDOUT_FILENO, line, (size_t)n) != n)
		exit(74);
}

/* The id and hash of the staff_register event that registered code. */
static int
registered(struct db *db, const char *code, int64_t *id, char hash[HASH_HEX_LEN],
    struct err *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, hash FROM event WHERE"
	    " action = 'staff_register' AND staff_code = :c", err);
	if (st == NULL)
		return err->status;
	db_bind_text(st, 1, code);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail(db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "reading back", err);
	}
	*id = sqlite3_column_int64(st, 0);
	snprintf(hash, HASH_HEX_LEN, "%s", db_col_text(st, 1));
	sqlite3_reset(st);
	return ST_OK;
}

static void
random_text(struct rng *r, char *buf, size_t max)
{
	static const char *const pieces[] = {"BP ", "120/80 ", "café ", "L4-L5 ", "Ω ", "ok ",
	    "lidocaine 1% ", "x"};
	size_t want = rng_below(r, 10) == 0 ? 1000 + rng_below(r, 6000) : rng_below(r, 200);
	size_t len = 0;
	if (want >= max)
		want = max - 1;
	while (len < want) {
		const char *p = pieces[rng_below(r, ARRAY_SIZE(pieces))];
		size_t n = strlen(p);
		if (len + n >= max)
			break;
		memcpy(buf + len, p, n);
		len += n;
	}
	buf[len] = '\0';
}

int
main(int argc, char **argv)
{
	struct db *db;
	struct err err = {0};
	static char value[8192];

	if (argc < 3) {
		fprintf(stderr, "usage: stress_driver DB SEED [COUNT]\n");
		return 64;
	}
	struct rng rng = {strtoull(argv[2], NULL, 10)};
	long count = argc > 3 ? strtol(argv[3], NULL, 10) : 0;
	if (db_open(&db, argv[1], 0, &err) != ST_OK) {
		fprintf(stderr, "stress_driver: %s\n", err.msg);
		return err.status;
	}
	for (long i = 0; count == 0 || i < count; i++) {
		int64_t id = 0;
		char hash[HASH_HEX_LEN];
		if (rng_below(&rng, 20) == 0) {
			char code[48];
			snprintf(code, sizeof code, "S%ld-%" PRIu64, (long)getpid(), rng_next(&rng));
			if (staff_register(db, code, "Stress Tester", "RN", &err) != ST_OK ||
			    registered(db, code, &id, hash, &err) != ST_OK)
				break;
			ack(id, hash);
			continue;
		}
		random_text(&rng, value, sizeof value);
		struct event ev = {.action = "note", .phase = "procedure", .item_key = "stress",
		    .value = value, .staff_code = "ST"};
		if (event_append(db, &ev, &err) != ST_OK)
			break;
		ack(ev.id, ev.hash);
	}
	db_close(db);
	if (err.status != ST_OK) {
		fprintf(stderr, "stress_driver: %s\n", err.msg);
		return err.status;
	}
	return 0;
}
