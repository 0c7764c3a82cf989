#!/usr/bin/env bash
# ctest bench.selfcheck: run.sh on 2,000 rows, one run. It must print every ratio line with a
# number (or `skipped` where run.sh says when), and every check must find the pure-SQL import's
# database equal to mpp's and the SQL reports' figures equal to mpp's: a baseline that stops
# doing mpp's work (or mpp that stops writing what the baseline expects) fails here.
# Usage: bash tests/bench/selfcheck.sh PATH/TO/MPP    (exits 77, skipped, without sqlite3/python3)
set -euo pipefail
for tool in sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "skipped: no $tool"; exit 77; }
done
out=$(bash "$(dirname "$0")/run.sh" --rows 2000 --runs 1 --mpp "$1")
echo "$out"
fail=0
for name in import_vs_sql_same_tricks import_vs_sqlite3_import import_vs_sqlite_utils \
  report_month_vs_sql_raw report_month_vs_sql_tallies report_year_vs_sql_raw startup_vs_sqlite3 \
  import_with_vs_without_tallies import_2000_vs_200; do
  if ! grep -Eq "^ratio $name ([0-9]+\.[0-9]+|skipped)$" <<<"$out"; then
    echo "FAIL: no line 'ratio $name VALUE'"
    fail=1
  fi
done
grep -qx "ratio import_10m_vs_1m skipped" <<<"$out" || { echo "FAIL: import_10m_vs_1m not skipped below 10M rows"; fail=1; }
# 6 tables, 4 report comparisons; each says "0 differ".
[ "$(grep -c '^check .* 0 differ' <<<"$out")" -eq 10 ] || { echo "FAIL: a check found a difference"; fail=1; }
[ "$(grep -c '^check ' <<<"$out")" -eq 12 ] || { echo "FAIL: checks missing"; fail=1; }
# The two sums lines (mpp's database, the SQL one) must agree apart from the file name.
[ "$(grep '^check [mp].db sums' <<<"$out" | cut -d: -f2- | sort -u | wc -l)" -eq 1 ] || { echo "FAIL: sums differ"; fail=1; }
exit $fail
