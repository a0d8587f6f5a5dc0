/*
 * cli: the command-line front end's shared part: the command table (the one
 * source of --help and each command's usage line), error and usage
 * messages, the options every command takes, and opening the database.
 */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

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

void
cli_help(FILE *f)
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

const struct command *
cli_find(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
cli_usage(const char *name, const char *fmt, ...)
{
	const struct command *c = name ? cli_find(name) : NULL;
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
	const struct command *cmd = cli_find(name);
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
