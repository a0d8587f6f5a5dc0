/* The worklist command: import the day's schedule from a CSV file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "entry.h"
#include "fileio.h"
#include "store/db.h"
#include "import.h"
#include "record.h"

static int cmd_worklist_run(int argc, char **argv, struct opts *o);

const struct command cmd_worklist_entry = {
	.name = "worklist",
	.synopsis = "import [-d DB] [--staff CODE] [--correct] FILE.csv",
	.summary = "import the day's scheduled cases from a CSV file (all or nothing)",
	.help =
	    "  --staff CODE   who imports: a registered staff code (a code is registered\n"
	    "                 when its nurse first signs in at the bedside program);\n"
	    "                 without it the cases carry no staff code.  The same as\n"
	    "                 'spinelog --staff CODE worklist import FILE.csv'\n"
	    "  --correct      a row whose case exists but differs (side, level, name,\n"
	    "                 date of birth, proceduralist) corrects the case: the\n"
	    "                 file's values are logged as a correction (needs --staff);\n"
	    "                 without it such a row is reported and nothing imported\n"
	    "  -d, --db PATH  the database, made by 'spinelog init'\n\n"
	    "FILE.csv has a header row naming at least mrn, name, dob and procedure.\n"
	    "Prints how many cases were imported and how many were already there; a\n"
	    "file with any invalid row imports nothing and each problem is shown as\n"
	    "FILE:LINE: message.  See spinelog(1), COMMANDS.\n",
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

/* --staff must name a staff member the database knows: the code goes into
 * every case_create event as the one who imported. */
static int
check_staff(struct db *db, const char *code)
{
	struct staff s = {0};
	struct err err = {0};
	int rc = staff_get(db, code, &s, &err);

	staff_clear(&s);
	if (rc == ST_NOINPUT)
		return cli_error(rc, "--staff %s: %s; sign in once at the bedside program "
		    "('spinelog --staff %s') to register the code, or leave --staff out",
		    code, err.msg, code);
	if (rc != ST_OK)
		return cli_error(rc, "%s", err.msg);
	return ST_OK;
}

static int
worklist_import(const char *path, struct opts *o, bool correct)
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
		cli_warn("%s (that site file is not used)", m);
		free(m);
	}
	cl_errors_free(&cerr);
	if ((rc = cli_open(o, 0, &db)) != ST_OK)
		goto out;
	if (o->staff != NULL && (rc = check_staff(db, o->staff)) != ST_OK)
		goto out;
	struct import_opts opt = {.name = path, .staff_code = o->staff ? o->staff : "",
	    .correct = correct};
	rc = import_worklist_opts(db, &cat, data, size, &opt, &res, &err);
	if (rc == ST_OK) {
		cli_say(stdout, "imported %zu case%s, %zu already present", res.imported,
		    res.imported == 1 ? "" : "s", res.present);
		if (res.corrected > 0)
			cli_say(stdout, "corrected %zu case%s from the file (logged with the reason "
			    "and your staff code)", res.corrected, res.corrected == 1 ? "" : "s");
	} else if (res.nproblems > 0) {
		for (size_t i = 0; i < res.nproblems; i++)
			cli_say(stderr, "%s", res.problems[i]);
		cli_error(rc, "%s: nothing imported (%zu problem%s); correct the file and import "
		    "it again", path, res.nproblems, res.nproblems == 1 ? "" : "s");
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

/* The options before and after "import": -d, --staff (also a global
 * option, so given once in all), --help.  -1 to go on, or the status. */
static int
parse(int argc, char **argv, const char *shortopts, struct opts *o, bool *correct)
{
	enum { OPT_STAFF = 256, OPT_CORRECT };
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, {"staff", required_argument, NULL, OPT_STAFF},
		{"correct", no_argument, NULL, OPT_CORRECT}, {NULL, 0, NULL, 0},
	};
	int c, rc = -1;

	opterr = 0;
	while (rc < 0 && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == OPT_STAFF)
			rc = cli_once(&cmd_worklist_entry, "--staff", &o->staff, optarg);
		else if (c == OPT_CORRECT)
			rc = cli_flag(&cmd_worklist_entry, "--correct", correct);
		else
			rc = cli_option(c, argv, o, &cmd_worklist_entry);
	}
	return rc;
}

static int
cmd_worklist_run(int argc, char **argv, struct opts *o)
{
	struct err err = {0};
	bool correct = false;
	int rc;

	if ((rc = parse(argc, argv, "+" CLI_COMMON_SHORTOPTS, o, &correct)) >= 0)
		return rc;
	if (optind >= argc)
		return cli_usage(&cmd_worklist_entry, "which worklist action? ('import FILE.csv')");
	if (strcmp(argv[optind], "import") != 0)
		return cli_usage(&cmd_worklist_entry, "unknown worklist action '%s'", argv[optind]);
	optind++;
	if ((rc = parse(argc, argv, CLI_COMMON_SHORTOPTS, o, &correct)) >= 0)
		return rc;
	if (argc - optind != 1)
		return cli_usage(&cmd_worklist_entry, "'worklist import' takes one CSV file");
	/* Before anything is read: a code that cannot be one (the global
	 * --staff is checked here too). */
	if (o->staff != NULL && entry_staff_code(o->staff, &err) != ST_OK)
		return cli_usage(&cmd_worklist_entry, "--staff '%s': %s", o->staff, err.msg);
	if (correct && o->staff == NULL)
		return cli_usage(&cmd_worklist_entry, "--correct changes cases: give --staff CODE, "
		    "who is making the correction");
	return worklist_import(argv[optind], o, correct);
}
