/*
 * stress: what the stress programs share.  A seeded random generator (so that
 * a failing run can be replayed with its seed), running a command and
 * collecting its exit status and output, checking a database the way an
 * auditor would (PRAGMA integrity_check through a plain connection, then
 * `spinelog verify`), and appending figures to the summary file that
 * tests/stress/run.sh adds up.
 */
#ifndef SPINELOG_STRESS_H
#define SPINELOG_STRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* splitmix64: small, seedable, good enough to pick moments and offsets. */
struct rng {
	uint64_t s;
};
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n). */
uint64_t rng_below(struct rng *r, uint64_t n);

/* The outcome of a command run with stress_run(). */
struct run {
	int status;		/* exit code, or 128 + signal */
	bool signaled;
	char out[4096];		/* the first bytes of stdout and stderr */
	char err[4096];
};

/* Run argv (argv[0] a path), wait, capture. */
void stress_run(char *const argv[], struct run *r);

/* A crash: killed by a signal, an exit status >= 128, or a sanitizer report. */
bool stress_crashed(const struct run *r);

/* PRAGMA integrity_check through a plain read-only connection: true when "ok".
 * why receives the first line otherwise. */
bool stress_integrity_ok(const char *db, char *why, size_t n);

/* `spinelog verify -d db`: true when it exits 0 with "OK:". */
bool stress_verify_ok(const char *spinelog, const char *db, struct run *r);

/* Append "name value" to the file named by $STRESS_STATS (if set). */
void stress_stat(const char *name, long long value);

/* Print a failure and count it; stress_failures() says how many so far. */
void stress_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int stress_failures(void);

/* Milliseconds of a monotonic clock (only to spread kills, never asserted). */
int64_t stress_ms(void);

#endif
