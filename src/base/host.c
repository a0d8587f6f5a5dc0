/* Who and where, for the audit log (host.h). */
#include "host.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *
host_user(void)
{
	static char user[64];
	if (user[0] == '\0') {
		struct passwd *pw = getpwuid(geteuid());
		snprintf(user, sizeof user, "%s", pw ? pw->pw_name : "uid");
		if (pw == NULL)
			snprintf(user, sizeof user, "uid%ld", (long)geteuid());
	}
	return user;
}

const char *
host_terminal(void)
{
	static char term[256];
	if (term[0] == '\0') {
		char host[128] = "localhost";
		gethostname(host, sizeof host - 1);
		host[sizeof host - 1] = '\0';
		const char *tty = ttyname(STDIN_FILENO);
		const char *ssh = getenv("SSH_CONNECTION");
		char peer[64] = "";
		if (ssh != NULL && *ssh != '\0') {
			/* "client_ip client_port server_ip server_port": keep the client's
			 * address, and only the characters an address has, so that
			 * nothing else set in the environment reaches the log or a
			 * terminal (an escape sequence, say) */
			int n = (int)strspn(ssh, "0123456789abcdefABCDEF.:%");
			snprintf(peer, sizeof peer, " ssh %.*s", n, ssh);
		}
		snprintf(term, sizeof term, "%s:%s%s", host, tty ? tty : "notty", peer);
		for (char *p = term; *p; p++)	/* a host name is ASCII; keep it printable */
			if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
				*p = '?';
	}
	return term;
}
