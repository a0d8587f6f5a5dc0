/* Shared helpers of the stress programs (see stress.h). */
#include "stress.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t
rng_below(struct rng *r, uint64_t n)
{
	return n ? rng_next(r) % n : 0;
}

/* Read from both pipes until both close, keeping what fits. */
static void
drain(int out_fd, int err_fd, struct run *r)
{
	struct pollfd p[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
	size_t have[2] = {0, 0};
	char *dst[2] = {r->out, r->err};
	int open_fds = 2;

	while (open_fds > 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			char tmp[1024];
			ssize_t n = read(p[i].fd, tmp, sizeof tmp);
			if (n <= 0) {
				close(p[i].fd);
				p[i].fd = -1;
				open_fds--;
				continue;
			}
			size_t room = sizeof r->out - 1 - have[i];
			size_t k = (size_t)n < room ? (size_t)n : room;
			memcpy(dst[i] + have[i], tmp, k);
			have[i] += k;
		}
	}
	r->out[have[0]] = '\0';
	r->err[have[1]] = '\0';
}

void
stress_run(char *const argv[], struct run *r)
{
	int o[2], e[2];

	memset(r, 0, sizeof *r);
	if (pipe(o) != 0 || pipe(e) != 0) {
		perror("pipe");
		exit(70);
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(70);
	}
	if (pid == 0) {
		dup2(o[1], STDOUT_FILENO);
		dup2(e[1], STDERR_FILENO);
		close(o[0]);
		close(o[1]);
		close(e[0]);
		close(e[1]);
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0)
			dup2(null, STDIN_FILENO);
		execv(argv[0], argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(o[1]);
	close(e[1]);
	drain(o[0], e[0], r);
	int ws;
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(ws)) {
		r->signaled = true;
		r->status = 128 + WTERMSIG(ws);
	} else {
		r->status = WEXITSTATUS(ws);
	}
}

bool
stress_crashed(const struct run *r)
{
	return r->signaled || r->status >= 128 || strstr(r->err, "Sanitizer") != NULL ||
	    strstr(r->err, "runtime error:") != NULL;
}

bool
stress_integrity_ok(const char *db, char *why, size_t n)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	bool ok = false;

	snprintf(why, n, "cannot open");
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(h, 5000);
		if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW) {
			const char *s = (const char *)sqlite3_column_text(st, 0);
			ok = s != NULL && strcmp(s, "ok") == 0;
			snprintf(why, n, "%s", s ? s : "(null)");
		} else {
			snprintf(why, n, "%s", sqlite3_errmsg(h));
		}
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return ok;
}

bool
stress_verify_ok(const char *spinelog, const char *db, struct run *r)
{
	char *argv[] = {(char *)spinelog, "verify", "-d", (char *)db, NULL};
	stress_run(argv, r);
	return r->status == 0 && strncmp(r->out, "OK: ", 4) == 0 && !stress_crashed(r);
}

void
stress_stat(const char *name, long long value)
{
	const char *path = getenv("STRESS_STATS");
	if (path == NULL || *path == '\0')
		return;
	FILE *f = fopen(path, "a");
	if (f == NULL)
		return;
	fprintf(f, "%s %lld\n", name, value);
	fclose(f);
}

void
stress_fail(const char *fmt, ...)
{
	va_list ap;
	fputs("FAIL: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	failures++;
}

int
stress_failures(void)
{
	return failures;
}

int64_t
stress_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
