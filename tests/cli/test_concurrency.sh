# Registration scripts run in parallel (8 loops of `agency add --upsert`, 200 calls in all), then
# the quality.md bar: 8 writers x 500 submits with an import and reports at once.
. "$(dirname "$0")/lib.sh"
fresh_db
# Every write below is dated in October 2022 and recorded before November.
export MPP_NOW=2022-10-31T23:00:00+08:00
mkdir -p "$T/logs"
for loop in 1 2 3 4 5 6 7 8; do
  (
    for i in $(seq 1 25); do
      # Each loop registers 15 agencies of its own and re-registers 10 shared ones.
      if [ "$i" -le 15 ]; then
        code=$(printf 'L%d-A%02d' "$loop" "$i")
        name="Agency $loop/$i"
      else
        code=$(printf 'SHARED-%02d' $((i - 15)))
        name="Shared agency $((i - 15))"
      fi
      "$MPP" agency add --upsert --code "$code" --name "$name" --kind regional \
        --operator "loop$loop" >>"$T/logs/$loop.out" 2>>"$T/logs/$loop.err" || echo "exit $? for $code" >>"$T/logs/failures"
    done
  ) &
done
wait
[ ! -s "$T/logs/failures" ] && pass || { out=$(cat "$T/logs/failures"); fail "every upsert succeeded"; }
err=$(cat "$T"/logs/*.err)
[[ "$err" != *locked* ]] && pass || fail "no 'database is locked' failure"
expect_eq "$(sql 'select count(*) from agency')" "130" "8x15 own + 10 shared agencies"
expect_eq "$(sql "select count(*) from audit where entity='agency' and action='create'")" "130" "one create row per agency"
expect_eq "$(sql "select count(*) from audit where entity='agency' and action='update'")" "0" "re-registering the same values writes nothing"
expect_eq "$(sql "select count(distinct key) from audit where entity='agency'")" "130" "audit rows name each agency"
run db check
expect_rc 0 "database passes check after concurrent writes"

# quality.md: 8 writers x 500 submits, a 100,000-row import and reports, all at once (busy
# timeout 30 s): nothing lost, no duplicate reference, no failure, and every report consistent.
printf '[database]\nbusy_timeout_ms = 30000\n' >"$T/busy.toml"
export MPP_CONFIG=$T/busy.toml
"$MPP" service add --code DUKCAPIL-KTP --agency SHARED-01 --name "KTP-el" --category civil_registry --sla-days 1
awk 'BEGIN { print "reference,service,applicant_name,nik,submitted_at,status,decided_at";
  for (i = 1; i <= 100000; i++) { d = 1 + i % 23;
    printf "IMP-%06d,DUKCAPIL-KTP,Pemohon %d,53710%d%02d10%02d%04d,%02d/10/2022 09:00,selesai,%02d/10/2022 %02d:00\n",
      i, i, i % 9 + 1, d, 50 + i % 40, 1 + i % 9998, d, d + i % 2, 10 + i % 6 } }' >"$T/import.csv"
(
  "$MPP" application import "$T/import.csv" >"$T/logs/import.out" 2>"$T/logs/import.err" || echo "import exit $?" >>"$T/logs/submit-failures"
) &
for p in 1 2 3 4 5 6 7 8; do
  (
    for i in $(seq 1 500); do
      "$MPP" application submit --service DUKCAPIL-KTP --name "Pemohon $p-$i" --nik 5371014107900001 \
        --operator "loket$p" >>"$T/logs/refs" 2>>"$T/logs/submit.err" || echo "exit $?" >>"$T/logs/submit-failures"
    done
  ) &
done
(
  # Reports while all that is written: every one whole and consistent with itself.
  for i in $(seq 1 40); do
    "$MPP" report monthly --month current --json 2>>"$T/logs/report.err" | python3 -c '
import json, sys
d = json.load(sys.stdin)
t = d["totals"]
assert t["carried_in"] + t["received"] - t["completed"] - t["rejected"] - t["cancelled"] == t["carried_out"]
assert sum(t["elapsed_histogram"].values()) == t["decided"], "histogram and decisions from different commits"
assert sum(a["totals"]["received"] for a in d["agencies"]) == t["received"]
' 2>>"$T/logs/report.err" || echo "report $i" >>"$T/logs/report-failures"
  done
) &
wait
unset MPP_CONFIG
[ ! -s "$T/logs/submit-failures" ] && pass || { out=$(cat "$T/logs/submit-failures" "$T/logs/submit.err" | head); fail "every submit and the import succeeded"; }
[ ! -s "$T/logs/report-failures" ] && pass || { out=$(cat "$T/logs/report-failures" "$T/logs/report.err" | head); fail "every report during the writes was whole and consistent"; }
expect_eq "$(wc -l <"$T/logs/refs")" "4000" "4000 references printed"
expect_eq "$(sort -u "$T/logs/refs" | wc -l)" "4000" "4000 distinct references"
expect_eq "$(sql "select count(*) from application where reference like 'KPG-%'")" "4000" "4000 submitted applications"
expect_eq "$(sql "select count(*) from application where reference like 'IMP-%'")" "100000" "and the 100,000 imported ones"
expect_eq "$(sql 'select count(distinct reference) from application')" "104000" "no duplicate reference"
expect_eq "$(sql "select max(reference) from application where reference like 'KPG-%'")" "KPG-202210-004000" "the sequence has no gaps"
run db check
expect_rc 0 "the report tallies agree with 4,000 concurrent submits and an import"
# The identity checked above holds by construction; count the report's figures one by one
# from the applications' instants (local time +08:00) instead.
"$MPP" report monthly --month current --json | python3 -c '
import json, sqlite3, sys
d = json.load(sys.stdin)
f, l = d["period"]["from"], d["period"]["to"]
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
def count(where):
    return db.execute("SELECT count(*) FROM application WHERE " + where, (f, l)).fetchone()[0]
q = chr(39)  # SQL string quotes
local = "date({}, " + q + "+8 hours" + q + ")"
sub, dec = local.format("submitted_at"), local.format("decided_at")
t = d["totals"]
assert t["carried_in"] == count(sub + " < ?1 AND (decided_at IS NULL OR " + dec + " >= ?1) AND ?2 = ?2"), t
assert t["received"] == count(sub + " BETWEEN ?1 AND ?2"), t
assert t["carried_out"] == count(sub + " <= ?2 AND (decided_at IS NULL OR " + dec + " > ?2) AND ?1 = ?1"), t
assert t["completed"] == count("status = " + q + "completed" + q + " AND " + dec + " BETWEEN ?1 AND ?2"), t
' "$MPP_DB" && pass || fail "the report after the writes counts what the applications say"

# issue 9 item 6: an import reads the calendar and the settings inside its write transaction, so
# a calendar or work-week change that commits while the import waits for the lock cannot leave
# due dates computed from the old calendar. Another connection holds the write lock; the import
# starts waiting first, the change second (its shorter busy-wait steps usually win). After each
# race the stored dates must be the ones the calendar gives: recomputing them (a work-week
# change and back) moves nothing, and `db check` agrees with the tallies.
export MPP_DB=$T/race.db
fresh_db
"$MPP" agency add --code RACE --name "Race" --kind regional
"$MPP" service add --code RACE-3 --agency RACE --name "Three days" --category non_permit --sla-days 3
hold_lock() {
  python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(1.2)
c.execute("COMMIT")' "$MPP_DB" "$T/locked" &
  while [ ! -e "$T/locked" ]; do sleep 0.05; done
}
dates="select group_concat(reference||' '||start_on||' '||due_on, ';') from (select * from application order by reference)"
stale=0
for i in 1 2 3 4 5 6; do
  monday=$(date -d "2022-09-05 + $((7 * (i - 1))) days" +%d/%m/%Y)
  tuesday=$(date -d "2022-09-06 + $((7 * (i - 1))) days" +%F)
  { echo "reference,service,applicant_name,nik,submitted_at,status"
    for j in $(seq 1 20); do echo "RACE-$i-$j,RACE-3,Pemohon $j,5371014107900001,$monday 09:00,diterima"; done; } >"$T/race-$i.csv"
  rm -f "$T/locked"
  hold_lock
  "$MPP" application import "$T/race-$i.csv" 2>>"$T/logs/race.err" || echo "import $i: exit $?" >>"$T/logs/race-failures" &
  sleep 0.3
  if [ $((i % 2)) -eq 1 ]; then
    "$MPP" calendar add "$tuesday" --kind regional --name "Libur $i" 2>>"$T/logs/race.err" || echo "calendar $i: exit $?" >>"$T/logs/race-failures" &
  else
    week=$([ $((i % 4)) -eq 2 ] && echo mon,wed,thu,fri || echo mon,tue,wed,thu,fri)
    "$MPP" db set calendar.workweek "$week" 2>>"$T/logs/race.err" || echo "workweek $i: exit $?" >>"$T/logs/race-failures" &
  fi
  wait
  "$MPP" db check 2>>"$T/logs/race.err" || echo "db check after race $i: exit $?" >>"$T/logs/race-failures"
  raced=$(sql "$dates")
  week=$(sql "select value from setting where key='calendar.workweek'")
  "$MPP" db set calendar.workweek mon,tue,wed,thu,fri,sat,sun && "$MPP" db set calendar.workweek "$week"
  [ "$(sql "$dates")" == "$raced" ] || stale=$((stale + 1))
done
[ ! -s "$T/logs/race-failures" ] && pass || { out=$(cat "$T/logs/race-failures" "$T/logs/race.err" | head); fail "every racing import and change succeeded, db check clean after each"; }
expect_eq "$(sql "select count(*) from application where reference like 'RACE-%'")" "120" "every raced import is in"
expect_eq "$stale" "0" "no race left a due date of the old calendar"
run db check
expect_rc 0 "the tallies agree after imports raced calendar and work-week changes"
finish
