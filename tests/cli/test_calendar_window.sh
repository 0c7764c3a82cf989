# A calendar change recomputes only the applications whose SLA window holds the date: their
# stored dates and the report tallies must equal those of a database that had the final
# calendar from the start (an independent path: every date derived when it is first written).
. "$(dirname "$0")/lib.sh"
export MPP_NOW=2023-01-16T09:00:00+08:00
python3 "$SRC/tests/cli/calendar_window_data.py" "$T/apps.csv" "$T/stays.txt" ||
  { echo "data generator failed"; exit 1; }

# load DB HOLIDAY…: a Kupang database with these extra regional holidays, the applications and
# their stays in `returned`.
load() {
  local db=$1 day
  shift
  MPP_DB=$db kupang_catalogue
  for day in "$@"; do
    MPP_DB=$db "$MPP" calendar add "$day" --kind regional --name "Libur $day" >/dev/null ||
      { echo "calendar add $day failed"; exit 1; }
  done
  if [ -n "${WORKWEEK:-}" ]; then
    MPP_DB=$db "$MPP" db set calendar.workweek "$WORKWEEK" >/dev/null || { echo "db set failed"; exit 1; }
  fi
  MPP_DB=$db "$MPP" application import "$T/apps.csv" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
  while read -r ref status at; do
    MPP_DB=$db "$MPP" application set-status "$ref" "$status" --at "$at" >/dev/null ||
      { echo "set-status $ref $status failed"; exit 1; }
  done <"$T/stays.txt"
}
# dates DB: every application's stored dates.
dates() {
  sqlite3 -readonly "$1" "SELECT reference, submitted_on, start_on, decided_on, paused_days,
    paused_since, due_on FROM application ORDER BY reference"
}
# tallies DB: the report tallies, without rows that fell back to zero.
tallies() {
  sqlite3 -readonly "$1" "SELECT s.code, day, received, completed, rejected, cancelled, on_time,
    fees, overdue, overdue_off_days FROM report_day JOIN service s ON s.id = service_id
    WHERE received OR completed OR rejected OR cancelled OR on_time OR fees OR overdue
    OR overdue_off_days ORDER BY 1, 2;
    SELECT s.code, day, elapsed, decisions FROM report_elapsed JOIN service s ON s.id = service_id
    WHERE decisions ORDER BY 1, 2, 3"
}
# same DB EXPECTED WHAT: stored dates, tallies and the monthly report agree, and db check is clean.
same() {
  local db=$1 expected=$2 what=$3
  expect_eq "$(dates "$db" | sha256sum)" "$(dates "$expected" | sha256sum)" "$what: stored dates"
  expect_eq "$(tallies "$db" | sha256sum)" "$(tallies "$expected" | sha256sum)" "$what: tallies"
  expect_eq "$(MPP_DB=$db "$MPP" report monthly --month 2022-10 --format csv 2>/dev/null)" \
    "$(MPP_DB=$expected "$MPP" report monthly --month 2022-10 --format csv 2>/dev/null)" \
    "$what: monthly report"
  MPP_DB=$db run db check
  expect_rc 0 "$what: db check"
}
# stored DB REF COLUMN: one stored value.
stored() { sqlite3 -readonly "$1" "SELECT $3 FROM application WHERE reference = '$2'"; }

load "$T/moved.db" 2022-10-26
load "$T/added.db" 2022-10-19 2022-10-26
load "$T/removed.db" 2022-10-19
expect_eq "$(stored "$T/moved.db" W-0346 due_on)" "2022-10-12" "before: overdue, returned 12-20 Oct"

# Wednesday 19 October becomes a holiday.
MPP_DB=$T/moved.db run calendar add 2022-10-19 --kind regional --name "Libur 2022-10-19"
expect_rc 0 "calendar add"
same "$T/moved.db" "$T/added.db" "after calendar add"
# By hand: submitted Mon 3 Oct (KTP, 1 day), returned 12 Oct, back 20 Oct: paused 13, 14, 17,
# 18, 20 Oct = 5 (19 is a holiday now), due = 1 + 5 = 6 working days after 3 Oct = 11 Oct.
expect_eq "$(stored "$T/moved.db" W-0346 "paused_days || ' ' || due_on")" "5 2022-10-11" \
  "a stay over the date, due before it"

# Wednesday 26 October works again.
MPP_DB=$T/moved.db run calendar remove 2022-10-26
expect_rc 0 "calendar remove"
same "$T/moved.db" "$T/removed.db" "after calendar remove"
# By hand: submitted on 26 Oct itself, which is a working day again: the start day is 26 Oct.
first=$(awk -F';' '$5 ~ /^26\/10\/2022/ { print $1; exit }' "$T/apps.csv")
expect_eq "$(stored "$T/moved.db" "$first" start_on)" "2022-10-26" "the start day moves back"

# And back again: adding the date restores what the first database had.
MPP_DB=$T/moved.db run calendar add 2022-10-26 --kind regional --name "Libur 2022-10-26"
same "$T/moved.db" "$T/added.db" "after adding it back"
# A date on which nothing counts (a Saturday) and an upsert that keeps it a holiday.
before=$(tallies "$T/moved.db" | sha256sum)
MPP_DB=$T/moved.db run calendar add 2022-10-22 --kind closure --name Sabtu
MPP_DB=$T/moved.db run calendar add 2022-10-26 --kind closure --name Tutup --upsert
expect_eq "$(tallies "$T/moved.db" | sha256sum)" "$before" "a Saturday and a kind change move nothing"
same "$T/moved.db" "$T/added.db" "after a Saturday"

# A six-day week moves every application, in one pass.
WORKWEEK=mon,tue,wed,thu,fri,sat load "$T/six.db" 2022-10-19 2022-10-22 2022-10-26
MPP_DB=$T/moved.db run db set calendar.workweek mon,tue,wed,thu,fri,sat
expect_rc 0 "db set calendar.workweek"
same "$T/moved.db" "$T/six.db" "after a six-day week"
MPP_DB=$T/moved.db run db set calendar.workweek mon,tue,wed,thu,fri
same "$T/moved.db" "$T/added.db" "back to five days"

# db check sees a stored date that disagrees with the calendar, and --repair fixes it.
sqlite3 "$T/moved.db" "UPDATE application SET due_on = '2022-10-31' WHERE reference = 'W-0346'"
MPP_DB=$T/moved.db run db check
expect_rc 69 "db check finds a wrong due date"
expect_err "application dates: W-0346 stores start 2022-10-03 due 2022-10-31" "names the application"
MPP_DB=$T/moved.db run db check --repair
expect_rc 0 "db check --repair"
same "$T/moved.db" "$T/added.db" "after the repair"
finish
