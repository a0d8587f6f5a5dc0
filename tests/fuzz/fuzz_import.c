/*
 * libFuzzer harness for the worklist import parser and validator: any bytes
 * must give either an import or a list of FILE:LINE problems, never a crash
 * or a sanitizer report.  Writes go to an in-memory database.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "import.h"

static struct db *db;
static struct catalog cat;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_result res;
	struct err err = {0};

	if (db == NULL) {
		struct cl_errors errs = {0};
		char dir[] = "/tmp/fuzz-import-XXXXXX";	/* no site files: built-ins only */
		if (mkdtemp(dir) == NULL)
			abort();
		setenv("SPINELOG_CHECKLISTS", dir, 1);
		if (db_open(&db, ":memory:", DB_CREATE, &err) != ST_OK ||
		    catalog_load(&cat, &errs, &err) != ST_OK)
			{ fprintf(stderr, "fuzz set-up: %s\n", err.msg); abort(); }
		cl_errors_free(&errs);
	}
	import_worklist(db, &cat, "fuzz.csv", (const char *)data, size, "FZ", &res, &err);
	import_result_clear(&res);
	return 0;
}
