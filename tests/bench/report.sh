#!/usr/bin/env bash
# Report benchmark: `mpp report monthly` for one month and `mpp report summary` for a year of a
# database with N applications spread over two years, against straightforward SQL in sqlite3
# computing the same counts (per service: carried in, received, completed, rejected, cancelled,
# carried out, on time, fees; no median, no overdue) on the same file.
# Usage: bash tests/bench/report.sh [path/to/mpp] [applications]    (default 1,000,000)
set -euo pipefail
mpp=$(realpath "${1:-build/cmd/mpp}")
rows=${2:-1000000}
src=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export MPP_DB=$dir/mpp.db MPP_NOW=2023-01-01T08:00:00+08:00
"$mpp" db init --office-code KPG --utc-offset +08:00
"$mpp" agency import "$src/examples/kupang/agencies.csv"
"$mpp" service import "$src/examples/kupang/services.csv"
awk -v n="$rows" 'BEGIN { srand(1); print "reference,service,applicant_name,nik,submitted_at,status,decided_at";
  split("DUKCAPIL-KTP DUKCAPIL-KK DUKCAPIL-AKTA-LAHIR PDAM-SAMBUNGAN-BARU ATRBPN-PERALIHAN BPJSTK-JHT KPP-NPWP-OP PLN-PASANG-BARU", s, " ");
  for (i = 1; i <= n; i++) { d = int(rand() * 700); y = 2021 + int(d / 350); m = 1 + int((d % 350) / 29.2); day = 1 + d % 24;
    st = rand() < 0.95 ? "selesai" : "diterima"; dd = day + int(rand() * 5); de = (st == "selesai") ? sprintf("%02d/%02d/%d 15:00", dd, m, y) : "";
    printf "R%08d,%s,Pemohon %d,5371%02d%02d%02d%02d%04d,%02d/%02d/%d 09:00,%s,%s\n", i, s[1 + int(rand() * 8)], i,
      1 + int(rand() * 6), 1 + int(rand() * 28), 1 + int(rand() * 12), 50 + int(rand() * 40), 1 + int(rand() * 9998), day, m, y, st, de } }' >apps.csv
"$mpp" application import apps.csv --accept-trailing-zeros
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
# The straightforward SQL for a period: per service the counts of reports.md.
period_sql() {
  local f=$1 l=$2
  echo "SELECT s.code,
  sum(a.submitted_on < '$f' AND (a.decided_on IS NULL OR a.decided_on >= '$f')),
  sum(a.submitted_on BETWEEN '$f' AND '$l'),
  sum(a.status = 'completed' AND a.decided_on BETWEEN '$f' AND '$l'),
  sum(a.status = 'rejected' AND a.decided_on BETWEEN '$f' AND '$l'),
  sum(a.status = 'cancelled' AND a.decided_on BETWEEN '$f' AND '$l'),
  sum(a.submitted_on <= '$l' AND (a.decided_on IS NULL OR a.decided_on > '$l')),
  sum(a.decided_on BETWEEN '$f' AND '$l' AND a.status <> 'cancelled' AND a.decided_on <= a.due_on),
  sum(CASE WHEN a.status = 'completed' AND a.decided_on BETWEEN '$f' AND '$l' THEN a.fee END)
  FROM application a JOIN service s ON s.id = a.service_id GROUP BY s.code"
}
for round in 1 2 3; do
  t_mpp=$(ms "$mpp" report monthly --month 2022-10 --csv)
  t_sql=$(ms sqlite3 "$MPP_DB" "$(period_sql 2022-10-01 2022-10-31)")
  y_mpp=$(ms "$mpp" report summary --from 2022-01-01 --to 2022-12-31 --csv)
  y_sql=$(ms sqlite3 "$MPP_DB" "$(period_sql 2022-01-01 2022-12-31)")
  awk -v n="$rows" -v m="$t_mpp" -v s="$t_sql" -v ym="$y_mpp" -v ys="$y_sql" -v r="$round" 'BEGIN {
    printf "round %d, %d applications: month: mpp %d ms, straightforward SQL (counts only, no median) %d ms, ratio %.3f; year: mpp %d ms, SQL %d ms, ratio %.3f\n", r, n, m, s, m / s, ym, ys, ym / ys }'
done
