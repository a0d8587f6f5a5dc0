/*
 * spinelog export: the command-line front end of the CSV audit export
 * (export.h) and of the FHIR R4 export (fhir.h).  Parses the format, the
 * range and the target, runs the export and says where it wrote, how many
 * events (and bundles) and the anchor to keep for verify.
 */
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "store/db.h"
#include "export.h"

static int cmd_export_run(int argc, char **argv, struct opts *o);

const struct command cmd_export_entry = {
	.name = "export",
	.synopsis = "[-d DB] [--date DAY | --from DAY --to DAY | --case ID | --all] [-o PATH|-]"
	    " [--no-bom] [--format csv|fhir [--mrn-system URI]]",
	.summary = "write the CSV audit file (or FHIR R4 bundles) of a day, a range, a case or all",
	.help =
	    "  --date DAY           one local day (the default is today); DAY is\n"
	    "                       YYYY-MM-DD (years 1970 to 2999), 'today' or\n"
	    "                       'yesterday'\n"
	    "  --from DAY --to DAY  local days, both included\n"
	    "  --case ID            every event of one case\n"
	    "  --all                the whole log\n"
	    "  -o, --output PATH    a file, or a folder that gets spinelog-DAY.csv (the\n"
	    "                       default folder is $XDG_DATA_HOME/spinelog/exports/);\n"
	    "                       '-' for standard output (a file or a pipe, not a\n"
	    "                       terminal)\n"
	    "      --no-bom         no UTF-8 byte-order mark (CSV)\n"
	    "      --format FORMAT  csv (the default): the audit file, one row per\n"
	    "                       event; fhir: one FHIR R4 Bundle per case, one a\n"
	    "                       line (.ndjson), each case whole\n"
	    "      --mrn-system URI the identifier system of the site's MRNs, for the\n"
	    "                       FHIR Patient (else $SPINELOG_MRN_SYSTEM); needed\n"
	    "                       with --format fhir\n"
	    "  -d, --db PATH        the database, made by 'spinelog init'\n\n"
	    "Give one range, and each option once.  One row per event, with the hash\n"
	    "chain.  Prints the file, the number of events and the anchor to check later\n"
	    "with 'spinelog verify --anchor'; a range with no events is exported (the\n"
	    "header row) and logged, with a warning.  A FHIR export of days holds\n"
	    "every case with an event in them.  See spinelog(1), CSV EXPORT and\n"
	    "FHIR EXPORT.\n",
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
	if (!text_int64(s, 1, INT64_MAX, out))
		return cli_usage(&cmd_export_entry, "--case takes a case number from 1 to %" PRId64
		    ", not '%s'", INT64_MAX, s);
	return ST_OK;
}

/* The range the options chose into req: a case, or days (today when none),
 * checked before the database is opened. */
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
	    clock_parse_day(to, req->to, &err) != ST_OK ||
	    export_check_days(req->from, req->to, &err) != ST_OK)
		return cli_usage(&cmd_export_entry, "%s", err.msg);
	return ST_OK;
}

/* One range only: *first is the first range option as given ("--case 12"),
 * this one is name (and value); two are refused, naming both. */
static int
one_range(const char **first, char *buf, size_t size, const char *name, const char *value)
{
	char now[256];
	snprintf(now, sizeof now, "%s%s%s", name, value ? " " : "", value ? value : "");
	if (*first != NULL)
		return cli_usage(&cmd_export_entry, "%s and %s: give one range (--date, --from/--to, "
		    "--case or --all)", *first, now);
	snprintf(buf, size, "%s", now);
	*first = buf;
	return -1;
}

enum { OPT_DATE = 256, OPT_FROM, OPT_TO, OPT_CASE, OPT_ALL, OPT_NO_BOM, OPT_FORMAT,
	OPT_MRN_SYSTEM };

/* -o, --no-bom, --format and --mrn-system: -1 to go on, or the exit status
 * of a usage error. */
static int
output_option(int c, const char **format, struct export_req *req)
{
	switch (c) {
	case 'o':
		return cli_once(&cmd_export_entry, "-o", &req->path, optarg);
	case OPT_NO_BOM:
		return cli_flag(&cmd_export_entry, "--no-bom", &req->no_bom);
	case OPT_FORMAT:
		return cli_once(&cmd_export_entry, "--format", format, optarg);
	default:
		return cli_once(&cmd_export_entry, "--mrn-system", &req->mrn_system, optarg);
	}
}

/* The target and the format, and what goes with it: -1 to go on, or the
 * exit status of a usage error. */
static int
check_output(const char *format, struct export_req *req)
{
	if (req->path != NULL && *req->path == '\0')
		return cli_usage(&cmd_export_entry, "-o needs a file, a folder or '-'");
	if (format == NULL || strcmp(format, "csv") == 0) {
		if (req->mrn_system != NULL)
			return cli_usage(&cmd_export_entry, "--mrn-system is for --format fhir");
		return -1;
	}
	if (strcmp(format, "fhir") != 0)
		return cli_usage(&cmd_export_entry, "--format takes csv or fhir, not '%s'", format);
	req->format = EXPORT_FHIR;
	if (req->no_bom)
		return cli_usage(&cmd_export_entry, "--no-bom is for the CSV export; FHIR JSON has "
		    "no byte-order mark");
	if (req->mrn_system == NULL)
		req->mrn_system = getenv("SPINELOG_MRN_SYSTEM");
	if (req->mrn_system == NULL || *req->mrn_system == '\0')
		return cli_usage(&cmd_export_entry, "--format fhir needs the identifier system URI "
		    "of your site's MRNs for the Patient (e.g. urn:oid:1.2.3.4 or "
		    "https://hospital.example/mrn): give --mrn-system URI or set SPINELOG_MRN_SYSTEM");
	if (text_has_control(req->mrn_system) || strpbrk(req->mrn_system, " \t") != NULL)
		return cli_usage(&cmd_export_entry, "--mrn-system holds a space or a control "
		    "character; give an absolute URI such as urn:oid:1.2.3.4 or "
		    "https://hospital.example/mrn");
	if (strchr(req->mrn_system, ':') == NULL)
		return cli_usage(&cmd_export_entry, "--mrn-system '%s' is not an absolute URI; give "
		    "one such as urn:oid:1.2.3.4 or https://hospital.example/mrn", req->mrn_system);
	return -1;
}

/* The options into req: -1 to go on, or the exit status (after --help or a
 * usage error). */
static int
parse_args(int argc, char **argv, struct opts *o, struct export_req *req)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{"date", required_argument, NULL, OPT_DATE},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"case", required_argument, NULL, OPT_CASE},
		{"all", no_argument, NULL, OPT_ALL},
		{"output", required_argument, NULL, 'o'},
		{"no-bom", no_argument, NULL, OPT_NO_BOM},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"mrn-system", required_argument, NULL, OPT_MRN_SYSTEM},
		{NULL, 0, NULL, 0},
	};
	const char *date = NULL, *from = NULL, *to = NULL, *case_arg = NULL, *range = NULL;
	const char *format = NULL;
	char range_buf[256];
	bool all = false;
	int c, rc = -1;

	opterr = 0;
	while (rc < 0 && (c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "o:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case OPT_DATE:
			if ((rc = cli_once(&cmd_export_entry, "--date", &date, optarg)) < 0)
				rc = one_range(&range, range_buf, sizeof range_buf, "--date", optarg);
			break;
		case OPT_FROM:
		case OPT_TO: {
			const char *name = c == OPT_FROM ? "--from" : "--to";
			if ((rc = cli_once(&cmd_export_entry, name, c == OPT_FROM ? &from : &to,
			    optarg)) < 0 && (c == OPT_FROM ? to : from) == NULL)
				rc = one_range(&range, range_buf, sizeof range_buf, name, optarg);
			break;
		}
		case OPT_CASE:
			if ((rc = cli_once(&cmd_export_entry, "--case", &case_arg, optarg)) < 0)
				rc = one_range(&range, range_buf, sizeof range_buf, "--case", optarg);
			break;
		case OPT_ALL:
			if ((rc = cli_flag(&cmd_export_entry, "--all", &all)) < 0)
				rc = one_range(&range, range_buf, sizeof range_buf, "--all", NULL);
			req->range = EXPORT_ALL;
			break;
		case 'o':
		case OPT_NO_BOM:
		case OPT_FORMAT:
		case OPT_MRN_SYSTEM:
			rc = output_option(c, &format, req);
			break;
		default:
			rc = cli_option(c, argv, o, &cmd_export_entry);
		}
	}
	if (rc >= 0)
		return rc;
	if (optind != argc)
		return cli_usage(&cmd_export_entry, "unexpected argument '%s'", argv[optind]);
	if ((from != NULL) != (to != NULL))
		return cli_usage(&cmd_export_entry, "--from and --to go together");
	if ((rc = check_output(format, req)) >= 0)
		return rc;
	rc = parse_range(date, from, to, case_arg, req);
	return rc == ST_OK ? -1 : rc;
}

/* Where it went, how many events, and the anchor to keep.  With -o - the
 * data owns standard output; the summary goes to stderr.  A range with no
 * events is still an export (logged; the file has the header row), but it is
 * said on stderr, where a cron job's mail or a person's eye finds it. */
static void
say_done(const struct export_req *req, const struct export_result *res)
{
	FILE *f = strcmp(res->path, "-") == 0 ? stderr : stdout;
	const char *where = strcmp(res->path, "-") == 0 ? "standard output" : res->path;

	if (req->format == EXPORT_FHIR && res->bundles == 0) {
		cli_warn("no case has an event in that range; nothing to export: the file is empty "
		    "(the export is logged all the same)");
		cli_say(f, "wrote 0 bundles to %s", where);
		cli_say(f, "anchor: none (nothing exported); logged as event %" PRId64,
		    res->event_id);
	} else if (req->format == EXPORT_FHIR) {
		cli_say(f, "wrote %" PRId64 " bundle%s (one per case, %" PRId64 " events) to %s",
		    res->bundles, res->bundles == 1 ? "" : "s", res->rows, where);
		cli_say(f, "anchor: %s", res->anchor);
		cli_say(f, "logged as event %" PRId64 "; keep the anchor and check it later with "
		    "'spinelog verify --anchor %s'", res->event_id, res->anchor);
	} else if (res->rows == 0) {
		if (req->range == EXPORT_DAYS && strcmp(req->from, req->to) == 0)
			cli_warn("0 events on %s; nothing to export: the file holds the header row "
			    "only (the export is logged all the same)", req->from);
		else if (req->range == EXPORT_DAYS)
			cli_warn("0 events from %s to %s; nothing to export: the file holds the "
			    "header row only (the export is logged all the same)", req->from, req->to);
		else
			cli_warn("0 events; nothing to export: the file holds the header row only "
			    "(the export is logged all the same)");
		cli_say(f, "wrote 0 events to %s", where);
		cli_say(f, "anchor: none (nothing exported); logged as event %" PRId64,
		    res->event_id);
	} else {
		cli_say(f, "wrote %" PRId64 " event%s to %s", res->rows, res->rows == 1 ? "" : "s",
		    where);
		cli_say(f, "anchor: %s", res->anchor);
		cli_say(f, "logged as event %" PRId64 "; keep the anchor and check it later with "
		    "'spinelog verify --anchor %s'", res->event_id, res->anchor);
	}
}

/* What the export found in the folder that earlier, killed exports left. */
static void
say_found(const struct export_result *res)
{
	for (size_t i = 0; i < res->removed.n; i++)
		cli_error(0, "removed %s, a temporary file left by an export that was interrupted "
		    "(killed or crashed)", res->removed.v[i]);
	for (size_t i = 0; i < res->set_aside.n; i++) {
		const char *path = res->set_aside.v[i], *slash = strrchr(path, '/');
		const char *base = slash ? slash + 1 : path;
		/* ".NAME.XXXXXX.old": NAME is the final name's */
		int n = (int)strlen(base) - (int)strlen(".XXXXXX.old") - 1;
		cli_warn("%s is an earlier %.*s that an export set aside and was killed before it "
		    "could log the new one or put this back: %.*s may hold an export that was not "
		    "logged; export that range again, then delete %s", path, n, base + 1, n,
		    base + 1, path);
	}
}

static int
cmd_export_run(int argc, char **argv, struct opts *o)
{
	struct export_req req = {.range = EXPORT_DAYS};
	struct export_result res = {0};
	struct err err = {0};
	struct db *db;
	int rc;

	if ((rc = parse_args(argc, argv, o, &req)) >= 0)
		return rc;
	/* A CSV of patient data on a screen is rarely meant (and its cells may
	 * hold what a terminal acts on): -o - is for a pipe or a file. */
	if (req.path != NULL && strcmp(req.path, "-") == 0 && isatty(STDOUT_FILENO))
		return cli_usage(&cmd_export_entry, "not writing the %s export (patient data) to a "
		    "terminal; redirect standard output to a file or a pipe, or give -o FILE",
		    req.format == EXPORT_FHIR ? "FHIR" : "CSV");
	if ((rc = cli_open(o, 0, &db)) != ST_OK)
		return rc;
	req.stop = &stop;
	catch_signals();
	rc = export_run(db, &req, &res, &err);
	db_close(db);
	say_found(&res);
	if (rc != ST_OK && stop != 0) {
		cli_error(rc, "%s", err.msg);
		export_result_clear(&res);
		signal(stop, SIG_DFL);
		raise(stop);
	}
	if (rc != ST_OK) {
		export_result_clear(&res);
		return cli_error(rc, "%s", err.msg);
	}
	say_done(&req, &res);
	export_result_clear(&res);
	return ST_OK;
}
