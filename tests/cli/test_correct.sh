# mpp application correct, void, unvoid and history (data.md "Corrections"): each field, the
# trail it leaves, and after every operation the monthly report of October and November 2022
# equals an application-by-application recount from the raw rows (tests/cli/recount_month.py,
# its own working-day count) and `db check` is clean.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_suite "python3 is not installed"
kupang_catalogue
export MPP_NOW=2022-11-30T17:00:00+08:00

# agrees WHAT: both months equal the recount, and db check finds nothing.
agrees() {
  local month
  for month in 2022-10 2022-11; do
    "$MPP" report monthly --month "$month" --format json >"$T/report.json" 2>/dev/null
    if python3 "$SRC/tests/cli/recount_month.py" "$MPP_DB" "$month" "$T/report.json" >"$T/recount.txt"; then
      pass
    else
      out=$(cat "$T/recount.txt"); err=""; rc=1
      fail "$1: the $month report equals the recount"
    fi
  done
  run db check
  [ "$rc" -eq 0 ] && pass || fail "$1: db check is clean"
}
submit() { "$MPP" application submit "$@"; }
move() { "$MPP" application set-status "$@" >/dev/null; }

# --- the office's applications (SLA: KTP 1, ROYA 5, BALIK-NAMA 3, TAMBAH-DAYA 5, PBG 28 days)
A1=$(submit --service DUKCAPIL-KTP --name "Yohana Bria" --nik 5371014107900001 --at "2022-10-03 09:00")
move "$A1" completed --at "2022-10-04 10:00"
A2=$(submit --service ATRBPN-ROYA --name "Petrus Kase" --nik 5371010107800002 --phone 081234567890 --at "2022-10-10 09:00")
move "$A2" verified --at "2022-10-11 09:00"
move "$A2" returned --at "2022-10-12 09:00"
move "$A2" processing --at "2022-10-17 09:00"
move "$A2" completed --at "2022-10-25 09:00"
A3=$(submit --service PDAM-BALIK-NAMA --name "Maria Lay" --nik 5371015203850003 --at "2022-10-28 15:00")
move "$A3" returned --at "2022-11-01 09:00"
A4=$(submit --service PLN-TAMBAH-DAYA --name "Yakob Tefa" --nik 5371011506700004 --phone 081311112222 --at "2022-10-31 10:00")
move "$A4" completed --at "2022-11-03 11:00"
A5=$(MPP_NOW=2022-11-30T12:00:00+08:00 submit --service DUKCAPIL-KTP --name "Sisilia Ndun" --nik 5371016608950005 --at "2022-11-02 08:30")
A6=$(submit --service DUKCAPIL-KTP --name "Yohana Bria" --nik 5371014107900001 --at "2022-10-20 10:00")
A7=$(submit --service DPMPTSP-PBG --name "CV Flobamora" --nik 5371012001750006 --at "2022-11-10 13:00")
move "$A7" rejected --at "2022-11-15 10:00"
expect_eq "$(sql "select count(*) from application")" 7 "seven applications"
agrees "before any correction"

# --- what is refused, and writes nothing
fp=$(fingerprint)
run application correct "$A1" --name X
expect_rc 64 "a correction needs --reason"
expect_err "--reason" "says so"
run application correct "$A1" --reason "salah ketik"
expect_rc 64 "a correction with nothing to change is a usage error"
expect_err "nothing to correct" "says so"
run application correct "$A1" --nik 5371013207900001 --reason "salah ketik"
expect_rc 65 "an impossible NIK is refused like submit refuses it"
expect_err "--nik: birth day" "names the option and the rule"
run application correct "$A1" --submitted-at "2022-12-01 09:00" --reason x
expect_rc 65 "a submission time in the future"
run application correct "$A2" --submitted-at "2022-10-20 09:00" --reason "tanggal salah"
expect_rc 65 "a submission time after the first status change"
expect_err "after the application's first status change (verified at 2022-10-11T09:00:00+08:00)" "says why"
run application correct "$A1" --service BAPENDA-PBB-LOKET --submitted-at 2024-06-03 --reason x
expect_rc 65 "a service that no longer takes applications"
run application correct "$A1" --channel fax --reason x
expect_rc 65 "a channel outside the vocabulary"
run application correct "$A1" --service NOPE --reason x
expect_rc 65 "an unknown service"
run application correct KPG-NOPE --name X --reason x
expect_rc 66 "an unknown reference"
run -v application correct "$A1" --name "Yohana Bria" --reason "sama saja"
expect_rc 0 "a correction that changes nothing"
expect_err "nothing to change" "says so"
expect_no_out "and prints no change"
run application correct "$A1" --name "Yohana Bria" --reason "sama saja" --format json
expect_eq "$out" "[]" "in JSON an empty change is [], so a script can parse it"
run application correct "$A1" --service ATRBPN-ROYA --reason "layanan salah" --dry-run
expect_rc 0 "a dry run"
expect_out "DUKCAPIL-KTP" "shows the old service"
expect_out "ATRBPN-ROYA" "and the new one"
expect_eq "$(fingerprint)" "$fp" "refusals, no-ops and dry runs write nothing"

# --- a variable-fee service: the notice says the fee is variable, not that it is 0
"$MPP" service add --code DPMPTSP-RETRIBUSI --agency DPMPTSP --name "Retribusi Daerah" --category business_permit \
  --sla-days 5 --fee "Sesuai Perda No. 5 Tahun 2021" 2>/dev/null
run -v application correct "$A1" --service DPMPTSP-RETRIBUSI --reason x --dry-run
expect_rc 0 "dry run onto a variable-fee service"
expect_err "the fee stays 0 as recorded; DPMPTSP-RETRIBUSI has a variable fee (Sesuai Perda No. 5 Tahun 2021)" \
  "the notice names the variable fee"

# --- service: the SLA follows it, the fee stays as recorded, both services' figures move
run -v application correct "$A1" --service ATRBPN-ROYA --reason "layanan salah dipilih di loket"
expect_rc 0 "correct --service"
expect_err "the fee stays 0 as recorded; ATRBPN-ROYA charges 50000" "the fee notice"
expect_eq "$(sql "select s.code||'|'||a.fee from application a join service s on s.id=a.service_id where reference='$A1'")" "ATRBPN-ROYA|0" "stored"
expect_eq "$(sql "select kind||'|'||coalesce(from_status,'-')||'|'||to_status||'|'||detail||'|'||note from application_event where application_id=(select id from application where reference='$A1') and seq=3")" \
  'corrected|-|completed|{"service":["DUKCAPIL-KTP","ATRBPN-ROYA"]}|layanan salah dipilih di loket' "one corrected event with old and new"
expect_eq "$(sql "select detail from audit where action='correct' and key='$A1'")" \
  '{"service":["DUKCAPIL-KTP","ATRBPN-ROYA"],"reason":"layanan salah dipilih di loket"}' "one audit row"
agrees "after correct --service"

# --- name, on an application in `returned`: its open pause is untouched
since=$(sql "select paused_since||'|'||due_on from application where reference='$A3'")
run application correct "$A3" --name "Maria Goreti Lay" --reason "nama tidak lengkap"
expect_rc 0 "correct --name"
expect_out "Maria Goreti Lay" "prints the change"
expect_eq "$(sql "select paused_since||'|'||due_on from application where reference='$A3'")" "$since" "the open pause stays as it was"
agrees "after correct --name"

# --- NIK: masked everywhere, and audit list --nik finds the correction under both NIKs; under
# the NIK it carries now its whole history, under the former one only what was done while the
# application carried it (the unmasked bulk reads too)
OLD=5371016608950005
NEW=5371016608950015
MPP_NOW=2022-11-30T16:00:00+08:00 "$MPP" application list --unmasked --reason rekap-sebelum >/dev/null
run application correct "$A5" --nik "$NEW" --reason "NIK salah ketik"
expect_rc 0 "correct --nik"
[[ "$out" != *$OLD* && "$out" != *$NEW* ]] && pass || fail "the printed change masks both NIKs"
expect_out "5371**********05" "the old NIK masked"
expect_eq "$(sql "select detail from audit where action='correct' and key='$A5'")" \
  '{"nik":["5371**********05","5371**********15"],"reason":"NIK salah ketik"}' "the audit row masks both"
MPP_NOW=2022-11-30T18:00:00+08:00 "$MPP" application list --unmasked --reason rekap-sesudah >/dev/null
for nik in "$OLD" "$NEW"; do
  run audit list --nik "$nik" --reason "permintaan pemohon" --format csv
  expect_rc 0 "audit list --nik $nik"
  expect_out ",correct,application,$A5," "audit list --nik ${nik:14} finds the correction"
done
[[ "$out" == *rekap-sesudah* ]] && pass || fail "the new NIK's answer has the read after the correction"
[[ "$out" == *rekap-sebelum* && "$out" == *",create,application,$A5,"* ]] && pass ||
  fail "and, the record being theirs now, its creation and the read made under the mistyped NIK"
run audit list --nik "$OLD" --reason "permintaan pemohon" --format csv
expect_out ",create,application,$A5," "the old NIK's answer has the creation"
expect_out "rekap-sebelum" "and the unmasked read before the correction"
[[ "$out" != *rekap-sesudah* ]] && pass || fail "the old NIK's answer leaves out the read after the correction"
run application history "$A5" --format json
[[ "$out" != *$OLD* ]] && pass || fail "history never shows the former NIK"
agrees "after correct --nik"

# --- phone: masked
run application correct "$A4" --phone 0813-9999-8888 --reason "nomor HP salah"
expect_rc 0 "correct --phone"
expect_eq "$(sql "select phone from application where reference='$A4'")" "+6281399998888" "stored as E.164"
expect_eq "$(sql "select detail from audit where action='correct' and key='$A4'")" \
  '{"phone":["0813*****222","0813*****888"],"reason":"nomor HP salah"}' "masked in the trail"
run application correct "$A4" --phone 0380-821234 --reason x
expect_rc 65 "a landline is no mobile number"
agrees "after correct --phone"

# --- submitted_at: the application moves from October into November
run application correct "$A4" --submitted-at "2022-11-01 08:00" --reason "tanggal terima salah"
expect_rc 0 "correct --submitted-at"
expect_eq "$(sql "select submitted_at from application where reference='$A4'")" "2022-11-01T00:00:00Z" "stored in UTC"
expect_eq "$(sql "select reference from application where id=(select id from application where reference='$A4')")" "$A4" "the reference stays"
agrees "after correct --submitted-at"

# --- an application still only submitted: its status dates from the submission and moves with
# it, so its own unmasked export re-imports; the change is shown at the office's offset
run application correct "$A5" --submitted-at "2022-11-03 09:15" --reason "tanggal terima salah"
expect_rc 0 "correct --submitted-at of a submitted application"
expect_out "2022-11-02T08:30:00+08:00" "the old time is shown at the office's offset"
expect_out "2022-11-03T09:15:00+08:00" "and the new one"
expect_eq "$(sql "select submitted_at || ' ' || status_at from application where reference='$A5'")" \
  "2022-11-03T01:15:00Z 2022-11-03T01:15:00Z" "status_at moved with submitted_at"
run application export --unmasked --reason "uji ekspor" -o "$T/roundtrip.csv"
expect_rc 0 "unmasked export"
MPP_DB=$T/roundtrip.db "$MPP" db init --office-code KPG --utc-offset +08:00 2>/dev/null
MPP_DB=$T/roundtrip.db "$MPP" agency import "$SRC/examples/kupang/agencies.csv" 2>/dev/null
MPP_DB=$T/roundtrip.db "$MPP" service import "$SRC/examples/kupang/services.csv" 2>/dev/null
MPP_DB=$T/roundtrip.db run application import "$T/roundtrip.csv"
expect_rc 0 "the export of a corrected database re-imports into an empty one"
agrees "after correct --submitted-at of a submitted application"

# --- channel and fee: the fee of a completed application counts in its month
run application correct "$A7" --channel online --reason "daftar daring"
expect_rc 0 "correct --channel"
expect_eq "$(sql "select channel from application where reference='$A7'")" "online" "stored"
agrees "after correct --channel"
run application correct "$A4" --fee 400000 --reason "biaya salah"
expect_rc 0 "correct --fee"
expect_eq "$(sql "select detail from audit where action='correct' and key='$A4' order by id desc limit 1")" \
  '{"fee":[370000,400000],"reason":"biaya salah"}' "the fee as numbers"
agrees "after correct --fee"

# --- void: out of every report, list and export; unvoid restores the figures exactly
"$MPP" report monthly --month 2022-10 --format json >"$T/oct-before.json"
"$MPP" report overdue --format csv >"$T/overdue-before.csv"
run application void "$A6" --reason "dientri dua kali"
expect_rc 0 "void"
expect_eq "$(sql "select voided_at from application where reference='$A6'")" "2022-11-30T09:00:00Z" "voided_at set"
agrees "after void"
run application void "$A6" --reason again
expect_rc 65 "voiding twice"
expect_err "is already void (since 2022-11-30T17:00:00+08:00)" "says since when"
run application set-status "$A6" completed
expect_rc 65 "a void application does not move"
expect_err "unvoid" "says how"
run application list --format csv
[[ "$out" != *"$A6"* ]] && pass || fail "list leaves the void application out"
run application export
[[ "$out" != *"$A6"* ]] && pass || fail "export leaves it out"
run application list --include-void --format csv
expect_out "$A6," "list --include-void shows it"
expect_out ",2022-11-30T17:00:00+08:00" "with the void marker column"
[[ "$(head -1 <<<"$out" | tr -d "\r")" == *,voided_at ]] && pass || fail "the marker column is voided_at, the last"
run application show "$A6" --format json
expect_rc 0 "show a void application"
expect_out '"voided_at":"2022-11-30T17:00:00+08:00"' "says it is void"
run report overdue --format csv
[[ "$out" != *"$A6"* ]] && pass || fail "the overdue report leaves it out"
csv rows.csv "reference,service,applicant_name,nik,submitted_at,status,note" \
  "$A6,DUKCAPIL-KTP,Yohana Bria,5371014107900001,2022-10-20 10:00,submitted,ganda"
row="select * from application where reference = '$A6'"
before=$(sql "$row")
run application import "$T/rows.csv" --on-conflict update --format json
expect_rc 0 "the source system still exports a void application: not a row error"
expect_eq "$(python3 -c 'import json,sys; j=json.loads(sys.stdin.read()); print(j["skipped"], j["updated"], j["unchanged"])' <<<"$out")" \
  "1 0 0" "its row is skipped"
expect_eq "$(sql "$row")" "$before" "and the import does not change it"
run application unvoid "$A6" --reason "bukan duplikat"
expect_rc 0 "unvoid"
"$MPP" report monthly --month 2022-10 --format json >"$T/oct-after.json"
cmp -s "$T/oct-before.json" "$T/oct-after.json" && pass || fail "unvoid restores October exactly"
"$MPP" report overdue --format csv >"$T/overdue-after.csv"
cmp -s "$T/overdue-before.csv" "$T/overdue-after.csv" && pass || fail "and the overdue report"
run application unvoid "$A6" --reason again
expect_rc 65 "unvoid of an application that is not void"
agrees "after unvoid"
run application void "$A5" --reason "entri uji coba"
agrees "after voiding an open, overdue application"

# --- history: every event, every format
run application history "$A2" --format json
expect_rc 0 "history --format json"
expect_eq "$(python3 -c 'import json,sys; print(" ".join(e["event"]+":"+e["to"] for e in json.loads(sys.stdin.read())))' <<<"$out")" \
  "status:submitted status:verified status:returned status:processing status:completed" "A2's lifecycle"
run application history "$A4" --format json
expect_eq "$(python3 -c '
import json,sys
for e in json.loads(sys.stdin.read()):
    print(e["event"], e["from"], e["to"], e["operator"], e["note"], json.dumps(e["detail"]))' <<<"$out")" \
"status None submitted tester None null
status submitted completed tester None null
corrected None completed tester nomor HP salah {\"phone\": [\"0813*****222\", \"0813*****888\"]}
corrected None completed tester tanggal terima salah {\"submitted_at\": [\"2022-10-31T10:00:00+08:00\", \"2022-11-01T08:00:00+08:00\"]}
corrected None completed tester biaya salah {\"fee\": [370000, 400000]}" "A4's corrections in order, with operator, note and masked detail"
run application history "$A6" --format json
expect_eq "$(python3 -c 'import json,sys; print(" ".join(e["event"]+":"+str(e["note"]) for e in json.loads(sys.stdin.read())[-2:]))' <<<"$out")" \
  "voided:dientri dua kali unvoided:bukan duplikat" "void and unvoid with their reasons"
for format in table csv tsv ndjson; do
  run application history "$A4" --format "$format"
  expect_rc 0 "history --format $format"
  expect_out "biaya salah" "history --format $format shows the correction's note"
done
run application history KPG-NOPE
expect_rc 66 "history of an unknown reference"
finish
