/*
 * ui: the interactive program (curses).  ui_main() is its entry point.
 */
#ifndef SPINELOG_UI_H
#define SPINELOG_UI_H

#include "cli.h"

int ui_main(struct opts *o);

#endif
