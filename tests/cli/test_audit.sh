# mpp audit list: --since, --entity, --ref, and --nik (the subject-access request of
# UU 27/2022: every batch, every unmasked bulk read whose selection held the person).
. "$(dirname "$0")/lib.sh"
fresh_db
"$MPP" agency import "$SRC/examples/kupang/agencies.csv"
"$MPP" service import "$SRC/examples/kupang/services.csv"
MARIA=5371014107900001
YOHANES=5371010107900002

# rows ARGS…: the action|entity|key of each listed audit row, one per line.
rows() {
  run audit list "$@" --format tsv
  printf '%s\n' "$out" | tail -n +2 | cut -f5,6,7 | tr '\t' '|'
}

# --- --since, --entity, --ref
MPP_NOW=2022-10-20T10:00:00+08:00 "$MPP" agency add --code AA --name "Agen A" --kind bank
MPP_NOW=2022-10-25T10:00:00+08:00 "$MPP" agency update AA --counter "Loket 2"
MPP_NOW=2022-10-25T11:00:00+08:00 "$MPP" agency add --code BB --name "Agen B" --kind bank
MPP_NOW=2022-10-26T10:00:00+08:00 "$MPP" db set reference.template "{office}-{yyyy}{mm}-{seq:6}"
expect_eq "$(rows --since 2022-10-25)" $'update|agency|AA\ncreate|agency|BB\nsetting|setting|reference.template' "--since: the rows from that local date on, oldest first"
expect_eq "$(rows --since 2022-10-26)" "setting|setting|reference.template" "--since a later day"
expect_eq "$(rows --entity agency --ref AA)" $'create|agency|AA\nupdate|agency|AA' "--entity with --ref: one agency's rows"
expect_eq "$(rows --ref BB)" "create|agency|BB" "--ref alone"
expect_eq "$(rows --ref bb)" "create|agency|BB" "--ref: a code typed in lower case"
expect_eq "$(rows --entity agency --since 2022-10-25 --limit 1)" "create|agency|BB" "filters combine with --limit (the newest row that passes them)"
# --limit N: the newest N rows, the newest last (the tail of the log).
expect_eq "$(rows --limit 2)" $'create|agency|BB\nsetting|setting|reference.template' "--limit 2: the two newest rows, the newest at the bottom"
expect_eq "$(rows --limit 3 | head -1)" "update|agency|AA" "--limit 3 starts one row earlier"
expect_eq "$(rows --limit 0)" "" "--limit 0: nothing"
# --from/--to (--since is --from): local days, both ends included.
expect_eq "$(rows --from 2022-10-25 --to 2022-10-25)" $'update|agency|AA\ncreate|agency|BB' "--from/--to one local day"
expect_eq "$(rows --entity agency --to 2022-10-20)" "create|agency|AA" "--to alone: up to the end of that day"
run audit list --from 2022-10-26 --to 2022-10-25
expect_rc 64 "--from after --to is a usage error, not an empty list"
expect_err "--from 2022-10-26 is after --to 2022-10-25" "it names both days"
run audit list --since 2022-10-26 --to 2022-10-25
expect_rc 64 "--since is --from"
run audit list --entity agency --ref AA --format json
expect_out '"operator":"tester"' "json carries the operator"
expect_out '"at":"2022-10-20T10:00:00+08:00"' "and the local time"
run audit list --ref NOPE
expect_rc 0 "an unknown key lists nothing"
expect_no_out "an empty result prints nothing"
run audit list --since 2022-13-01
expect_rc 64 "a bad --since date"

# --- --nik: every batch that held the person's applications
H='reference;service;applicant_name;nik;phone;submitted_at;status;decided_at'
csv oct.csv "$H" \
  "K-1;DUKCAPIL-KTP;Maria Lay;$MARIA;0812-3456-7890;24/10/2022 09:15;diterima;" \
  "K-2;PDAM-SAMBUNGAN-BARU;Yohanes Bria;$YOHANES;;24/10/2022 09:30;diterima;"
MPP_NOW=2022-10-24T12:00:00+08:00 run application import "$T/oct.csv"
expect_rc 0 "first batch"
csv oct2.csv "$H" \
  "K-1;DUKCAPIL-KTP;Maria Lay;$MARIA;0813-1111-2222;24/10/2022 09:15;diterima;" \
  "K-3;DUKCAPIL-KK;Yohanes Bria;$YOHANES;;24/10/2022 10:00;diterima;"
MPP_NOW=2022-10-24T13:00:00+08:00 run application import "$T/oct2.csv" --on-conflict update
expect_rc 0 "second batch changes Maria's phone"
csv oct3.csv "$H" "K-4;DUKCAPIL-KK;Yohanes Bria;$YOHANES;;24/10/2022 11:00;diterima;"
MPP_NOW=2022-10-24T14:00:00+08:00 run application import "$T/oct3.csv"
expect_rc 0 "a third batch without Maria"
b1=$(sql "select id from batch where file_name like '%oct.csv'")
b2=$(sql "select id from batch where file_name like '%oct2.csv'")
b3=$(sql "select id from batch where file_name like '%oct3.csv'")

# --- unmasked bulk reads record their selection; --nik matches her against it
MPP_NOW=2022-10-25T09:00:00+08:00 run application export --unmasked --reason "pindah server" --agency dukcapil -o "$T/d.csv"
expect_rc 0 "unmasked export of one agency"
expect_eq "$(sql "select json_extract(detail, '\$.filter.agency')||'|'||json_extract(detail, '\$.rows')||'|'||json_extract(detail, '\$.last.reference')||'|'||json_extract(detail, '\$.what') from audit where id = (select max(id) from audit)")" \
  "DUKCAPIL|3|K-4|application export" "the audit row records the filter, the row count and the last row"
expect_eq "$(grep -c "$MARIA" "$T/d.csv")" "1" "the export is unmasked"
MPP_NOW=2022-10-25T09:05:00+08:00 run application list --unmasked --reason "cek PDAM" --agency PDAM-KUPANG --csv
expect_rc 0 "unmasked list of another agency"
expect_eq "$(sql "select json_extract(detail, '\$.rows') from audit where id = (select max(id) from audit)")" "1" "one row listed"
MPP_NOW=2022-10-25T09:10:00+08:00 run application list --unmasked --reason "dua pertama" --limit 1 --csv
expect_rc 0 "unmasked list of the first row"
expect_eq "$(printf '%s\n' "$out" | grep -c "$MARIA")" "1" "the first row is Maria's"
MPP_NOW=2022-10-25T09:15:00+08:00 run application list --unmasked --reason "setelah K-1" --from 2022-10-24 --status diterima --service dukcapil-kk --csv
expect_rc 0 "unmasked list of another service"
MPP_NOW=2022-10-27T09:00:00+08:00 run report overdue --unmasked --reason "tindak lanjut" --agency DUKCAPIL --format csv
expect_rc 0 "unmasked overdue report"
expect_out "K-1,DUKCAPIL,DUKCAPIL-KTP,Maria Lay,$MARIA,submitted" "report overdue --unmasked shows the NIK in full"
expect_eq "$(sql "select json_extract(detail, '\$.what')||'|'||json_extract(detail, '\$.filter.overdue')||'|'||json_extract(detail, '\$.filter.as_of')||'|'||json_extract(detail, '\$.rows') from audit where id = (select max(id) from audit)")" \
  "report overdue|1|2022-10-27|3" "and is audited with its selection"
MPP_NOW=2022-10-27T09:00:00+08:00 run report overdue --agency DUKCAPIL --format csv
expect_out "K-1,DUKCAPIL,DUKCAPIL-KTP,Maria Lay,5371**********01,submitted" "masked without --unmasked"
MPP_NOW=2022-10-27T09:05:00+08:00 run report overdue --unmasked --reason "air" --agency PDAM-KUPANG --format csv
expect_rc 0 "an overdue report of another agency"

MPP_NOW=2022-10-28T09:00:00+08:00 run audit list --nik "$MARIA" --reason "surat 12/X" --format tsv
expect_rc 0 "subject access"
got=$(printf '%s\n' "$out" | tail -n +2 | awk -F'\t' '{ split($9, d, "\"reason\":\""); split(d[2], r, "\""); print $5 "|" $7 "|" $8 "|" r[1] }')
expect_eq "$got" "import||$b1|
import||$b2|
unmasked_read|||pindah server
unmasked_read|||dua pertama
unmasked_read|||tindak lanjut" "every batch that held her and every bulk read that selected her, and nothing else"
[[ "$out" != *"|$b3|"* && "$out" != *"cek PDAM"* && "$out" != *"setelah K-1"* && "$out" != *"air"* ]] && pass || fail "not the reads or batches without her"
expect_eq "$(sql "select action||'|'||entity||'|'||key||'|'||detail from audit where id = (select max(id) from audit)")" \
  'subject_access|person|5371**********01|{"reason":"surat 12/X","rows":5}' "the request is audited, NIK masked"
run audit list --nik "$YOHANES" --reason "surat 13/X" --format tsv
for want in "cek PDAM" "setelah K-1" "pindah server" "tindak lanjut"; do
  [[ "$out" == *"$want"* ]] && pass || fail "Yohanes's answer lists the read '$want'"
done
[[ "$out" != *"dua pertama"* ]] && pass || fail "but not the one-row read that showed only Maria"
[[ "$out" != *'"air"'* ]] && pass || fail "nor the PDAM overdue report (his PDAM application was not overdue)"
[[ "$out" == *"|$b3|"* || "$out" == *"	$b3	"* ]] && pass || fail "his answer has the third batch"
run audit list --nik "$MARIA"
expect_rc 64 "--nik needs --reason"
# the answer to a subject-access request is whole: a narrowing option is refused, not ignored
requests=$(sql "select count(*) from audit where action='subject_access'")
for narrowing in "--from 2022-10-01" "--to 2022-10-31" "--entity application" "--ref KPG-202210-000001" "--limit 1"; do
  run audit list --nik "$MARIA" --reason "surat 12/X" $narrowing
  expect_rc 64 "--nik with $narrowing"
  o=${narrowing%% *}
  [[ "$err" == *"error: $o excludes --nik"* || "$err" == *"error: --nik excludes $o"* ]] && pass || fail "--nik with $narrowing: says which"
done
expect_eq "$(sql "select count(*) from audit where action='subject_access'")" "$requests" "a refused request is not recorded"
run audit list --nik 5371019913900001 --reason x
expect_rc 65 "--nik must be a valid NIK"
[[ "$err" != *99* ]] && pass || fail "and the error does not echo its hidden digits"

# --- --nik after a NIK correction: an application answers for a person only for the time it
# carried their NIK (and the corrections that gave it or took it away), never for another's.
fresh_db
"$MPP" agency import "$SRC/examples/kupang/agencies.csv" >/dev/null
"$MPP" service import "$SRC/examples/kupang/services.csv" >/dev/null
MPP_NOW=2022-11-05T09:00:00+08:00 run application import "$SRC/examples/kupang/applications-2022-10.csv"
expect_rc 0 "the Kupang month is imported"
R=KPG-202210-000001 # Fransiskus, NIK ...3223; KPG-202210-000002 is Anastasia's, NIK ...1101
FRANS=5371050304733223
ANAS=5371046508721101
kb=$(sql "select id from batch where file_name like '%applications-2022-10.csv'")
export MPP_NOW=2022-11-05T10:00:00+08:00 # one instant: the order of the rows decides
"$MPP" application correct $R --name 'Fransiskus Mooy Jr' --reason typo >/dev/null
"$MPP" application correct $R --nik $ANAS --reason wrong >/dev/null
"$MPP" application list --unmasked --reason 'cek KK' --service DUKCAPIL-KK --csv >/dev/null
"$MPP" application correct $R --nik $FRANS --reason undo >/dev/null
"$MPP" application correct $R --phone 081311112222 --reason 'new phone' >/dev/null
# answer NIK: the action|key|batch|reason of each row of the person's answer.
answer() {
  run audit list --nik "$1" --reason 'permintaan warga' --format tsv
  printf '%s\n' "$out" | tail -n +2 | awk -F'\t' '{ split($9, d, "\"reason\":\""); split(d[2], r, "\""); print $5 "|" $7 "|" $8 "|" r[1] }'
}
expect_eq "$(answer $ANAS)" "import||$kb|
correct|$R||wrong
unmasked_read|||cek KK
correct|$R||undo" "Anastasia: her batch, the two corrections that gave her NIK to $R and took it back and the read between them, not the name or phone change"
expect_eq "$(answer $FRANS)" "import||$kb|
correct|$R||typo
correct|$R||wrong
unmasked_read|||cek KK
correct|$R||undo
correct|$R||new phone" "Fransiskus, whose NIK $R carries now: its whole history (the record is his)"
"$MPP" application correct $R --nik $ANAS --reason 'again' >/dev/null
"$MPP" application correct $R --name 'Anastasia?' --reason 'hers now' >/dev/null
expect_eq "$(answer $FRANS)" "import||$kb|
correct|$R||typo
correct|$R||wrong
correct|$R||undo
correct|$R||new phone
correct|$R||again" "Fransiskus does not see what was done while $R carried Anastasia's NIK"
expect_eq "$(answer $ANAS | tail -n 2)" "correct|$R||again
correct|$R||hers now" "Anastasia sees it"
unset MPP_NOW
finish
