# A corrected application in the source system's weekly cumulative export (data.md
# "Corrections"): the export still carries the values a correction replaced (service, NIK,
# submitted_at) and a void record; --on-conflict update takes them for the stored record, keeps
# the corrected values, and updates only what else changed.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_suite "python3 is not installed"
kupang_catalogue
export MPP_NOW=2022-11-30T17:00:00+08:00
json_get() { printf '%s' "$out" | python3 -c "import json,sys; j=json.load(sys.stdin); print(($1))"; }
H="reference,service,applicant_name,nik,submitted_at,status,status_at"
R1="SP-1,DUKCAPIL-KTP,Yohana Bria,5371014107900001,2022-11-01 09:00,submitted,2022-11-01 09:00"
R2="SP-2,DUKCAPIL-KTP,Petrus Kase,5371010107800002,2022-11-02 09:00,submitted,2022-11-02 09:00"
R3="SP-3,DUKCAPIL-KTP,Maria Lay,5371015203850003,2022-11-03 09:00,submitted,2022-11-03 09:00"
R4="SP-4,DUKCAPIL-KTP,Yakob Tefa,5371011506700004,2022-11-04 09:00,submitted,2022-11-04 09:00"
R5="SP-5,DUKCAPIL-KTP,Sisilia Ndun,5371016608950005,2022-11-07 09:00,submitted,2022-11-07 09:00"
R6="SP-6,DUKCAPIL-KTP,CV Flobamora,5371012001750006,2022-11-08 09:00,submitted,2022-11-08 09:00"
csv week1.csv "$H" "$R1" "$R2" "$R3" "$R4" "$R5" "$R6"
run application import "$T/week1.csv"
expect_rc 0 "the first week"
run application correct SP-1 --nik 5371014107900011 --reason "NIK salah ketik"
expect_rc 0 "correct a NIK"
run application correct SP-2 --service DUKCAPIL-KK --reason "layanan salah"
expect_rc 0 "correct a service"
run application correct SP-3 --submitted-at "2022-11-03 10:30" --reason "jam salah"
expect_rc 0 "correct a submission time"
run application void SP-4 --reason "entri uji coba"
expect_rc 0 "void one"
expect_eq "$(sql "select a.reference || ' ' || s.field || ' ' || s.value from application_superseded s join application a on a.id = s.application_id order by a.reference, s.field")" \
"SP-1 nik 5371014107900001
SP-2 service DUKCAPIL-KTP
SP-3 submitted_at 2022-11-03T01:00:00Z" "each correction keeps the value it replaced"

# --- the next week: the same rows (old values, the void one) and two status changes
csv week2.csv "$H" "$R1" "${R2/submitted,2022-11-02 09:00/processing,2022-11-10 09:00}" "$R3" "$R4" \
  "${R5/submitted,2022-11-07 09:00/processing,2022-11-09 09:00}" "$R6"
fp=$(fingerprint)
run application import "$T/week2.csv" --on-conflict update --dry-run --format json
expect_rc 0 "the dry run of the next week"
expect_eq "$(json_get '[j[k] for k in ("inserted", "updated", "unchanged", "skipped", "invalid")]')" \
  "[0, 2, 3, 1, 0]" "dry-run counts: the corrected rows unchanged, the void one skipped"
expect_eq "$(json_get 'sorted((c["key"], sorted(c["fields"])) for c in j["changes"])')" \
  "[('SP-2', ['status', 'status_at']), ('SP-5', ['status', 'status_at'])]" "the plan shows only the two status changes"
expect_eq "$(fingerprint)" "$fp" "the dry run wrote nothing"
run application import "$T/week2.csv" --on-conflict update --format json
expect_rc 0 "the next week imports (no row error for a corrected or void record)"
expect_eq "$(json_get '[j[k] for k in ("inserted", "updated", "unchanged", "skipped", "invalid")]')" \
  "[0, 2, 3, 1, 0]" "the real run's counts"
expect_eq "$(sql "select a.reference, s.code, a.nik, a.submitted_at, a.status, a.voided_at is not null from application a join service s on s.id = a.service_id order by a.reference")" \
"SP-1|DUKCAPIL-KTP|5371014107900011|2022-11-01T01:00:00Z|submitted|0
SP-2|DUKCAPIL-KK|5371010107800002|2022-11-02T01:00:00Z|processing|0
SP-3|DUKCAPIL-KTP|5371015203850003|2022-11-03T02:30:00Z|submitted|0
SP-4|DUKCAPIL-KTP|5371011506700004|2022-11-04T01:00:00Z|submitted|1
SP-5|DUKCAPIL-KTP|5371016608950005|2022-11-07T01:00:00Z|processing|0
SP-6|DUKCAPIL-KTP|5371012001750006|2022-11-08T01:00:00Z|submitted|0" "the corrected values stay; the void record is untouched"
run db check
expect_rc 0 "db check is clean"

# --- a value that is neither the stored nor a replaced one is still refused
csv week3.csv "$H" "${R1/5371014107900001/5371014107900021}"
fp=$(fingerprint)
run application import "$T/week3.csv" --on-conflict update
expect_rc 65 "a NIK that differs from the stored and the replaced one"
expect_err "nik: differs from the stored NIK (changing it needs a person, not an import)" "the old row error"
expect_eq "$(fingerprint)" "$fp" "and nothing changes"
csv week4.csv "$H" "${R2/DUKCAPIL-KTP/DUKCAPIL-AKTA-LAHIR}"
run application import "$T/week4.csv" --on-conflict update
expect_rc 65 "a service that differs from the stored and the replaced one"
expect_err "differs from the stored DUKCAPIL-KK" "names the stored service"

# --- a file without references: the filing of a void duplicate and of its real record
csv dup.csv "service,applicant_name,nik,submitted_at,status" \
  "DUKCAPIL-AKTA-LAHIR,Ana Bria,5371014107900001,2022-11-15 09:00,submitted"
run application import "$T/dup.csv"
expect_rc 0 "a filing without a reference"
D1=$(sql "select reference from application where service_id = (select id from service where code = 'DUKCAPIL-AKTA-LAHIR')")
D2=$("$MPP" application submit --service DUKCAPIL-AKTA-LAHIR --name "Ana Bria" --nik 5371014107900001 --at "2022-11-15 09:00" 2>/dev/null)
[ -n "$D2" ] && pass || fail "the same filing entered twice"
run application void "$D1" --reason "dientri dua kali"
expect_rc 0 "void the first"
csv dup2.csv "service,applicant_name,nik,submitted_at,status,status_at" \
  "DUKCAPIL-AKTA-LAHIR,Ana Bria,5371014107900001,2022-11-15 09:00,processing,2022-11-16 09:00"
run application import "$T/dup2.csv" --on-conflict update --format json
expect_rc 0 "the filing's status change"
expect_eq "$(json_get '[j[k] for k in ("inserted", "updated", "unchanged", "skipped", "invalid")]')" \
  "[0, 1, 0, 0, 0]" "updates one record"
expect_eq "$(sql "select reference || ' ' || status from application where reference in ('$D1', '$D2') order by id")" \
  "$D1 submitted
$D2 processing" "the filing match takes the record that is not void"
finish
