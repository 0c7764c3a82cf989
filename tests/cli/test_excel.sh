# The Excel round trip (issue 10 item 5): the rejects file in the input's delimiter, encoding
# and BOM, re-imported after fixing without --ignore-unknown; --delimiter and --bom on every
# export and report CSV, and an export that re-imports unchanged; hints where Excel is the cause.
. "$(dirname "$0")/lib.sh"
fresh_db

hex() { od -An -tx1 -v | tr -d ' \n'; }
codes() { sql "SELECT group_concat(code, ' ') FROM (SELECT code FROM agency ORDER BY code)"; }

# --- 1. comma, UTF-8 without BOM: rejects the same, CRLF, a quoted comma stays quoted
csv c1.csv 'code,name,kind' 'A1,Satu,bank' 'B1,"Dua, Kota",nope' 'C1,Tiga,bank' 'D1,Empat,ngo'
run agency import "$T/c1.csv" --skip-invalid --rejects "$T/r1.csv"
expect_rc 65 "utf-8: rows rejected"
expect_eq "$(codes)" "A1 C1" "utf-8: the valid rows are committed"
expect_eq "$(head -c 4 "$T/r1.csv" | hex)" "636f6465" "utf-8: no BOM in, none out"
expect_eq "$(head -1 "$T/r1.csv")" $'code,name,kind,error\r' "utf-8: comma header, CRLF, error last"
expect_eq "$(sed -n 2p "$T/r1.csv" | cut -c1-44)" "B1,\"Dua, Kota\",nope,\"kind: 'nope' is not one" "utf-8: the row as read, quoted for ','"
sed -e 's/,nope,/,bank,/' -e 's/,ngo,/,bank,/' "$T/r1.csv" >"$T/f1.csv"
run agency import "$T/f1.csv"
expect_rc 0 "utf-8: the fixed rejects re-import without --ignore-unknown"
expect_eq "$(codes)" "A1 B1 C1 D1" "utf-8: exactly the rejected rows are loaded"
expect_eq "$(sql "SELECT name FROM agency WHERE code = 'B1'")" "Dua, Kota" "utf-8: the quoted cell"

# --- 2. ';' with a UTF-8 BOM (Excel "CSV UTF-8" in an Indonesian locale)
printf '\xef\xbb\xbfKode;Nama Instansi;Jenis\r\nA2;Satu;Bank\r\nB2;Dua, Kota;BUMX\r\n' >"$T/c2.csv"
run agency import "$T/c2.csv" --skip-invalid --rejects "$T/r2.csv"
expect_rc 65 "bom: a row rejected"
expect_eq "$(head -c 3 "$T/r2.csv" | hex)" "efbbbf" "bom: BOM in, BOM out"
expect_eq "$(head -1 "$T/r2.csv" | tail -c +4)" $'Kode;Nama Instansi;Jenis;error\r' "bom: ';' and the header as written"
expect_eq "$(grep -c '^B2;Dua, Kota;BUMX;' "$T/r2.csv")" "1" "bom: ';' keeps a comma unquoted"
sed 's/;BUMX;/;BUMN;/' "$T/r2.csv" >"$T/f2.csv"
run agency import "$T/f2.csv"
expect_rc 0 "bom: the fixed rejects re-import"
expect_eq "$(codes)" "A1 A2 B1 B2 C1 D1" "bom: exactly the rejected row is loaded"

# --- 3. cp1252 (Excel "CSV (Comma delimited)" on Windows) with é: rejects written back in cp1252
printf 'code;name;kind\r\nA3;Jos\xe9;bank\r\nB3;Andr\xe9 \x93Ucok\x94;nope\r\n' >"$T/c3.csv"
run agency import "$T/c3.csv" --encoding cp1252 --skip-invalid --rejects "$T/r3.csv"
expect_rc 65 "cp1252: a row rejected"
iconv -f utf-8 -t utf-8 "$T/r3.csv" >/dev/null 2>&1
expect_eq "$?" "1" "cp1252: the rejects file is not UTF-8"
expect_eq "$(iconv -f cp1252 -t utf-8 "$T/r3.csv" | sed -n 2p | cut -d';' -f1-3)" "B3;André “Ucok”;nope" "cp1252: the row in cp1252"
expect_eq "$(LC_ALL=C grep -c $'Andr\xe9 \x93Ucok\x94' "$T/r3.csv")" "1" "cp1252: the very bytes of the input"
sed 's/;nope;/;bank;/' "$T/r3.csv" >"$T/f3.csv"
run agency import "$T/f3.csv" --encoding cp1252
expect_rc 0 "cp1252: the fixed rejects re-import"
expect_eq "$(sql "SELECT name FROM agency WHERE code = 'B3'")" "André “Ucok”" "cp1252: stored as UTF-8"
expect_eq "$(codes)" "A1 A2 A3 B1 B2 B3 C1 D1" "cp1252: exactly the rejected row is loaded"

# --- 4. UTF-16LE, tab-separated (Excel "Unicode Text"): rejects in UTF-16LE with its BOM
{ printf '\xff\xfe'; printf 'code\tname\tkind\r\nA4\tÉmpat\tbank\r\nB4\tLimá\tnope\r\nC4\tEnam\tnope\r\n' | iconv -f utf-8 -t utf-16le; } >"$T/c4.txt"
run agency import "$T/c4.txt" --skip-invalid --rejects "$T/r4.txt"
expect_rc 65 "utf-16: rows rejected"
expect_eq "$(head -c 2 "$T/r4.txt" | hex)" "fffe" "utf-16: the UTF-16LE BOM"
tail -c +3 "$T/r4.txt" | iconv -f utf-16le -t utf-8 >"$T/r4.utf8"
expect_eq "$?" "0" "utf-16: the rest is UTF-16LE"
expect_eq "$(head -1 "$T/r4.utf8")" $'code\tname\tkind\terror\r' "utf-16: tab-separated, CRLF"
expect_eq "$(sed -n 2p "$T/r4.utf8" | cut -f1-3)" $'B4\tLimá\tnope' "utf-16: the row as read"
{ printf '\xff\xfe'; sed 's/\tnope\t/\tbank\t/' "$T/r4.utf8" | iconv -f utf-8 -t utf-16le; } >"$T/f4.txt"
run agency import "$T/f4.txt"
expect_rc 0 "utf-16: the fixed rejects re-import"
expect_eq "$(codes)" "A1 A2 A3 A4 B1 B2 B3 B4 C1 C4 D1" "utf-16: exactly the rejected rows are loaded"
expect_eq "$(sql "SELECT name FROM agency WHERE code = 'B4'")" "Limá" "utf-16: decoded"

# --- a rejects file rejected again keeps one error column, with the new problem
csv c5.csv 'code,name,kind' 'E5,Lima,nope'
run agency import "$T/c5.csv" --skip-invalid --rejects "$T/r5.csv"
sed 's/,nope,/,ngo,/' "$T/r5.csv" >"$T/f5.csv"
run agency import "$T/f5.csv" --skip-invalid --rejects "$T/r5b.csv"
expect_rc 65 "still wrong: rejected again"
expect_eq "$(head -1 "$T/r5b.csv")" $'code,name,kind,error\r' "one error column, not two"
expect_eq "$(sed -n 2p "$T/r5b.csv" | cut -c1-30)" "E5,Lima,ngo,\"kind: 'ngo' is no" "the new problem replaces the old"

# --- an `error` column that is not the last is somebody's data: unknown as any other
csv c6.csv 'code,error,name,kind' 'F6,x,Enam,bank'
run agency import "$T/c6.csv"
expect_rc 65 "an error column in the middle is unknown"
expect_err "$T/c6.csv:1:2: unknown column 'error'" "named with its place"

# --- --delimiter and --bom on every export and report CSV
run agency export --delimiter ';' --bom
expect_rc 0 "agency export --delimiter ';' --bom"
expect_eq "$(printf '%s' "$out" | head -c 3 | hex)" "efbbbf" "export: BOM"
expect_eq "$(printf '%s' "$out" | head -1 | tail -c +4 | cut -d';' -f1-3)" "code;name;kind" "export: ';'"
for d in ',' tab '|'; do
  run agency list --format csv --delimiter "$d"
  expect_rc 0 "--delimiter $d"
done
expect_eq "$(printf '%s' "$out" | head -1 | cut -d'|' -f1-3)" "code|name|kind" "--delimiter '|'"
for bad in ':' ';;' 'x' ''; do
  run agency export --delimiter "$bad"
  expect_rc 64 "--delimiter '$bad' is a usage error"
done
run agency list --format json --bom
expect_rc 64 "--bom with --format json is a usage error"
expect_err "--bom and --delimiter are for CSV output, not --format json" "says why"
run agency list --delimiter ';'
expect_rc 64 "--delimiter with the table format is a usage error"
run report monthly --month 2022-10 --bom
expect_rc 64 "report --bom without --format csv is a usage error"
expect_err "add --format csv" "report: says what to do"

# --- a report CSV for Excel: ';', BOM, decimals with a comma; the same figures as ','
fresh_db
MPP_NOW=2022-11-05T09:00:00+08:00
"$MPP" agency import "$SRC/examples/kupang/agencies.csv" >/dev/null 2>&1
"$MPP" service import "$SRC/examples/kupang/services.csv" >/dev/null 2>&1
"$MPP" application import "$SRC/examples/kupang/applications-2022-10.csv" >/dev/null 2>&1
expect_eq "$(sql 'SELECT count(*) FROM application')" "309" "the Kupang example is loaded"
run report monthly --month 2022-10 --format csv
comma=$out
run report monthly --month 2022-10 --format csv --delimiter ';' --bom -o "$T/laporan.csv"
expect_rc 0 "report monthly --delimiter ';' --bom"
expect_eq "$(head -c 3 "$T/laporan.csv" | hex)" "efbbbf" "report: BOM"
total_comma=$(printf '%s\n' "$comma" | grep '^total,' | tr -d '\r')
total_semi=$(tail -c +4 "$T/laporan.csv" | grep '^total;' | tr -d '\r')
expect_eq "$(printf '%s' "$total_comma" | cut -d, -f15)" "96.1" "report: the on-time % with a point under ','"
expect_eq "$(printf '%s' "$total_semi" | cut -d';' -f15)" "96,1" "report: with a comma under ';'"
expect_eq "$total_semi" "$(printf '%s' "$total_comma" | tr ',.' ';,')" "report: the same figures"
run report summary --from 2022-10-01 --to 2022-10-31 --format csv --delimiter ';'
expect_rc 0 "report summary --delimiter ';'"
expect_out "total;;;;;" "report summary: ';'"
run report overdue --as-of 2022-11-30 --format csv --delimiter tab
expect_rc 0 "report overdue --delimiter tab"
expect_eq "$(printf '%s' "$out" | head -1 | cut -f1-2)" $'reference\tagency' "report overdue: tab"

# --- an export for Excel re-imports into an empty database unchanged (same bytes again)
for noun in agency service application; do
  extra=()
  [ "$noun" = application ] && extra=(--unmasked --reason "pindah server")
  [ "$noun" != application ] && extra=(--all)
  run "$noun" export --delimiter ';' --bom "${extra[@]}" -o "$T/$noun-1.csv"
  expect_rc 0 "$noun export for Excel"
done
fresh_db
for noun in agency service application; do
  run "$noun" import "$T/$noun-1.csv"
  expect_rc 0 "$noun: the Excel export imports into an empty database"
done
for noun in agency service application; do
  extra=()
  [ "$noun" = application ] && extra=(--unmasked --reason "pindah server")
  [ "$noun" != application ] && extra=(--all)
  run "$noun" export --delimiter ';' --bom "${extra[@]}" -o "$T/$noun-2.csv"
  cmp -s "$T/$noun-1.csv" "$T/$noun-2.csv"
  expect_eq "$?" "0" "$noun: exported again, the same bytes"
done
expect_eq "$(grep -c ';' "$T/application-1.csv")" "310" "application export: ';' on every line"
run report monthly --month 2022-10 --format csv
expect_eq "$out" "$comma" "the report of the re-imported database is the same"

# --- hints where Excel is the cause: a workbook given as CSV, US dates
printf 'PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml' >"$T/apps.xlsx"
run application import "$T/apps.xlsx"
expect_rc 65 "an .xlsx is refused"
expect_eq "$err" "mpp: error: $T/apps.xlsx is an Excel workbook (.xlsx), not CSV: in Excel use File → Save As → CSV UTF-8 (Comma delimited) and import that file" "one line: save it as CSV"
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00' >"$T/agencies.csv"
run agency import "$T/agencies.csv"
expect_rc 65 "an .xls named .csv is refused by its content"
expect_err "agencies.csv is an Excel workbook (.xls), not CSV" "named by content, not by name"
expect_eq "$(printf '%s\n' "$err" | wc -l)" "1" "xls: one line"
csv us.csv 'reference,service,applicant_name,nik,submitted_at,status' \
  'KPG-202211-000001,DUKCAPIL-KTP,Budi,5371014107900001,10/24/2022 9:15,received'
run application import "$T/us.csv"
expect_rc 65 "a US date is refused"
expect_err "$T/us.csv:2:5: submitted_at: '10/24/2022 9:15' is an impossible date (day 24 of month 10? dates are D/M/YYYY)" "with the day/month hint"

finish
