# mpp report: the Kupang month, the invariant on every row of a large generated dataset,
# every format byte-identical twice, the quiet overdue list.
. "$(dirname "$0")/lib.sh"
fresh_db --office-name "Mal Pelayanan Publik Kota Kupang"
"$MPP" agency import "$SRC/examples/kupang/agencies.csv"
"$MPP" service import "$SRC/examples/kupang/services.csv"
MPP_NOW=2022-11-02T08:00:00+08:00 "$MPP" application import "$SRC/examples/kupang/applications-2022-10.csv"
export MPP_NOW=2022-11-01T00:05:00+08:00 SOURCE_DATE_EPOCH=1667232300

# invariant FILE: every csv row satisfies carried_in + received - final = carried_out.
invariant() {
  python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
n = lambda r, k: int(r[k])
bad = sum(1 for r in rows if n(r, 'carried_in') + n(r, 'received') - n(r, 'completed') - n(r, 'rejected') - n(r, 'cancelled') != n(r, 'carried_out'))
print(f"{bad}/{len(rows)}")
PY
}

run report monthly
expect_rc 0 "report monthly (the previous month by default)"
expect_out "Periode: Oktober 2022 (2022-10-01 s.d. 2022-10-31)" "the month in Indonesian"
expect_out "Instansi aktif: 11 · layanan aktif: 28 · hari kerja: 21" "active agencies, services, working days"
# the comparison with the previous month is in the headline box: September has no data
expect_eq "$(printf '%s\n' "$out" | grep -E '^Diterima ' | tr -s ' ')" "Diterima 309" "the comparison (none with an empty month)"
[[ "$out" != *"Permohonan diterima:"* ]] && pass || fail "no sentence beside the headline box"
expect_out "Dibuat: 2022-11-01T00:05:00+08:00" "SOURCE_DATE_EPOCH"
expect_out "JUMLAH MPP" "the total row"
run report monthly --lang en --month 2022-10
expect_out "Period: October 2022" "English"
expect_out "TOTAL MPP" "English total"
run report monthly --format csv -o "$T/oct.csv"
expect_eq "$(invariant "$T/oct.csv")" "0/40" "the invariant holds on every row of October"
expect_eq "$(grep -c '^total,' "$T/oct.csv")" "1" "one total row"
expect_eq "$(grep -c '^agency,' "$T/oct.csv")" "11" "one subtotal per agency"
expect_eq "$(grep '^total,' "$T/oct.csv" | cut -d, -f7)" "309" "309 received"
[[ "$(cat "$T/oct.csv")" != *5371* ]] && pass || fail "no personal data in an aggregate report"
run report monthly --json
printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["totals"]["received"] == 309; assert sum(sum(s["elapsed_histogram"].values()) for a in d["agencies"] for s in a["services"]) == d["totals"]["decided"]' \
  && pass || fail "json: totals and histograms agree"
if python3 -c 'import jsonschema' 2>/dev/null; then
  printf '%s' "$out" >"$T/report.json"
  python3 -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' \
    "$T/report.json" "$SRC/schemas/report.schema.json" && pass || fail "the json validates against schemas/report.schema.json"
else
  skip "python3-jsonschema is not installed"
fi

# Same database, same arguments: byte-identical output in every format.
for format in table csv tsv json ndjson markdown html; do
  "$MPP" report monthly --format "$format" >"$T/a.$format" 2>&1
  "$MPP" report monthly --format "$format" >"$T/b.$format" 2>&1
  cmp -s "$T/a.$format" "$T/b.$format" && [ -s "$T/a.$format" ] && pass || fail "$format is byte-identical twice"
done
[[ "$(cat "$T/a.csv")" != *2022-11-01T00:05* ]] && pass || fail "machine formats carry no timestamp"

# Errors and other verbs.
run report monthly --month 2022-13
expect_rc 64 "a bad --month"
# A month outside the years mpp records is refused by name, never a period with garbled dates.
for month in 0000-01 0001-12 1999-12 2100-01 9999-12; do
  run report monthly --month "$month"
  expect_rc 64 "--month $month"
  expect_err "--month '$month' is outside the years 2000 to 2099" "--month $month named"
done
run report monthly --month 2000-01 --format csv
expect_rc 0 "the first month mpp records"
run report summary --from 2022-10-01
expect_rc 64 "summary needs --to"
run report summary --from 2022-10-01 --to 2022-12-31 --csv
expect_rc 0 "a quarter"
expect_eq "$(printf '%s\n' "$out" | grep '^total,' | cut -d, -f7)" "309" "the quarter's total"
run report overdue --as-of 2022-11-01 --csv
expect_out "days_overdue" "the overdue header"
[[ "$out" == *"5371**********"* ]] && pass || fail "overdue masks the NIK"
# The main figure: working days past due (no holidays from 25 October to 1 November 2022, so
# the weekdays), most overdue first; 22 applications.
printf '%s\n' "$out" | python3 -c 'import csv, datetime, sys
rows = list(csv.DictReader(sys.stdin))
as_of = datetime.date(2022, 11, 1)
def working(due):
    d, n = datetime.date.fromisoformat(due), 0
    while d < as_of:
        d += datetime.timedelta(days=1)
        n += d.weekday() < 5
    return n
assert len(rows) == 22, len(rows)
assert rows[0]["reference"] == "KPG-202210-000013" and rows[0]["days_overdue"] == "5", rows[0]
for r in rows:
    assert int(r["days_overdue"]) == working(r["due_on"]) > 0, r
days = [int(r["days_overdue"]) for r in rows]
assert days == sorted(days, reverse=True), days' && pass || fail "overdue: working days past due, most overdue first"
run report overdue --as-of 2022-10-24
expect_rc 0 "nothing overdue"
expect_no_out "a quiet cron job when nothing is overdue"
run report overdue --as-of 2022-10-24 --json
expect_eq "$out" "[]" "json []"

# A large generated dataset: three months of decisions, returns and carry-over.
awk 'BEGIN { srand(42); print "reference,service,applicant_name,nik,submitted_at,status,status_at,decided_at";
  split("DUKCAPIL-KTP DUKCAPIL-KK PDAM-SAMBUNGAN-BARU ATRBPN-PERALIHAN BPJSTK-JHT BANKNTT-PAJAK-DAERAH", svc, " ");
  for (i = 1; i <= 20000; i++) {
    d = int(rand() * 88); m = 11 + int(d / 30); day = 1 + d % 30; if (m == 11 && day > 30) day = 30;
    mo = (m == 11) ? 11 : 12; if (d < 30) { mo = 10; day = d + 1 }
    sb = sprintf("%02d/%02d/2022 %02d:%02d", day, mo, 8 + int(rand() * 8), int(rand() * 60));
    r = rand(); st = "diterima"; sa = ""; de = "";
    if (r < 0.6) { st = (rand() < 0.9) ? "selesai" : "ditolak"; dd = day + 1 + int(rand() * 20); dm = mo; if (dd > 28) { dd -= 28; dm++ } ;
                   de = sprintf("%02d/%02d/%d 14:00", dd, (dm > 12 ? 1 : dm), (dm > 12 ? 2023 : 2022)) }
    else if (r < 0.7) { st = "dikembalikan"; sa = sprintf("%02d/%02d/2022 17:00", day, mo) }
    else if (r < 0.75) { st = "dibatalkan"; de = sprintf("%02d/%02d/2022 17:30", day, mo) }
    printf "G-%06d,%s,Pemohon %d,5371%02d%02d%02d%02d%04d,%s,%s,%s,%s\n", i, svc[1 + int(rand() * 6)], i,
      1 + int(rand() * 6), 1 + int(rand() * 28), 1 + int(rand() * 12), 50 + int(rand() * 40), 1 + int(rand() * 9998), sb, st, sa, de } }' >"$T/big.csv"
MPP_NOW=2023-03-01T08:00:00+08:00 run application import "$T/big.csv"
expect_rc 0 "20,000 generated applications"
for month in 2022-10 2022-11 2022-12 2023-01; do
  "$MPP" report monthly --month "$month" --csv >"$T/m.csv"
  result=$(invariant "$T/m.csv")
  [[ "$result" == 0/* ]] && pass || fail "the invariant on every row of $month ($result rows failed)"
done
# carried_in and carried_out counted application by application from the raw instants (open at
# the end of the day before F, open at the end of L, in local time +08:00), not from the identity.
open_counts() { # open_counts F L: "code carried_in carried_out" per service with any
  sql "SELECT s.code, sum(date(a.submitted_at, '+8 hours') < '$1' AND (a.decided_at IS NULL OR
         date(a.decided_at, '+8 hours') >= '$1')), sum(date(a.submitted_at, '+8 hours') <= '$2'
         AND (a.decided_at IS NULL OR date(a.decided_at, '+8 hours') > '$2'))
       FROM application a JOIN service s ON s.id = a.service_id GROUP BY s.code ORDER BY s.code" |
    tr "|" " " | awk "\$2 + \$3 > 0" | LC_ALL=C sort
}
for period in "2022-10 2022-10-01 2022-10-31" "2022-11 2022-11-01 2022-11-30" \
              "2022-12 2022-12-01 2022-12-31" "2023-01 2023-01-01 2023-01-31"; do
  set -- $period
  want=$(open_counts "$2" "$3")
  got=$("$MPP" report monthly --month "$1" --csv | python3 -c 'import csv, sys
for r in csv.DictReader(sys.stdin):
    if r["level"] == "service" and int(r["carried_in"]) + int(r["carried_out"]) > 0:
        print(r["service_code"], r["carried_in"], r["carried_out"])' | LC_ALL=C sort)
  [ -n "$want" ] && [ "$got" == "$want" ] && pass ||
    fail "carried in and out of $1 counted one by one (want: $(echo $want | head -c 300), got: $(echo $got | head -c 300))"
done
"$MPP" report monthly --month 2022-11 --csv | grep '^total,' | cut -d, -f6 >"$T/nov_in"
"$MPP" report monthly --month 2022-10 --csv | grep '^total,' | cut -d, -f11 >"$T/oct_out"
cmp -s "$T/nov_in" "$T/oct_out" && pass || fail "November carries in what October carried out"

# The report tallies: db check recomputes them; a schema-3 database gets them on migrate and
# reports exactly what it reported before; tallies edited behind mpp's back are found and repaired.
run db check
expect_rc 0 "db check: the tallies agree after a 20,000-row import"
"$MPP" report monthly --month 2022-11 --csv >"$T/before.csv"
"$MPP" report summary --from 2022-10-01 --to 2022-12-31 --json >"$T/before.json"
"$MPP" db backup "$T/v3.db"
sqlite3 "$T/v3.db" 'DROP INDEX application_open_due; DROP INDEX application_by_window; DROP INDEX application_event_returned; DROP TABLE complaint_event; DROP TABLE complaint; DROP TABLE survey_tally; DROP TABLE survey_response; DROP TABLE visit_minutes; DROP TABLE visit_tally; DROP TABLE visit; DROP TABLE application_superseded; DROP TABLE report_elapsed; DROP TABLE report_day; DROP TABLE application_batch; DROP TRIGGER application_event_no_delete; ALTER TABLE application DROP COLUMN voided_at; ALTER TABLE application_event DROP COLUMN kind; ALTER TABLE application_event DROP COLUMN detail; ALTER TABLE service DROP COLUMN fee_text; PRAGMA user_version = 3;'
run --db "$T/v3.db" report monthly --month 2022-11 --csv
expect_rc 69 "a schema-3 database asks for migrate"
run --db "$T/v3.db" db migrate
expect_rc 0 "schema 3 migrates to 4"
run --db "$T/v3.db" report monthly --month 2022-11 --csv
expect_eq "$out" "$(cat "$T/before.csv")" "the migrated database reports November exactly as before"
run --db "$T/v3.db" report summary --from 2022-10-01 --to 2022-12-31 --json
expect_eq "$out" "$(cat "$T/before.json")" "and the quarter"
sqlite3 "$T/v3.db" "UPDATE report_day SET received = received + 5 WHERE day = '2022-11-03' AND service_id = (SELECT id FROM service WHERE code = 'DUKCAPIL-KTP')"
run --db "$T/v3.db" db check
expect_rc 69 "a tally edited outside mpp is found"
expect_eq "$(sqlite3 "$T/v3.db" "select count(*) from audit where action='repair'")" "0" "a check alone writes no repair row"
expect_err "report tallies: service DUKCAPIL-KTP on 2022-11-03 does not match its applications" "and named"
expect_err "mpp db check --repair" "with the way out"
run --db "$T/v3.db" db check --repair -v
expect_rc 0 "db check --repair"
expect_err "rebuilt the report tallies" "says what it did"
expect_eq "$(sqlite3 "$T/v3.db" "select entity||'|'||operator||'|'||detail from audit where action='repair'")" \
  'database|tester|{"rebuilt":["report tallies","application dates"],"problems":1,"first_problem":"report tallies: service DUKCAPIL-KTP on 2022-11-03 does not match its applications"}' \
  "the repair is audited with what it rebuilt"
run --db "$T/v3.db" db check --repair
expect_rc 0 "a second repair finds nothing"
expect_eq "$(sqlite3 "$T/v3.db" "select count(*) from audit where action='repair'")" "1" "and writes no second repair row"
run --db "$T/v3.db" report monthly --month 2022-11 --csv
expect_eq "$out" "$(cat "$T/before.csv")" "the repaired tallies report as before"
finish
