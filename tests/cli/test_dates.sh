# Dates that must be possible (import.md), the clock of a command (cli.md "Time"), the
# date-only --at of set-status (data.md "Lifecycle"), and a reference that must reach stdout.
. "$(dirname "$0")/lib.sh"
fresh_db
"$MPP" agency add --code DUKCAPIL --name Dukcapil --kind regional
"$MPP" service add --code DUKCAPIL-KTP --agency DUKCAPIL --name "KTP-el" --category civil_registry --sla-days 3
NIK=5371014107900001
count() { sql "select count(*) from application"; }

# --- no date later than now (plus an hour of clock skew), none outside 2000..2099
fp=$(fingerprint)
run application submit --service DUKCAPIL-KTP --name "Maria Lay" --nik $NIK --at 2024-10-24
expect_rc 65 "submit two years ahead"
expect_err "--at: 2024-10-24T00:00:00+08:00 is in the future (now is 2022-10-24T09:00:00+08:00)" "says so"
run application submit --service DUKCAPIL-KTP --name "Maria Lay" --nik $NIK --at "2022-10-24 10:30"
expect_rc 65 "90 minutes ahead is past the hour of skew"
run application submit --service DUKCAPIL-KTP --name "Maria Lay" --nik $NIK --at "9999-12-31 23:59"
expect_rc 65 "year 9999"
expect_err "'9999-12-31 23:59' is outside the years 2000 to 2099" "names the range"
run application submit --service DUKCAPIL-KTP --name "Maria Lay" --nik $NIK --at "31/12/1999"
expect_rc 65 "1999"
expect_eq "$(fingerprint)" "$fp" "nothing was written"
run application submit --service DUKCAPIL-KTP --name "Maria Lay" --nik $NIK --at "2022-10-24 09:45"
expect_rc 0 "45 minutes ahead is clock skew"
ref=$out

csv future.csv 'reference,service,applicant_name,nik,submitted_at,status,decided_at' \
  "F-1,DUKCAPIL-KTP,Ana,$NIK,24/10/2022 08:00,selesai,31/12/9999 23:59" \
  "F-2,DUKCAPIL-KTP,Ana,$NIK,24/10/2022 08:05,selesai,25/10/2022 10:00" \
  "F-3,DUKCAPIL-KTP,Ana,$NIK,01/01/2100,diterima," \
  "F-4,DUKCAPIL-KTP,Ana,$NIK,24/10/2022 08:10,diterima,"
fp=$(fingerprint)
run application import "$T/future.csv"
expect_rc 65 "an import with impossible dates"
expect_err "future.csv:2:7: decided_at: '31/12/9999 23:59' is outside the years 2000 to 2099" "year 9999 in a row"
expect_err "future.csv:3:7: decided_at: 2022-10-25T10:00:00+08:00 is in the future" "tomorrow in a row"
expect_err "future.csv:4:5: submitted_at: '01/01/2100' is outside the years 2000 to 2099" "2100 in a row"
expect_eq "$(fingerprint)" "$fp" "nothing was imported"
run report monthly --month 9999-12
expect_rc 64 "a report month in year 9999 is a bad option value"
run db check
expect_rc 0 "db check is clean"

# --- set-status: a date-only --at on the day of the previous event
MPP_NOW=2022-10-25T08:00:00+08:00 run application set-status "$ref" completed --at 2022-10-24
expect_rc 0 "completed --at the submission day"
expect_eq "$(sql "select decided_at from application where reference = '$ref'")" "2022-10-24T08:00:00Z" \
  "decided at the end of that day's working hours (16:00 WITA)"
r2=$(MPP_NOW=2022-10-24T11:00:00+08:00 "$MPP" application submit --service DUKCAPIL-KTP --name Ana --nik $NIK)
MPP_NOW=2022-10-24T12:00:00+08:00 run application set-status "$r2" processing --at 2022-10-24
expect_rc 0 "the same day, before 16:00"
expect_eq "$(sql "select status_at from application where reference = '$r2'")" "2022-10-24T04:00:00Z" \
  "is now, not a time still to come"
MPP_NOW=2022-10-24T12:00:00+08:00 run application set-status "$r2" completed --at "2022-10-24 13:30"
expect_rc 65 "a time more than an hour ahead"
expect_err "is in the future" "is refused"
MPP_NOW=2022-10-24T12:00:00+08:00 run application set-status "$r2" completed --at 2022-10-20
expect_rc 65 "a day before the previous event"

# --- MPP_NOW without an offset is read at the office's offset, not the config's (+07:00)
run db info
MPP_NOW=2022-10-31T23:30:00 run application submit --service DUKCAPIL-KTP --name "Yosef" --nik $NIK
expect_rc 0 "a submit at 23:30 WITA on 31 October"
expect_eq "${out%-*}" "KPG-202210" "gets an October reference"
expect_eq "$(sql "select submitted_at from application where reference = '$out'")" "2022-10-31T15:30:00Z" \
  "at 23:30 WITA"

# --- a calendar import moves the stored due dates in its own transaction
r3=$(MPP_NOW=2022-11-01T09:00:00+08:00 "$MPP" application submit --service DUKCAPIL-KTP --name Ana --nik $NIK)
expect_eq "$(sql "select due_on from application where reference = '$r3'")" "2022-11-04" "3 working days: Nov 2, 3, 4"
csv closure.csv 'date,kind,name' '2022-11-03,closure,Banjir' '2022-11-04,regional,HUT'
run calendar import "$T/closure.csv"
expect_rc 0 "a calendar import"
expect_eq "$(sql "select due_on from application where reference = '$r3'")" "2022-11-08" "two days closed: Nov 2, 7, 8"
run db check
expect_rc 0 "and the tallies agree"

# --- a reference that cannot reach stdout is never stored (a retry would duplicate it)
if [ -w /dev/full ]; then
  before=$(count)
  "$MPP" application submit --service DUKCAPIL-KTP --name "Maria Lay" --nik $NIK >/dev/full 2>"$T/full.err"
  rc=$?
  err=$(cat "$T/full.err")
  expect_rc 74 "submit > /dev/full"
  expect_eq "$(count)" "$before" "stores nothing"
  expect_eq "$(sql "select count(*) from audit where action = 'create' and entity = 'application'")" "$before" "and audits nothing"
else
  echo "no /dev/full: the full-stdout case is not checked here"
fi
finish
