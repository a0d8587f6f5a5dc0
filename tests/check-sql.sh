#!/bin/sh
# Fail when SQL could be built with printf-style functions (DESIGN.md §3:
# every statement prepared with bound parameters).  Usage: check-sql.sh FILE...
#  1. sqlite3_mprintf/vmprintf/snprintf/str_appendf exist only to build SQL
#     text: never used.  Nor their SQL quoting conversions %q %Q %w.
#  2. Statements are prepared and run only in the db module, src/store/db.c
#     (db_stmt, db_exec) and its parts db_schema.c (the migrations, the
#     expected schema) and db_backup.c (the backup copy's journal mode).
#  3. A printf-family call (printf, snprintf, asprintf, xasprintf,
#     buf_printf, ...) whose format holds SQL may use integer conversions
#     only (%d, %ld, %" PRId64 ...): no %s, %c, %f, %p.  Calls spread over
#     several lines are joined first.
status=0
for f in "$@"; do
	awk -v file="$f" '
	{ text = text " " $0; line[NR] = $0 }
	/sqlite3_(v?mprintf|snprintf|str_appendf|str_vappendf)/ {
		printf "%s:%d: builds SQL with %s\n", file, NR, "an sqlite3 printf"; bad = 1 }
	/"[^"]*%[-0-9.*]*[qQw][^"]*"/ && /(printf|sprintf)\(/ {
		printf "%s:%d: SQL quoting conversion (%%q/%%Q/%%w)\n", file, NR; bad = 1 }
	/sqlite3_(prepare|prepare_v2|prepare_v3|exec)\(/ && file !~ /(^|\/)db(_schema|_backup)?\.c$/ {
		printf "%s:%d: SQL run outside the db module (use db_stmt or db_exec)\n", file, NR; bad = 1 }
	END {
		gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, " ", text)	# drop comments
		n = split(text, stmt, ";")
		for (i = 1; i <= n; i++) {
			s = stmt[i]
			if (s !~ /(printf|asprintf)[ \t]*\(/)
				continue
			if (s !~ /"[^"]*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|ATTACH|PRAGMA|REPLACE|VALUES|WHERE|BEGIN|COMMIT|VACUUM)[ (]/)
				continue
			t = s
			gsub(/%%/, "", t)
			# integer conversions are safe: flags, width, length, then d/i/u/x
			gsub(/%[-+ #0]*[0-9*]*(\.[0-9*]+)?(hh|h|ll|l|j|z|t)?[diux]/, "", t)
			gsub(/%"[ \t]*PR[IiDdUuXx]*[0-9]*/, "", t)
			if (t ~ /%/) {
				sub(/^[ \t]+/, "", s)
				printf "%s: SQL built with a printf-style function: %.160s\n", file, s
				bad = 1
			}
		}
		exit bad
	}' "$f" || status=1
done
exit $status
