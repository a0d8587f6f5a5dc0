/*
 * ui: the interactive program (curses).  ui_main() is its entry point;
 * main.c checks for a terminal and opens the database first.
 */
#ifndef SPINELOG_UI_H
#define SPINELOG_UI_H

#include <stdbool.h>

struct db;

/* What the command line says about the interactive program. */
struct ui_opts {
	const char *staff;	/* --staff CODE: sign in as this code */
	bool no_color;		/* --no-color */
	int lock_after;		/* --lock-after MIN: idle minutes before the lock */
	bool bell;		/* --bell: ring when an observation turns overdue */
};

/* Run the program on an open database, which the caller closes afterwards.
 * Returns an exit status (128 + the signal that ended it). */
int ui_main(const struct ui_opts *o, struct db *db);

#endif
