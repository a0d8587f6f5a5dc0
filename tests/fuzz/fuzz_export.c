/*
 * libFuzzer harness for the CSV export's round trip: an event whose value
 * and reason are the input (split at the first NUL byte) is exported, and
 * libcsv's strict parser must read back the header and one row of 24 cells
 * whose value and reason equal the input, with the formula guard's leading
 * apostrophe exactly where csvwrite_guard_needed() says.  Each input gets a
 * fresh in-memory database; the file goes to a temporary folder.
 */
#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event.h"
#include "csvwrite.h"
#include "export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct readback {
	int rows, cells;
	char *cell[EXPORT_COLUMNS];
	size_t len[EXPORT_COLUMNS];
};

static void
on_cell(void *s, size_t n, void *p)
{
	struct readback *r = p;
	if (r->rows == 1 && r->cells < EXPORT_COLUMNS) {
		r->cell[r->cells] = xmalloc(n + 1);
		memcpy(r->cell[r->cells], s, n);
		r->len[r->cells] = n;
	}
	r->cells++;
}

static void
on_row(int c, void *p)
{
	struct readback *r = p;
	(void)c;
	if (r->cells != EXPORT_COLUMNS)
		abort();
	r->rows++;
	r->cells = 0;
}

static void
expect_cell(const struct readback *r, int col, const char *want)
{
	size_t n = strlen(want);
	bool guard = csvwrite_guard_needed(want, n);
	if (r->len[col] != n + guard || (guard && r->cell[col][0] != '\'') ||
	    memcmp(r->cell[col] + guard, want, n) != 0)
		abort();
}

static char dir[64];

static void
remove_dir(void)
{
	char *file = xasprintf("%s/spinelog-all.csv", dir);
	unlink(file);
	rmdir(dir);
	free(file);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err err = {0};
	struct db *db;

	if (dir[0] == '\0') {
		snprintf(dir, sizeof dir, "%s/fuzz-export-XXXXXX",
		    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		if (mkdtemp(dir) == NULL)
			abort();
		atexit(remove_dir);
	}
	char *text = xmalloc(size + 2);
	memcpy(text, data, size);
	text[size] = text[size + 1] = '\0';
	const char *value = text, *reason = text + strlen(text) + (strlen(text) < size);

	if (db_open(&db, ":memory:", DB_CREATE, &err) != ST_OK)
		abort();
	struct event ev = {.action = "note", .value = value, .reason = reason, .staff_code = "FZ"};
	struct export_req req = {.range = EXPORT_ALL, .path = dir};
	struct export_result res;
	if (event_append(db, &ev, &err) != ST_OK || export_run(db, &req, &res, &err) != ST_OK)
		abort();

	FILE *f = fopen(res.path, "rb");
	struct readback r = {0};
	struct csv_parser p;
	char buf[4096];
	size_t n;
	if (f == NULL || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0 ||
	    fread(buf, 1, 3, f) != 3 || memcmp(buf, "\xEF\xBB\xBF", 3) != 0)
		abort();
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (csv_parse(&p, buf, n, on_cell, on_row, &r) != n)
			abort();
	if (csv_fini(&p, on_cell, on_row, &r) != 0 || r.rows != 2)
		abort();
	expect_cell(&r, 13, value);
	expect_cell(&r, 16, reason);
	expect_cell(&r, 23, ev.hash);

	csv_free(&p);
	fclose(f);
	for (int i = 0; i < EXPORT_COLUMNS; i++)
		free(r.cell[i]);
	export_result_clear(&res);
	db_close(db);
	free(text);
	return 0;
}
