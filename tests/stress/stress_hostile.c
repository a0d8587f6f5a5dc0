/*
 * stress_hostile: damaged databases, many of them.
 *
 *   stress_hostile SPINELOG DRIVER DIR TRIALS SEED
 *
 * Makes a good database (init, then events and staff through stress_driver),
 * then for each trial damages a copy of it (seeded): a few random bytes at
 * random offsets, a run of random bytes, a run of zeros, or a cut at a
 * random length.  `spinelog verify` and then `spinelog init` run on each
 * copy.  Neither may crash (a signal, an exit status >= 128, a sanitizer
 * report); each must exit with a status spinelog documents and, when it
 * fails, say so on stderr; verify, which only reads, must leave the file
 * byte for byte as it was, and so must init whenever it refuses the file.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "stress.h"

static char *
slurp(const char *path, size_t *len)
{
	struct stat sb;
	int fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &sb) != 0)
		abort();
	char *p = malloc((size_t)sb.st_size + 1);
	if (p == NULL || read(fd, p, (size_t)sb.st_size) != sb.st_size)
		abort();
	close(fd);
	*len = (size_t)sb.st_size;
	return p;
}

static void
spit(const char *path, const char *p, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, p, len) != (ssize_t)len)
		abort();
	close(fd);
}

static void
file_hash(const char *path, char out[HASH_HEX_LEN])
{
	size_t len;
	char *p = slurp(path, &len);
	sha256_hex(p, len, out);
	free(p);
}

/* Damage buf in place (its length may shrink); returns a description. */
static const char *
damage(struct rng *r, char *buf, size_t *len)
{
	size_t n = *len;
	switch (rng_below(r, 4)) {
	case 0:
		for (uint64_t k = 1 + rng_below(r, 16); k > 0; k--)
			buf[rng_below(r, n)] = (char)rng_below(r, 256);
		return "random bytes";
	case 1: {
		size_t at = rng_below(r, n), run = 1 + rng_below(r, 512);
		for (size_t i = at; i < at + run && i < n; i++)
			buf[i] = (char)rng_below(r, 256);
		return "a run of random bytes";
	}
	case 2: {
		size_t at = rng_below(r, n), run = 1 + rng_below(r, 4096);
		memset(buf + at, 0, at + run < n ? run : n - at);
		return "a run of zeros";
	}
	default:
		*len = rng_below(r, n);
		return "cut short";
	}
}

static bool
documented(int status, bool is_verify)
{
	switch (status) {
	case 0: case 65: case 66: case 73: case 74: case 75: case 77:
		return true;
	case 1:
		return is_verify;
	default:
		return false;
	}
}

int
main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: stress_hostile SPINELOG DRIVER DIR TRIALS SEED\n");
		return 64;
	}
	char *spinelog = argv[1], *driver = argv[2];
	long trials = strtol(argv[4], NULL, 10);
	struct rng rng = {strtoull(argv[5], NULL, 10)};
	char good[4096], bad[4096], side[4200], before[HASH_HEX_LEN], after[HASH_HEX_LEN];
	struct run r;
	long crashes = 0, verify_faults = 0, verify_refused = 0, init_changed = 0;

	snprintf(good, sizeof good, "%s/good.db", argv[3]);
	snprintf(bad, sizeof bad, "%s/damaged.db", argv[3]);
	char *init_good[] = {spinelog, "init", "-d", good, NULL};
	char *fill[] = {driver, good, "7", "80", NULL};
	stress_run(init_good, &r);
	if (r.status == 0)
		stress_run(fill, &r);
	if (r.status != 0) {
		stress_fail("making the good database: %s", r.err);
		return 1;
	}
	size_t good_len;
	char *pristine = slurp(good, &good_len);

	for (long t = 0; t < trials && stress_failures() < 10; t++) {
		size_t len = good_len;
		char *copy = malloc(good_len);
		memcpy(copy, pristine, good_len);
		const char *how = damage(&rng, copy, &len);
		snprintf(side, sizeof side, "%s-wal", bad);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", bad);
		unlink(side);
		spit(bad, copy, len);
		free(copy);

		char *verify[] = {spinelog, "verify", "-d", bad, NULL};
		file_hash(bad, before);
		stress_run(verify, &r);
		file_hash(bad, after);
		if (stress_crashed(&r)) {
			crashes++;
			stress_fail("trial %ld (%s): verify crashed: status %d: %s", t, how, r.status,
			    r.err);
		} else if (!documented(r.status, true)) {
			stress_fail("trial %ld (%s): verify exit %d: %s", t, how, r.status, r.err);
		} else if (r.status != 0 && r.status != 1 && strstr(r.err, bad) == NULL) {
			stress_fail("trial %ld (%s): verify exit %d without naming the file: %s", t,
			    how, r.status, r.err);
		}
		verify_faults += r.status == 1;
		verify_refused += r.status > 1;
		if (strcmp(before, after) != 0)
			stress_fail("trial %ld (%s): verify changed the file", t, how);

		char *init[] = {spinelog, "init", "-d", bad, NULL};
		stress_run(init, &r);
		file_hash(bad, after);
		if (stress_crashed(&r)) {
			crashes++;
			stress_fail("trial %ld (%s): init crashed: status %d: %s", t, how, r.status,
			    r.err);
		} else if (!documented(r.status, false)) {
			stress_fail("trial %ld (%s): init exit %d: %s", t, how, r.status, r.err);
		} else if (r.status != 0 && strstr(r.err, bad) == NULL) {
			stress_fail("trial %ld (%s): init exit %d without naming the file: %s", t, how,
			    r.status, r.err);
		}
		if (strcmp(before, after) != 0) {
			init_changed++;
			if (r.status != 0)
				stress_fail("trial %ld (%s): init refused the file (exit %d) but changed "
				    "it", t, how, r.status);
		}
	}
	free(pristine);
	printf("damaged: %ld damaged databases: verify found a fault in %ld, refused %ld, "
	    "%ld crashes; init changed %ld\n", trials, verify_faults, verify_refused, crashes,
	    init_changed);
	stress_stat("hostile", trials);
	stress_stat("crashes", crashes);
	return stress_failures() ? 1 : 0;
}
