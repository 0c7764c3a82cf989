# The monthly report's visit, survey and complaint columns (measures.md "In the monthly report")
# against an independent recount: python generates raw queue tickets, tally counts, SKM
# responses and complaints, imports them with mpp, and counts each row's figures itself from
# the raw rows (local dates at +08:00, whole minutes truncated, NRRs, grades), never from mpp.
. "$(dirname "$0")/lib.sh"
export MPP_NOW=2023-01-20T09:00:00+08:00
fresh_db
"$MPP" agency add --code AGA --name "Agency A" --kind regional --joined-on 2022-10-01 >/dev/null 2>&1
"$MPP" agency add --code AGB --name "Agency B" --kind bank --joined-on 2022-10-01 >/dev/null 2>&1
"$MPP" agency add --code AGC --name "Agency C" --kind soe --joined-on 2022-10-01 >/dev/null 2>&1
for s in "A1 AGA" "A2 AGA" "B1 AGB"; do
  set -- $s
  "$MPP" service add --code "$1" --agency "$2" --name "Service $1" --category non_permit --sla-days 5 >/dev/null 2>&1 \
    || { echo "service add failed"; exit 1; }
done
# AGC has no service at all: its visits and complaints count only at its agency row.

python3 - "$T" <<'PY'
import csv, random, sys, os, json, math
from datetime import datetime, timedelta, timezone
random.seed(7)
T = sys.argv[1]
WITA = timezone(timedelta(hours=8))
groups = [("AGA", "A1"), ("AGA", "A2"), ("AGA", ""), ("AGB", "B1"), ("AGC", "")]
days = [datetime(2022, 9, 30, tzinfo=WITA)] + [datetime(2022, 10, d, tzinfo=WITA) for d in (24, 25, 26, 27, 28, 31)] + [datetime(2022, 11, 1, tzinfo=WITA)]
tickets, counts, responses, complaints = [], [], [], []
for day in days:
    for n in range(random.randint(5, 12)):
        ag, sv = random.choice(groups[:4])  # AGC has no queue machine: tally counts only
        taken = day + timedelta(hours=8, seconds=random.randint(0, 6 * 3600))
        called = taken + timedelta(seconds=random.randint(0, 50 * 60)) if random.random() < 0.9 else None
        outcome = "no_show" if called and random.random() < 0.15 else "served"
        finished = called + timedelta(seconds=random.randint(30, 25 * 60)) if called and outcome == "served" and random.random() < 0.8 else None
        tickets.append(dict(ticket=f"{ag}-{n:03d}", agency=ag, service=sv, taken_at=taken, called_at=called, finished_at=finished, outcome=outcome))
counts.append(dict(date="2022-10-30", agency="AGC", service="", count=40))   # a Sunday outreach stand
counts.append(dict(date="2022-10-29", agency="AGA", service="A1", count=0))  # recorded: nobody came
counts.append(dict(date="2022-11-02", agency="AGB", service="B1", count=7))  # another month
for i in range(60):
    ag, sv = random.choice(groups[:4])
    d = random.choice(["2022-10-%02d" % random.randint(24, 31), "2022-11-%02d" % random.randint(1, 30)])
    u = [random.choice([2, 3, 3, 4, 4]) if random.random() < 0.95 else None for _ in range(9)]
    if all(x is None for x in u): u[0] = 3
    responses.append(dict(surveyed_on=d, agency=ag, service=sv, u=u))
def local(t): return t.strftime("%Y-%m-%d %H:%M:%S")
statuses = []
for i in range(25):
    ag, sv = random.choice(groups + [("", "")])
    rec = datetime(2022, 9, 20, 9, tzinfo=WITA) + timedelta(hours=random.randint(0, 24 * 60))
    st = random.choice(["received", "in_progress", "resolved", "rejected"])
    at = rec + timedelta(hours=random.randint(1, 24 * 30)) if st != "received" else None
    complaints.append(dict(id=f"LAPOR-{i:04d}", received_at=rec, agency=ag, service=sv, status=st, status_at=at))
with open(f"{T}/tickets.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["ticket", "agency", "service", "taken_at", "called_at", "finished_at", "outcome"])
    for t in tickets:
        w.writerow([t["ticket"], t["agency"], t["service"], local(t["taken_at"]), local(t["called_at"]) if t["called_at"] else "", local(t["finished_at"]) if t["finished_at"] else "", t["outcome"]])
with open(f"{T}/counts.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["date", "agency", "service", "count"])
    for c in counts: w.writerow([c["date"], c["agency"], c["service"], c["count"]])
with open(f"{T}/survey.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["surveyed_on", "agency", "service"] + [f"u{k}" for k in range(1, 10)])
    for r in responses: w.writerow([r["surveyed_on"], r["agency"], r["service"]] + ["" if x is None else x for x in r["u"]])
with open(f"{T}/complaints.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["id", "received_at", "channel", "agency", "service", "subject", "status", "status_at"])
    for c in complaints:
        # Times in UTC (Z), so that a local date near midnight is the recount's to get right.
        z = lambda t: t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        w.writerow([c["id"], z(c["received_at"]), "lapor", c["agency"], c["service"], "Antrean lama", c["status"], z(c["status_at"]) if c["status_at"] else ""])

# The independent recount for October 2022 (F..L), per service row, agency row and total.
F, L = "2022-10-01", "2022-10-31"
def rows_of(ag, sv):  # the report rows a record counts in
    out = [("total", "", "")]
    if ag: out.append(("agency", ag, ""))
    else: out.append(("mpp", "", ""))  # a complaint about the MPP itself has its own row
    if sv: out.append(("service", ag, sv))
    return out
fig = {}
def g(key): return fig.setdefault(key, dict(records=0, visits=0, served=0, waits=[], resp=0, s=[0]*9, n=[0]*9, received=0, open=0))
for t in tickets:
    d = t["taken_at"].strftime("%Y-%m-%d")
    if not (F <= d <= L): continue
    for k in rows_of(t["agency"], t["service"]):
        x = g(k); x["records"] += 1; x["visits"] += 1; x["served"] += t["outcome"] == "served"
        if t["called_at"]: x["waits"].append(int((t["called_at"] - t["taken_at"]).total_seconds()) // 60)
for c in counts:
    if not (F <= c["date"] <= L): continue
    for k in rows_of(c["agency"], c["service"]):
        x = g(k); x["records"] += 1; x["visits"] += c["count"]; x["served"] += c["count"]
for r in responses:
    if not (F <= r["surveyed_on"] <= L): continue
    for k in rows_of(r["agency"], r["service"]):
        x = g(k); x["resp"] += 1
        for u in range(9):
            if r["u"][u] is not None: x["s"][u] += r["u"][u]; x["n"][u] += 1
for c in complaints:
    rd = c["received_at"].strftime("%Y-%m-%d")
    closed = c["status_at"].strftime("%Y-%m-%d") if c["status"] in ("resolved", "rejected") else None
    for k in rows_of(c["agency"], c["service"]):
        x = g(k)
        x["received"] += F <= rd <= L
        x["open"] += rd <= L and (closed is None or closed > L)
def half_up(v, places):
    from decimal import Decimal, ROUND_HALF_UP
    return str(Decimal(repr(v)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
def median(xs):
    xs = sorted(xs); n = len(xs)
    return half_up((xs[(n - 1) // 2] + xs[n // 2]) / 2, 1)
expected = {}
for k, x in fig.items():
    e = {}
    e["visits"] = str(x["visits"]) if x["records"] else ""
    e["served"] = str(x["served"]) if x["records"] else ""
    e["wait_median_min"] = median(x["waits"]) if x["waits"] else ""
    e["respondents"] = str(x["resp"]) if x["resp"] else ""
    nrr = [x["s"][u] / x["n"][u] for u in range(9) if x["n"][u]]
    if nrr:
        conv = float(half_up(sum(nrr) / len(nrr) * 25, 2))
        e["ikm_converted"] = "%.2f" % conv
        e["grade"] = "A" if conv >= 88.31 else "B" if conv >= 76.61 else "C" if conv >= 65.00 else "D"
    else:
        e["ikm_converted"] = e["grade"] = ""
    has = x["received"] > 0 or x["open"] > 0
    e["complaints_received"] = str(x["received"]) if has else ""
    e["complaints_open"] = str(x["open"]) if has else ""
    expected["|".join(k)] = e
json.dump(expected, open(f"{T}/expected.json", "w"), indent=1, sort_keys=True)

# The raw sums of the whole MPP for October and November together, for the pooling check.
F2, L2 = "2022-10-01", "2022-11-30"
both = dict(visit_sums=dict(records=0, visits=0, served=0, no_show=0, wait_minutes={}),
            survey_sums=dict(respondents=0, sum=[0] * 9, answers=[0] * 9),
            complaint_sums=dict(received=0, resolved=0, rejected=0, open=0))
v, sv_, cs = both["visit_sums"], both["survey_sums"], both["complaint_sums"]
for t in tickets:
    if F2 <= t["taken_at"].strftime("%Y-%m-%d") <= L2:
        v["records"] += 1; v["visits"] += 1; v["served"] += t["outcome"] == "served"; v["no_show"] += t["outcome"] == "no_show"
        if t["called_at"]:
            m = str(int((t["called_at"] - t["taken_at"]).total_seconds()) // 60)
            v["wait_minutes"][m] = v["wait_minutes"].get(m, 0) + 1
for c in counts:
    if F2 <= c["date"] <= L2:
        v["records"] += 1; v["visits"] += c["count"]; v["served"] += c["count"]
for r in responses:
    if F2 <= r["surveyed_on"] <= L2:
        sv_["respondents"] += 1
        for u in range(9):
            if r["u"][u] is not None: sv_["sum"][u] += r["u"][u]; sv_["answers"][u] += 1
for c in complaints:
    rd = c["received_at"].strftime("%Y-%m-%d")
    closed = c["status_at"].strftime("%Y-%m-%d") if c["status"] in ("resolved", "rejected") else None
    cs["received"] += F2 <= rd <= L2
    cs["resolved"] += c["status"] == "resolved" and F2 <= closed <= L2
    cs["rejected"] += c["status"] == "rejected" and F2 <= closed <= L2
    cs["open"] += rd <= L2 and (closed is None or closed > L2)
json.dump(both, open(f"{T}/expected_both.json", "w"), sort_keys=True)
PY
[ -s "$T/expected.json" ] || { echo "the generator failed"; exit 1; }

run visit import "$T/tickets.csv"
expect_rc 0 "the queue tickets import"
run visit import "$T/counts.csv"
expect_rc 0 "the tally counts import"
run survey import "$T/survey.csv"
expect_rc 0 "the SKM responses import"
run complaint import "$T/complaints.csv"
expect_rc 0 "the complaints import"

# compare CSV: every row of the report against the recount (rows without data: all empty).
compare() {
  python3 - "$1" "$T/expected.json" <<'PY'
import csv, json, sys
exp = json.load(open(sys.argv[2]))
cols = ["visits", "served", "wait_median_min", "respondents", "ikm_converted", "grade", "complaints_received", "complaints_open"]
bad = []
for r in csv.DictReader(open(sys.argv[1], newline="")):
    key = "|".join([r["level"], r["agency_code"] if r["level"] != "total" else "", r["service_code"] if r["level"] == "service" else ""])
    e = exp.get(key, {c: "" for c in cols})
    for c in cols:
        if r[c] != e[c]:
            bad.append(f"{key} {c}: report {r[c]!r}, recount {e[c]!r}")
print("\n".join(bad[:8]) if bad else "ok")
PY
}
"$MPP" report monthly --month 2022-10 --format csv -o "$T/oct.csv"
expect_eq "$(compare "$T/oct.csv")" "ok" "every row's visits, served, median wait, respondents, IKM, grade and complaints equal the recount"
expect_eq "$(grep -c '^agency,AGC,' "$T/oct.csv")" "1" "an agency without services has its own row for its visits and complaints"

# JSON carries the raw sums: October + November pooled equal the two-month summary exactly.
"$MPP" report monthly --month 2022-10 --format json -o "$T/oct.json"
"$MPP" report monthly --month 2022-11 --format json -o "$T/nov.json"
"$MPP" report summary --from 2022-10-01 --to 2022-11-30 --format json -o "$T/both.json"
pooled=$(python3 - "$T" <<'PY'
import json, sys
T = sys.argv[1]
a, b, c = (json.load(open(f"{T}/{n}.json"))["totals"] for n in ("oct", "nov", "both"))
raw = json.load(open(f"{T}/expected_both.json"))
def add(x, y):
    if isinstance(x, dict): return {k: add(x.get(k, 0), y.get(k, 0)) for k in set(x) | set(y)}
    if isinstance(x, list): return [p + q for p, q in zip(x, y)]
    return x + y
bad = []
for k in ("visit_sums", "survey_sums", "complaint_sums"):
    if k != "complaint_sums" and add(a[k], b[k]) != c[k]:
        bad.append(f"{k}: October + November {add(a[k], b[k])} != summary {c[k]}")
    for f, want in raw[k].items():  # the summary against the recount from the raw rows
        if c[k][f] != want:
            bad.append(f"{k}.{f}: summary {c[k][f]}, recount {want}")
for f in ("received", "resolved", "rejected", "on_time", "resolution_days"):  # these add up by month
    if add(a["complaint_sums"][f], b["complaint_sums"][f]) != c["complaint_sums"][f]:
        bad.append(f"complaint_sums.{f} does not pool")
print("; ".join(bad[:5]) if bad else "ok")
PY
)
expect_eq "$pooled" "ok" "the raw sums of two months pool to the two-month summary, which equals the recount"
if python3 -c 'import jsonschema' 2>/dev/null; then
  python3 -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' \
    "$T/oct.json" "$SRC/schemas/report.schema.json" && pass || fail "the json with measures validates against the schema"
else
  skip "python3-jsonschema is not installed"
fi

# An office that records no visits, survey or complaints: empty columns, never 0.
"$MPP" report monthly --month 2022-08 --format csv -o "$T/aug.csv"
aug=$(python3 - "$T/aug.csv" <<'PY'
import csv, sys
cols = ["visits", "served", "wait_median_min", "respondents", "ikm_converted", "grade", "complaints_received", "complaints_open"]
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print(len(rows), sorted({r[c] for r in rows for c in cols}))
PY
)
expect_eq "$aug" "$(grep -c '^service,\|^agency,\|^total,' "$T/aug.csv") ['']" "August has empty measure cells, not 0"
run report monthly --month 2022-08
[[ "$out" != *Kunjungan* && "$out" != *IKM* ]] && pass || fail "and the report for people leaves out columns nobody recorded"
run report monthly --month 2022-10
expect_out "Kunjungan" "October's report for people shows the visits column"
expect_out "IKM" "and the IKM"

# db check recomputes the measure tallies; a damaged tally is found, and after --repair the
# report is what it was.
run db check
expect_rc 0 "db check is clean after the imports"
cp "$T/oct.csv" "$T/oct-before.csv"
sqlite3 "$MPP_DB" "UPDATE visit_minutes SET tickets = tickets + 5 WHERE measure = 'wait' AND day = (SELECT min(day) FROM visit_minutes WHERE day >= '2022-10-01');"
sqlite3 "$MPP_DB" "UPDATE survey_tally SET s1 = s1 + 7 WHERE day = (SELECT min(day) FROM survey_tally WHERE day >= '2022-10-01');"
"$MPP" report monthly --month 2022-10 --format csv -o "$T/oct-damaged.csv"
cmp -s "$T/oct-before.csv" "$T/oct-damaged.csv" && fail "the damage shows in the October report" || pass
run db check
expect_rc 69 "db check finds the damaged visit and survey tallies"
run db check --repair
expect_rc 0 "db check --repair rebuilds them"
"$MPP" report monthly --month 2022-10 --format csv -o "$T/oct-after.csv"
cmp -s "$T/oct-before.csv" "$T/oct-after.csv" && pass || fail "the October report after the repair is the one before the damage"
# A period that ends before it begins is a usage error everywhere, never an empty answer.
for cmd in "report skm" "visit list" "visit list --by agency" "complaint list" "complaint list --by channel" "survey list" "application list" "application export" "report summary" "audit list"; do
  run $cmd --from 2022-12-01 --to 2022-10-01
  expect_rc 64 "$cmd with --from after --to"
  expect_err "--from 2022-12-01 is after --to 2022-10-01" "$cmd names both days"
done
finish
