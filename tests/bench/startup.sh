#!/usr/bin/env bash
# Start-up benchmark: one short command, `mpp agency list`, against `sqlite3 DB 'select …'`
# on the same database, N calls each, in the same run. Prints ms per call and the ratio.
# Usage: bash tests/bench/startup.sh [path/to/mpp] [calls]     (quality.md bar: ratio <= 1.5)
set -euo pipefail
mpp=${1:-build/cmd/mpp}
calls=${2:-500}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export MPP_DB=$dir/bench.db
"$mpp" db init --office-code KPG --utc-offset +08:00
"$mpp" agency import "$(dirname "$0")/../../examples/kupang/agencies.csv"
query='select code, name, kind, counter, contact_name, phone, email, joined_on, left_on, note from agency order by code'
time_calls() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$calls"); do "$@" >/dev/null; done
  end=$(date +%s%N)
  echo $(((end - start) / calls))
}
for round in 1 2 3; do
  m=$(time_calls "$mpp" agency list --csv)
  s=$(time_calls sqlite3 "$MPP_DB" "$query")
  awk -v m="$m" -v s="$s" -v r="$round" \
    'BEGIN { printf "round %d: mpp %.2f ms/call, sqlite3 %.2f ms/call, ratio %.2f\n", r, m / 1e6, s / 1e6, m / s }'
done
