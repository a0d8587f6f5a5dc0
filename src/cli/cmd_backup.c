/* The backup command: a verified copy of the database (domain/backup.c). */
#include <getopt.h>
#include <stdio.h>

#include "backup.h"
#include "cli.h"
#include "store/db.h"

static int cmd_backup_run(int argc, char **argv, struct opts *o);

const struct command cmd_backup_entry = {
	.name = "backup",
	.synopsis = "[-d DB] DEST",
	.summary = "copy the database while it is in use, verify the copy, print its head hash",
	.help = "DEST is a new file, or a folder (the copy is then\n"
	    "spinelog-backup-YYYYMMDD-HHMMSS.db in it); an existing file is never replaced.\n",
	.run = cmd_backup_run,
};

static int
cmd_backup_run(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
	struct backup_result res;
	struct err err = {0};
	struct db *db;
	int c, rc;

	while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		if ((rc = cli_common(c, o, &cmd_backup_entry)) >= 0)
			return rc;
	if (argc - optind != 1)
		return cli_usage(&cmd_backup_entry, "give one destination: a new file or a folder");
	if ((rc = cli_open(o, DB_READONLY, &db)) != ST_OK)
		return rc;
	rc = backup_run(db, argv[optind], &res, &err);
	db_close(db);
	if (rc != ST_OK)
		return cli_error(rc, "backup NOT made: %s", err.msg);
	printf("%s\nverified: %lld events, head %s\n", res.path, (long long)res.events,
	    res.events ? res.head : "(empty log)");
	backup_result_clear(&res);
	return ST_OK;
}
