#!/usr/bin/env bash
# Report benchmark: `mpp report monthly` for one month of a database with N applications spread
# over two years, against straightforward SQL in sqlite3 computing the same counts (per service:
# carried in, received, completed, rejected, cancelled, carried out) on the same file.
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
sql="SELECT s.code,
  sum(a.submitted_on < '2022-10-01' AND (a.decided_on IS NULL OR a.decided_on >= '2022-10-01')),
  sum(a.submitted_on BETWEEN '2022-10-01' AND '2022-10-31'),
  sum(a.status = 'completed' AND a.decided_on BETWEEN '2022-10-01' AND '2022-10-31'),
  sum(a.status = 'rejected' AND a.decided_on BETWEEN '2022-10-01' AND '2022-10-31'),
  sum(a.status = 'cancelled' AND a.decided_on BETWEEN '2022-10-01' AND '2022-10-31'),
  sum(a.submitted_on <= '2022-10-31' AND (a.decided_on IS NULL OR a.decided_on > '2022-10-31'))
  FROM application a JOIN service s ON s.id = a.service_id GROUP BY s.code"
for round in 1 2 3; do
  t_mpp=$(ms "$mpp" report monthly --month 2022-10 --csv)
  t_sql=$(ms sqlite3 "$MPP_DB" "$sql")
  awk -v n="$rows" -v m="$t_mpp" -v s="$t_sql" -v r="$round" 'BEGIN {
    printf "round %d, %d applications: mpp report monthly %d ms, straightforward SQL (counts only) %d ms, ratio %.2f\n", r, n, m, s, m / s }'
done
