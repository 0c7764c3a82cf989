# Which applications a listing selects, at the edges (lib/mpp/selection.cpp): `report overdue`
# (data.md "SLA": an open application is overdue on D when D > its due date on D, with a pause
# counted up to D; open on D means submitted on or before D and not decided by the end of D; the
# index that finds the candidates must miss none) and the local days of `--from`/`--to`.
. "$(dirname "$0")/lib.sh"
kupang_catalogue
export MPP_NOW=2022-11-30T10:00:00+08:00
# October and November 2022 have no holiday on a weekday: working days are the weekdays.
# wd A B: the weekdays after A up to and including B.
wd() { python3 -c 'import datetime as t, sys
a, b = (t.date.fromisoformat(x) for x in sys.argv[1:])
print(sum((a + t.timedelta(n)).weekday() < 5 for n in range(1, (b - a).days + 1)))' "$1" "$2"; }
# submit SERVICE AT: a new application; prints its reference.
submit() { "$MPP" application submit --service "$1" --name "Uji Terlambat" --nik 5371011212900001 --at "$2"; }
# move REF STATUS AT: a status change dated AT.
move() { "$MPP" application set-status "$1" "$2" --at "$3" >/dev/null || fail "set-status $1 $2"; }
# overdue ARGS…: "reference days" of each line of report overdue, in its order.
overdue() { "$MPP" report overdue --csv "$@" | python3 -c 'import csv, sys
for r in csv.DictReader(sys.stdin): print(r["reference"], r["days_overdue"])'; }

# DUKCAPIL-KTP takes 1 working day: submitted on Monday 10 October, due Tuesday the 11th.
open=$(submit DUKCAPIL-KTP "2022-10-10 09:00")
later=$(submit DUKCAPIL-KTP "2022-10-10 09:01")
move "$later" completed "2022-10-20 10:00" # decided after the days judged below
stay=$(submit DUKCAPIL-KTP "2022-10-10 09:02")
move "$stay" returned "2022-10-17 10:00"   # a closed stay of 10 working days after the 14th:
move "$stay" processing "2022-10-31 10:00" # its stored due date is 25 October
staydone=$(submit DUKCAPIL-KTP "2022-10-10 09:03")
move "$staydone" returned "2022-10-17 10:00"
move "$staydone" processing "2022-10-31 10:00"
move "$staydone" completed "2022-11-01 10:00"
still=$(submit DUKCAPIL-KTP "2022-10-10 09:04")
move "$still" returned "2022-10-17 10:00" # returned when already overdue, and still returned
pdam=$(submit PDAM-SAMBUNGAN-BARU "2022-10-10 09:05") # 14 working days: due 28 October
late=$(submit DUKCAPIL-KTP "2022-10-20 09:00")
dueday=$(submit DUKCAPIL-KTP "2022-11-29 09:00") # due today
yesterday=$(submit DUKCAPIL-KTP "2022-11-28 09:00")
expect_eq "$(sql "select count(*) from application where due_on >= '2022-10-25' and paused_days > 0")" "2" \
  "the closed stay moved the stored due date past the days judged"

expect_eq "$(overdue --as-of 2022-10-11)" "" "the due day is not overdue"
expect_eq "$(overdue --as-of 2022-10-12)" "$open 1
$later 1
$stay 1
$staydone 1
$still 1" "the day after it is, for all five (the stays and the decision come later)"
expect_eq "$(overdue --as-of 2022-10-14)" "$open 3
$later 3
$stay 3
$staydone 3
$still 3" "as of a Friday before the stays: a later stay does not count yet"
expect_eq "$(overdue --as-of 2022-10-19)" "$open 6
$later 6
$stay 4
$staydone 4
$still 4" "decided the next day: still open on the 19th; a pause counted up to the day"
expect_eq "$(overdue --as-of 2022-10-20)" "$open 7
$stay 4
$staydone 4
$still 4" "decided on the day: no longer open at its end"
expect_eq "$(overdue --as-of 2022-10-20 --agency PDAM-KUPANG)" "" "--agency: PDAM is not due yet"
expect_eq "$(overdue --as-of 2022-10-31 --agency PDAM-KUPANG)" "$pdam 1" "--agency: one day past 28 October"
expect_eq "$(overdue --as-of 2022-10-31 --agency DUKCAPIL | grep -c "$pdam")" "0" "--agency leaves PDAM out"

# Today (30 November): the closed stay counts in full, the open one up to today, the decided
# ones are gone, the one due today is not overdue.
expect_eq "$(overdue)" "$open $(wd 2022-10-11 2022-11-30)
$late $(wd 2022-10-21 2022-11-30)
$stay $(wd 2022-10-25 2022-11-30)
$pdam $(wd 2022-10-28 2022-11-30)
$still 4
$yesterday 1" "today: most overdue first"
run application list --overdue --csv
expect_eq "$(printf '%s\n' "$out" | grep -c "$dueday")" "0" "application list --overdue: due today is not overdue"
expect_eq "$(printf '%s\n' "$out" | grep -c "$yesterday")" "1" "application list --overdue: due yesterday is"
run application list --overdue --service PDAM-SAMBUNGAN-BARU --csv
expect_eq "$(printf '%s\n' "$out" | cut -d, -f1 | tail -n +2)" "$pdam" "application list --overdue --service"

# --from/--to are local days at the office's offset: the first and last minute of a day, and
# the days move with the offset.
fresh_db
"$MPP" agency import "$SRC/examples/kupang/agencies.csv" 2>/dev/null
"$MPP" service import "$SRC/examples/kupang/services.csv" 2>/dev/null
last=$(submit DUKCAPIL-KTP "2022-10-31 23:59")  # 15:59 UTC
first=$(submit DUKCAPIL-KTP "2022-11-01 00:00") # 16:00 UTC
end=$(submit DUKCAPIL-KTP "2022-11-01 23:59")
next=$(submit DUKCAPIL-KTP "2022-11-02 00:00")
# listed FROM TO: the references listed, in order, on one line.
listed() { "$MPP" application list --from "$1" --to "$2" --csv | cut -d, -f1 | tail -n +2 | tr '\n' ' '; }
expect_eq "$(listed 2022-10-31 2022-10-31)" "$last " "one day: its last minute"
expect_eq "$(listed 2022-11-01 2022-11-01)" "$first $end " "one day: from its first minute to its last"
expect_eq "$(listed 2022-11-02 2022-11-02)" "$next " "the next day from its first minute"
expect_eq "$(listed 2022-10-31 2022-11-02)" "$last $first $end $next " "three days"
"$MPP" db set office.utc_offset +09:00 >/dev/null 2>&1 || fail "db set office.utc_offset"
expect_eq "$(listed 2022-11-01 2022-11-01)" "$last $first " "at +09:00 the first two are on 1 November"
expect_eq "$(listed 2022-11-02 2022-11-02)" "$end $next " "and the last two on the 2nd"
finish
