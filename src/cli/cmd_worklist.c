/* The worklist command: import the day's schedule from a CSV file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fileio.h"
#include "store/db.h"
#include "import.h"

static int cmd_worklist_run(int argc, char **argv, struct opts *o);

const struct command cmd_worklist_entry = {
	.name = "worklist",
	.synopsis = "import [-d DB] [--staff CODE] FILE.csv",
	.summary = "import the day's scheduled cases from a CSV file (all or nothing)",
	.run = cmd_worklist_run,
};

/* The schedule file, whole; NULL after saying why, with the status in *rc. */
static char *
read_schedule(const char *path, size_t *size, int *rc)
{
	struct err err = {0};
	char *data;

	if ((*rc = file_read(path, IMPORT_MAX_BYTES, &data, size, &err)) == ST_OK)
		return data;
	cli_error(*rc, "%s: %s; %s", path, err.msg, *rc == ST_DATAERR ? "split the file" :
	    "give the path of the schedule exported as CSV");
	return NULL;
}

static int
worklist_import(const char *path, struct opts *o)
{
	struct catalog cat = {0};
	struct cl_errors cerr = {0};
	struct import_result res;
	struct err err = {0};
	struct db *db = NULL;
	size_t size = 0;
	int rc = ST_OK;

	char *data = read_schedule(path, &size, &rc);
	if (data == NULL)
		return rc;
	if (catalog_load(&cat, &cerr, &err) != ST_OK) {
		free(data);
		return cli_error(err.status, "%s", err.msg);
	}
	for (size_t i = 0; i < cerr.n; i++) {
		char *m = cl_error_format(&cerr.v[i]);
		fprintf(stderr, "spinelog: warning: %s (that site file is not used)\n", m);
		free(m);
	}
	cl_errors_free(&cerr);
	if ((rc = cli_open(o, DB_CREATE, &db)) != ST_OK)
		goto out;
	rc = import_worklist(db, &cat, path, data, size, o->staff ? o->staff : "", &res, &err);
	if (rc == ST_OK) {
		printf("imported %zu case%s, %zu already present\n", res.imported,
		    res.imported == 1 ? "" : "s", res.present);
	} else if (res.nproblems > 0) {
		for (size_t i = 0; i < res.nproblems; i++)
			fprintf(stderr, "%s\n", res.problems[i]);
		fprintf(stderr, "spinelog: %s: nothing imported (%zu problem%s); correct the file "
		    "and import it again\n", path, res.nproblems, res.nproblems == 1 ? "" : "s");
	} else {
		cli_error(rc, "%s: nothing imported: %s", path, err.msg);
	}
	import_result_clear(&res);
out:
	db_close(db);
	catalog_free(&cat);
	free(data);
	return rc;
}

static int
cmd_worklist_run(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
	int c, rc;

	while ((c = getopt_long(argc, argv, "+d:h", longopts, NULL)) != -1)
		if ((rc = cli_common(c, o, &cmd_worklist_entry)) >= 0)
			return rc;
	if (optind >= argc)
		return cli_usage(&cmd_worklist_entry, "which worklist action? ('import FILE.csv')");
	if (strcmp(argv[optind], "import") != 0)
		return cli_usage(&cmd_worklist_entry, "unknown worklist action '%s'", argv[optind]);
	optind++;
	while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		if ((rc = cli_common(c, o, &cmd_worklist_entry)) >= 0)
			return rc;
	if (argc - optind != 1)
		return cli_usage(&cmd_worklist_entry, "'worklist import' takes one CSV file");
	return worklist_import(argv[optind], o);
}
