"""Applications before, around and after the calendar dates that test_calendar_window.sh adds
and removes: decided early, on the due date, late, cancelled, open, returned; written as an
import file (argv[1]) and as set-status commands for the stays in `returned` (argv[2])."""
import random
import sys
from datetime import date, datetime, timedelta

random.seed(12)
SERVICES = ["BPJSTK-DAFTAR-BPU", "DUKCAPIL-KTP", "BAPENDA-SPPT", "PLN-PASANG-BARU",
            "PDAM-SAMBUNGAN-BARU"]
rows = []


def nik(n):
    return f"5371{n % 90 + 10:02d}0101{n % 90 + 10:02d}{n:04d}"


def add(service, submitted, status, decided=None):
    n = len(rows) + 1
    ref = f"W-{n:04d}"
    status_at = decided or submitted
    rows.append([ref, service, f"Pemohon {n}", nik(n), submitted.strftime("%d/%m/%Y %H:%M"),
                 status, status_at.strftime("%d/%m/%Y %H:%M"),
                 decided.strftime("%d/%m/%Y %H:%M") if decided and status != "returned" else ""])
    return ref


# Every day from five weeks before to three weeks after the dates, weekends included.
day = date(2022, 9, 12)
while day <= date(2022, 11, 18):
    for service in SERVICES:
        submitted = datetime(day.year, day.month, day.day, random.choice([8, 10, 15]), 5)
        lag = random.choice([0, 0, 1, 2, 3, 5, 8, 13, 21, 40, None, None, "cancel"])
        if lag is None:
            add(service, submitted, "submitted")
        elif lag == "cancel":
            add(service, submitted, "cancelled", submitted + timedelta(days=2, hours=1))
        else:
            decided = submitted + timedelta(days=lag, hours=1)
            add(service, submitted, random.choice(["completed", "completed", "rejected"]), decided)
    day += timedelta(days=1)

at = lambda d, h=9: datetime(2022, int(d[:2]), int(d[3:]), h, 0)
# Returned and still returned (an open stay), around both dates.
for d in ["10-14", "10-18", "10-19", "10-25", "10-26"]:
    add("PLN-PASANG-BARU", at(d) - timedelta(days=3), "returned", at(d, 11))
commands = []


def stay(service, submitted, returned, back, decided=None):
    ref = add(service, at(submitted), "submitted")
    commands.append(f"{ref} returned {at(returned, 10):%Y-%m-%dT%H:%M}")
    commands.append(f"{ref} submitted {at(back, 10):%Y-%m-%dT%H:%M}")
    if decided:
        commands.append(f"{ref} completed {at(decided, 14):%Y-%m-%dT%H:%M}")


# Overdue, then returned over the added date (19 Oct) and open again: due before the date.
stay("DUKCAPIL-KTP", "10-03", "10-12", "10-20")
# The same over the removed date (26 Oct).
stay("DUKCAPIL-KTP", "10-03", "10-21", "10-28")
# Returned over each date, then decided.
stay("BAPENDA-SPPT", "10-05", "10-14", "10-24", "10-25")
stay("BAPENDA-SPPT", "10-17", "10-24", "10-27", "11-02")
# Returned on the submission day, before the start day.
stay("DUKCAPIL-KTP", "10-15", "10-15", "10-20")

with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("reference;service;applicant_name;nik;submitted_at;status;status_at;decided_at\r\n")
    for r in rows:
        f.write(";".join(r) + "\r\n")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("\n".join(commands) + "\n")
