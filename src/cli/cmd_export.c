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

static void
help(void)
{
	printf("usage: spinelog export [-d DB] [--date DAY | --from DAY --to DAY |\n"
	    "                       --case ID | --all] [-o PATH|-] [--no-bom]\n"
	    "Write the CSV audit file: one row per event, with the hash chain.\n\n"
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
	    "Prints the file, the number of events and the anchor to check later with\n"
	    "'spinelog verify --anchor'.  See spinelog(1), CSV EXPORT.\n");
}

static int
parse_case_id(const char *s, int64_t *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || v <= 0)
		return cli_usage("export", "--case takes a case number, not '%s'", s);
	*out = v;
	return ST_OK;
}

int
cmd_export(int argc, char **argv, struct opts *o)
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
	struct export_req req = {.range = EXPORT_DAYS};
	const char *date = NULL, *from = NULL, *to = NULL, *case_arg = NULL;
	int ranges = 0, c, rc;
	struct err err = {0};

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
			req.range = EXPORT_ALL, ranges++;
			break;
		case 'o':
			req.path = optarg;
			break;
		case OPT_NO_BOM:
			req.no_bom = true;
			break;
		case 'h':
			help();
			return ST_OK;
		default:
			if ((rc = cli_common(c, o, "export")) >= 0)
				return rc;
		}
	}
	if (optind != argc)
		return cli_usage("export", "unexpected argument '%s'", argv[optind]);
	if (from != NULL || to != NULL) {
		if (from == NULL || to == NULL)
			return cli_usage("export", "--from and --to go together");
		ranges++;
	}
	if (ranges > 1)
		return cli_usage("export", "give one range: --date, --from/--to, --case or --all");
	if (req.path != NULL && *req.path == '\0')
		return cli_usage("export", "-o needs a file, a folder or '-'");

	if (case_arg != NULL) {
		req.range = EXPORT_CASE;
		if ((rc = parse_case_id(case_arg, &req.case_id)) != ST_OK)
			return rc;
	} else if (req.range == EXPORT_DAYS) {
		if (from == NULL)
			from = to = date ? date : "today";
		if (export_parse_day(from, req.from, &err) != ST_OK ||
		    export_parse_day(to, req.to, &err) != ST_OK)
			return cli_usage("export", "%s", err.msg);
	}

	struct db *db;
	struct export_result res;
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

	/* With -o - the data owns standard output; the summary goes to stderr. */
	FILE *f = strcmp(res.path, "-") == 0 ? stderr : stdout;
	const char *where = strcmp(res.path, "-") == 0 ? "standard output" : res.path;
	if (res.rows == 0) {
		fprintf(f, "no events in this range: wrote the header only to %s\n", where);
		fprintf(f, "anchor: none (nothing exported); logged as event %" PRId64 "\n",
		    res.event_id);
	} else {
		fprintf(f, "wrote %" PRId64 " event%s to %s\n", res.rows, res.rows == 1 ? "" : "s",
		    where);
		fprintf(f, "anchor: %s\n", res.anchor);
		fprintf(f, "logged as event %" PRId64 "; keep the anchor and check it later with "
		    "'spinelog verify --anchor %s'\n", res.event_id, res.anchor);
	}
	export_result_clear(&res);
	return ST_OK;
}
