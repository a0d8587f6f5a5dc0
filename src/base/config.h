/*
 * config: the system configuration file, spinelog.conf(5), read with libinih.
 *
 * One file for a ward's terminals, so that every nurse's spinelog opens the
 * same database, exports to the same folder, locks after the same idle time
 * and prints the site's name, without each account setting variables.  Only
 * defaults: the command line, then the environment ($SPINELOG_DB), override
 * it.  No sections; each setting at most once; a line the file cannot mean
 * is an error, never skipped, since a ward that mistypes "databse" would
 * otherwise chart into a private database without noticing.
 *
 * Base layer: fills a struct, prints nothing; main.c words the error.
 */
#ifndef SPINELOG_CONFIG_H
#define SPINELOG_CONFIG_H

#include <stdbool.h>

#include "util.h"

#define CONFIG_SYSTEM_PATH "/etc/spinelog/spinelog.conf"
#define CONFIG_MAX_SITE 60	/* columns: the report's first line */

struct config {
	char *path;		/* the file read; NULL = none */
	char *database;		/* database = PATH (absolute) */
	char *export_dir;	/* export_dir = FOLDER (absolute), ending in '/' */
	int lock_after;		/* lock_after = MIN, 1-240; 0 = not set */
	char *site;		/* site = NAME, at most CONFIG_MAX_SITE columns */
};

/*
 * The file to read: path when not NULL (an option), else $SPINELOG_CONF when
 * set (empty: no file at all), else CONFIG_SYSTEM_PATH.  *required is set
 * when the file was named (option or variable): then a missing file is an
 * error, while a missing system file only means no configuration.
 */
const char *config_path(const char *path, bool *required);

/*
 * Read the file into cfg (zeroed first).  A missing file that is not
 * required: ST_OK with cfg->path NULL.  Otherwise ST_CONFIG with a message
 * "FILE:LINE: what is wrong; what to do" (or "FILE: ..." when it cannot be
 * read), for the first problem in the file.
 */
int config_load(const char *path, bool required, struct config *cfg, struct err *err);

void config_free(struct config *cfg);

#endif
