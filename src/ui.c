/* The interactive program: start-up checks.  The screens follow. */
#include "ui.h"

#include <stdio.h>
#include <unistd.h>

int
ui_main(struct opts *o)
{
	struct db *db;
	int rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error(ST_USAGE, "the interactive program needs a terminal on standard "
		    "input and output; for scripts use the commands in 'spinelog --help'");
	if ((rc = cli_open(o, DB_CREATE, &db)) != ST_OK)
		return rc;
	printf("spinelog: database %s is ready; the bedside screens are not built yet\n",
	    db_path(db));
	db_close(db);
	return ST_OK;
}
