# Tab completion: `mpp __complete -- W1 … WN` and the bash stub cmd/completion.bash, on the
# Kupang example. The expected candidates are written out by hand.
. "$(dirname "$0")/lib.sh"

# comp WORD…: the sorted candidates for the last word (one line each) in $out.
comp() {
  run __complete -- "$@"
  out=$(printf '%s\n' "$out" | LC_ALL=C sort)
}
# expect_comp "EXPECTED (space-separated, C-sorted)" WORD…
expect_comp() {
  local expected
  expected=$(printf '%s\n' $1)
  shift
  comp "$@"
  [ "$rc" -eq 0 ] && [ -z "$err" ] && [ "$out" == "$expected" ] && pass ||
    fail "complete '$*' (expected: $(echo $expected))"
}

kupang_catalogue
for at in 2022-10-03T08:00 2022-10-04T09:00 2022-10-05T10:00 2022-09-30T11:00; do
  "$MPP" application submit --service DUKCAPIL-KTP --name "Maria Lay" --nik 5371014107900001 \
    --at "$at" >/dev/null 2>&1 || { echo "submit failed"; exit 1; }
done

# Nouns, verbs, options.
expect_comp "agency application audit calendar complaint config db report service survey visit" ""
expect_comp "agency application audit" a
expect_comp "add deactivate export import list show update" agency ""
expect_comp "set-status show submit" application s
expect_comp "--bom --config --csv --db --format --help --json --lang --no-color --operator --output --quiet --reason --unmasked --verbose --version" agency show --
expect_comp "--limit" application list --li
expect_comp "--active --all" agency list --a
expect_comp "--bom --config --csv --db --format --help --json --lang --no-color --operator --output --quiet --reason --unmasked --verbose --version -V -h -o -q -v" agency show -
expect_comp "-q" agency list -q
expect_comp "" nosuch ""
run --help
[[ "$out" != *__complete* ]] && pass || fail "--help does not list __complete"

# Global options anywhere on the line, with or without their values.
expect_comp "show" --db "$MPP_DB" -q agency sh
expect_comp "list" agency --json l
expect_comp "--limit" agency --lang en list --li
expect_comp "--json" application -o out.csv list --js

# Enumerated values, from the lists the options are checked with.
expect_comp "csv json ndjson table tsv" --format ""
expect_comp "json" agency list --format j
expect_comp "csv html json markdown ndjson table tsv" report monthly --format ""
expect_comp "json" agency list --format = j
expect_comp "csv html json markdown ndjson table tsv" report monthly --format =
expect_comp "--format=table --format=tsv" agency list --format=t
expect_comp "en id" --lang ""
expect_comp "bank msme private regional rsoe soe vertical" agency add --kind ""
expect_comp "closure collective_leave" calendar add --kind c
expect_comp "processing" application list --status p
expect_comp "cancelled completed processing rejected returned submitted verified" application set-status KPG-202210-000001 ""
expect_comp "fail skip update" agency import --on-conflict ""
expect_comp ", ; tab |" application export --delimiter ""
expect_comp "cp1252 latin1 utf-8" service import --encoding ""
expect_comp "previous" report monthly --month p
expect_comp "agency channel" complaint list --by ""
expect_comp "counter online outreach" application submit --channel ""
expect_comp "" application submit --name ""

# Codes and references from the database, by prefix in any case.
expect_comp "ATRBPN-KUPANG BANK-NTT BAPENDA BPJSTK-KUPANG DPMPTSP DUKCAPIL KPP-KUPANG KUMHAM-NTT PDAM-KUPANG PLN-KUPANG POS-KUPANG" agency show ""
expect_comp "PDAM-KUPANG PLN-KUPANG POS-KUPANG" application list --agency p
expect_comp "BANK-NTT BAPENDA" agency update Ba
expect_comp "DUKCAPIL-AKTA-LAHIR DUKCAPIL-AKTA-MATI" service show dukcapil-a
expect_comp "BAPENDA-BPHTB BAPENDA-PBB-LOKET BAPENDA-SPPT" application export --service BAPENDA-
expect_comp "KPG-202210-000001 KPG-202210-000002 KPG-202210-000003" application show kpg-202210
expect_comp "KPG-202209-000001" application set-status KPG-202209
expect_comp "KPG-202209-000001 KPG-202210-000001 KPG-202210-000002 KPG-202210-000003" application void kPg-
expect_comp "" application show KPG-2023

# --db on the line, MPP_DB and MPP_CONFIG name the database.
cp "$MPP_DB" "$T/other.db"
sqlite3 "$T/other.db" "UPDATE agency SET code = 'ZZ-OTHER' WHERE code = 'DUKCAPIL'"
expect_comp "ZZ-OTHER" --db "$T/other.db" agency show z
expect_comp "ZZ-OTHER" agency --db="$T/other.db" show Z
MPP_DB=$T/other.db expect_comp "ZZ-OTHER" agency show z
printf '[database]\npath = "%s"\n' "$T/other.db" >"$T/other.toml"
unset MPP_DB
MPP_CONFIG=$T/other.toml expect_comp "ZZ-OTHER" agency show z
expect_comp "ZZ-OTHER" --config "$T/other.toml" agency show z
export MPP_DB=$T/test.db

# File arguments: the binary answers `:files` and the stub completes file names.
expect_comp ":files" agency import ""
expect_comp ":files" -o ""
expect_comp ":files" report monthly --db ""
expect_comp ":files" application import --rejects r

# No usable database: nothing, exit 0, no message, and no file is created.
expect_comp "" --db "$T/none.db" agency show ""
[ ! -e "$T/none.db" ] && pass || fail "completion created the missing database"
MPP_DB=$T/none.db expect_comp "" application show KPG
[ ! -e "$T/none.db" ] && pass || fail "completion created the database named by MPP_DB"
cp "$MPP_DB" "$T/old.db"
sqlite3 "$T/old.db" "PRAGMA user_version = 8"
expect_comp "" --db "$T/old.db" agency show ""
[ "$(sqlite3 "$T/old.db" 'PRAGMA user_version')" == 8 ] && pass || fail "an old database is left as it is"
printf 'not a database' >"$T/junk.db"
expect_comp "" --db "$T/junk.db" agency show ""
printf '[database\n' >"$T/bad.toml"
MPP_CONFIG=$T/bad.toml expect_comp "" agency show ""
# A closed database (no -wal beside it) is opened immutable: no -wal or -shm is left behind,
# also for a path with a space and a # (percent-encoded in the URI).
for db in "$T/closed.db" "$T/a b#c%d.db"; do
  cp "$MPP_DB" "$db"
  expect_comp "DUKCAPIL" --db "$db" agency show DUK
  [ ! -e "$db-wal" ] && [ ! -e "$db-shm" ] && pass || fail "completion left -wal/-shm beside $db"
done
before=$(fingerprint)
comp agency show ""
[ "$(fingerprint)" == "$before" ] && pass || fail "completion changes nothing in the database"

# The bash stub itself.
stub() {
  PATH=$(dirname "$MPP"):$PATH bash -c '
    source "$1"
    compopt() { echo "compopt $1 $2"; }
    eval "COMP_WORDS=($2)"
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _mpp
    [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' _ "$SRC/cmd/completion.bash" "$1"
}
expect_eq "$(stub 'mpp ag')" "agency" "the stub completes a noun"
expect_eq "$(stub 'mpp agency show Dukcapil')" "DUKCAPIL" "the stub completes a code"
expect_eq "$(stub 'mpp agency list --format = j')" "json" "the stub completes --format=VALUE"
expect_eq "$(stub "mpp application show ''")" "$(printf 'KPG-202209-000001\nKPG-202210-000001\nKPG-202210-000002\nKPG-202210-000003')" "the stub completes references"
expect_eq "$(stub "mpp agency import ''")" "compopt -o default" "the stub falls back to file names"
expect_eq "$(stub "mpp nosuch ''")" "" "the stub offers nothing and no file names for an unknown word"

# A mixed-case reference: completion offers it for any spelling and show finds what it offers.
printf 'reference;service;applicant_name;nik;submitted_at;status\nSc-2022/Kpg-1;DUKCAPIL-KTP;Campuran;5371014107900001;24/10/2022 09:10;diterima\n' >"$T/mixed.csv"
"$MPP" application import "$T/mixed.csv" >/dev/null 2>&1 || fail "importing a mixed-case reference"
expect_comp "Sc-2022/Kpg-1" application show sc-2022/k
expect_comp "Sc-2022/Kpg-1" application show SC-2022/KPG-1
expect_comp "Sc-2022/Kpg-1" application show s
for typed in sc-2022/kpg-1 SC-2022/KPG-1; do
  run application show "$typed" --json
  [ "$rc" -eq 0 ] && [[ "$out" == *'"reference":"Sc-2022/Kpg-1"'* ]] && pass || fail "show finds the completed Sc-2022/Kpg-1 typed as $typed"
done
finish
