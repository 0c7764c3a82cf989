#!/usr/bin/env bash
# The command table of quality.md ("Every command stays fast as the office grows") on an existing
# database: the median of five runs of each command, with its bar. The database is changed
# (calendar dates added and removed again, settings flipped and back, applications submitted):
# give it a copy.
# Usage: bash tests/bench/commands.sh path/to/mpp DBCOPY
#        (MPP_NOW, default 2026-01-05T08:00:00+08:00, is "today"; MPP_BENCH_RUNS, default 5;
#        MPP_BENCH_SLOW_RUNS, default 5, for the setting changes that recompute everything)
set -euo pipefail
mpp=$(realpath "${1:?usage: commands.sh path/to/mpp DBCOPY}")
export MPP_DB
MPP_DB=$(realpath "${2:?usage: commands.sh path/to/mpp DBCOPY}")
export MPP_NOW=${MPP_NOW:-2026-01-05T08:00:00+08:00} MPP_OPERATOR=bench
runs=${MPP_BENCH_RUNS:-5}
slow_runs=${MPP_BENCH_SLOW_RUNS:-5}
"$mpp" db migrate >/dev/null 2>&1 || true
today=${MPP_NOW:0:10}
ref=$(sqlite3 -readonly "$MPP_DB" "SELECT reference FROM application ORDER BY id DESC LIMIT 1")
service=$(sqlite3 -readonly "$MPP_DB" "SELECT code FROM service WHERE retired_on IS NULL LIMIT 1")
day=$(sqlite3 -readonly "$MPP_DB" "SELECT submitted_on FROM application ORDER BY id DESC LIMIT 1")
future=$(date -d "$today +15 days" +%F)
past=$(date -d "$today -3 years +10 days" +%F)
while [ "$(date -d "$past" +%u)" -gt 5 ]; do past=$(date -d "$past +1 day" +%F); done
while [ "$(date -d "$future" +%u)" -gt 5 ]; do future=$(date -d "$future +1 day" +%F); done

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || echo "failed: $*" >&2; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
row() { printf '%-58s %10s   %s\n' "$1" "$2" "$3"; }
# timed LABEL BAR CMD…: the median of the runs of one command.
timed() {
  local label=$1 bar=$2 t=()
  shift 2
  for _ in $(seq "$runs"); do t+=("$(ms "$mpp" "$@")"); done
  row "$label" "$(median "${t[@]}")" "$bar"
}
# paired LABEL-A BAR-A LABEL-B BAR-B A… -- B…: two commands that undo each other, alternated.
paired() {
  local la=$1 ba=$2 lb=$3 bb=$4 a=() b=() ta=() tb=()
  shift 4
  while [ "$1" != -- ]; do a+=("$1"); shift; done
  shift
  b=("$@")
  [ "$runs" -gt 0 ] || return 0
  for _ in $(seq "$runs"); do ta+=("$(ms "$mpp" "${a[@]}")"); tb+=("$(ms "$mpp" "${b[@]}")"); done
  row "$la" "$(median "${ta[@]}")" "$ba"
  row "$lb" "$(median "${tb[@]}")" "$bb"
}

printf 'database: %s applications (%s), today %s\n' \
  "$(sqlite3 -readonly "$MPP_DB" "SELECT count(*) FROM application")" "$(du -h "$MPP_DB" | cut -f1)" "$today"
row command "median ms" bar
timed "application show $ref" "< 50 ms" application show "$ref"
timed "application list --from $day --to $day" "< 50 ms" application list --from "$day" --to "$day"
timed "report overdue" "< 100 ms" report overdue
paired "calendar add $future (future)" "< 500 ms" "calendar remove $future" "< 5000 ms (lock)" \
  calendar add "$future" --kind closure --name bench -- calendar remove "$future"
paired "calendar add $past (3 years back)" "< 5000 ms (lock)" "calendar remove $past" "< 5000 ms (lock)" \
  calendar add "$past" --kind closure --name bench -- calendar remove "$past"
fast_runs=$runs
runs=$slow_runs
paired "db set calendar.collective_leave_is_holiday false" "< 5000 ms (lock)" \
  "db set calendar.collective_leave_is_holiday true" "< 5000 ms (lock)" \
  db set calendar.collective_leave_is_holiday false -- db set calendar.collective_leave_is_holiday true
paired "db set calendar.workweek mon..sat" "< 5000 ms (lock)" "db set calendar.workweek mon..fri" "< 5000 ms (lock)" \
  db set calendar.workweek mon,tue,wed,thu,fri,sat -- db set calendar.workweek mon,tue,wed,thu,fri
offset=$("$mpp" db info 2>/dev/null | awk '$1 == "office.utc_offset" { print $2 }')
paired "db set office.utc_offset +09:00" "< 5000 ms (lock)" "db set office.utc_offset ${offset:-+08:00}" "< 5000 ms (lock)" \
  db set office.utc_offset +09:00 -- db set office.utc_offset "${offset:-+08:00}"
runs=$fast_runs
timed "application submit" "< 20 ms" application submit --service "$service" --name "Bench Pemohon" \
  --nik 5371011212900001
