/*
 * stress_busy: another process holds the write lock past the 5-second busy
 * timeout.
 *
 *   stress_busy SPINELOG DIR fast|long
 *
 * A child process opens its own plain SQLite connection and takes the write
 * lock (BEGIN IMMEDIATE), as another terminal in the middle of a long write
 * would.  While it holds it: verify still runs (WAL readers are not blocked),
 * event_append() returns ST_TEMPFAIL (75) with a message that says nothing
 * was saved and leaves no transaction open, and `spinelog worklist import`
 * and `spinelog export`, waiting for the same lock at the same time, exit 75
 * (nothing imported, no export file left).  In the long run `spinelog init`
 * upgrading a database exits 75 too.  Once the child lets go, the same
 * writes succeed and verify passes.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "event.h"
#include "stress.h"
#include "verify.h"

/* Fork a child that holds the write lock until we close its pipe. */
static pid_t
hold_lock(const char *path, int *release_fd)
{
	int ready[2], release[2];
	if (pipe(ready) != 0 || pipe(release) != 0)
		abort();
	pid_t pid = fork();
	if (pid == 0) {
		sqlite3 *h;
		char c = 'x';
		close(ready[0]);
		close(release[1]);
		if (sqlite3_open(path, &h) != SQLITE_OK ||
		    sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		if (read(release[0], &c, 1) < 0)	/* EOF: let go */
			_exit(1);
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(h);
		_exit(0);
	}
	close(ready[1]);
	close(release[0]);
	char c;
	if (read(ready[0], &c, 1) != 1) {
		stress_fail("the lock holder could not take the write lock");
		exit(1);
	}
	close(ready[0]);
	*release_fd = release[1];
	return pid;
}

/* Start argv with stderr into the file err_path; the caller waits for it. */
static pid_t
spawn(char *const argv[], const char *err_path)
{
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(e, STDERR_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static void
release_lock(pid_t pid, int fd)
{
	int ws;
	close(fd);
	waitpid(pid, &ws, 0);
	if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
		stress_fail("the lock holder failed");
}

int
main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: stress_busy SPINELOG DIR fast|long\n");
		return 64;
	}
	const char *spinelog = argv[1];
	bool lng = strcmp(argv[3], "long") == 0;
	char path[4096];
	struct db *db;
	struct err err = {0};
	struct verify_report r;
	struct run run;
	int fd, tries = 0;

	snprintf(path, sizeof path, "%s/busy.db", argv[2]);
	char *init[] = {(char *)spinelog, "init", "-d", path, NULL};
	stress_run(init, &run);
	if (run.status != 0) {
		stress_fail("init: %s", run.err);
		return 1;
	}
	pid_t pid = hold_lock(path, &fd);

	/* An up-to-date database opens for writing without waiting for the lock. */
	if (db_open(&db, path, 0, &err) != ST_OK)
		stress_fail("db_open while another process holds the write lock: %s", err.msg);
	db_close(db);
	if (db_open(&db, path, DB_READONLY, &err) != ST_OK) {
		stress_fail("a read-only open while locked: %s", err.msg);
		return 1;
	}
	if (verify_run(db, NULL, &r, &err) != ST_OK || !r.ok)
		stress_fail("verify while another process holds the write lock: %s%s", err.msg,
		    r.problem);
	db_close(db);
	release_lock(pid, fd);

	if (db_open(&db, path, 0, &err) != ST_OK) {
		stress_fail("db_open: %s", err.msg);
		return 1;
	}
	pid = hold_lock(path, &fd);
	/* A command that writes, waiting for the same lock at the same time. */
	char csv[4200], err_path[4200];
	snprintf(csv, sizeof csv, "%s/day.csv", argv[2]);
	snprintf(err_path, sizeof err_path, "%s/import.err", argv[2]);
	FILE *f = fopen(csv, "w");
	if (f == NULL)
		abort();
	fprintf(f, "mrn,name,dob,procedure\nB1,\"BUSY, Bea\",1950-01-01,sacroplasty\n");
	fclose(f);
	char *import[] = {(char *)spinelog, "worklist", "import", "-d", path, csv, NULL};
	pid_t cli = spawn(import, err_path);
	/* And an export, which logs an export event. */
	char out_dir[4200], export_err[4200];
	snprintf(out_dir, sizeof out_dir, "%s/exports", argv[2]);
	snprintf(export_err, sizeof export_err, "%s/export.err", argv[2]);
	mkdir(out_dir, 0700);
	char *export[] = {(char *)spinelog, "export", "--all", "-d", path, "-o", out_dir, NULL};
	pid_t cli_export = spawn(export, export_err);

	struct event ev = {.action = "note", .value = "while busy", .staff_code = "BZ"};
	int rc = event_append(db, &ev, &err);
	tries++;
	if (rc != ST_TEMPFAIL)
		stress_fail("event_append while locked: status %d, not 75: %s", rc, err.msg);
	if (strstr(err.msg, "busy") == NULL || strstr(err.msg, "nothing was saved") == NULL ||
	    strstr(err.msg, "try again") == NULL)
		stress_fail("event_append while locked: unclear message: %s", err.msg);
	if (!sqlite3_get_autocommit(db_handle(db)))
		stress_fail("event_append while locked left a transaction open");
	int ws;
	char msg[2048] = "";
	waitpid(cli, &ws, 0);
	tries++;
	f = fopen(err_path, "r");
	if (f != NULL) {
		msg[fread(msg, 1, sizeof msg - 1, f)] = '\0';
		fclose(f);
	}
	if (!WIFEXITED(ws) || WEXITSTATUS(ws) != ST_TEMPFAIL || strstr(msg, "busy") == NULL ||
	    strstr(msg, "nothing imported") == NULL)
		stress_fail("worklist import while locked: status %d, not exit 75: %s", ws, msg);
	waitpid(cli_export, &ws, 0);
	tries++;
	msg[0] = '\0';
	f = fopen(export_err, "r");
	if (f != NULL) {
		msg[fread(msg, 1, sizeof msg - 1, f)] = '\0';
		fclose(f);
	}
	if (!WIFEXITED(ws) || WEXITSTATUS(ws) != ST_TEMPFAIL || strstr(msg, "busy") == NULL)
		stress_fail("export while locked: status %d, not exit 75: %s", ws, msg);
	DIR *d = opendir(out_dir);
	for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;)
		if (e->d_name[0] != '.')
			stress_fail("export while locked left %s/%s", out_dir, e->d_name);
	if (d != NULL)
		closedir(d);

	release_lock(pid, fd);
	if (lng) {
		/* init writes only when it creates or upgrades: a WAL-mode SQLite file
		 * with no tables is version 0, which init upgrades. */
		char fresh[4200];
		sqlite3 *h;
		snprintf(fresh, sizeof fresh, "%s/busy-new.db", argv[2]);
		if (sqlite3_open(fresh, &h) != SQLITE_OK ||
		    sqlite3_exec(h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) != SQLITE_OK)
			stress_fail("cannot make %s", fresh);
		sqlite3_close(h);
		char *init_new[] = {(char *)spinelog, "init", "-d", fresh, NULL};
		pid = hold_lock(fresh, &fd);
		stress_run(init_new, &run);
		tries++;
		if (run.status != ST_TEMPFAIL || strstr(run.err, "busy") == NULL ||
		    strstr(run.err, "try again") == NULL)
			stress_fail("spinelog init while locked: exit %d, not 75: %s", run.status,
			    run.err);
		release_lock(pid, fd);
		stress_run(init_new, &run);
		if (run.status != 0 || strstr(run.out, "created") == NULL)
			stress_fail("spinelog init after the lock was released: exit %d: %s%s",
			    run.status, run.out, run.err);
	}

	ev = (struct event){.action = "note", .value = "after the lock", .staff_code = "BZ"};
	if (event_append(db, &ev, &err) != ST_OK)
		stress_fail("event_append after the lock was released: %s", err.msg);
	stress_run(import, &run);
	if (run.status != 0 || strstr(run.out, "imported 1 case") == NULL)
		stress_fail("worklist import after the lock was released: exit %d: %s%s",
		    run.status, run.out, run.err);
	stress_run(export, &run);
	if (run.status != 0)
		stress_fail("export after the lock was released: exit %d: %s", run.status, run.err);
	/* the note, the imported case's checklist version and case, the export */
	if (verify_run(db, NULL, &r, &err) != ST_OK || !r.ok || r.events != 4)
		stress_fail("verify after the busy test: %lld events (want 4) %s%s",
		    (long long)r.events, err.msg, r.problem);
	db_close(db);
	printf("busy: %d writes refused while another process held the lock, then saved\n",
	    tries);
	stress_stat("busy", tries);
	return stress_failures() ? 1 : 0;
}
