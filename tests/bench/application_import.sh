#!/usr/bin/env bash
# Import benchmark on application files: `mpp application import` (validated, typed table with
# unique reference, foreign key, 3 indexes, 2 history rows per application) against
# `sqlite3 .import` into a bare table and `sqlite-utils insert --csv`, same file, same run.
# Usage: bash tests/bench/application_import.sh [path/to/mpp] [rows]    (default 1,000,000)
set -euo pipefail
mpp=$(realpath "${1:-build/cmd/mpp}")
rows=${2:-1000000}
src=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
awk -v n="$rows" 'BEGIN { print "reference,service,applicant_name,nik,phone,submitted_at,status,decided_at";
  for (i = 1; i <= n; i++) { d = 1 + (i % 28);
    printf "SC-%07d,DUKCAPIL-KTP,Pemohon %d,53710%d%02d10%02d%04d,0812%08d,%02d/10/2022 09:%02d,selesai,%02d/10/2022 15:00\n",
      i, i, (i % 9) + 1, d, 50 + (i % 40), 1 + (i % 9998), i, d, i % 60, d } }' >apps.csv
export MPP_DB=$dir/mpp.db
"$mpp" db init --office-code KPG --utc-offset +08:00
"$mpp" agency import "$src/examples/kupang/agencies.csv"
"$mpp" service import "$src/examples/kupang/services.csv"
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
t_mpp=$(ms "$mpp" application import apps.csv)
rss_mpp=$(MPP_DB=$dir/again.db sh -c "'$mpp' db init >/dev/null; '$mpp' agency import '$src/examples/kupang/agencies.csv'; '$mpp' service import '$src/examples/kupang/services.csv'" && MPP_DB=$dir/again.db rss "$mpp" application import apps.csv)
t_sqlite=$(ms sqlite3 bare.db ".import --csv apps.csv application")
t_utils=na
if command -v sqlite-utils >/dev/null; then
  t_utils=$(ms sqlite-utils insert utils.db application apps.csv --csv)
fi
awk -v n="$rows" -v m="$t_mpp" -v s="$t_sqlite" -v u="$t_utils" -v r="$rss_mpp" 'BEGIN {
  printf "%d rows: mpp %.0f rows/s (peak RSS %.1f MB), sqlite3 .import (bare table) %.0f rows/s", n, n / (m / 1000), r / 1024, n / (s / 1000);
  if (u != "na") printf ", sqlite-utils %.0f rows/s", n / (u / 1000);
  printf "\nratio mpp / sqlite3 .import: %.2f", s / m;
  if (u != "na") printf "; mpp / sqlite-utils: %.2f", u / m;
  printf "\n" }'
