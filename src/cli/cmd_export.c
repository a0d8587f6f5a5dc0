/*
 * spinelog export: the command-line front end of the CSV audit export
 * (export.h).  Parses the range and the target, runs the export and says
 * where it wrote, how many events and the anchor to keep for verify.
 */
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store/db.h"
#include "export.h"

static int cmd_export_run(int argc, char **argv, struct opts *o);

const struct command cmd_export_entry = {
	.name = "export",
	.synopsis = "[-d DB] [--date DAY | --from DAY --to DAY | --case ID | --all] [-o PATH|-]"
	    " [--no-bom]",
	.summary = "write the CSV audit file of a day, a range, a case or all",
	.help =
	    "  --date DAY           one local day (the default is today); DAY is\n"
	    "                       YYYY-MM-DD, 'today' or 'yesterday'\n"
	    "  --from DAY --to DAY  local days, both included\n"
	    "  --case ID            every event of one case\n"
	    "  --all                the whole log\n"
	    "  -o, --output PATH    a file, or a folder that gets spinelog-DAY.csv (the\n"
	    "                       default folder is $XDG_DATA_HOME/spinelog/exports/);\n"
	    "                       '-' for standard output\n"
	    "      --no-bom         no UTF-8 byte-order mark\n"
	    "  -d, --db PATH        the database\n\n"
	    "One row per event, with the hash chain.  Prints the file, the number of\n"
	    "events and the anchor to check later with 'spinelog verify --anchor'.\n"
	    "See spinelog(1), CSV EXPORT.\n",
	.run = cmd_export_run,
};

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	stop = sig;
}

/* Interrupted (Ctrl-C, or systemd stopping the job at shutdown), the export
 * removes its temporary file and logs nothing; then we die of the signal. */
static void
catch_signals(void)
{
	struct sigaction sa = {.sa_handler = on_signal};	/* no SA_RESTART */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static int
parse_case_id(const char *s, int64_t *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || v <= 0)
		return cli_usage(&cmd_export_entry, "--case takes a case number, not '%s'", s);
	*out = v;
	return ST_OK;
}

/* The range the options chose into req: a case, or days (today when none). */
static int
parse_range(const char *date, const char *from, const char *to, const char *case_arg,
    struct export_req *req)
{
	struct err err = {0};

	if (case_arg != NULL) {
		req->range = EXPORT_CASE;
		return parse_case_id(case_arg, &req->case_id);
	}
	if (req->range != EXPORT_DAYS)
		return ST_OK;
	if (from == NULL)
		from = to = date ? date : "today";
	if (clock_parse_day(from, req->from, &err) != ST_OK ||
	    clock_parse_day(to, req->to, &err) != ST_OK)
		return cli_usage(&cmd_export_entry, "%s", err.msg);
	return ST_OK;
}

/* The options into req: -1 to go on, or the exit status (after --help or a
 * usage error). */
static int
parse_args(int argc, char **argv, struct opts *o, struct export_req *req)
{
	enum { OPT_DATE = 256, OPT_FROM, OPT_TO, OPT_CASE, OPT_ALL, OPT_NO_BOM };
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{"date", required_argument, NULL, OPT_DATE},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"case", required_argument, NULL, OPT_CASE},
		{"all", no_argument, NULL, OPT_ALL},
		{"output", required_argument, NULL, 'o'},
		{"no-bom", no_argument, NULL, OPT_NO_BOM},
		{NULL, 0, NULL, 0},
	};
	const char *date = NULL, *from = NULL, *to = NULL, *case_arg = NULL;
	int ranges = 0, c, rc;

	while ((c = getopt_long(argc, argv, "d:ho:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DATE:
			date = optarg, ranges++;
			break;
		case OPT_FROM:
			from = optarg;
			break;
		case OPT_TO:
			to = optarg;
			break;
		case OPT_CASE:
			case_arg = optarg, ranges++;
			break;
		case OPT_ALL:
			req->range = EXPORT_ALL, ranges++;
			break;
		case 'o':
			req->path = optarg;
			break;
		case OPT_NO_BOM:
			req->no_bom = true;
			break;
		default:
			if ((rc = cli_common(c, o, &cmd_export_entry)) >= 0)
				return rc;
		}
	}
	if (optind != argc)
		return cli_usage(&cmd_export_entry, "unexpected argument '%s'", argv[optind]);
	if (from != NULL || to != NULL) {
		if (from == NULL || to == NULL)
			return cli_usage(&cmd_export_entry, "--from and --to go together");
		ranges++;
	}
	if (ranges > 1)
		return cli_usage(&cmd_export_entry, "give one range: --date, --from/--to, --case "
		    "or --all");
	if (req->path != NULL && *req->path == '\0')
		return cli_usage(&cmd_export_entry, "-o needs a file, a folder or '-'");
	rc = parse_range(date, from, to, case_arg, req);
	return rc == ST_OK ? -1 : rc;
}

/* Where it went, how many events, and the anchor to keep.  With -o - the
 * data owns standard output; the summary goes to stderr. */
static void
say_done(const struct export_result *res)
{
	FILE *f = strcmp(res->path, "-") == 0 ? stderr : stdout;
	const char *where = strcmp(res->path, "-") == 0 ? "standard output" : res->path;

	if (res->rows == 0) {
		fprintf(f, "no events in this range: wrote the header only to %s\n", where);
		fprintf(f, "anchor: none (nothing exported); logged as event %" PRId64 "\n",
		    res->event_id);
	} else {
		fprintf(f, "wrote %" PRId64 " event%s to %s\n", res->rows,
		    res->rows == 1 ? "" : "s", where);
		fprintf(f, "anchor: %s\n", res->anchor);
		fprintf(f, "logged as event %" PRId64 "; keep the anchor and check it later with "
		    "'spinelog verify --anchor %s'\n", res->event_id, res->anchor);
	}
}

static int
cmd_export_run(int argc, char **argv, struct opts *o)
{
	struct export_req req = {.range = EXPORT_DAYS};
	struct export_result res;
	struct err err = {0};
	struct db *db;
	int rc;

	if ((rc = parse_args(argc, argv, o, &req)) >= 0)
		return rc;
	if ((rc = cli_open(o, 0, &db)) != ST_OK)
		return rc;
	req.stop = &stop;
	catch_signals();
	rc = export_run(db, &req, &res, &err);
	db_close(db);
	if (rc != ST_OK && stop != 0) {
		cli_error(rc, "%s", err.msg);
		signal(stop, SIG_DFL);
		raise(stop);
	}
	if (rc != ST_OK)
		return cli_error(rc, "%s", err.msg);
	say_done(&res);
	export_result_clear(&res);
	return ST_OK;
}
