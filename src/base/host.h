/*
 * host: who and where a process runs, as the audit log records them: the OS
 * user and the terminal (host name, tty and the ssh client's address).  Read
 * once and kept; no project dependencies.
 */
#ifndef SPINELOG_HOST_H
#define SPINELOG_HOST_H

/* The effective user's login name, or "uidN" without a passwd entry. */
const char *host_user(void);

/* "host:/dev/pts/3", "host:notty", with " ssh 10.0.0.7" over ssh. */
const char *host_terminal(void);

#endif
