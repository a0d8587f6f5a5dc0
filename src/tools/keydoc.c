/*
 * keydoc: print the KEYS section of spinelog(1) in mdoc from the action
 * table (src/ui/ui_keys.c), so that the man page lists exactly the keys the
 * program dispatches.  A separate program rather than a hidden option of
 * spinelog: the table needs no curses (keys are UK_* codes), so it builds in
 * the same tree without ncurses, and the shipped binary keeps no
 * documentation-only code path.  "make man-keys" writes its output into
 * man/spinelog.1; "make check" fails when they differ.
 */
#include <stdio.h>
#include <string.h>

#include "ui_keys.h"

/* mdoc needs a backslash before some characters at the start of a word. */
static void
escape(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if ((*s == '.' || *s == '\'') && (s[-1] == ' ' || s[-1] == '\n'))
			printf("\\&%c", *s);
		else
			putchar(*s);
	}
}

/* Keys as one quoted argument of a macro; \& keeps a key such as [ or ? from
 * being read as an mdoc delimiter. */
static void
keys(const char *keyname)
{
	fputs("\"\\&", stdout);
	escape(keyname);
	fputs("\"", stdout);
}

int
main(void)
{
	puts(".Sh KEYS");
	puts("Generated from the action table by");
	puts(".Ql make man-keys ;");
	puts("the help screen");
	fputs(".Pq Ic ", stdout);
	keys(ui_actions[ACT_HELP].keyname);
	putchar('\n');
	puts("shows the same list.");
	puts("In a form, a key that is a character is typed into the field,");
	puts("except where its entry below says otherwise.");
	for (size_t c = 0; c < ui_ncontexts; c++) {
		printf(".Ss %s\n", ui_contexts[c].title);
		puts(".Bl -tag -width \"Right, Tab\" -compact");
		for (int a = 1; a < ACT__COUNT; a++) {
			const struct action_def *d = &ui_actions[a];
			if (!(d->ctx & ui_contexts[c].ctx))
				continue;
			fputs(".It Ic ", stdout);
			keys(d->keyname);
			putchar('\n');
			escape(d->help);
			putchar('\n');
		}
		puts(".El");
	}
	return 0;
}
