/*
 * spinelog: the entry point and composition root, the one file that sees
 * both front ends.  Parses the global options, then hands over to a command
 * (cli/), or, when no command is given, opens the database and starts the
 * interactive program (ui/).  Exit statuses follow sysexits.h (spinelog(1),
 * EXIT STATUS).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "store/db.h"
#include "ui.h"

static void
no_core_dumps(void)
{
	struct rlimit none = {0, 0};
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);	/* also closes /proc/PID/mem to others */
}

/* No command: the interactive program, on a terminal only. */
static int
interactive(struct opts *o, const struct ui_opts *uo)
{
	struct db *db;
	int rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error(ST_USAGE, "the interactive program needs a terminal on standard "
		    "input and output; for scripts use the commands in 'spinelog --help'");
	if ((rc = cli_open(o, DB_CREATE, &db)) != ST_OK)
		return rc;
	rc = ui_main(uo, db);
	db_close(db);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"staff", required_argument, NULL, 's'},
		{"no-color", no_argument, NULL, 'n'},
		{"lock-after", required_argument, NULL, 'l'},
		{"bell", no_argument, NULL, 'b'},
		{"config", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct opts o = {0};
	struct ui_opts uo = {.lock_after = 5};
	int c;

	/* Nothing spinelog creates is readable by others, and no core dump (a
	 * copy of memory that holds patient data) is ever written. */
	mode_t mask = umask(0);
	umask(mask | 007);
	no_core_dumps();

	/* Each option once (a second -d silently took over); what getopt refuses
	 * is said here, escaped, not printed raw by getopt. */
	const char *lock = NULL, *config = NULL;
	int rc = -1;
	opterr = 0;
	while (rc < 0 && (c = getopt_long(argc, argv, "+:d:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			rc = cli_once(NULL, "-d", &o.db_path, optarg);
			break;
		case 's':
			rc = cli_once(NULL, "--staff", &o.staff, optarg);
			uo.staff = o.staff;
			break;
		case 'n':
			rc = cli_flag(NULL, "--no-color", &uo.no_color);
			break;
		case 'l': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end != '\0' || v < 1 || v > 240)
				return cli_usage(NULL, "--lock-after takes whole minutes from 1 to 240, "
				    "not '%s'", optarg);
			rc = cli_once(NULL, "--lock-after", &lock, optarg);
			uo.lock_after = (int)v;
			break;
		}
		case 'b':
			rc = cli_flag(NULL, "--bell", &uo.bell);
			break;
		case 'c':
			rc = cli_once(NULL, "--config", &config, optarg);
			break;
		case 'h':
			cli_help(stdout);
			return ST_OK;
		case 'V':
			printf("spinelog %s (schema %d, SQLite %s)\n", SPINELOG_VERSION,
			    db_schema_version(), sqlite3_libversion());
			return ST_OK;
		case ':':
			return cli_usage(NULL, "%s needs a value", argv[optind - 1]);
		default:
			if (optopt != 0)
				return cli_usage(NULL, "unknown option '-%c'", optopt);
			return cli_usage(NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (rc >= 0)
		return rc;
	/* spinelog.conf: defaults the options above (and each command's) win
	 * over */
	if ((rc = cli_configure(config, &o, lock != NULL ? NULL : &uo.lock_after)) >= 0)
		return rc;
	if (optind == argc)
		return interactive(&o, &uo);

	const struct command *cmd = cli_find(argv[optind]);
	if (cmd == NULL)
		return cli_usage(NULL, "unknown command '%s'", argv[optind]);
	argc -= optind;
	argv += optind;
	optind = 0;	/* glibc: 0 resets getopt for the command's own parse */
	return cmd->run(argc, argv, &o);
}
