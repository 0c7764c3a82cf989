#!/usr/bin/env python3
"""Compares the application figures of an mpp period report (CSV) with a report_sql.sh output.

Prints one line: how many rows (service, agency, total) were compared and how many differ, with
the first differences. Exit status 0 either way: run.sh prints the check, it does not stop.
Usage: same_report.py MPP_CSV SQL_CSV LABEL
"""
import csv
import sys

FIGURES = ["carried_in", "received", "completed", "rejected", "cancelled", "carried_out",
           "decided", "on_time", "late", "elapsed_avg", "elapsed_median", "elapsed_max",
           "overdue_open", "fees"]


def number(text):
    return None if text in ("", None) else round(float(text), 1)


mpp = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for row in csv.DictReader(f):
        code = {"service": row["service_code"], "agency": row["agency_code"]}.get(row["level"], "")
        mpp[(row["level"], code)] = [number(row[k]) for k in FIGURES]
sql = {}
with open(sys.argv[2], encoding="utf-8") as f:
    for row in csv.reader(f):
        sql[(row[0], row[1])] = [number(v) for v in row[2:]]
differ = []
for key in sorted(set(mpp) | set(sql)):
    a, b = mpp.get(key), sql.get(key)
    # A service without any figure in the period may be left out by either side.
    if a is None or b is None:
        if any(v for v in (a or b)):
            differ.append(f"{key[0]} {key[1]} only in {'mpp' if b is None else 'SQL'}")
        continue
    bad = [f"{k} {x} vs {y}" for k, x, y in zip(FIGURES, a, b) if x != y]
    if bad:
        differ.append(f"{key[0]} {key[1]}: {', '.join(bad[:3])}")
print(f"check {sys.argv[3]}: {len(set(mpp) & set(sql))} rows x {len(FIGURES)} figures compared, "
      f"{len(differ)} differ" + (f" ({'; '.join(differ[:3])})" if differ else ""))
