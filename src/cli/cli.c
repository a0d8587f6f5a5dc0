/*
 * cli: the command-line front end's shared part: the list of commands (each
 * cmd_*.c owns its entry, the one source of its --help and usage lines),
 * error and usage messages, the options every command takes, and opening
 * the database.
 */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

/* Every command, in the order spinelog --help lists them; each is defined in
 * its cmd_*.c. */
static const struct command *const commands[] = {
	&cmd_init_entry, &cmd_export_entry, &cmd_verify_entry, &cmd_checklists_entry,
	&cmd_worklist_entry, &cmd_report_entry, &cmd_backup_entry,
};

#define HELP_WIDTH 80

/* "usage: spinelog NAME SYNOPSIS", wrapped at spaces to HELP_WIDTH columns,
 * the lines after the first indented under the synopsis. */
static void
usage_line(FILE *f, const struct command *c)
{
	int indent = fprintf(f, "usage: spinelog %s ", c->name), col = indent;

	for (const char *p = c->synopsis; *p != '\0'; ) {
		int n = (int)strcspn(p, " ");
		if (col > indent && col + 1 + n > HELP_WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		col += fprintf(f, "%.*s", n, p);
		for (p += n; *p == ' '; p++)
			;
	}
	fputc('\n', f);
}

void
cli_help(FILE *f)
{
	fprintf(f, "usage: spinelog [-d DB] [--staff CODE] [--no-color] [--lock-after MIN] [--bell]\n"
	    "       spinelog COMMAND [-d DB] [OPTIONS]\n\n"
	    "Bedside checklist for image-guided spine interventions, with a hash-chained\n"
	    "audit log.  Without a command, starts the interactive program.\n\n"
	    "Commands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-11s %s\n", commands[i]->name, commands[i]->summary);
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
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

int
cli_usage(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("spinelog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd != NULL)
		usage_line(stderr, cmd);
	else
		fprintf(stderr, "Try 'spinelog --help'.\n");
	return ST_USAGE;
}

int
cli_common(int c, struct opts *o, const struct command *cmd)
{
	switch (c) {
	case 'd':
		o->db_path = optarg;
		return -1;
	case 'h':
		usage_line(stdout, cmd);
		printf("  %s\n", cmd->summary);
		if (cmd->help != NULL)
			printf("\n%s", cmd->help);
		else
			printf("See spinelog(1).\n");
		return ST_OK;
	default:	/* getopt_long printed what was wrong */
		return cli_usage(cmd, "bad option for '%s'", cmd->name);
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
