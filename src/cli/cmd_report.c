/* The report command: the plain-text summary of one case on standard output. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

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
cmd_report_run(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
	struct buf out = {0};
	struct err err = {0};
	struct db *db;
	int c, rc;

	while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		if ((rc = cli_common(c, o, &cmd_report_entry)) >= 0)
			return rc;
	if (argc - optind != 1)
		return cli_usage(&cmd_report_entry, "give one case id (the number shown on the worklist)");
	char *end;
	long long id = strtoll(argv[optind], &end, 10);
	if (*argv[optind] == '\0' || *end != '\0' || id <= 0)
		return cli_usage(&cmd_report_entry, "'%s' is not a case id; give the case number, e.g. 12",
		    argv[optind]);
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
