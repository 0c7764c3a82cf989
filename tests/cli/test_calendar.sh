# mpp calendar and the working-day settings.
. "$(dirname "$0")/lib.sh"
fresh_db

run calendar workdays 2022-04-28 2022-05-09
expect_rc 0 "workdays"
expect_eq "$out" "1" "Idul Fitri 2022: one working day"
run calendar workdays 28/04/2022 09/05/2022
expect_eq "$out" "1" "Indonesian dates"
run calendar workdays 2022-05-09 2022-05-09
expect_rc 0 "FROM = TO"
expect_eq "$out" "0" "FROM = TO: no working day"
run calendar workdays 2022-10-31 2022-10-01
expect_rc 64 "FROM after TO is a usage error"
expect_err "mpp: error: FROM 2022-10-31 is after TO 2022-10-01: the period ends before it begins" "names both dates"
expect_no_out "prints no count"
run calendar workdays 2022-13-01 2022-05-09
expect_rc 64 "a bad date option"
run calendar workdays 2027-01-01 2027-01-31
expect_eq "$out" "20" "beyond the loaded years: weekends only"
expect_err "no holidays loaded for 2027" "warns"
run -q calendar workdays 2027-01-01 2027-01-31
expect_no_err "-q silences the warning"

run calendar list --year 2022 --format csv
expect_out $'date,kind,name\r\n2022-01-01,national,Tahun Baru Masehi\r' "list"
expect_eq "$(printf '%s\n' "$out" | grep -c collective_leave)" "4" "2022 cuti bersama days"
run calendar list --json --limit 1
expect_out '"kind":"national"' "json"
run calendar list --year 2022
expect_out "2022-01-01  Libur nasional  Tahun Baru Masehi" "the table names the kind in Indonesian"
expect_out "2022-05-04  Cuti bersama    Cuti Bersama Hari Raya Idul Fitri" "cuti bersama"
run calendar list --year 2022 --lang en
expect_out "2022-05-04  Collective leave  Cuti Bersama Hari Raya Idul Fitri" "and in English"

# Settings change the count.
run db set calendar.collective_leave_is_holiday false
run calendar workdays 2022-04-28 2022-05-09
expect_eq "$out" "5" "cuti bersama as working days"
run db set calendar.collective_leave_is_holiday true
run db set calendar.workweek mon,tue,wed,thu,fri,sat
run calendar workdays 2022-10-24 2022-10-31
expect_eq "$out" "6" "a six-day work week"
run db set calendar.workweek mon,tue,wed,thu,fri

# add / remove (audited)
run calendar add 2024-04-25 --kind libur_daerah --name "HUT Kota Kupang"
expect_rc 0 "add a regional holiday"
expect_eq "$(sql "select kind from calendar where date='2024-04-25'")" "regional" "Indonesian kind accepted"
run calendar workdays 2024-04-24 2024-04-26
expect_eq "$out" "1" "the regional holiday stops the clock"
run calendar add 2024-04-25 --kind regional --name "Lagi"
expect_rc 65 "a date already in the calendar"
run calendar add 2024-04-25 --kind regional --name "HUT Kota Kupang ke-28" --upsert
expect_rc 0 "--upsert replaces it"
run calendar list --year 2024
expect_out "2024-04-25  Libur daerah    HUT Kota Kupang ke-28" "a regional holiday: libur daerah (not an agency kind)"
run calendar add 2024-02-30 --kind regional --name x
expect_rc 65 "an impossible date"
run calendar add 2024-05-02 --kind festival --name x
expect_rc 65 "a bad kind"
run calendar remove 2024-04-25
expect_rc 0 "remove"
run calendar remove 2024-04-25
expect_rc 66 "remove of a date not in the calendar"
expect_eq "$(sql "select count(*) from audit where entity='calendar' and action in ('create','update','delete')")" "3" "each change audited"

# import the next year
csv 2027.csv 'Tanggal;Jenis;Keterangan' '01/01/2027;Libur Nasional;Tahun Baru Masehi' '2027-02-08;cuti bersama;Cuti Bersama Imlek'
run calendar import "$T/2027.csv" -v
expect_rc 0 "calendar import with Indonesian headers"
expect_err "inserted 2" "counts"
run calendar workdays 2027-01-01 2027-01-31
expect_no_err "2027 is now covered"
csv dup.csv 'date,kind,name' '2027-03-01,national,A' '01/03/2027,national,B'
run calendar import "$T/dup.csv"
expect_rc 65 "a date twice in one file"
expect_err "$T/dup.csv:3:1: date: '2027-03-01' appears twice" "says where"
csv clash.csv 'date,kind,name' '2022-01-01,national,Tahun Baru'
run calendar import "$T/clash.csv"
expect_rc 65 "a date already in the calendar"
run calendar import "$T/clash.csv" --on-conflict update -v
expect_err "updated 1" "--on-conflict update"

# --no-holidays and migrating a schema-1 database.
MPP_DB=$T/bare.db run db init --no-holidays
expect_eq "$(sqlite3 "$T/bare.db" 'select count(*) from calendar')" "0" "--no-holidays"
MPP_DB=$T/bare.db run calendar workdays 2022-04-28 2022-05-09
expect_eq "$out" "7" "without holidays only weekends count"
finish
