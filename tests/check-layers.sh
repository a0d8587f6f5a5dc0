#!/bin/sh
# The layer rules of src/ (Makefile, "Layers"): imports go one way,
#
#   base <- store <- domain <- {ui, cli} <- main.c
#
# Most of it is enforced by the compiler: each folder compiles with only the
# include paths of the layers below it.  This script proves that (a header
# from the wrong layer must fail to compile, and a right one must compile)
# and greps for what include paths cannot see.
#
# Usage: check-layers.sh CC  (the include paths come from the environment:
# INC_base INC_store INC_domain INC_ui INC_cli, as the Makefile sets them)
set -u
cc=${1:-cc}
bad=0
say() { echo "layers: $*"; bad=1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# compiles LAYER HEADER: does a file of LAYER that includes HEADER compile?
compiles() {
	eval "inc=\$INC_$1"
	printf '#include "%s"\nint layers_probe;\n' "$2" > "$tmp/probe.c"
	# shellcheck disable=SC2086
	"$cc" -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -fsyntax-only $inc \
		"$tmp/probe.c" 2>/dev/null
}

# Each layer reaches the layer below it (the control: without it a broken
# set of paths would make every "must not compile" pass) ...
for pair in base:util.h store:util.h store:event.h domain:event.h domain:chart.h \
		ui:chart.h ui:casestate.h ui:util.h ui:store/db.h cli:chart.h cli:store/db.h \
		cli:export.h; do
	compiles "${pair%%:*}" "${pair#*:}" ||
		say "src/${pair%%:*}/ cannot include ${pair#*:}: the include paths are broken"
done
# ... and nothing above it or beside it.
for pair in base:db.h base:event.h base:chart.h store:chart.h store:record.h \
		store:ui_app.h domain:ui_app.h domain:cli.h ui:event.h ui:db.h ui:cli.h \
		cli:event.h cli:db.h cli:ui_app.h cli:ui.h; do
	if compiles "${pair%%:*}" "${pair#*:}"; then
		say "src/${pair%%:*}/ can include ${pair#*:} (it must not compile)"
	fi
done

# What include paths cannot catch.  code_grep: grep -nE minus comment lines.
code_grep() {
	grep -nE "$@" | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|/\*|//)'
}
inc='^[[:space:]]*#[[:space:]]*include[[:space:]]*'
grep -nE "$inc[<\"](n?curses|term|panel|form|menu|ui[a-z_]*)\\.h" \
	src/base/*.[ch] src/store/*.[ch] src/domain/*.[ch] src/cli/*.[ch] &&
	say "curses or a ui header outside src/ui (above)"
grep -nE "$inc\"\\.\\./" src/*.[ch] src/*/*.[ch] &&
	say "an include climbs out of its folder with ../ (above)"
grep -nE "$inc\"store/" src/ui/*.[ch] src/cli/*.[ch] src/main.c | grep -v '"store/db.h"' &&
	say "a front end includes storage beyond store/db.h (above)"
grep -nE "$inc\"(ui|cli)/|$inc\"(cli|ui)\\.h\"" src/ui/*.[ch] src/cli/*.[ch] | grep -vE '^src/ui/[^:]*:[0-9]+:.*"ui\.h"|^src/cli/[^:]*:[0-9]+:.*"cli\.h"' &&
	say "the front ends include each other (above)"
code_grep '\b(sqlite3_[a-z_]+|db_(stmt|begin|commit|rollback|exec|handle|bind_text|col_text|fail|data_version))\b' \
	src/ui/*.[ch] src/cli/*.[ch] &&
	say "SQL or a transaction in a front end: go through a domain call (above)"
code_grep '\b(event_(append|insert|head)|case_(create|insert|end)|staff_register|checklist_version_(intern|put))\b' \
	src/ui/*.[ch] src/cli/*.[ch] &&
	say "a front end writes around src/domain/chart.c (above)"
code_grep '\b(printf|fprintf|vfprintf|puts|fputs|putchar|perror|exit|abort)[[:space:]]*\(' \
	src/store/*.c src/domain/*.c &&
	say "storage or domain prints or exits: return a status and fill struct err (above)"

[ "$bad" -eq 0 ] && echo "layers: one-way imports hold (wrong includes do not compile); no curses below the UI; no SQL, storage writes or cross-front-end includes in ui/ and cli/; no printing in store/ or domain/"
exit "$bad"
