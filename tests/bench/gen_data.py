#!/usr/bin/env python3
"""Realistic bench data for tests/bench/run.sh, from a fixed seed.

Writes into DIR: apps.csv (N applications over 2022-10-24..2025-12-31 across the Kupang
catalogue, in the Indonesian-Excel layout of examples/kupang/applications-2022-10.csv:
`;`-separated, D/M/YYYY H:MM dates, statuses in Indonesian), visits.csv (N/10 queue tickets),
survey.csv (N/50 SKM responses) and complaints.csv (N/200 complaints).

Proportions follow examples/: counter 84 %, online 10 %, outreach 6 %; 13 % without a phone;
decisions spread over the following days and months (12 % past the SLA, 1.5 % months late);
rejections 4.5 %, cancellations 3 %, 6 % of decided applications carrying working days paused in
the source system (`Hari Jeda`), 1.5 % never decided; what is not decided by "now"
(2026-01-05 08:00, the bench's MPP_NOW) is open: received, verified, processing or returned.
Usage: gen_data.py SRC_DIR OUT_DIR N
"""
import bisect
import csv
import datetime as dt
import random
import sys

src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(20221024)
FIRST, LAST = dt.date(2022, 10, 24), dt.date(2025, 12, 31)
NOW = dt.datetime(2026, 1, 5, 8, 0)

holidays = set()
with open(f"{src}/schemas/holidays-id-2022-2026.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        holidays.add(dt.date.fromisoformat(row["date"]))  # collective leave counts by default


def working(d):
    return d.weekday() < 5 and d not in holidays


# Working days from 2022 to 2027, for decisions N working days after the start day.
workdays = [d for d in (dt.date(2022, 1, 1) + dt.timedelta(i) for i in range(6 * 366)) if working(d)]

# The catalogue and how often each service is asked for (counts of the October 2022 example).
services = []
with open(f"{src}/examples/kupang/services.csv", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f, delimiter=";"):
        sla = int("".join(c for c in row["Jangka Waktu"] if c.isdigit()) or 0)
        services.append((row["Kode Layanan"], row["Kode Instansi"], sla, row["Tanggal Dihentikan"]))
seen = {}
with open(f"{src}/examples/kupang/applications-2022-10.csv", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f, delimiter=";"):
        seen[row["Kode Layanan"]] = seen.get(row["Kode Layanan"], 0) + 1
weights, acc = [], 0
for code, _, _, _ in services:
    acc += seen.get(code, 1)
    weights.append(acc)


def pick_service(day):
    while True:
        s = services[bisect.bisect_right(weights, rng.random() * acc)]
        if not s[3] or day < dt.datetime.strptime(s[3], "%d/%m/%Y").date():
            return s


FIRSTS = "Maria Yohanes Petrus Anastasia Fransiskus Yuliana Paulus Ester Agustinus Dewi Siti Ahmad Rut Selfina Theresia Stefanus Benediktus Elisabeth Marthen Veronika Muhammad".split()
LASTS = "Mooy Dethan Nenobais Ndoen Tapatab Selan Riwu Amalo Radja Tefa Haning Adoe Lay Kana Tanaem Bani Tallo Djami Nope Bria Manafe Nubatonis Bessie Foeh".split()


def stamp(t):
    return f"{t.day:02d}/{t.month:02d}/{t.year} {t.hour:02d}:{t.minute:02d}"


def nik():
    born = dt.date(1950, 1, 1) + dt.timedelta(rng.randrange(0, 365 * 55))
    day = born.day + (40 if rng.random() < 0.5 else 0)
    return f"5371{rng.randint(1, 6):02d}{day:02d}{born.month:02d}{born.year % 100:02d}{rng.randint(1, 9999):04d}"


def phone():
    r = rng.random()
    if r < 0.13:
        return ""
    digits = f"8{rng.choice('1257')}{rng.randint(1, 9)}{rng.randint(10000000, 99999999)}"
    if r < 0.45:
        return f"0{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if r < 0.85:
        return "0" + digits
    return "+62" + digits


def decision(sub, start_i, sla):
    """(status, decided_at or None, paused days) of one application."""
    r = rng.random()
    paused = rng.randint(1, 5) if rng.random() < 0.06 else 0
    if r < 0.015:
        return None, None, 0  # never decided
    if r < 0.045:
        return "dibatalkan", sub + dt.timedelta(days=rng.random() * 10), 0
    late = rng.random()
    days = rng.randint(0, sla) if late < 0.865 else sla + (rng.randint(1, 15) if late < 0.985 else rng.randint(20, 120))
    day = workdays[start_i + days + paused]
    at = dt.datetime.combine(day, dt.time(8)) + dt.timedelta(minutes=rng.randint(0, 8 * 60))
    if at <= sub:
        at = sub + dt.timedelta(minutes=rng.randint(10, 120))
    return ("ditolak" if r < 0.09 else "selesai"), at, paused


def applications(path):
    days = [FIRST + dt.timedelta(i) for i in range((LAST - FIRST).days + 1)]
    days = [d for d in days if working(d) or d.weekday() == 5]  # Saturdays: outreach only
    grow = [(1.0 if d.weekday() < 5 else 0.1) * (1 + (d - FIRST).days / 1200) for d in days]
    total = sum(grow)
    counts = [int(n * g / total) for g in grow]
    for i in range(n - sum(counts)):
        counts[i % len(counts)] += 1
    seq = {}
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("No. Registrasi;Kode Layanan;Nama Pemohon;NIK;No. HP;Kanal;Tanggal Permohonan;"
                "Status;Tanggal Status;Tanggal Selesai;Hari Jeda;Biaya;Keterangan\n")
        for d, count in zip(days, counts):
            start_i = bisect.bisect_left(workdays, d)
            minutes = sorted(rng.randint(0, 8 * 60 - 1) for _ in range(count))
            for m in minutes:
                sub = dt.datetime.combine(d, dt.time(8)) + dt.timedelta(minutes=m)
                code, _, sla, _ = pick_service(d)
                c = rng.random()
                channel = "Jemput Bola" if d.weekday() == 5 or c < 0.06 else "Daring" if c < 0.16 else "Loket"
                status, at, paused = decision(sub, start_i, sla)
                status_at, note = "", ""
                if at is None or at > NOW:
                    o = rng.random()
                    status = "diterima" if o < 0.05 else "berkas lengkap" if o < 0.3 else "diproses" if o < 0.85 else "dikembalikan"
                    span = min((NOW - sub).total_seconds(), 5 * 86400)
                    status_at = stamp(sub + dt.timedelta(seconds=rng.random() * span))
                    at, paused = None, paused if status != "diterima" else 0
                    note = '"Berkas belum lengkap; mohon dilengkapi"' if status == "dikembalikan" else ""
                elif status == "ditolak":
                    note = "Persyaratan tidak terpenuhi"
                key = f"{d.year}{d.month:02d}"
                seq[key] = seq.get(key, 0) + 1
                f.write(f"KPG-{key}-{seq[key]:06d};{code};{rng.choice(FIRSTS)} {rng.choice(LASTS)};"
                        f"{nik()};{phone()};{channel};{stamp(sub)};{status};{status_at};"
                        f"{stamp(at) if at else ''};{paused or ''};;{note}\n")


def some_day():
    return FIRST + dt.timedelta(rng.randrange((LAST - FIRST).days + 1))


def write_csv(path, header, count, row):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for i in range(count):
            f.write(row(i) + "\n")


def visit(i):
    d = some_day()
    code, agency, _, _ = pick_service(d)
    t = dt.datetime.combine(d, dt.time(8)) + dt.timedelta(seconds=rng.randint(0, 7 * 3600))
    called = t + dt.timedelta(seconds=rng.randint(30, 3600))
    served = rng.random() >= 0.1
    done = called + dt.timedelta(seconds=rng.randint(120, 1800)) if served else None
    finished = f"{done:%Y-%m-%d %H:%M:%S}" if done else ""
    return (f"T{i:08d},{agency},{code},{t:%Y-%m-%d %H:%M:%S},{called:%Y-%m-%d %H:%M:%S},"
            f"{finished},{'served' if served else 'no_show'}")


def response(_):
    d = some_day()
    scores = ",".join(str(rng.choice((2, 3, 3, 3, 4, 4))) for _ in range(9))
    return f"{d.isoformat()},{pick_service(d)[0]},{scores}"


def complaint(i):
    d = some_day()
    code, agency, _, _ = pick_service(d)
    r = rng.random()
    st = "resolved" if r < 0.7 else "rejected" if r < 0.8 else "in_progress" if r < 0.9 else "received"
    at = "" if st == "received" else f"{d + dt.timedelta(days=rng.randint(0, 4))} 15:00"
    channel = rng.choice(("lapor", "lapor", "langsung", "kotak saran", "telepon"))
    return f"LAPOR-{i:07d},{d} 10:00,{channel},{agency},{code},Keluhan {i},{st},{at}"


applications(f"{out}/apps.csv")
write_csv(f"{out}/visits.csv", "ticket,agency,service,taken_at,called_at,finished_at,outcome",
          max(n // 10, 1), visit)
write_csv(f"{out}/survey.csv", "surveyed_on,service," + ",".join(f"u{u}" for u in range(1, 10)),
          max(n // 50, 1), response)
write_csv(f"{out}/complaints.csv", "id,received_at,channel,agency,service,subject,status,status_at",
          max(n // 200, 1), complaint)
