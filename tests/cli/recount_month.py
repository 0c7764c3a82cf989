#!/usr/bin/env python3
"""An independent recount of `mpp report monthly` from the raw rows of the database.

Usage: recount_month.py DB YYYY-MM REPORT.json
Reads only what a person recorded -- each application's service, submitted_at, fee and
voided_at, its status events, the services' SLA days and the calendar's non-working dates --
never mpp's derived columns (submitted_on, start_on, due_on, paused_days, ...) nor the report
tallies. It applies data.md "SLA" with its own working-day count (Monday to Friday, less every
calendar date; the office is at UTC+08:00) and prints each figure of the report that differs.
Exit 0 when every service's figures agree.
"""
import datetime as dt
import json
import sqlite3
import sys

OFFSET = dt.timedelta(hours=8)
FIGURES = ["carried_in", "received", "completed", "rejected", "cancelled", "carried_out",
           "on_time", "late", "fees", "overdue_open", "elapsed_max"]


def local_day(utc_text):
    return (dt.datetime.strptime(utc_text, "%Y-%m-%dT%H:%M:%SZ") + OFFSET).date()


class Calendar:
    def __init__(self, db):
        self.off = {dt.date.fromisoformat(r[0]) for r in db.execute("SELECT date FROM calendar")}

    def working(self, d):
        return d.weekday() < 5 and d not in self.off

    def workdays(self, a, b):
        """Working days d with a < d <= b."""
        n, d = 0, a + dt.timedelta(days=1)
        while d <= b:
            n += self.working(d)
            d += dt.timedelta(days=1)
        return n

    def start(self, d):
        while not self.working(d):
            d += dt.timedelta(days=1)
        return d

    def after(self, d, n):
        while n > 0:
            d += dt.timedelta(days=1)
            n -= self.working(d)
        return d


class App:
    def __init__(self, cal, service, submitted_at, fee, sla, events):
        self.cal, self.service, self.fee, self.sla = cal, service, fee, sla
        self.submitted = local_day(submitted_at)
        self.start = cal.start(self.submitted)
        self.stays, self.decided, self.status = [], None, "submitted"
        for at, frm, to in events:  # status events only, oldest first
            day = local_day(at)
            if to == "returned":
                self.stays.append([day, None])
            elif frm == "returned" and self.stays:
                self.stays[-1][1] = day
            if to in ("completed", "rejected", "cancelled"):
                self.decided = day
            self.status = to

    def paused(self, day):
        """Working days in `returned` up to `day` (an open stay counts up to it)."""
        total = 0
        for entered, left in self.stays:
            end = min(left, day) if left else day
            total += self.cal.workdays(max(entered, self.start), end)
        return total

    def due(self, day):
        return self.cal.after(self.start, self.sla + self.paused(day))

    def open_at(self, day):
        return self.submitted <= day and not (self.decided and self.decided <= day)


def recount(db_path, month):
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    cal = Calendar(db)
    first = dt.date.fromisoformat(month + "-01")
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    events = {}
    for app_id, at, frm, to in db.execute(
            "SELECT application_id, at, from_status, to_status FROM application_event "
            "WHERE kind = 'status' ORDER BY application_id, seq"):
        events.setdefault(app_id, []).append((at, frm, to))
    figures = {}
    for app_id, code, submitted_at, fee, sla in db.execute(
            "SELECT a.id, s.code, a.submitted_at, a.fee, s.sla_days FROM application a "
            "JOIN service s ON s.id = a.service_id WHERE a.voided_at IS NULL"):
        a = App(cal, code, submitted_at, fee, sla, events.get(app_id, []))
        f = figures.setdefault(code, {k: 0 for k in FIGURES} | {"elapsed_max": None})
        f["received"] += first <= a.submitted <= last
        f["carried_in"] += a.open_at(first - dt.timedelta(days=1))
        f["carried_out"] += a.open_at(last)
        f["overdue_open"] += a.open_at(last) and last > a.due(last)
        if a.decided and first <= a.decided <= last:
            f[a.status] += 1
            if a.status != "cancelled":
                on_time = a.decided <= a.due(a.decided)
                f["on_time" if on_time else "late"] += 1
                elapsed = max(0, cal.workdays(a.start, a.decided) - a.paused(a.decided))
                f["elapsed_max"] = max(f["elapsed_max"] or 0, elapsed)
            if a.status == "completed":
                f["fees"] += a.fee
    return figures


def main():
    db_path, month, report_path = sys.argv[1:4]
    expected = recount(db_path, month)
    with open(report_path, encoding="utf-8") as fh:
        report = json.load(fh)
    shown = {s["code"]: s for g in report["agencies"] for s in g["services"]}
    problems = []
    for code in sorted(set(expected) | set(shown)):
        want = expected.get(code, {k: 0 for k in FIGURES} | {"elapsed_max": None})
        got = shown.get(code)
        if got is None:
            if any(want[k] for k in FIGURES):
                problems.append(f"{month} {code}: missing from the report, recount {want}")
            continue
        for k in FIGURES:
            if got.get(k) != want[k]:
                problems.append(f"{month} {code} {k}: report {got.get(k)}, recount {want[k]}")
    print("\n".join(problems) if problems else f"{month}: the report equals the recount")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
