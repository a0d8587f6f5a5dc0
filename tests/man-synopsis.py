#!/usr/bin/env python3
"""spinelog(1)'s SYNOPSIS names every command and every global option that
'spinelog --help' lists (the SYNOPSIS is hand-written; this keeps it whole).
Usage: man-synopsis.py BINARY MANPAGE"""
import re
import subprocess
import sys

binary, manpage = sys.argv[1], sys.argv[2]
text = open(manpage, encoding="utf-8").read()
synopsis = text.split(".Sh SYNOPSIS", 1)[1].split("\n.Sh ", 1)[0]
helptext = subprocess.run([binary, "--help"], capture_output=True, text=True,
                          check=True).stdout
commands = re.search(r"^Commands:\n(.*?)\n\n", helptext, re.M | re.S).group(1)
options = re.search(r"^Options:\n(.*?)\n\n", helptext, re.M | re.S).group(1)
missing = []
for line in commands.splitlines():
    name = line.split()[0]
    if not re.search(r"^\.Cm %s( |$)" % re.escape(name), synopsis, re.M):
        missing.append("command " + name)
for m in re.finditer(r"^\s*(?:-(\w), )?--([\w-]+)", options, re.M):
    short, long = m.group(1), m.group(2)
    # mdoc writes -d as "Fl d" and --lock-after as "Fl \-lock\-after" ("\-" in lists)
    forms = ["\\-" + long.replace("-", "\\-")] + (["Fl " + short] if short else [])
    if not any(f in synopsis for f in forms):
        missing.append("option " + ("-" + short if short else "--" + long))
for what in missing:
    print("man-synopsis: %s missing from the SYNOPSIS" % what)
if not missing:
    print("man-synopsis: SYNOPSIS names every command and option of --help")
sys.exit(1 if missing else 0)
