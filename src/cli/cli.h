/*
 * cli: what the command-line front end shares (cli.c): the global options,
 * the command table and helpers to open the database and report errors.
 * Only main.c and cli/ include this; the interactive program never does.
 */
#ifndef SPINELOG_CLI_H
#define SPINELOG_CLI_H

#include <stdio.h>

#include "util.h"

struct db;

/* The global options the commands use. */
struct opts {
	const char *db_path;	/* -d/--db, NULL = default */
	const char *staff;	/* --staff CODE: who imports a worklist */
};

/*
 * A command: each cmd_*.c defines its entry, cmd_NAME_entry (tmux's
 * cmd_entry), and cli.c lists them.  The entry is the one source of the
 * command's line in spinelog --help, its usage line and its --help.
 */
struct command {
	const char *name;
	const char *synopsis;	/* after "spinelog NAME " in usage lines */
	const char *summary;	/* one line, in spinelog --help and NAME --help */
	/* NAME --help after the summary: the options and what the command
	 * prints, ending with where to read more; NULL = "See spinelog(1)." */
	const char *help;
	int (*run)(int argc, char **argv, struct opts *o);
};

extern const struct command cmd_init_entry;
extern const struct command cmd_export_entry;
extern const struct command cmd_verify_entry;
extern const struct command cmd_checklists_entry;
extern const struct command cmd_worklist_entry;
extern const struct command cmd_report_entry;
extern const struct command cmd_backup_entry;

/* Open the database named by the options (creating the default folder when
 * flags has DB_CREATE); on failure print the message and return the status. */
int cli_open(struct opts *o, int flags, struct db **out);

/* Print "spinelog: MSG" to stderr and return status. */
int cli_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Usage error for command cmd (NULL = none: the global usage): the message,
 * then the command's usage line; returns 64. */
int cli_usage(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Every command accepts -d/--db PATH and -h/--help.  Commands list these in
 * their getopt_long tables with CLI_COMMON_LONGOPTS and "d:h" in the short
 * options, and pass any option they do not handle themselves to cli_common(),
 * which returns -1 to go on, or an exit status (0 after --help). */
#define CLI_COMMON_LONGOPTS {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}
int cli_common(int c, struct opts *o, const struct command *cmd);

/* The command called name, or NULL. */
const struct command *cli_find(const char *name);

/* spinelog --help: the global usage and every command's summary. */
void cli_help(FILE *f);

#endif
