# mpp agency: every verb, its errors, and every output format.
. "$(dirname "$0")/lib.sh"
fresh_db

# --- add
run agency add --code dukcapil --name "Dinas Kependudukan dan Pencatatan Sipil Kota Kupang" \
  --kind "Perangkat Daerah" --counter "Loket 9" --phone "0380 8553104" --email Info@Kupang.go.id
expect_rc 0 "agency add"
expect_no_out "add prints nothing on stdout"
expect_no_err "add is silent without a terminal"
expect_eq "$(sql "select code||'|'||kind||'|'||phone||'|'||email||'|'||joined_on from agency")" \
  "DUKCAPIL|regional|+623808553104|Info@kupang.go.id|2022-10-24" "fields are normalised; joined_on defaults to today"
expect_eq "$(sql "select count(*) from audit where entity='agency' and action='create'")" "1" "one audit row"
run -v agency add --code DUKCAPIL --name X --kind regional
expect_rc 65 "add of an existing code"
expect_err "agency 'DUKCAPIL' already exists" "names it"
expect_err "--upsert" "hints at --upsert"
fp=$(fingerprint)
run agency add --code X --name "Bad" --kind regional
expect_rc 65 "a bad code"
expect_err "code: 'X' is not a valid code" "names the field"
run agency add --code KPP --name "KPP" --kind tax-office
expect_rc 65 "a bad kind"
expect_err "kind: 'tax-office' is not one of: regional, vertical" "lists the kinds"
run agency add --code KPP --name "KPP" --kind vertical --phone 12
expect_rc 65 "a bad phone"
run agency add --code KPP --name "KPP" --kind vertical --joined-on 31/02/2022
expect_rc 65 "an impossible date"
expect_err "impossible date" "says so"
run agency add --code KPP --kind vertical
expect_rc 64 "a missing --name is a usage error"
expect_err "mpp: error: --name is required" "names the missing option"
run agency add --code KPP --name "KPP Pratama Kupang"
expect_rc 64 "a missing --kind is a usage error, like any missing required option"
expect_eq "$(printf '%s\n' "$err" | head -1)" "mpp: error: --kind is required" "in one clear line"
run agency add --code KPP --name "KPP Pratama Kupang" --kind ""
expect_rc 65 "an empty --kind is invalid data"
expect_err "kind: is required" "names the field"
run agency add --help
expect_rc 0 "agency add --help"
expect_eq "$(printf '%s\n' "$out" | grep -oE -- '^ +--(code|name|kind|counter) [A-Z]+( REQUIRED)?' | tr -s ' ')" " --code TEXT REQUIRED
 --name TEXT REQUIRED
 --kind TEXT REQUIRED
 --counter TEXT" "the help marks --code, --name and --kind REQUIRED, not --counter"
expect_out "Usage: mpp agency add --code TEXT --name TEXT --kind TEXT [OPTIONS]" "the usage line names them"
ex=$(printf '%s\n' "$out" | grep -n '^Examples:' | cut -d: -f1)
opt=$(printf '%s\n' "$out" | grep -n '^Options:' | cut -d: -f1)
[ -n "$ex" ] && [ -n "$opt" ] && [ "$ex" -lt "$opt" ] && pass || fail "the examples come before the options ($ex, $opt)"
expect_eq "$(printf '%s\n' "$out" | sed -n "$((ex + 1))p")" '  mpp agency add --code DUKCAPIL --name "Dinas Dukcapil Kota Kupang" --kind regional' "the examples are agency add's own"
run agency add --code KPP --name "$(printf 'a\033[31mb')" --kind vertical
expect_rc 65 "control characters in a name"
expect_eq "$(fingerprint)" "$fp" "failed adds change nothing"
run agency add --code KPP --name "KPP Pratama Kupang" --kind vertical --dry-run -v
expect_rc 0 "add --dry-run"
expect_err "dry run" "says it is a dry run"
expect_eq "$(fingerprint)" "$fp" "--dry-run writes nothing"

# --- upsert: safe to re-run
run agency add --upsert --code PLN --name "PT PLN UP3 Kupang" --kind soe --joined-on 24/10/2022
expect_rc 0 "upsert creates"
MPP_NOW=2023-03-01T10:00:00+08:00 run -v agency add --upsert --code PLN --name "PT PLN UP3 Kupang" --kind soe
expect_err "nothing to change" "re-running an upsert changes nothing (joined_on kept)"
run agency add --upsert --code PLN --name "PT PLN (Persero) UP3 Kupang" --kind soe
expect_eq "$(sql "select name from agency where code='PLN'")" "PT PLN (Persero) UP3 Kupang" "upsert updates"
expect_eq "$(sql "select count(*) from audit where key='PLN'")" "2" "create + update audited, no-op not"

# --- update
run agency update pln --counter "Loket 4"
expect_rc 0 "update"
expect_eq "$(sql "select detail from audit where key='PLN' order by id desc limit 1")" \
  '{"counter":{"from":null,"to":"Loket 4"}}' "the audit detail holds the change"
run -v agency update PLN --counter "Loket 4"
expect_err "nothing to change" "an update without change says so"
run agency update PLN --counter ""
expect_eq "$(sql "select counter is null from agency where code='PLN'")" "1" "an empty value clears a field"
run agency update NOPE --name x
expect_rc 66 "update of an unknown agency"
expect_err "agency 'NOPE' not found" "names it"
run agency update PLN --kind nope
expect_rc 65 "update with a bad value"

# --- show
run agency show dukcapil
expect_rc 0 "show"
expect_out "Kode:" "show prints labels"
expect_out "DUKCAPIL" "and values"
run agency show DUKCAPIL --lang en
expect_out "Code:" "English labels with --lang en"
run agency show DUKCAPIL --json
expect_eq "${out:0:18}" '{"code":"DUKCAPIL"' "show --json prints one object"
run agency show NOPE
expect_rc 66 "show of an unknown agency"

# --- deactivate and list --all
run agency deactivate PLN --at 2024-12-31
expect_rc 0 "deactivate"
expect_no_err "no warning when nothing is open"
expect_eq "$(sql "select left_on from agency where code='PLN'")" "2024-12-31" "left_on set"
run -v agency deactivate PLN
expect_err "already left" "deactivating twice changes nothing"
run agency deactivate DUKCAPIL --at 2020-01-01
expect_rc 65 "leaving before joining"
MPP_NOW=2025-01-02T08:00:00+08:00 run agency list --format csv
expect_eq "$(printf '%s' "$out" | grep -c PLN)" "0" "list hides agencies that have left"
MPP_NOW=2025-01-02T08:00:00+08:00 run agency list --all --format csv
expect_out "PLN,PT PLN (Persero) UP3 Kupang,soe,,,,,2022-10-24,2024-12-31,,false" "--all shows them, inactive"
run agency update PLN --left-on ""
expect_eq "$(sql "select left_on is null from agency where code='PLN'")" "1" "an agency can rejoin"

# --- deactivating an agency whose services still have open applications warns, and still leaves
nik=5371010101900001
"$MPP" service add --code PLN-BARU --agency PLN --name "Pasang baru" --category non_permit --sla-days 5
"$MPP" service add --code PLN-UBAH --agency PLN --name "Ubah daya" --category non_permit --sla-days 5
a1=$("$MPP" application submit --service PLN-BARU --name "Yohanes Lado" --nik $nik)
a2=$("$MPP" application submit --service PLN-BARU --name "Maria Bano" --nik $nik)
a3=$("$MPP" application submit --service PLN-UBAH --name "Agustinus Tefa" --nik $nik)
a4=$("$MPP" application submit --service PLN-UBAH --name "Dua Kali" --nik $nik)
"$MPP" application submit --service PLN-UBAH --name "Obed Nenobais" --nik $nik >/dev/null
"$MPP" application set-status "$a2" completed
"$MPP" application set-status "$a3" rejected
"$MPP" application void "$a4" --reason "dientri dua kali"
fp=$(fingerprint)
run agency deactivate pln --at 2024-12-31 --dry-run
expect_rc 0 "deactivate --dry-run with open applications"
expect_err "mpp: warning: agency PLN still has 2 open applications (they stay open; decide or cancel them)" \
  "--dry-run warns too, counting both services' open applications (not decided, not void)"
expect_eq "$(fingerprint)" "$fp" "--dry-run writes nothing"
run agency deactivate PLN --at 2024-12-31
expect_rc 0 "deactivate with open applications is still done"
expect_err "mpp: warning: agency PLN still has 2 open applications" "the warning reaches a non-terminal stderr (cron mail)"
expect_eq "$(sql "select left_on from agency where code='PLN'")" "2024-12-31" "left_on set despite the warning"
expect_eq "$(sql "select count(*) from application where decided_on is null")" "3" "the open applications stay open"
run agency update PLN --left-on ""
run -q agency deactivate PLN --at 2024-12-31
expect_no_err "-q silences the warning"
run agency update PLN --left-on ""
"$MPP" application set-status "$a1" cancelled
run agency deactivate PLN --at 2024-12-31
expect_err "still has 1 open application (" "one open application: singular"
run agency update PLN --left-on ""

# --- formats
run agency add --code BANK-NTT --name "=HYPERLINK(\"http://x\")" --kind bank --note "+62 catatan"
run agency list --format csv
expect_out $'code,name,kind,counter,contact_name,phone,email,joined_on,left_on,note,active\r' "csv header with CRLF"
expect_out "BANK-NTT,\"'=HYPERLINK(\"\"http://x\"\")\",bank,,,,,2022-10-24,,'+62 catatan,true" "formula guard on text, not codes"
row() { printf '%s\n' "$out" | grep "^$1 "; }
run agency list
[[ "$(row DUKCAPIL)" == *"  Perangkat Daerah  "* ]] && pass || fail "the table names the kind: Perangkat Daerah ($(row DUKCAPIL))"
[[ "$(row PLN)" == *"  BUMN  "* && "$(row BANK-NTT)" == *"  Bank  "* ]] && pass || fail "soe: BUMN, bank: Bank"
run agency list --lang en
[[ "$(row DUKCAPIL)" == *"  Regional government  "* && "$(row PLN)" == *"  State-owned enterprise  "* ]] &&
  pass || fail "English kind labels ($(row PLN))"
run agency show PLN
expect_out "Jenis:      BUMN" "show too"
run agency list --format tsv
expect_out "BANK-NTT	'=HYPERLINK(\"http://x\")	bank" "tsv"
run agency list --format ndjson --limit 1
expect_eq "$(printf '%s\n' "$out" | wc -l)" "1" "ndjson one line per object; --limit"
expect_out '"left_on":null' "null for absent values"
expect_out '"active":true' "booleans are JSON booleans"
run agency list --json
expect_eq "${out:0:1}" "[" "json is one array"
run agency list --csv --bom
expect_eq "$(printf '%s' "$out" | head -c 3 | od -An -tx1 | tr -d ' ')" "efbbbf" "--bom for Excel"
run agency list
expect_out "KODE" "table header"
expect_out "BANK-NTT" "table rows"
run agency list --limit 0
expect_no_out "an empty table prints nothing"
run agency list --limit 0 --json
expect_eq "$out" "[]" "an empty json result is []"
run agency list --limit 0 --csv
expect_eq "$out" $'code,name,kind,counter,contact_name,phone,email,joined_on,left_on,note,active\r' "an empty csv has its header"

# Global options anywhere on the line.
run --json agency list --limit 1
a=$out
run agency list --limit 1 --format json
expect_eq "$out" "$a" "global options before or after the verb mean the same"

# --- an e-mail address is not validated into a safe shape: formula-guarded in CSV (cli.md)
run agency add --code EVIL --name "Agen E" --kind bank --email "=1+2@evil.id" --phone "+62 380 821234" --joined-on 2022-10-01
expect_rc 0 "an e-mail that begins with ="
run agency export --all
expect_out $'EVIL,Agen E,bank,,,+62380821234,\'=1+2@evil.id,2022-10-01' "the e-mail is prefixed, the E.164 phone is not"
run agency list --all --format json
expect_out '"email":"=1+2@evil.id"' "JSON keeps the value itself"

# --- export -> import round trip into a fresh database
run agency export --all -o "$T/agencies.csv"
expect_rc 0 "export"
expect_eq "$(head -1 "$T/agencies.csv")" $'code,name,kind,counter,contact_name,phone,email,joined_on,left_on,note\r' "export has the import columns"
MPP_DB=$T/copy.db "$MPP" db init --office-code KPG --utc-offset +08:00
MPP_DB=$T/copy.db run agency import "$T/agencies.csv"
expect_rc 0 "import of an export"
MPP_DB=$T/copy.db run agency export --all
expect_eq "$out" "$(cat "$T/agencies.csv")" "export → import round-trips"
MPP_DB=$T/copy.db run agency show BANK-NTT --json
expect_out '"name":"=HYPERLINK(\"http://x\")"' "the formula guard is removed again"
MPP_DB=$T/copy.db run agency show EVIL --json
expect_out '"email":"=1+2@evil.id"' "also from the e-mail"

# --- the Kupang example
run agency import "$SRC/examples/kupang/agencies.csv" --on-conflict skip
expect_rc 0 "the Kupang example imports"
expect_eq "$(sql "select count(*) from agency where joined_on='2022-10-24'")" "12" "11 trial agencies (+1 from this suite)"
finish
