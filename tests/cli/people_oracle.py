#!/usr/bin/env python3
"""Independent expected figures for tests/cli/test_report_people.sh.

  people_oracle.py generate N SEED               the applications CSV (stdout)
  people_oracle.py month CSV YYYY-MM             received decided open, and per service
                                                 "code counter online outreach"
  people_oracle.py trend CSV YYYY-MM             12 lines "YYYY-MM received decided"
  people_oracle.py overdue DB YYYY-MM-DD [AGENCY] "reference days_overdue" of every application
                                                 open and overdue on the day, most overdue first

The CSV counts read only the generated rows (local times at +08:00); the overdue list reads
only recorded rows of the database (submitted_at, status events, the services' SLA days and
the calendar) through recount_month.py's own working-day arithmetic.
"""
import csv
import datetime as dt
import os
import random
import sqlite3
import sys

SERVICES = {"DUKCAPIL-KTP": "DUKCAPIL", "DUKCAPIL-KK": "DUKCAPIL",
            "PDAM-SAMBUNGAN-BARU": "PDAM-KUPANG", "ATRBPN-PERALIHAN": "ATRBPN-KUPANG",
            "BPJSTK-JHT": "BPJSTK-KUPANG", "BANKNTT-PAJAK-DAERAH": "BANK-NTT"}
CHANNELS = {"Loket": "counter", "Daring": "online", "jemput_bola": "outreach", "online": "online"}
FIRST = dt.datetime(2021, 2, 1, 8, 0)


def stamp(t):
    return t.strftime("%d/%m/%Y %H:%M")


def generate(n, seed):
    rnd = random.Random(seed)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["reference", "service", "applicant_name", "nik", "channel", "submitted_at",
                  "status", "status_at", "decided_at"])
    for i in range(1, n + 1):
        sub = FIRST + dt.timedelta(days=rnd.randrange(0, 700), minutes=rnd.randrange(0, 480))
        r = rnd.random()
        status, status_at, decided = "diterima", "", ""
        if r < 0.72:
            status = "selesai" if rnd.random() < 0.85 else "ditolak"
            decided = stamp(sub + dt.timedelta(days=rnd.randrange(0, 45), minutes=1))
        elif r < 0.78:
            status = "dikembalikan"
            status_at = stamp(sub + dt.timedelta(days=rnd.randrange(0, 6), minutes=1))
        elif r < 0.84:
            status = "dibatalkan"
            decided = stamp(sub + dt.timedelta(minutes=30))
        out.writerow([f"P-{i:05d}", rnd.choice(sorted(SERVICES)), f"Pemohon {i}",
                      f"5371{rnd.randint(1, 6):02d}{rnd.randint(1, 28):02d}{rnd.randint(1, 12):02d}"
                      f"{rnd.randint(50, 89):02d}{rnd.randint(1, 9998):04d}", rnd.choice(sorted(CHANNELS)),
                      stamp(sub), status, status_at, decided])


def rows(path):
    for r in csv.DictReader(open(path, newline="", encoding="utf-8")):
        day = lambda text: dt.datetime.strptime(text, "%d/%m/%Y %H:%M").date() if text else None
        yield r, day(r["submitted_at"]), day(r["decided_at"])


def bounds(month):
    first = dt.date.fromisoformat(month + "-01")
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def month(path, m):
    first, last = bounds(m)
    received = decided = open_ = 0
    per = {s: {"counter": 0, "online": 0, "outreach": 0} for s in SERVICES}
    for r, sub, dec in rows(path):
        if first <= sub <= last:
            received += 1
            per[r["service"]][CHANNELS[r["channel"]]] += 1
        if dec and first <= dec <= last and r["status"] in ("selesai", "ditolak"):
            decided += 1
        open_ += sub <= last and not (dec and dec <= last)
    print(received, decided, open_)
    for s in sorted(per):
        print(s, per[s]["counter"], per[s]["online"], per[s]["outreach"])


def trend(path, m):
    first, _ = bounds(m)
    months = []
    y, mo = first.year, first.month
    for _ in range(12):
        months.insert(0, f"{y:04d}-{mo:02d}")
        y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
    counts = {k: [0, 0] for k in months}
    for r, sub, dec in rows(path):
        if sub.strftime("%Y-%m") in counts:
            counts[sub.strftime("%Y-%m")][0] += 1
        if dec and r["status"] in ("selesai", "ditolak") and dec.strftime("%Y-%m") in counts:
            counts[dec.strftime("%Y-%m")][1] += 1
    for k in months:
        print(k, *counts[k])


def overdue(db_path, day_text, agency=None):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from recount_month import App, Calendar
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    cal, day = Calendar(db), dt.date.fromisoformat(day_text)
    events = {}
    for app_id, at, frm, to in db.execute(
            "SELECT application_id, at, from_status, to_status FROM application_event "
            "WHERE kind = 'status' ORDER BY application_id, seq"):
        events.setdefault(app_id, []).append((at, frm, to))
    found = []
    for app_id, ref, code, agency_code, submitted_at, sla in db.execute(
            "SELECT a.id, a.reference, s.code, g.code, a.submitted_at, s.sla_days FROM "
            "application a JOIN service s ON s.id = a.service_id JOIN agency g ON "
            "g.id = s.agency_id WHERE a.voided_at IS NULL"):
        a = App(cal, code, submitted_at, 0, sla, events.get(app_id, []))
        if agency in (None, agency_code) and a.open_at(day) and day > a.due(day):
            found.append((-cal.workdays(a.due(day), day), submitted_at, ref))
    for days, _, ref in sorted(found):
        print(ref, -days)


if __name__ == "__main__":
    verb, args = sys.argv[1], sys.argv[2:]
    {"generate": lambda: generate(int(args[0]), int(args[1])),
     "month": lambda: month(*args), "trend": lambda: trend(*args),
     "overdue": lambda: overdue(*args)}[verb]()
