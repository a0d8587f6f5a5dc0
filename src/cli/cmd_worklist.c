/* The worklist command: import the day's schedule from a CSV file. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "store/db.h"
#include "import.h"

/* Read a whole file of at most max bytes; NULL with the status in *rc. */
static char *
read_file(const char *path, size_t max, size_t *size, int *rc)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;

	if (f == NULL) {
		*rc = cli_error(errno == ENOENT ? ST_NOINPUT : ST_IOERR, "%s: %s; give the path "
		    "of the schedule exported as CSV", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		fclose(f);
		*rc = cli_error(ST_NOINPUT, "%s: not a regular file; give the path of a CSV file",
		    path);
		return NULL;
	}
	if ((size_t)sb.st_size > max) {
		fclose(f);
		*rc = cli_error(ST_DATAERR, "%s: %lld bytes is too large for a worklist (at most "
		    "%zu MiB); split the file", path, (long long)sb.st_size, max >> 20);
		return NULL;
	}
	char *data = xmalloc((size_t)sb.st_size + 1);
	*size = fread(data, 1, (size_t)sb.st_size, f);
	if (ferror(f)) {
		*rc = cli_error(ST_IOERR, "%s: read error: %s", path, strerror(errno));
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	data[*size] = '\0';
	return data;
}

static int
worklist_import(const char *path, struct opts *o)
{
	struct catalog cat = {0};
	struct cl_errors cerr = {0};
	struct import_result res;
	struct err err = {0};
	struct db *db = NULL;
	size_t size = 0;
	int rc = ST_OK;

	char *data = read_file(path, IMPORT_MAX_BYTES, &size, &rc);
	if (data == NULL)
		return rc;
	if (catalog_load(&cat, &cerr, &err) != ST_OK) {
		free(data);
		return cli_error(err.status, "%s", err.msg);
	}
	for (size_t i = 0; i < cerr.n; i++) {
		char *m = cl_error_format(&cerr.v[i]);
		fprintf(stderr, "spinelog: warning: %s (that site file is not used)\n", m);
		free(m);
	}
	cl_errors_free(&cerr);
	if ((rc = cli_open(o, DB_CREATE, &db)) != ST_OK)
		goto out;
	rc = import_worklist(db, &cat, path, data, size, o->staff ? o->staff : "", &res, &err);
	if (rc == ST_OK) {
		printf("imported %zu case%s, %zu already present\n", res.imported,
		    res.imported == 1 ? "" : "s", res.present);
	} else if (res.nproblems > 0) {
		for (size_t i = 0; i < res.nproblems; i++)
			fprintf(stderr, "%s\n", res.problems[i]);
		fprintf(stderr, "spinelog: %s: nothing imported (%zu problem%s); correct the file "
		    "and import it again\n", path, res.nproblems, res.nproblems == 1 ? "" : "s");
	} else {
		cli_error(rc, "%s: nothing imported: %s", path, err.msg);
	}
	import_result_clear(&res);
out:
	db_close(db);
	catalog_free(&cat);
	free(data);
	return rc;
}

int
cmd_worklist(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
	int c, rc;

	while ((c = getopt_long(argc, argv, "+d:h", longopts, NULL)) != -1)
		if ((rc = cli_common(c, o, "worklist")) >= 0)
			return rc;
	if (optind >= argc)
		return cli_usage("worklist", "which worklist action? ('import FILE.csv')");
	if (strcmp(argv[optind], "import") != 0)
		return cli_usage("worklist", "unknown worklist action '%s'", argv[optind]);
	optind++;
	while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		if ((rc = cli_common(c, o, "worklist")) >= 0)
			return rc;
	if (argc - optind != 1)
		return cli_usage("worklist", "'worklist import' takes one CSV file");
	return worklist_import(argv[optind], o);
}
