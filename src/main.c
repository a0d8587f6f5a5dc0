/*
 * spinelog: the entry point.  Parses the global options, then hands over to a
 * command from the table below, or to the interactive program when no command
 * is given.  Exit statuses follow sysexits.h (see spinelog(1), EXIT STATUS).
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "ui.h"

static const struct command commands[] = {
	{"init", cmd_init, "[-d DB]", "create or upgrade the database and say what was done"},
	{"export", cmd_export, "[-d DB] [--date DAY | --from DAY --to DAY | --case ID | --all]"
	    " [-o PATH|-] [--no-bom]", "write the CSV audit file of a day, a range, a case or all"},
	{"verify", cmd_verify, "[-d DB] [--anchor HASH]",
	    "check integrity and the hash chain; exit 1 on any fault"},
	{"checklists", cmd_checklists, "list | show [--hints | --csv] KEY | check FILE...",
	    "list, show or validate the procedure checklists"},
	{"worklist", cmd_worklist, "import [-d DB] [--staff CODE] FILE.csv",
	    "import the day's scheduled cases from a CSV file (all or nothing)"},
	{"report", cmd_report, "[-d DB] CASE-ID",
	    "print a case's plain-text summary (80 columns) for printing or handoff"},
	{NULL, NULL, NULL, NULL},
};

const struct command *
cli_commands(void)
{
	return commands;
}

static void
help(FILE *f)
{
	fprintf(f, "usage: spinelog [-d DB] [--staff CODE] [--no-color] [--lock-after MIN] [--bell]\n"
	    "       spinelog COMMAND [-d DB] [OPTIONS]\n\n"
	    "Bedside checklist for image-guided spine interventions, with a hash-chained\n"
	    "audit log.  Without a command, starts the interactive program.\n\n"
	    "Commands:\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-11s %s\n", c->name, c->summary);
	fprintf(f, "\nOptions:\n"
	    "  -d, --db PATH      the database (default $SPINELOG_DB, else\n"
	    "                     $XDG_DATA_HOME/spinelog/spinelog.db)\n"
	    "      --staff CODE   sign in as this staff code\n"
	    "      --no-color     no colour (also when NO_COLOR is set)\n"
	    "      --lock-after MIN  lock the screen after MIN idle minutes (default 5)\n"
	    "      --bell         ring the terminal bell when an observation becomes overdue\n"
	    "  -h, --help         this help; 'spinelog COMMAND --help' for a command\n"
	    "      --version      the version\n\n"
	    "See spinelog(1).\n");
}

int
cli_error(int status, const char *fmt, ...)
{
	va_list ap;
	fputs("spinelog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

static const struct command *
find_command(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
cli_usage(const char *name, const char *fmt, ...)
{
	const struct command *c = name ? find_command(name) : NULL;
	va_list ap;
	fputs("spinelog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (c != NULL)
		fprintf(stderr, "usage: spinelog %s %s\n", c->name, c->synopsis);
	else
		fprintf(stderr, "Try 'spinelog --help'.\n");
	return ST_USAGE;
}

int
cli_common(int c, struct opts *o, const char *name)
{
	const struct command *cmd = find_command(name);
	switch (c) {
	case 'd':
		o->db_path = optarg;
		return -1;
	case 'h':
		printf("usage: spinelog %s %s\n  %s\nSee spinelog(1).\n", name,
		    cmd ? cmd->synopsis : "", cmd ? cmd->summary : "");
		return ST_OK;
	default:	/* getopt_long printed what was wrong */
		return cli_usage(name, "bad option for '%s'", name);
	}
}

int
cli_open(struct opts *o, int flags, struct db **out)
{
	struct err err = {0};
	char *path = o->db_path ? xstrdup(o->db_path) : db_default_path();

	if (o->db_path == NULL && (flags & DB_CREATE)) {
		/* The default folder is ours to create, private to the user/group. */
		char *dir = xstrdup(path);
		char *slash = strrchr(dir, '/');
		if (slash != NULL && slash != dir) {
			*slash = '\0';
			if (mkdir_p(dir, 0700, &err) != ST_OK) {
				free(dir);
				free(path);
				return cli_error(err.status, "%s", err.msg);
			}
		}
		free(dir);
	}
	int rc = db_open(out, path, flags, &err);
	free(path);
	if (rc != ST_OK)
		return cli_error(rc, "%s", err.msg);
	return ST_OK;
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
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct opts o = {.lock_after = 5};
	int c;

	/* Nothing spinelog creates is readable by others. */
	mode_t mask = umask(0);
	umask(mask | 007);

	while ((c = getopt_long(argc, argv, "+d:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o.db_path = optarg;
			break;
		case 's':
			o.staff = optarg;
			break;
		case 'n':
			o.no_color = true;
			break;
		case 'l': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end != '\0' || v < 1 || v > 240)
				return cli_usage(NULL, "--lock-after takes whole minutes from 1 to 240, "
				    "not '%s'", optarg);
			o.lock_after = (int)v;
			break;
		}
		case 'b':
			o.bell = true;
			break;
		case 'h':
			help(stdout);
			return ST_OK;
		case 'V':
			printf("spinelog %s (schema %d, SQLite %s)\n", SPINELOG_VERSION,
			    db_schema_version(), sqlite3_libversion());
			return ST_OK;
		default:
			return cli_usage(NULL, "unknown option");
		}
	}
	if (optind == argc)
		return ui_main(&o);

	const struct command *cmd = find_command(argv[optind]);
	if (cmd == NULL)
		return cli_usage(NULL, "unknown command '%s'", argv[optind]);
	argc -= optind;
	argv += optind;
	optind = 0;	/* glibc: 0 resets getopt for the command's own parse */
	return cmd->run(argc, argv, &o);
}
