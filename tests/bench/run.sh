#!/usr/bin/env bash
# The benchmark of quality.md "Performance", comparing like with like: realistic data from a
# fixed seed (gen_data.py), every figure the median of K runs (a fresh database for each import
# run), a table saying what each side does, the checks that each baseline wrote or computed what
# mpp did, then one line per ratio, `ratio NAME VALUE`, higher is better for mpp.
# Usage: bash tests/bench/run.sh [--rows N] [--mpp PATH] [--runs K] [--keep DIR]
#   (defaults: 1,000,000 rows, build/cmd/mpp, 3 runs; --keep leaves the files and databases in DIR)
# Needs sqlite3 and python3; sqlite-utils and perf are used when present.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
bench=$src/tests/bench
rows=1000000 runs=3 mpp=$src/build/cmd/mpp keep=
while [ $# -gt 0 ]; do
  case $1 in
    --rows) rows=$2 ;;
    --runs) runs=$2 ;;
    --mpp) mpp=$2 ;;
    --keep) keep=$2 ;;
    *) echo "usage: run.sh [--rows N] [--mpp PATH] [--runs K] [--keep DIR]" >&2; exit 64 ;;
  esac
  shift 2
done
mpp=$(realpath "$mpp")
if [ -n "$keep" ]; then mkdir -p "$keep"; dir=$(realpath "$keep"); else
  dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT; fi
cd "$dir"
export MPP_NOW=2026-01-05T08:00:00+08:00 now_utc=2026-01-05T00:00:00Z
month=(2025-10-01 2025-10-31) year=(2025-01-01 2025-12-31)
tenth=$((rows / 10))
python3 "$bench/gen_data.py" "$src" "$dir" "$rows"
head -n $((tenth + 1)) apps.csv >apps-tenth.csv

# A fresh database with the Kupang agencies and services, as for every import run.
fresh() {
  rm -f "$1" "$1-wal" "$1-shm"
  MPP_DB=$1 "$mpp" db init --office-code KPG --utc-offset +08:00 >/dev/null 2>&1
  MPP_DB=$1 "$mpp" agency import "$src/examples/kupang/agencies.csv" >/dev/null 2>&1
  MPP_DB=$1 "$mpp" service import "$src/examples/kupang/services.csv" >/dev/null 2>&1
}
# Milliseconds one command takes (its output discarded).
ms() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null 2>"$dir/err" || { echo "run.sh: failed: $*" >&2; cat "$dir/err" >&2; return 1; }
  e=$(date +%s%N)
  echo $(((e - s) / 1000000))
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A t # figure -> the times of its runs

for r in $(seq "$runs"); do
  # Interleaved, so that a slower stretch of the shared machine hits every side alike.
  fresh m.db
  t[mpp]+=" $(ms env MPP_DB=m.db "$mpp" application import apps.csv -q)"
  fresh p.db
  t[pure]+=" $(ms bash "$bench/pure_import.sh" p.db apps.csv "$now_utc")"
  fresh q.db
  t[pure_nt]+=" $(ms bash "$bench/pure_import.sh" q.db apps.csv "$now_utc" --no-tallies)"
  rm -f bare.db
  t[bare]+=" $(ms sqlite3 bare.db -cmd '.mode csv' -cmd '.separator ;' '.import apps.csv application')"
  if command -v sqlite-utils >/dev/null; then
    rm -f utils.db
    t[utils]+=" $(ms sqlite-utils insert utils.db application apps.csv --csv --delimiter ';')"
  fi
  fresh tenth.db
  t[tenth]+=" $(ms env MPP_DB=tenth.db "$mpp" application import apps-tenth.csv -q)"
done
rm -f q.db* bare.db utils.db tenth.db*

echo "== checks: the pure-SQL import wrote what mpp wrote (every column of every row)"
for table in application application_event application_batch reference_seq report_day report_elapsed; do
  sqlite3 m.db "ATTACH 'p.db' AS p; SELECT printf('check %-18s mpp %9d rows, SQL %9d rows, %d differ', '$table',
    (SELECT count(*) FROM main.$table), (SELECT count(*) FROM p.$table),
    (SELECT count(*) FROM (SELECT * FROM main.$table EXCEPT SELECT * FROM p.$table))
    + (SELECT count(*) FROM (SELECT * FROM p.$table EXCEPT SELECT * FROM main.$table)))"
done
for db in m.db p.db; do
  sqlite3 "$db" "SELECT printf('check %s sums: received %d, decisions %d, on time %d, fees %d, overdue %d/%d, elapsed %d; due_on of %s: %s',
    '$db', sum(received), sum(completed + rejected), sum(on_time), sum(fees), sum(overdue), sum(overdue_off_days),
    (SELECT sum(elapsed * decisions) FROM report_elapsed), (SELECT reference FROM application WHERE id = 1 + $rows / 2),
    (SELECT due_on FROM application WHERE id = 1 + $rows / 2)) FROM report_day"
done
rm -f p.db*

# The measures of the office (queue tickets, SKM responses, complaints) for the reports' blocks.
for noun in visit:visits survey:survey complaint:complaints; do
  MPP_DB=m.db "$mpp" "${noun%%:*}" import "${noun#*:}.csv" -q
done
reports=$((runs < 5 ? 5 : runs))
for r in $(seq "$reports"); do
  t[month]+=" $(ms env MPP_DB=m.db "$mpp" report monthly --month 2025-10 --format csv)"
  t[month_raw]+=" $(ms bash "$bench/report_sql.sh" raw m.db "${month[@]}")"
  t[month_tallies]+=" $(ms bash "$bench/report_sql.sh" tallies m.db "${month[@]}")"
  t[year]+=" $(ms env MPP_DB=m.db "$mpp" report summary --from "${year[0]}" --to "${year[1]}" --format csv)"
  t[year_raw]+=" $(ms bash "$bench/report_sql.sh" raw m.db "${year[@]}")"
  t[year_tallies]+=" $(ms bash "$bench/report_sql.sh" tallies m.db "${year[@]}")"
done
echo "== checks: the SQL reports computed mpp's figures"
MPP_DB=m.db "$mpp" report monthly --month 2025-10 --format csv >month.csv
MPP_DB=m.db "$mpp" report summary --from "${year[0]}" --to "${year[1]}" --format csv >year.csv
for k in raw tallies; do
  bash "$bench/report_sql.sh" $k m.db "${month[@]}" >month-$k.csv
  bash "$bench/report_sql.sh" $k m.db "${year[@]}" >year-$k.csv
  python3 "$bench/same_report.py" month.csv month-$k.csv "month 2025-10 vs SQL $k"
  python3 "$bench/same_report.py" year.csv year-$k.csv "year 2025 vs SQL $k"
done

# Start-up: one short command, many calls, per call.
calls=$((rows >= 100000 ? 200 : 20))
query='SELECT code, name, kind, counter, contact_name, phone, email, joined_on, left_on, note FROM agency ORDER BY code'
for r in $(seq "$runs"); do
  t[start_mpp]+=" $(ms bash -c "for i in \$(seq $calls); do MPP_DB=m.db '$mpp' agency list --csv; done")"
  t[start_sqlite]+=" $(ms bash -c "for i in \$(seq $calls); do sqlite3 -csv m.db \"$query\"; done")"
done
# What one submit costs (it maintains the tallies in the same transaction).
for i in $(seq 20); do
  t[submit]+=" $(ms env MPP_DB=m.db "$mpp" application submit --service DUKCAPIL-KTP --name "Maria Lay" --nik 5371014107900001)"
done
# What the tallies cost an import: mpp has no switch to leave them out, so a CPU profile of one
# import says which share of it Tally::add (per row) and Tally::flush (at the end) take.
share=
if command -v perf >/dev/null && fresh perf.db &&
  MPP_DB=perf.db perf record -q -F 199 --call-graph dwarf,16384 -o perf.data "$mpp" application import apps.csv -q >/dev/null 2>&1; then
  share=$(perf report -i perf.data --children --stdio --no-inline -g none --sort sym 2>/dev/null |
    awk '/mpp::Tally::(add|flush)/ { sub("%", "", $1); s += $1 } END { if (NR) printf "%.2f", s }')
fi
rm -f perf.db* perf.data

declare -A m
for k in "${!t[@]}"; do
  # shellcheck disable=SC2086
  m[$k]=$(median ${t[$k]})
done
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n / (ms > 0 ? ms : 1) * 1000 }'; }
row() { printf '%-34s %14s %14s  %s\n' "$@"; }
echo
echo "== $rows applications ($((rows / 10)) tickets, $((rows / 50)) SKM responses, $((rows / 200)) complaints), median of $runs runs (reports: $reports); $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
row figure mpp baseline "what each side does"
row "import rows/s vs pure SQL" "$(rate "$rows" "${m[mpp]}")" "$(rate "$rows" "${m[pure]}")" "mpp application import (validates every field, looks every key up) | .import to staging + INSERT...SELECT into mpp's schema: same rows in every table, derived dates, history, tallies, same index drop/rebuild and pragmas"
row "import rows/s vs sqlite3 .import" "$(rate "$rows" "${m[mpp]}")" "$(rate "$rows" "${m[bare]}")" "sqlite3 .import of the same file into a bare table (text columns, no keys)"
if [ -n "${m[utils]:-}" ]; then
  row "import rows/s vs sqlite-utils" "$(rate "$rows" "${m[mpp]}")" "$(rate "$rows" "${m[utils]}")" "sqlite-utils insert --csv into a bare table"
fi
row "import rows/s at N vs N/10" "$(rate "$rows" "${m[mpp]}")" "$(rate "$tenth" "${m[tenth]}")" "mpp importing all $rows rows | the first $tenth rows, each into a fresh database"
row "pure SQL without tallies rows/s" "-" "$(rate "$rows" "${m[pure_nt]}")" "the pure-SQL import leaving report_day/report_elapsed out (what the tallies cost SQL)"
row "report month 2025-10, ms" "${m[month]}" "${m[month_raw]}" "mpp report monthly (all blocks: applications, visits, IKM, complaints) | SQL over raw rows, application figures with medians"
row "  vs SQL over mpp's tallies, ms" "${m[month]}" "${m[month_tallies]}" "the same figures summed from report_day/report_elapsed in sqlite3"
row "report year 2025, ms" "${m[year]}" "${m[year_raw]}" "mpp report summary for 2025 (all blocks) | SQL over raw rows"
row "  vs SQL over mpp's tallies, ms" "${m[year]}" "${m[year_tallies]}" "the same figures summed from the tallies"
row "start-up, ms per call" "$(awk -v t="${m[start_mpp]}" -v c="$calls" 'BEGIN { printf "%.2f", t / c }')" \
  "$(awk -v t="${m[start_sqlite]}" -v c="$calls" 'BEGIN { printf "%.2f", t / c }')" "mpp agency list --csv | sqlite3 -csv DB 'SELECT ... FROM agency', $calls calls"
row "application submit, ms" "${m[submit]}" "-" "median of 20 submits on the database above (tallies kept in the same transaction)"
row "tally share of import CPU" "${share:-n/a}%" "-" "perf profile of one import: Tally::add + Tally::flush, children included"
echo "bars (quality.md): import vs pure SQL >= 2, vs sqlite3 .import >= 0.5, vs sqlite-utils >= 3, 10M vs 1M >= 0.9,"
echo "  month report time <= 0.2x raw SQL (ratio >= 5), year <= 0.15x (ratio >= 6.67), start-up <= 1.5x (ratio >= 0.67)"
echo
ratio() { awk -v name="$1" -v a="$2" -v b="$3" 'BEGIN { printf "ratio %s %.3f\n", name, a / (b > 0 ? b : 1) }'; }
ratio import_vs_sql_same_tricks "${m[pure]}" "${m[mpp]}"
ratio import_vs_sqlite3_import "${m[bare]}" "${m[mpp]}"
if [ -n "${m[utils]:-}" ]; then ratio import_vs_sqlite_utils "${m[utils]}" "${m[mpp]}"; else echo "ratio import_vs_sqlite_utils skipped"; fi
# The rate at N rows over the rate at N/10: import_10m_vs_1m only when N is 10M or more.
scale=$(awk -v n="$rows" -v tm="${m[mpp]}" -v d="$tenth" -v td="${m[tenth]}" 'BEGIN { printf "%.3f", (n / tm) / (d / (td > 0 ? td : 1)) }')
if [ "$rows" -ge 10000000 ]; then echo "ratio import_10m_vs_1m $scale"; else
  echo "ratio import_10m_vs_1m skipped"
  echo "ratio import_${rows}_vs_${tenth} $scale"
fi
ratio report_month_vs_sql_raw "${m[month_raw]}" "${m[month]}"
ratio report_month_vs_sql_tallies "${m[month_tallies]}" "${m[month]}"
ratio report_year_vs_sql_raw "${m[year_raw]}" "${m[year]}"
ratio report_year_vs_sql_tallies "${m[year_tallies]}" "${m[year]}"
ratio startup_vs_sqlite3 "${m[start_sqlite]}" "${m[start_mpp]}"
if [ -n "$share" ]; then
  awk -v s="$share" 'BEGIN { printf "ratio import_with_vs_without_tallies %.3f\n", 1 - s / 100 }'
else echo "ratio import_with_vs_without_tallies skipped"; fi
