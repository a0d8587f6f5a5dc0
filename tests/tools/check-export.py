#!/usr/bin/env python3
"""Check a spinelog CSV export against its database, with readers we did not write.

usage: check-export.py CSV DB [--bom|--no-bom] [--before-id N]
                       [--all | --case ID | --day DAY | --from DAY --to DAY]

- The raw bytes: a UTF-8 BOM (or none with --no-bom), every field quoted, every
  row ending in CRLF, nothing else.
- Python's csv module (strict=True, utf-8-sig): the header, 24 cells per row.
- sqlite3's own CSV reader (`.import --csv` into :memory:) reads the same cells.
- Cell by cell against the database (Python's sqlite3, read-only): the rows
  are exactly the events of the range with id < N (N = the export event, which
  is appended after the rows were read), in id order; a formula-looking cell
  has a leading apostrophe (computed here independently, DESIGN §6);
  recorded_at is the local time of recorded_at_utc (Python's own zone rules,
  so this also checks the C side's DST handling); item_label comes from the
  case's checklist version, parsed here with the csv module.
- Every row's hash recomputes from the CSV cells after undoing the apostrophe,
  as spinelog(1) tells an auditor to do.
Prints "N rows ok" or raises.
"""
import argparse
import csv
import datetime
import hashlib
import io
import json
import re
import sqlite3
import subprocess
import sys

HEADER = ["event_id", "recorded_at", "recorded_at_utc", "case_id", "mrn", "patient", "dob",
          "procedure", "checklist_version", "phase", "item_key", "item_label", "action",
          "value", "unit", "flag", "reason", "amends_event_id", "staff_code", "staff_name",
          "os_user", "terminal", "prev_hash", "hash"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
# Hashed fields, in the order of spinelog(1), HASH CHAIN, by CSV column.
HASHED = ["event_id", "recorded_at_utc", "case_id", "phase", "item_key", "action", "value",
          "unit", "flag", "reason", "amends_event_id", "staff_code", "os_user", "terminal"]


def guard(v):
    if v.startswith(TRIGGERS) and not NUMBER.fullmatch(v):
        return "'" + v
    return v


def unguard_candidates(v):
    """What a cell may have been before the export: the rule is not injective
    for a value that itself began with ' and a trigger, so give both."""
    if v.startswith("'") and v[1:].startswith(TRIGGERS):
        return [v[1:], v]
    return [v]


def netstring(s):
    b = s.encode("utf-8")
    return str(len(b)).encode() + b":" + b + b","


def recompute(row, prev):
    """Try every reading of the guarded cells; return the one that hashes right."""
    options = [[]]
    for col in HASHED:
        options = [o + [c] for o in options for c in unguard_candidates(row[col])]
    for fields in options:
        h = hashlib.sha256(prev.encode() + b"".join(netstring(f) for f in fields))
        if h.hexdigest() == row["hash"]:
            return True
    return False


def local_iso(utc):
    t = datetime.datetime.strptime(utc, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=datetime.timezone.utc).astimezone()
    return t.isoformat(timespec="milliseconds")


def local_day(utc):
    return local_iso(utc)[:10]


def labels(content):
    out = {}
    for r in csv.reader(io.StringIO(content.decode("utf-8")), strict=True):
        if len(r) >= 3 and r[0] in ("pre", "procedure", "post"):
            out[r[1]] = r[2]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("db")
    ap.add_argument("--no-bom", action="store_true")
    ap.add_argument("--bom", action="store_true")
    ap.add_argument("--before-id", type=int, default=1 << 62)
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--case", type=int)
    ap.add_argument("--day")
    ap.add_argument("--from", dest="from_")
    ap.add_argument("--to")
    a = ap.parse_args()

    raw = open(a.csv, "rb").read()
    bom = b"\xef\xbb\xbf"
    if a.no_bom:
        assert not raw.startswith(bom), "a BOM despite --no-bom"
    else:
        assert raw.startswith(bom), "no UTF-8 BOM"
        raw = raw[3:]
    raw.decode("utf-8")  # strict UTF-8
    field = rb'"(?:[^"]|"")*"'
    assert re.fullmatch(rb"(?:%s(?:,%s)*\r\n)*" % (field, field), raw, re.S), \
        "not every field quoted, or a row not ending in CRLF"

    with open(a.csv, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, strict=True))
    assert rows[0] == HEADER, "header: %r" % rows[0]
    for i, r in enumerate(rows):
        assert len(r) == 24, "row %d has %d cells" % (i + 1, len(r))

    # sqlite3's CSV reader must see the same cells.
    out = subprocess.run(["sqlite3", ":memory:", ".import --csv %s t" % a.csv, ".mode json",
                          "SELECT * FROM t"], check=True, capture_output=True).stdout
    imported = json.loads(out or b"[]")
    assert len(imported) == len(rows) - 1, "sqlite3 .import read %d rows, python %d" % (
        len(imported), len(rows) - 1)
    for got, want in zip(imported, rows[1:]):
        assert [str(got[h]) for h in HEADER] == want, "sqlite3 .import differs: %r" % got

    db = sqlite3.connect("file:%s?mode=ro" % a.db, uri=True)
    q = ("SELECT e.id, e.recorded_at, e.case_id, c.mrn, c.name, c.dob, c.proc_key, v.sha256,"
         " v.content, e.phase, e.item_key, e.action, e.value, e.unit, e.flag, e.reason,"
         " e.amends, e.staff_code, s.name, e.os_user, e.terminal, e.prev_hash, e.hash"
         " FROM event e LEFT JOIN cases c ON c.id = e.case_id"
         " LEFT JOIN checklist_version v ON v.id = c.version_id"
         " LEFT JOIN staff s ON s.code = e.staff_code WHERE e.id < ? ORDER BY e.id")
    want = []
    for (eid, at, case, mrn, name, dob, proc, sha, content, phase, item, action, value, unit,
         flag, reason, amends, staff, staff_name, user, tty, prev, h) in db.execute(
            q, (a.before_id,)):
        if a.case is not None and case != a.case:
            continue
        day = local_day(at)
        if a.day and day != a.day:
            continue
        if a.from_ and not (a.from_ <= day <= a.to):
            continue
        label = ""
        if content is not None:
            assert hashlib.sha256(content).hexdigest() == sha, "version sha256 mismatch"
            label = labels(content).get(item, "") if item else ""
        cells = [str(eid), local_iso(at), at, "" if case is None else str(case), mrn or "",
                 name or "", dob or "", proc or "", sha or "", phase, item, label, action,
                 value, unit, flag, reason, "" if amends is None else str(amends), staff,
                 staff_name or "", user, tty, prev, h]
        want.append([guard(c) for c in cells])
    got = rows[1:]
    assert [r[0] for r in got] == [r[0] for r in want], \
        "event ids differ: exported %s, expected %s" % ([r[0] for r in got], [r[0] for r in want])
    for g, w in zip(got, want):
        for k in range(24):
            assert g[k] == w[k], "event %s, %s: exported %r, database says %r" % (
                g[0], HEADER[k], g[k], w[k])

    prev = None
    for r in got:
        d = dict(zip(HEADER, r))
        if prev is not None and a.all:
            assert d["prev_hash"] == prev, "chain broken at event %s" % d["event_id"]
        assert recompute(d, d["prev_hash"]), "hash of event %s does not recompute" % d["event_id"]
        prev = d["hash"]
    print("%d rows ok" % len(got))


if __name__ == "__main__":
    sys.exit(main())
