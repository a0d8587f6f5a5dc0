/* The report command: the plain-text summary of one case on standard output. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store/db.h"
#include "report.h"

static int cmd_report_run(int argc, char **argv, struct opts *o);

const struct command cmd_report_entry = {
	.name = "report",
	.synopsis = "[-d DB] CASE-ID",
	.summary = "print a case's plain-text summary (80 columns) for printing or handoff",
	.run = cmd_report_run,
};

static int
not_a_case(const char *arg)
{
	return cli_usage(&cmd_report_entry, "'%s' is not a case id; give the case number shown on "
	    "the worklist, from 1 to %" PRId64 ", e.g. 12", arg, INT64_MAX);
}

static int
cmd_report_run(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
	struct buf out = {0};
	struct err err = {0};
	struct db *db;
	int c, rc;

	/* "report -1" is a case id that is not one, not an unknown option -1. */
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "-d") == 0 || strcmp(argv[i], "--db") == 0)
			i++;	/* -d's value, whatever it looks like */
		else if (argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9')
			return not_a_case(argv[i]);
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1)
		if ((rc = cli_option(c, argv, o, &cmd_report_entry)) >= 0)
			return rc;
	if (argc - optind != 1)
		return cli_usage(&cmd_report_entry, "give one case id (the number shown on the worklist)");
	int64_t id;
	if (!text_int64(argv[optind], 1, INT64_MAX, &id))
		return not_a_case(argv[optind]);
	if ((rc = cli_open(o, DB_READONLY, &db)) != ST_OK)
		return rc;
	rc = report_case(db, id, &out, &err);
	db_close(db);
	if (rc != ST_OK) {
		buf_free(&out);
		return cli_error(rc, "%s", err.msg);
	}
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		buf_free(&out);
		return cli_error(ST_IOERR, "cannot write the report to standard output");
	}
	buf_free(&out);
	return ST_OK;
}
