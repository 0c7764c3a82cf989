#!/usr/bin/env bash
# Import benchmark on agency files: `mpp agency import` against `sqlite3 .import` into a bare
# table and `sqlite-utils insert --csv`, on the same generated file in the same run.
# Usage: bash tests/bench/agency_import.sh [path/to/mpp] [rows]
set -euo pipefail
mpp=${1:-build/cmd/mpp}
rows=${2:-500000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk -v n="$rows" 'BEGIN { print "code,name,kind,counter,phone";
  for (i = 0; i < n; i++) printf "A%07d,Agency number %d of the bench,bank,Loket %d,0380 8%06d\n", i, i, i % 40, i }' >"$dir/a.csv"
seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
MPP_DB=$dir/mpp.db "$mpp" db init
t_mpp=$(seconds env MPP_DB="$dir/mpp.db" "$mpp" agency import "$dir/a.csv")
t_sqlite=$(seconds sqlite3 "$dir/sqlite.db" ".import --csv $dir/a.csv agency")
t_utils=na
if command -v sqlite-utils >/dev/null; then
  t_utils=$(seconds sqlite-utils insert "$dir/utils.db" agency "$dir/a.csv" --csv)
fi
awk -v n="$rows" -v m="$t_mpp" -v s="$t_sqlite" -v u="$t_utils" 'BEGIN {
  printf "%d rows: mpp %.0f rows/s, sqlite3 .import %.0f rows/s", n, n / (m / 1000), n / (s / 1000);
  if (u != "na") printf ", sqlite-utils %.0f rows/s", n / (u / 1000);
  printf "\nmpp vs sqlite3 .import (bare table): %.2fx", s / m;
  if (u != "na") printf "; mpp vs sqlite-utils: %.2fx", u / m;
  printf "\n" }'
