/*
 * ui_term: the terminal's life around curses: start, signals, suspend,
 * hang-up and every way out, so that no exit path leaves patient data on the
 * screen, in the scrollback or the terminal in a raw mode.
 *
 * Signals only set a flag (the loop in ui.c acts on it); a crash handler
 * restores the saved termios and writes a reset with async-signal-safe calls
 * only, then re-raises.  The screen is cleared before leaving curses, and on
 * terminals without an alternate screen (linux, vt100, vt220: no smcup) the
 * scrollback too, because what scrolled off there is still readable.
 */
#include "ui_app.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t got_signal, got_stop;
static struct termios saved_tio;
static bool have_tio, curses_on, no_alt_screen;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
on_stop(int sig)
{
	(void)sig;
	got_stop = 1;
}

static void
on_crash(int sig)
{
	/* reset attributes, clear the screen and (where supported) the
	 * scrollback, home, show the cursor */
	static const char reset[] = "\033[0m\033[2J\033[3J\033[H\033[?25h\r\n";
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	if (write(STDOUT_FILENO, reset, sizeof reset - 1) < 0) {
		/* nothing more can be done in a crashing process */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void
ui_term_wipe(void)
{
	clear();
	refresh();
	if (no_alt_screen) {
		/* "E3" where terminfo has it; the linux console, xterm and tmux
		 * all take CSI 3 J */
		const char *e3 = tigetstr("E3");
		fputs(e3 != NULL && e3 != (char *)-1 && *e3 ? e3 : "\033[3J", stdout);
		fflush(stdout);
	}
}

static void
restore(void)
{
	if (!curses_on)
		return;
	curses_on = false;
	ui_term_wipe();
	endwin();
}

static void
install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = on_stop;	/* Ctrl-Z: replaces curses' own handler */
	sigaction(SIGTSTP, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
}

bool
ui_term_start(void)
{
	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		have_tio = true;
	if (newterm(NULL, stdout, stdin) == NULL)
		return false;
	curses_on = true;
	const char *smcup = tigetstr("smcup");
	no_alt_screen = smcup == NULL || smcup == (char *)-1 || *smcup == '\0';
	die_set_cleanup(restore);
	atexit(restore);
	install_signals();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(250);
	return true;
}

int
ui_term_signal(void)
{
	return got_signal;
}

/*
 * A terminal closed without a SIGHUP reaching us (the program started under
 * setsid, or by su in another session) makes every read fail at once: without
 * this check the loop would spin on it.  poll() tells a hang-up from the
 * ordinary input timeout.
 */
bool
ui_term_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) {
		got_signal = SIGHUP;	/* as a hang-up: nothing more to read */
		return true;
	}
	return false;
}

bool
ui_term_stop_requested(void)
{
	return got_stop != 0;
}

void
ui_term_suspend(void)
{
	got_stop = 0;
	ui_term_wipe();
	endwin();
	kill(getpid(), SIGSTOP);	/* until fg (SIGCONT) */
	refresh();		/* back into curses mode, redrawn */
}

void
ui_term_end(int sig)
{
	if (sig == SIGHUP)
		curses_on = false;	/* the terminal is gone: never write to it again */
	else
		restore();
}
