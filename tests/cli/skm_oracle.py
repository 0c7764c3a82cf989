"""An independent counter for `mpp report skm`: reads the raw survey CSV a test generated and
writes the figures of measures.md per service, agency and MPP as CSV (exact fractions, rounded
half away from zero at output), for the test to compare with mpp's own CSV.

Usage: skm_oracle.py SURVEY.CSV SERVICES.CSV FROM TO [GRADE_A GRADE_B GRADE_C]
SERVICES.CSV is the catalogue (service code -> agency code), FROM/TO ISO dates."""
import csv
import sys
from fractions import Fraction

LETTERS = {"a": 1, "b": 2, "c": 3, "d": 4}


def score(text):
    t = text.strip().lower()
    return LETTERS.get(t) or (int(t) if t else None)


def rounded(q, places):
    scaled = q * 10**places
    whole = int(scaled + Fraction(1, 2))  # half up; every figure here is positive
    return fmt(whole, places)


def fmt(whole, places):
    s = str(whole).rjust(places + 1, "0")
    return s[:-places] + "." + s[-places:]


def iso(d):
    day, month, year = d.split("/")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def figures(rows, cuts):
    sums = [0] * 9
    counts = [0] * 9
    for r in rows:
        for u in range(9):
            if r[u] is not None:
                sums[u] += r[u]
                counts[u] += 1
    nrr = [Fraction(sums[u], counts[u]) if counts[u] else None for u in range(9)]
    given = [v for v in nrr if v is not None]
    ikm = sum(given) / len(given)
    converted = rounded(ikm * 25, 2)
    c = float(converted)
    grade = "A" if c >= cuts[0] else "B" if c >= cuts[1] else "C" if c >= cuts[2] else "D"
    label = {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}[grade]
    lowest = min(v for v in given)
    weakest = "u%d" % (nrr.index(lowest) + 1)  # the first, so the lower number on a tie
    return ([str(len(rows))] + [rounded(v, 2) if v is not None else "" for v in nrr]
            + [rounded(ikm, 3), converted, grade, label, weakest])


def main():
    survey, services, first, last = sys.argv[1:5]
    cuts = [float(x) for x in sys.argv[5:8]] or [88.31, 76.61, 65.00]
    agency_of = {}
    with open(services, encoding="utf-8-sig") as f:
        for row in csv.reader(f, delimiter=";"):
            agency_of[row[0]] = row[1]
    groups = {}
    with open(survey, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            day = iso(row["Tanggal"])
            if not first <= day <= last:
                continue
            service = row["Layanan"].strip()
            agency = row["Instansi"].strip() or agency_of[service]
            answers = [score(row["U%d" % u]) for u in range(1, 10)]
            groups.setdefault((agency, service), []).append(answers)
    out = csv.writer(sys.stdout, lineterminator="\n")
    everyone = []
    for agency in sorted({a for a, _ in groups}):
        mine = []
        for (a, service) in sorted(groups):
            if a != agency:
                continue
            mine += groups[(a, service)]
            if service:
                out.writerow(["service", agency, service] + figures(groups[(a, service)], cuts))
        out.writerow(["agency", agency, ""] + figures(mine, cuts))
        everyone += mine
    out.writerow(["total", "", ""] + figures(everyone, cuts))


main()
