#!/usr/bin/env bash
# Measures benchmark (Step 7): a database with N applications over four years plus 1M queue
# tickets, 200k SKM responses and 50k complaints (scaled with the arguments), then the median of
# five runs of each command a cron job or an operator runs about one period. The data is kept
# when MPP_BENCH_DIR is set (a second run only measures).
# Usage: bash tests/bench/measures.sh [path/to/mpp] [applications] [visits] [responses] [complaints]
#        (defaults: build/cmd/mpp 1000000 1000000 200000 50000)
set -euo pipefail
mpp=$(realpath "${1:-build/cmd/mpp}")
apps=${2:-1000000}
visits=${3:-1000000}
responses=${4:-200000}
complaints=${5:-50000}
src=$(cd "$(dirname "$0")/../.." && pwd)
dir=${MPP_BENCH_DIR:-$(mktemp -d)}
[ -n "${MPP_BENCH_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir"
cd "$dir"
export MPP_DB=$dir/mpp.db MPP_NOW=2026-01-05T08:00:00+08:00
if [ ! -f "$MPP_DB" ]; then
  "$mpp" db init --office-code KPG --utc-offset +08:00 >/dev/null
  "$mpp" agency import "$src/examples/kupang/agencies.csv" >/dev/null
  "$mpp" service import "$src/examples/kupang/services.csv" >/dev/null
  # Services and their agencies, for every generator.
  services="DUKCAPIL-KTP:DUKCAPIL DUKCAPIL-KK:DUKCAPIL DUKCAPIL-AKTA-LAHIR:DUKCAPIL PDAM-SAMBUNGAN-BARU:PDAM-KUPANG ATRBPN-PERALIHAN:ATRBPN-KUPANG BPJSTK-JHT:BPJSTK-KUPANG KPP-NPWP-OP:KPP-KUPANG PLN-PASANG-BARU:PLN-KUPANG"
  awk -v n="$apps" -v sv="$services" 'BEGIN { srand(1); split(sv, s, " "); print "reference,service,applicant_name,nik,submitted_at,status,decided_at";
    for (i = 1; i <= n; i++) { d = int(rand() * 1400); y = 2022 + int(d / 350); m = 1 + int((d % 350) / 29.2); day = 1 + d % 24;
      st = rand() < 0.95 ? "selesai" : "diterima"; dd = day + int(rand() * 5); de = (st == "selesai") ? sprintf("%02d/%02d/%d 15:00", dd, m, y) : "";
      split(s[1 + int(rand() * 8)], p, ":");
      printf "R%08d,%s,Pemohon %d,5371%02d%02d%02d%02d%04d,%02d/%02d/%d 09:00,%s,%s\n", i, p[1], i,
        1 + int(rand() * 6), 1 + int(rand() * 28), 1 + int(rand() * 12), 50 + int(rand() * 40), 1 + int(rand() * 9998), day, m, y, st, de } }' >apps.csv
  "$mpp" application import apps.csv --accept-trailing-zeros >/dev/null
  awk -v n="$visits" -v sv="$services" 'BEGIN { srand(2); split(sv, s, " "); print "ticket,agency,service,taken_at,called_at,finished_at,outcome";
    for (i = 1; i <= n; i++) { d = int(rand() * 1400); y = 2022 + int(d / 350); m = 1 + int((d % 350) / 29.2); day = 1 + d % 24;
      split(s[1 + int(rand() * 8)], p, ":"); h = 8 + int(rand() * 6); mi = int(rand() * 50); w = int(rand() * 9);
      printf "T%07d,%s,%s,%02d/%02d/%d %02d:%02d:10,%02d/%02d/%d %02d:%02d:40,,%s\n", i, p[2], p[1], day, m, y, h, mi, day, m, y, h, mi + w, rand() < 0.1 ? "no_show" : "served" } }' >visits.csv
  "$mpp" visit import visits.csv >/dev/null
  awk -v n="$responses" -v sv="$services" 'BEGIN { srand(3); split(sv, s, " "); printf "surveyed_on,service"; for (u = 1; u <= 9; u++) printf ",u%d", u; print "";
    for (i = 1; i <= n; i++) { d = int(rand() * 1400); y = 2022 + int(d / 350); m = 1 + int((d % 350) / 29.2); day = 1 + d % 24;
      split(s[1 + int(rand() * 8)], p, ":"); printf "%d-%02d-%02d,%s", y, m, day, p[1]; for (u = 1; u <= 9; u++) printf ",%d", 2 + int(rand() * 3); print "" } }' >survey.csv
  "$mpp" survey import survey.csv >/dev/null
  awk -v n="$complaints" -v sv="$services" 'BEGIN { srand(4); split(sv, s, " "); print "id,received_at,channel,agency,service,subject,status,status_at";
    for (i = 1; i <= n; i++) { d = int(rand() * 1400); y = 2022 + int(d / 350); m = 1 + int((d % 350) / 29.2); day = 1 + d % 24;
      split(s[1 + int(rand() * 8)], p, ":"); r = rand(); st = r < 0.7 ? "resolved" : r < 0.8 ? "rejected" : r < 0.9 ? "in_progress" : "received";
      printf "LAPOR-%07d,%d-%02d-%02d 10:00,lapor,%s,%s,Keluhan %d,%s,%s\n", i, y, m, day, p[2], p[1], i, st, st == "received" ? "" : sprintf("%d-%02d-%02d 15:00", y, m, day + int(rand() * 4)) } }' >complaints.csv
  "$mpp" complaint import complaints.csv >/dev/null
fi
median_ms() {
  local t=() s e
  for _ in 1 2 3 4 5; do s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); t+=($(((e - s) / 1000000))); done
  printf '%s\n' "${t[@]}" | sort -n | sed -n 3p
}
printf 'database: %d applications, %d visits, %d responses, %d complaints (%s)\n' "$apps" "$visits" "$responses" "$complaints" "$(du -h "$MPP_DB" | cut -f1)"
printf '%-64s %8s\n' command "median ms"
for cmd in "report monthly --month 2024-10 --format csv" "report monthly --month 2024-10 --format json" \
  "report monthly --month 2024-10 --format html" "report skm --period 2024 --format csv" \
  "visit list --by agency --from 2024-10-01 --to 2024-10-31" "complaint list --by agency --from 2024-10-01 --to 2024-10-31" \
  "complaint list --by channel --from 2024-01-01 --to 2024-12-31"; do
  # shellcheck disable=SC2086
  printf '%-64s %8s\n' "$cmd" "$(median_ms "$mpp" $cmd)"
done
