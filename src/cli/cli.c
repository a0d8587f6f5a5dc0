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
	&cmd_worklist_entry, &cmd_report_entry, &cmd_backup_entry, &cmd_staff_entry,
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
	fprintf(f, "usage: spinelog [--config FILE] [-d DB] [--staff CODE] [--no-color]\n"
	    "                [--lock-after MIN] [--bell]\n"
	    "       spinelog [--config FILE] COMMAND [-d DB] [OPTIONS]\n\n"
	    "Bedside checklist for image-guided spine interventions, with a hash-chained\n"
	    "audit log.  Without a command, starts the interactive program.\n\n"
	    "Commands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-11s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "\nOptions:\n"
	    "      --config FILE  the configuration file (default $SPINELOG_CONF, else\n"
	    "                     /etc/spinelog/spinelog.conf; see spinelog.conf(5))\n"
	    "  -d, --db PATH      the database (default $SPINELOG_DB, else the file's\n"
	    "                     database, else $XDG_DATA_HOME/spinelog/spinelog.db)\n"
	    "      --staff CODE   sign in as this staff code\n"
	    "      --no-color     no colour (also when NO_COLOR is set)\n"
	    "      --lock-after MIN  lock the screen after MIN idle minutes (default: the\n"
	    "                     file's lock_after, else 5)\n"
	    "      --bell         ring the terminal bell when an observation becomes overdue\n"
	    "  -h, --help         this help; 'spinelog COMMAND --help' for a command\n"
	    "      --version      the version\n\n"
	    "See spinelog(1).\n");
}

/*
 * Every message goes out through here: the text a user gave (a file name,
 * -d PATH, --staff, an option, a value from a file) is in it, and a terminal
 * acts on the control characters in such text (ESC ] 0 ; ... BEL sets the
 * window title, ESC ] 52 writes the clipboard).  So the whole line is
 * escaped (text_escape: \xNN), which the messages' own text never needs.
 */
static void
vsay(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
	char text[8192];	/* a message: an err.msg and a path or two */
	struct buf safe = {0};

	vsnprintf(text, sizeof text, fmt, ap);
	buf_puts(&safe, prefix);
	text_escape(&safe, text);
	fputs(safe.data, f);
	fputc('\n', f);
	buf_free(&safe);
}

void
cli_say(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(f, "", fmt, ap);
	va_end(ap);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(stderr, "spinelog: warning: ", fmt, ap);
	va_end(ap);
}

int
cli_error(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(stderr, "spinelog: ", fmt, ap);
	va_end(ap);
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
	va_start(ap, fmt);
	vsay(stderr, "spinelog: ", fmt, ap);
	va_end(ap);
	if (cmd != NULL)
		usage_line(stderr, cmd);
	else
		fprintf(stderr, "Try 'spinelog --help'.\n");
	return ST_USAGE;
}

int
cli_once(const struct command *cmd, const char *name, const char **slot, const char *value)
{
	if (*slot != NULL)
		return cli_usage(cmd, "%s given twice ('%s' and '%s'); give it once", name, *slot,
		    value);
	*slot = value;
	return -1;
}

int
cli_flag(const struct command *cmd, const char *name, bool *flag)
{
	if (*flag)
		return cli_usage(cmd, "%s given twice; give it once", name);
	*flag = true;
	return -1;
}

/* The option getopt refused, as the user typed it: the argument getopt
 * stepped past (a long option, or a short one that lacks its value), or an
 * unknown short option's letter. */
static int
bad_option(const struct command *cmd, char **argv, bool missing)
{
	char letter[3] = {'-', (char)optopt, '\0'};
	const char *arg = argv != NULL && optind > 0 ? argv[optind - 1] : "?";

	if (missing)
		return cli_usage(cmd, "%.*s needs a value", (int)strcspn(arg, "="), arg);
	return cli_usage(cmd, "unknown option '%s' for '%s'", optopt != 0 ? letter : arg,
	    cmd->name);
}

int
cli_option(int c, char **argv, struct opts *o, const struct command *cmd)
{
	switch (c) {
	case 'd':
		return cli_once(cmd, "-d", &o->db_path, optarg);
	case 'h':
		usage_line(stdout, cmd);
		printf("  %s\n", cmd->summary);
		if (cmd->help != NULL)
			printf("\n%s", cmd->help);
		else
			printf("See spinelog(1).\n");
		return ST_OK;
	case ':':
		return bad_option(cmd, argv, true);
	default:
		if (opterr)	/* getopt_long printed what was wrong */
			return cli_usage(cmd, "bad option for '%s'", cmd->name);
		return bad_option(cmd, argv, false);
	}
}

int
cli_common(int c, struct opts *o, const struct command *cmd)
{
	return cli_option(c, NULL, o, cmd);
}

int
cli_open(struct opts *o, int flags, struct db **out)
{
	struct err err = {0};
	const char *env = getenv("SPINELOG_DB");
	/* -d, else $SPINELOG_DB, else spinelog.conf, else the private default */
	const char *conf = o->db_path == NULL && (env == NULL || *env == '\0') ? o->conf_db : NULL;
	char *path = o->db_path ? xstrdup(o->db_path) : conf ? xstrdup(conf) : db_default_path();

	if (o->db_path == NULL && conf == NULL && (flags & DB_CREATE)) {
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
	if (rc != ST_OK && conf != NULL)
		return cli_error(rc, "%s (the database set in %s)", err.msg, o->conf_file);
	if (rc != ST_OK)
		return cli_error(rc, "%s", err.msg);
	return ST_OK;
}
