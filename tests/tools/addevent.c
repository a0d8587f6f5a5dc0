/*
 * addevent: a test-only tool that writes staff, cases and events through
 * spinelog's own code path (record.h, event_append), so the hash chain stays
 * valid, with any content a test needs (commas, quotes, CR/LF, UTF-8, long
 * notes, formula-looking values).  Built by `make` into build/tests/addevent
 * (build-san/tests/addevent with SAN=1); never installed.  Run it under
 * `faketime -f 'YYYY-MM-DD HH:MM:SS.mmm'` to fix the recorded time (the
 * product itself has no clock override).
 *
 * Usage (the database: -d DB, else $SPINELOG_DB, else the default path):
 *
 *   addevent [-d DB] staff CODE NAME ROLE
 *       register a staff member (prints nothing)
 *   addevent [-d DB] case --mrn MRN --name NAME --dob YYYY-MM-DD
 *            (--checklist FILE | --procedure KEY) [--side S] [--level L]
 *            [--proceduralist P] [--scheduled 'YYYY-MM-DD HH:MM'] [--staff CODE]
 *       create a case bound to the checklist in FILE (parsed and stored as a
 *       version like a site file) or to the current checklist KEY; prints
 *       the case id
 *   addevent [-d DB] [--case ID] [--phase P] [--item KEY] --action A
 *            [--value V] [--unit U] [--flag F] [--reason R] [--amends ID]
 *            [--staff CODE] [--value-file FILE] [--reason-file FILE]
 *       append one event; prints "ID HASH".  With --amends, through
 *       event_amend(): refused when that event was amended already
 *   addevent [-d DB] end CASE (case_close | case_cancel) [REASON] [--staff CODE]
 *       end a case as the program does (case_end: its event and the open-case
 *       index together)
 *
 * Exit status: 0, 64 for a usage error, else the status of the failure.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "db.h"
#include "event.h"
#include "record.h"

static int
usage(const char *msg)
{
	fprintf(stderr, "addevent: %s (see the top of tests/tools/addevent.c)\n", msg);
	return ST_USAGE;
}

static char *
slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char chunk[4096];
	size_t n;

	if (f == NULL) {
		perror(path);
		exit(ST_NOINPUT);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	buf_append(&b, "", 0);
	*size = b.len;
	return b.data;
}

static int
open_db(const char *path, struct db **db)
{
	struct err err = {0};
	char *p = path ? xstrdup(path) : db_default_path();
	int rc = db_open(db, p, DB_CREATE, &err);
	if (rc != ST_OK)
		fprintf(stderr, "addevent: %s\n", err.msg);
	free(p);
	return rc;
}

static int
fail(struct db *db, const struct err *err)
{
	fprintf(stderr, "addevent: %s\n", err->msg);
	db_close(db);
	return err->status;
}

/* The checklist version for a new case: from a file, or the catalogue's. */
static int
bind_version(struct db *db, const char *file, const char *key, int64_t *id, struct err *err)
{
	struct cl_errors errs = {0};
	struct checklist *cl = NULL;
	struct catalog cat = {0};
	int rc;

	if (file != NULL) {
		size_t size;
		char *data = slurp(file, &size);
		rc = checklist_parse(file, key, data, size, &cl, &errs);
		free(data);
		if (rc != ST_OK) {
			for (size_t i = 0; i < errs.n; i++) {
				char *m = cl_error_format(&errs.v[i]);
				fprintf(stderr, "%s\n", m);
				free(m);
			}
			cl_errors_free(&errs);
			return err_set(err, rc, "the checklist %s is invalid", file);
		}
		rc = checklist_version_intern(db, cl, id, err);
		checklist_free(cl);
		return rc;
	}
	if ((rc = catalog_load(&cat, &errs, err)) != ST_OK)
		return rc;
	const struct checklist *found = catalog_find(&cat, key);
	rc = found ? checklist_version_intern(db, found, id, err) :
	    err_set(err, ST_NOINPUT, "no checklist %s", key);
	catalog_free(&cat);
	cl_errors_free(&errs);
	return rc;
}

static int
add_case(const char *dbpath, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"mrn", required_argument, NULL, 'm'}, {"name", required_argument, NULL, 'n'},
		{"dob", required_argument, NULL, 'b'}, {"procedure", required_argument, NULL, 'p'},
		{"checklist", required_argument, NULL, 'c'}, {"side", required_argument, NULL, 's'},
		{"level", required_argument, NULL, 'l'},
		{"proceduralist", required_argument, NULL, 'w'},
		{"scheduled", required_argument, NULL, 't'}, {"staff", required_argument, NULL, 'S'},
		{NULL, 0, NULL, 0},
	};
	struct case_info c = {.side = "n/a", .level = "", .proceduralist = "",
	    .scheduled_at = "2026-01-01 08:00"};
	const char *file = NULL, *staff = "";
	struct err err = {0};
	struct db *db;
	int o;

	while ((o = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (o) {
		case 'm': c.mrn = optarg; break;
		case 'n': c.name = optarg; break;
		case 'b': c.dob = optarg; break;
		case 'p': c.proc_key = optarg; break;
		case 'c': file = optarg; break;
		case 's': c.side = optarg; break;
		case 'l': c.level = optarg; break;
		case 'w': c.proceduralist = optarg; break;
		case 't': c.scheduled_at = optarg; break;
		case 'S': staff = optarg; break;
		default: return usage("bad option for 'case'");
		}
	}
	if (c.mrn == NULL || c.name == NULL || c.dob == NULL || (file == NULL && c.proc_key == NULL))
		return usage("case needs --mrn, --name, --dob and --checklist or --procedure");
	if (c.proc_key == NULL) {
		/* the procedure key is the file name without .csv, as for site files */
		const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
		c.proc_key = xstrndup(base, strcspn(base, "."));
	} else {
		c.proc_key = xstrdup(c.proc_key);
	}
	if (open_db(dbpath, &db) != ST_OK)
		return ST_CANTCREAT;
	if (bind_version(db, file, c.proc_key, &c.version_id, &err) != ST_OK ||
	    case_create(db, &c, staff, NULL, &err) != ST_OK) {
		free(c.proc_key);
		return fail(db, &err);
	}
	printf("%" PRId64 "\n", c.id);
	free(c.proc_key);
	free(c.created_at);
	db_close(db);
	return ST_OK;
}

static int
add_event(const char *dbpath, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"case", required_argument, NULL, 'c'}, {"phase", required_argument, NULL, 'p'},
		{"item", required_argument, NULL, 'i'}, {"action", required_argument, NULL, 'a'},
		{"value", required_argument, NULL, 'v'}, {"unit", required_argument, NULL, 'u'},
		{"flag", required_argument, NULL, 'f'}, {"reason", required_argument, NULL, 'r'},
		{"amends", required_argument, NULL, 'A'}, {"staff", required_argument, NULL, 's'},
		{"value-file", required_argument, NULL, 'V'},
		{"reason-file", required_argument, NULL, 'R'},
		{NULL, 0, NULL, 0},
	};
	struct event ev = {0};
	char *value = NULL, *reason = NULL;
	struct err err = {0};
	struct db *db;
	size_t size;
	int o;

	while ((o = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (o) {
		case 'c': ev.case_id = strtoll(optarg, NULL, 10); break;
		case 'p': ev.phase = optarg; break;
		case 'i': ev.item_key = optarg; break;
		case 'a': ev.action = optarg; break;
		case 'v': ev.value = optarg; break;
		case 'u': ev.unit = optarg; break;
		case 'f': ev.flag = optarg; break;
		case 'r': ev.reason = optarg; break;
		case 'A': ev.amends = strtoll(optarg, NULL, 10); break;
		case 's': ev.staff_code = optarg; break;
		case 'V': free(value); ev.value = value = slurp(optarg, &size); break;
		case 'R': free(reason); ev.reason = reason = slurp(optarg, &size); break;
		default: return usage("bad option for an event");
		}
	}
	if (optind != argc)
		return usage("unexpected argument");
	if (ev.action == NULL || *ev.action == '\0')
		return usage("an event needs --action");
	if (open_db(dbpath, &db) != ST_OK)
		return ST_CANTCREAT;
	int rc = ev.amends ? event_amend(db, &ev, &err) : event_append(db, &ev, &err);
	free(value);
	free(reason);
	if (rc != ST_OK)
		return fail(db, &err);
	printf("%" PRId64 " %s\n", ev.id, ev.hash);
	db_close(db);
	return ST_OK;
}

int
main(int argc, char **argv)
{
	const char *dbpath = NULL;
	struct err err = {0};
	struct db *db;

	if (argc > 2 && strcmp(argv[1], "-d") == 0) {
		dbpath = argv[2];
		argv[2] = argv[0];
		argc -= 2;
		argv += 2;
	}
	if (argc > 1 && strcmp(argv[1], "case") == 0)
		return add_case(dbpath, argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "end") == 0) {
		const char *staff = "";
		if (argc >= 6 && strcmp(argv[argc - 2], "--staff") == 0) {
			staff = argv[argc - 1];
			argc -= 2;
		}
		if (argc != 4 && argc != 5)
			return usage("end CASE ACTION [REASON] [--staff CODE]");
		if (open_db(dbpath, &db) != ST_OK)
			return ST_CANTCREAT;
		if (case_end(db, strtoll(argv[2], NULL, 10), argv[3], argc == 5 ? argv[4] : "",
		    staff, &err) != ST_OK)
			return fail(db, &err);
		db_close(db);
		return ST_OK;
	}
	if (argc > 1 && strcmp(argv[1], "staff") == 0) {
		if (argc != 5)
			return usage("staff CODE NAME ROLE");
		if (open_db(dbpath, &db) != ST_OK)
			return ST_CANTCREAT;
		if (staff_register(db, argv[2], argv[3], argv[4], &err) != ST_OK)
			return fail(db, &err);
		db_close(db);
		return ST_OK;
	}
	return add_event(dbpath, argc, argv);
}
