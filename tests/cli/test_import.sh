# The import contract (import.md "Reading" and "Applying") on agency files: for each rule the
# exit code, the message with FILE:LINE:COL, and that the database is unchanged.
. "$(dirname "$0")/lib.sh"
fresh_db
"$MPP" agency add --code EXISTING --name "Already here" --kind bank
fp=$(fingerprint)

# expect_refused NAME DESCRIPTION MESSAGE [ARGS…]: import fails with 65 and changes nothing.
expect_refused() {
  local file=$1 what=$2 message=$3
  shift 3
  run agency import "$T/$file" "$@"
  expect_rc 65 "$what: exit 65"
  expect_err "$message" "$what: message"
  expect_eq "$(fingerprint)" "$fp" "$what: database unchanged"
}

# --- Excel in an Indonesian locale: BOM, ';', CRLF, Indonesian headers, D/M/YYYY
printf '\xef\xbb\xbfKode;Nama Instansi;Jenis;No. HP;Tanggal Bergabung\r\nKPP;KPP Pratama Kupang;Instansi Vertikal;0380 821600;24/10/2022\r\n;;;;\r\n\r\n' >"$T/excel.csv"
run agency import "$T/excel.csv" -v
expect_rc 0 "Excel export with BOM, ; and CRLF imports"
expect_err "imported 1 rows from $T/excel.csv" "one summary line"
expect_err "(inserted 1) as batch 2" "with counts and batch (batch 1: the built-in holidays)"
expect_eq "$(sql "select kind||'|'||phone||'|'||joined_on from agency where code='KPP'")" "vertical|+62380821600|2022-10-24" "values parsed"
fp=$(fingerprint)

# --- quoted newlines: LINE is the physical line where the record starts
csv quoted.csv 'code,name,kind,note' 'AA,"Two' 'lines",bank,"note' 'on' 'three lines"' 'BB,Bad,nope,'
expect_refused quoted.csv "error after quoted newlines" "$T/quoted.csv:6:3: kind: 'nope' is not one of"

# --- unterminated quote: reported where it opened
csv unterminated.csv 'code,name,kind' 'AA,"Open,bank' 'BB,Fine,bank' 'CC,Fine,bank'
expect_refused unterminated.csv "unterminated quote" "$T/unterminated.csv:2:2: unterminated quoted field"

# --- invalid UTF-8 with the hint, then cp1252 converts
printf 'code,name,kind\r\nAA,Jos\xe9 Soares,bank\r\n' >"$T/cp1252.csv"
expect_refused cp1252.csv "invalid UTF-8" "$T/cp1252.csv:2:2: byte 0xE9 is not valid UTF-8"
expect_err "try --encoding cp1252" "invalid UTF-8: hint"
run agency import "$T/cp1252.csv" --encoding cp1252
expect_rc 0 "--encoding cp1252 converts"
expect_eq "$(sql "select name from agency where code='AA'")" "José Soares" "converted to UTF-8"
fp=$(fingerprint)
printf 'code,name,kind\r\nLL,Jos\xe9,bank\r\n' >"$T/latin1.csv"
run agency import "$T/latin1.csv" --encoding latin1
expect_rc 0 "--encoding latin1"
fp=$(fingerprint)
run agency import "$T/latin1.csv" --encoding ebcdic
expect_rc 64 "an unknown encoding is a usage error"

# --- UTF-16 with BOM (Excel's Unicode Text, tab-separated)
printf 'code\tname\tkind\r\nUTF16\tDinas Pariwisata\tregional\r\n' | iconv -f UTF-8 -t UTF-16 >"$T/utf16.txt"
run agency import "$T/utf16.txt"
expect_rc 0 "UTF-16 with a BOM is recognised"
expect_eq "$(sql "select name from agency where code='UTF16'")" "Dinas Pariwisata" "UTF-16 content"
fp=$(fingerprint)

# --- ragged rows
csv ragged.csv 'code;name;kind' 'R1;One;bank' 'R2;Two' 'R3;Three;bank;extra'
expect_refused ragged.csv "too few fields" "$T/ragged.csv:3: expected 3 fields, found 2"
expect_err "$T/ragged.csv:4: expected 3 fields, found 4" "too many fields"

# --- header problems
csv dupcol.csv 'code,nama,name,kind' 'D1,x,y,bank'
expect_refused dupcol.csv "two columns for one field" "$T/dupcol.csv:1:3: columns 2 ('nama') and 3 ('name') both give 'name'"
csv missing.csv 'code,name' 'M1,x'
expect_refused missing.csv "missing column" "missing required column kind; expected: code, name, kind"
expect_err "found: code, name" "missing column: lists what was found"
csv unknown.csv 'code,name,kind,warna' 'U1,x,bank,merah'
expect_refused unknown.csv "unknown column" "$T/unknown.csv:1:4: unknown column 'warna'"
csv unknown2.csv 'warna,code,name,kind,kesan' 'merah,U2,x,bank,y'
expect_refused unknown2.csv "two unknown columns" "$T/unknown2.csv:1:1: unknown columns 'warna' (1), 'kesan' (5)"
run agency import "$T/unknown.csv" --ignore-unknown
expect_rc 0 "--ignore-unknown"
fp=$(fingerprint)
csv mapped.csv 'Singkatan,Nama,Golongan' 'MAP1,Mapped,bank'
run agency import "$T/mapped.csv" --map Singkatan=code --map golongan=kind
expect_rc 0 "--map SOURCE=FIELD"
fp=$(fingerprint)
run agency import "$T/mapped.csv" --map Singkatan=colour
expect_rc 64 "--map to an unknown field"
csv onecol.csv 'code name kind' 'X1 x bank'
expect_refused onecol.csv "one column where several are required" "not split into columns"

# --- delimiter option
csv pipe.csv 'code;name|kind' 'P1;x|bank'
run agency import "$T/pipe.csv" --delimiter '|' --map 'code;name=code'
expect_rc 65 "--delimiter overrides detection (then the row is checked)"
run agency import "$T/pipe.csv" --delimiter ':'
expect_rc 64 "a bad --delimiter"

# --- limits
{ printf 'code,name,kind\r\nBIG,'; head -c 70000 /dev/zero | tr '\0' 'x'; printf ',bank\r\n'; } >"$T/oversized.csv"
expect_refused oversized.csv "oversized field" "$T/oversized.csv:2:2: field is longer than 64 KiB"

# --- empty and header-only files
: >"$T/empty.csv"
expect_refused empty.csv "empty file" "the file is empty"
csv header-only.csv 'code,name,kind' ',,' ''
expect_refused header-only.csv "header-only file" "no data rows"

# --- many problems: the first --max-errors, then the exact total
csv many.csv 'code,name,kind' 'A1,One,x' 'A2,Two,x' 'A3,Three,x' 'A4,Four,x' 'A5,Five,x' 'OK,Fine,bank'
run agency import "$T/many.csv" --max-errors 2
expect_rc 65 "--max-errors"
expect_eq "$(printf '%s\n' "$err" | grep -c "kind: 'x'")" "2" "only the first 2 problems are printed"
expect_err "… and 3 more problems in 5 rows" "then the total"
expect_eq "$(fingerprint)" "$fp" "nothing written"

# --- values: trimmed, export guard removed, duplicates in the file
csv dup.csv 'code,name,kind' 'DUP,One,bank' 'dup,Two,bank'
expect_refused dup.csv "a key twice in one file" "$T/dup.csv:3:1: code: 'DUP' appears twice in the file (first on line 2)"
csv conflict.csv 'code,name,kind' 'EXISTING,Changed,bank'
expect_refused conflict.csv "a key already in the database" "agency 'EXISTING' already exists"

# --- --skip-invalid and --rejects
run agency import "$T/many.csv" --skip-invalid
expect_rc 64 "--skip-invalid needs --rejects"
run agency import "$T/many.csv" --skip-invalid --rejects "$T/rejects.csv"
expect_rc 65 "--skip-invalid exits 65 when rows were rejected"
expect_eq "$(sql "select count(*) from agency where code='OK'")" "1" "valid rows are committed"
expect_eq "$(stat -c %a "$T/rejects.csv")" "600" "rejects file mode 0600"
expect_eq "$(head -1 "$T/rejects.csv")" $'code,name,kind,error\r' "rejects has an error column"
expect_eq "$(grep -c "is not one of" "$T/rejects.csv")" "5" "every rejected row with its problem"
fp=$(fingerprint)

# --- --dry-run
csv new.csv 'code,name,kind' 'N1,New one,bank' 'EXISTING,Already here,bank'
run agency import "$T/new.csv" --dry-run --on-conflict update -v
expect_rc 0 "--dry-run"
expect_err "dry run: would import 2 rows" "dry run reports counts"
expect_err "inserted 1, unchanged 1" "with the outcome of each row"
expect_eq "$(fingerprint)" "$fp" "--dry-run writes nothing"
csv bad.csv 'code,name,kind' 'B1,One,x'
run agency import "$T/bad.csv" --dry-run
expect_rc 65 "--dry-run of a bad file exits 65"

# --- --on-conflict and the re-import guard
run agency import "$T/new.csv" --on-conflict skip -v
expect_rc 0 "--on-conflict skip"
expect_err "inserted 1, skipped 1" "counts skipped rows"
fp=$(fingerprint)
run agency import "$T/new.csv" --on-conflict skip -v
expect_rc 0 "the same file again"
expect_err "already imported as batch 9 on 2022-10-24" "is recognised by its SHA-256 (local date)"
expect_eq "$(fingerprint)" "$fp" "and nothing is written"
run agency import "$T/new.csv" --on-conflict skip -q
expect_no_err "-q silences the notice"
run agency import "$T/new.csv" --on-conflict skip --force -v
expect_rc 0 "--force imports it again"
expect_err "skipped 2" "forced re-import"
run agency import "$T/new.csv" --on-conflict sideways
expect_rc 64 "a bad --on-conflict"

# --- stdin and missing files
printf 'code,name,kind\nSTDIN,From a pipe,bank\n' >"$T/pipe-in.csv"
run_in "$T/pipe-in.csv" agency import -
expect_rc 0 "import from stdin"
expect_eq "$(sql "select file_name from batch order by id desc limit 1")" "<stdin>" "stdin is named <stdin>"
run_in "$T/pipe-in.csv" agency import - -v
expect_rc 0 "the same bytes on stdin again"
expect_err "<stdin> already imported as batch" "are recognised before anything is written"
run agency import "$T/nope.csv"
expect_rc 66 "a missing file"
expect_err "cannot read '$T/nope.csv'" "names the file"
run agency import "$T"
expect_rc 66 "a folder is not a file"

# --- a column that is not in the file is not a change (--on-conflict update), for every noun
csv keep-full.csv 'code,name,kind,counter,phone,left_on,note' 'KEEP,Dinas Keep,regional,Loket 7,0380 821600,31/01/2023,catatan'
run agency import "$T/keep-full.csv"
expect_rc 0 "an agency with every optional field"
keep() { sql "select name||'|'||ifnull(counter,'')||'|'||ifnull(phone,'')||'|'||ifnull(left_on,'')||'|'||ifnull(note,'') from agency where code='KEEP'"; }
csv keep-slim.csv 'code,name,kind' 'KEEP,Dinas Keep Baru,regional'
run agency import "$T/keep-slim.csv" --on-conflict update -v
expect_rc 0 "an update from a file with fewer columns"
expect_err "(updated 1)" "counts the changed name"
expect_eq "$(keep)" "Dinas Keep Baru|Loket 7|+62380821600|2023-01-31|catatan" "absent columns keep counter, phone, left_on and note"
csv keep-empty.csv 'code,name,kind,counter,left_on' 'KEEP,Dinas Keep Baru,regional,,'
run agency import "$T/keep-empty.csv" --on-conflict update -v
expect_rc 0 "an update with empty cells"
expect_eq "$(keep)" "Dinas Keep Baru||+62380821600||catatan" "an empty cell in a present column clears the field"
csv svc-full.csv 'code,agency,name,category,sla_days,fee,requirements,retired_on' 'SVC-KEEP,KEEP,Izin Keep,business_permit,5,Rp 150.000,KTP | NPWP,01/06/2023'
run service import "$T/svc-full.csv"
expect_rc 0 "a service with fee, requirements and retired_on"
svc() { sql "select s.sla_days||'|'||s.fee||'|'||coalesce(s.retired_on,'open')||'|'||(select count(*) from service_requirement r where r.service_id=s.id) from service s where code='SVC-KEEP'"; }
csv svc-slim.csv 'code,agency,name,category,sla_days' 'SVC-KEEP,KEEP,Izin Keep,business_permit,7'
run service import "$T/svc-slim.csv" --on-conflict update -v
expect_rc 0 "a service update without fee, requirements and retired_on"
expect_eq "$(svc)" "7|150000|2023-06-01|2" "the fee, the requirements and the retirement are kept"
csv svc-empty.csv 'code,agency,name,category,sla_days,fee,requirements,retired_on' 'SVC-KEEP,KEEP,Izin Keep,business_permit,7,,,'
run service import "$T/svc-empty.csv" --on-conflict update -v
expect_rc 0 "a service update with empty cells"
expect_eq "$(svc)" "7|0|open|0" "empty cells clear them"
csv cal-slim.csv 'date,kind,name' '02/01/2023,regional,Libur'
run calendar import "$T/cal-slim.csv"
csv cal-again.csv 'tanggal;jenis;keterangan' '02/01/2023;regional;Libur'
run calendar import "$T/cal-again.csv" --on-conflict update -v
expect_rc 0 "a calendar update"
expect_err "(unchanged 1)" "the same day again is unchanged"

# --- a batch that rejected rows does not block its own re-run
csv svc-partly.csv 'code,agency,name,category,sla_days' 'SVC-A,KEEP,Satu,non_permit,3' 'SVC-B,LATER,Dua,non_permit,3'
run service import "$T/svc-partly.csv" --skip-invalid --rejects "$T/svc-rejects.csv"
expect_rc 65 "one row rejected"
expect_eq "$(sql "select count(*) from service where code in ('SVC-A','SVC-B')")" "1" "the valid row is loaded"
"$MPP" agency add --code LATER --name "Later" --kind bank
run service import "$T/svc-partly.csv" --on-conflict skip -v
expect_rc 0 "the same file again after fixing the cause"
expect_err "(inserted 1, skipped 1)" "loads exactly the rejected row"
expect_eq "$(sql "select count(*) from service where code in ('SVC-A','SVC-B')")" "2" "both rows are in"
run service import "$T/svc-partly.csv" --on-conflict skip -v
expect_err "already imported as batch" "now that every row is loaded, the guard recognises the file"

# --- a dry run says what the real run would do, never more
csv drybad.csv 'code,name,kind' 'DB1,One,bank' 'DB2,Two,x'
fp=$(fingerprint)
run agency import "$T/drybad.csv" --dry-run -v
expect_rc 65 "a dry run with an invalid row"
[[ "$err" != *"would import"* ]] && pass || fail "a dry run with invalid rows does not claim rows would be imported"
expect_err "1 invalid row; nothing would be imported" "it says nothing would be imported"
expect_eq "$(fingerprint)" "$fp" "and writes nothing"
run agency import "$T/drybad.csv" --dry-run --skip-invalid --rejects "$T/dry-rejects.csv" -v
expect_rc 65 "a dry run with --skip-invalid"
expect_err "dry run: would import 1 rows" "counts the rows the real run would load"
run agency import "$T/drybad.csv"
expect_rc 65 "the real run"
expect_err "1 invalid row; nothing was imported" "imports nothing"
[[ "$err" != *"imported 1 rows"* ]] && pass || fail "the real run does not claim rows"

# --- one batch record and one audit row per import
expect_eq "$(sql "select count(*) from audit where action='import'")" "$(sql 'select count(*) from batch')" "one audit row per batch"
expect_eq "$(sql "select count(*) from batch where sha256 = ''")" "0" "every batch has its SHA-256"
finish
