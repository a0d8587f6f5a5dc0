#!/usr/bin/env python3
"""Print, for each line of standard input wider than N screen columns
(argv[1]), "LINE: COLUMNS".  Columns as a terminal counts them: East Asian
Wide and Fullwidth characters take 2, combining marks, enclosing marks and
format characters (zero-width) take 0, everything else 1.  wc -L counts
characters, which a CJK line overflows.  The widest line's width goes to
standard error, for the test's log."""
import sys
import unicodedata


def columns(line):
    n = 0
    for ch in line:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def main():
    limit = int(sys.argv[1])
    widest = 0
    for i, line in enumerate(sys.stdin.buffer.read().decode("utf-8").split("\n"), 1):
        w = columns(line.rstrip("\r"))
        widest = max(widest, w)
        if w > limit:
            print(f"{i}: {w}")
    print(f"widest line: {widest} columns", file=sys.stderr)


main()
