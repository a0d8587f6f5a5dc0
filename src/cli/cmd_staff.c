/*
 * The staff command: a staff member sets, changes or removes the PIN of
 * their code (domain/pin.h), and an administrator resets a forgotten one.
 * PINs are read from the terminal without echo, or a line each from
 * standard input when it is not a terminal (scripts, tests); never from the
 * command line, where ps and the shell history would show them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "chart.h"
#include "clock.h"
#include "cli.h"
#include "pin.h"
#include "store/db.h"

static int cmd_staff_run(int argc, char **argv, struct opts *o);

const struct command cmd_staff_entry = {
	.name = "staff",
	.synopsis = "pin [-d DB] [--remove | --reset] CODE",
	.summary = "set, change or remove the PIN of a staff code",
	.help = "  (none)    set a PIN (4 to 12 digits) for CODE, or change it: asks for the\n"
	    "            current PIN first, then the new one twice\n"
	    "  --remove  remove CODE's PIN (asks for it first)\n"
	    "  --reset   remove a forgotten PIN without it: only root or the owner of\n"
	    "            the database file\n"
	    "PINs are read from the terminal without echo (or a line each from standard\n"
	    "input).  Once a code has a PIN, signing in and unlocking ask for it.\n"
	    "See spinelog(1), STAFF PINS.\n",
	.run = cmd_staff_run,
};

/* One PIN: a line from the terminal with echo off, or from standard input. */
static bool
read_pin(const char *prompt, char *out, size_t n)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;

	fputs(prompt, stderr);
	fflush(stderr);
	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool ok = fgets(out, (int)n, stdin) != NULL;
	if (tty)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	else
		fputc('\n', stderr);
	out[ok ? strcspn(out, "\r\n") : 0] = '\0';
	return ok;
}

static int64_t
now_ms(void)
{
	char now[CLOCK_UTC_LEN];
	int64_t ms = 0;
	clock_now(now);
	clock_parse_utc(now, &ms);
	return ms;
}

/* --reset: root, or whoever owns the database file (who set it up). */
static int
may_reset(struct db *db)
{
	struct stat sb;
	if (geteuid() == 0 || (stat(db_path(db), &sb) == 0 && sb.st_uid == geteuid()))
		return ST_OK;
	return cli_error(ST_NOPERM, "%s: only root or the owner of the database file may reset a "
	    "PIN; ask them, or remove it yourself with --remove if you know it", db_path(db));
}

static int
pin_change(struct db *db, const char *code, bool remove)
{
	char old[64] = "", new1[64] = "", new2[64] = "";
	struct err err = {0};
	const char *what = NULL;
	bool had;
	int wait_s;

	if (chart_pin_needed(db, code, &had, &err) != ST_OK)
		return cli_error(err.status, "%s", err.msg);
	if (remove && !had)
		return cli_error(ST_NOINPUT, "%s has no PIN to remove", code);
	if (had && !read_pin("Current PIN: ", old, sizeof old))
		return cli_error(ST_NOINPUT, "no PIN was typed; nothing was changed");
	/* a wrong one is said before the new PIN is typed twice for nothing */
	if (had && chart_pin_check(db, code, old, now_ms(), &wait_s, &err) != ST_OK) {
		explicit_bzero(old, sizeof old);
		return cli_error(err.status, "%s; nothing was changed", err.msg);
	}
	if (!remove) {
		if (!read_pin("New PIN (4 to 12 digits): ", new1, sizeof new1) ||
		    !read_pin("New PIN again: ", new2, sizeof new2))
			return cli_error(ST_NOINPUT, "no PIN was typed; nothing was changed");
		if (pin_valid(new1, &err) != ST_OK)
			return cli_error(ST_DATAERR, "%s; nothing was changed", err.msg);
		if (strcmp(new1, new2) != 0)
			return cli_error(ST_DATAERR, "the two new PINs differ; nothing was changed, "
			    "try again");
	}
	int rc = chart_pin_set(db, code, old, remove ? NULL : new1, now_ms(), &what, &wait_s,
	    &err);
	explicit_bzero(old, sizeof old);
	explicit_bzero(new1, sizeof new1);
	explicit_bzero(new2, sizeof new2);
	if (rc != ST_OK)
		return cli_error(rc, "%s; nothing was changed", err.msg);
	printf("%s: %s\n", code, what);
	return ST_OK;
}

static int
cmd_staff_run(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS,
		{"remove", no_argument, NULL, 'r'}, {"reset", no_argument, NULL, 'R'},
		{NULL, 0, NULL, 0}};
	bool remove = false, reset = false;
	struct err err = {0};
	struct db *db;
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'r')
			rc = cli_flag(&cmd_staff_entry, "--remove", &remove);
		else if (c == 'R')
			rc = cli_flag(&cmd_staff_entry, "--reset", &reset);
		else
			rc = cli_option(c, argv, o, &cmd_staff_entry);
		if (rc >= 0)
			return rc;
	}
	if (argc - optind != 2 || strcmp(argv[optind], "pin") != 0)
		return cli_usage(&cmd_staff_entry, "give 'pin' and one staff code");
	if (remove && reset)
		return cli_usage(&cmd_staff_entry, "--remove and --reset do the same for different "
		    "people: give one");
	const char *code = argv[optind + 1];
	if ((rc = cli_open(o, 0, &db)) != ST_OK)
		return rc;
	if (reset && (rc = may_reset(db)) == ST_OK) {
		rc = chart_pin_reset(db, code, &err);
		if (rc == ST_OK)
			printf("%s: PIN reset\n", code);
		else
			cli_error(rc, "%s; nothing was changed", err.msg);
	} else if (!reset) {
		rc = pin_change(db, code, remove);
	}
	db_close(db);
	return rc;
}
