/* The database commands: init and verify. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "store/db.h"
#include "verify.h"

static int cmd_init_run(int argc, char **argv, struct opts *o);
static int cmd_verify_run(int argc, char **argv, struct opts *o);

const struct command cmd_init_entry = {
	.name = "init",
	.synopsis = "[-d DB]",
	.summary = "create or upgrade the database and say what was done",
	.run = cmd_init_run,
};

const struct command cmd_verify_entry = {
	.name = "verify",
	.synopsis = "[-d DB] [--anchor HASH]",
	.summary = "check integrity and the hash chain; exit 1 on any fault",
	.run = cmd_verify_run,
};

static int
cmd_init_run(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
	struct db *db;
	int c, rc;

	opterr = 0;	/* cli_option says what was wrong, escaped */
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1)
		if ((rc = cli_option(c, argv, o, &cmd_init_entry)) >= 0)
			return rc;
	if (optind != argc)
		return cli_usage(&cmd_init_entry, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open(o, DB_CREATE | DB_NOWRITE_OK, &db)) != ST_OK)
		return rc;
	int from = db_found_version(db), to = db_schema_version();
	if (db_migrated(db) == 0)
		cli_say(stdout, "%s: up to date (schema version %d); nothing to do", db_path(db), to);
	else if (from == 0)
		cli_say(stdout, "%s: created (schema version %d)", db_path(db), to);
	else
		cli_say(stdout, "%s: upgraded from schema version %d to %d", db_path(db), from, to);
	if (db_upgrade_logged(db) > 0)
		printf("%s: %d checklist version(s) stored before schema version 2 recorded in "
		    "the log (reason: recorded at upgrade); the chain covers them from now on\n",
		    db_path(db), db_upgrade_logged(db));
	db_close(db);
	return ST_OK;
}

static bool
is_hash(const char *s)
{
	if (strlen(s) != 64)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

static int
cmd_verify_run(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, {"anchor", required_argument, NULL, 'a'}, {NULL, 0, NULL, 0},
	};
	const char *anchor = NULL;
	struct verify_report r;
	struct err err = {0};
	struct db *db;
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'a')
			rc = cli_once(&cmd_verify_entry, "--anchor", &anchor, optarg);
		else
			rc = cli_option(c, argv, o, &cmd_verify_entry);
		if (rc >= 0)
			return rc;
	}
	if (optind != argc)
		return cli_usage(&cmd_verify_entry, "unexpected argument '%s'", argv[optind]);
	if (anchor != NULL && !is_hash(anchor))
		return cli_usage(&cmd_verify_entry, "--anchor takes a SHA-256 hash: 64 lower-case hex "
		    "digits, as printed by 'spinelog export'");
	if ((rc = cli_open(o, DB_READONLY, &db)) != ST_OK)
		return rc;
	if (verify_run(db, anchor, &r, &err) != ST_OK) {
		db_close(db);
		return cli_error(err.status, "%s", err.msg);
	}
	if (r.clock_anomalies > 0)
		fprintf(stderr, "spinelog: warning: %lld event(s) recorded earlier than the event "
		    "before them, first at event %lld: the clock went backwards; the log order "
		    "stands\n", (long long)r.clock_anomalies, (long long)r.first_anomaly);
	if (r.ok) {
		printf("OK: %lld events, head %s%s\n", (long long)r.events, r.head,
		    anchor ? ", anchor found" : "");
	} else {
		printf("FAULT: %s\n", r.problem);
		if (r.bad_event > 0)
			printf("first broken event: %lld\n", (long long)r.bad_event);
	}
	db_close(db);
	return r.ok ? ST_OK : ST_FAULT;
}
