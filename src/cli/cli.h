/*
 * cli: what the command-line front end shares (cli.c): the global options,
 * the command table and helpers to open the database and report errors.
 * Only main.c and cli/ include this; the interactive program never does.
 */
#ifndef SPINELOG_CLI_H
#define SPINELOG_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "util.h"

struct db;

/* The global options the commands use. */
struct opts {
	const char *db_path;	/* -d/--db, NULL = default */
	const char *staff;	/* --staff CODE: who imports a worklist */
	/* spinelog.conf's database, used when neither -d nor $SPINELOG_DB
	 * names one, and the file that set it (for messages) */
	const char *conf_db, *conf_file;
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
extern const struct command cmd_staff_entry;

/* Open the database named by the options (creating the default folder when
 * flags has DB_CREATE); on failure print the message and return the status.
 * Only init and the bedside program pass DB_CREATE: for any other command a
 * path with nothing there (a typo in -d, an unset $SPINELOG_DB) is "PATH: no
 * database here; run 'spinelog init' ..." (66), and nothing is created. */
int cli_open(struct opts *o, int flags, struct db **out);

/*
 * Messages.  Each is one line, escaped as a whole (text_escape in util.h):
 * the text a user gave, which most messages quote (a file name, -d PATH,
 * --staff, an option, a value from an imported file), may hold control
 * characters that a terminal would act on, so these show them as \xNN.
 * Nothing the user gave goes to a terminal by any other way.
 *
 * cli_error: "spinelog: MSG" on stderr; returns status.
 * cli_warn:  "spinelog: warning: MSG" on stderr.
 * cli_say:   "MSG" on f (the summary of what a command did).
 */
int cli_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_say(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Usage error for command cmd (NULL = none: the global usage): the message,
 * then the command's usage line; returns 64. */
int cli_usage(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Every option is given at most once: "the last one wins" hides a mistake
 * (-o a -o b wrote b).  cli_once stores value in *slot, or, when *slot is
 * already set, says "NAME given twice ('A' and 'B')"; cli_flag does the same
 * for an option without a value.  Both return -1 to go on, or 64. */
int cli_once(const struct command *cmd, const char *name, const char **slot, const char *value);
int cli_flag(const struct command *cmd, const char *name, bool *flag);

/*
 * Every command accepts -d/--db PATH and -h/--help.  Commands list these in
 * their getopt_long tables with CLI_COMMON_LONGOPTS and CLI_COMMON_SHORTOPTS
 * at the start of their short options, set opterr = 0, and pass any option
 * they do not handle themselves, with argv, to cli_option(), which returns
 * -1 to go on, or an exit status (0 after --help).  With opterr = 0 and the
 * leading ':', getopt prints nothing (its own message would echo a hostile
 * option raw) and cli_option names the unknown option or the missing value,
 * escaped.  cli_common() is cli_option() for a command that leaves opterr
 * set: getopt has then said what was wrong.
 */
#define CLI_COMMON_LONGOPTS {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}
#define CLI_COMMON_SHORTOPTS ":d:h"
int cli_option(int c, char **argv, struct opts *o, const struct command *cmd);
int cli_common(int c, struct opts *o, const struct command *cmd);

/*
 * Read the configuration file, spinelog.conf(5): path (--config), else
 * $SPINELOG_CONF, else /etc/spinelog/spinelog.conf (config.h).  Its
 * database goes into o->conf_db, its export folder and site name become the
 * export's and the report's defaults, and *lock_after gets its idle minutes
 * when it sets them and lock_after is not NULL (--lock-after was not given).
 * A bad file: its message ("FILE:LINE: ...") printed, 78 returned; else -1.
 */
int cli_configure(const char *path, struct opts *o, int *lock_after);

/* The command called name, or NULL. */
const struct command *cli_find(const char *name);

/* spinelog --help: the global usage and every command's summary. */
void cli_help(FILE *f);

#endif
