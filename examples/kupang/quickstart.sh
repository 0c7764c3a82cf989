#!/usr/bin/env bash
# The main job on the Kupang example: install what is missing, build mpp, create a fresh
# database for the Kupang office from examples/kupang/ (agencies, their service catalogue and
# the first month of applications), and print the monthly service report for October 2022.
# Usage: bash examples/kupang/quickstart.sh     (the database is build/kupang.db)
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/install-deps
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target mpp >/dev/null
mpp=$PWD/build/cmd/mpp
export MPP_CONFIG=$PWD/examples/kupang/config.toml
export MPP_DB=$PWD/build/kupang.db
rm -f "$MPP_DB" "$MPP_DB-wal" "$MPP_DB-shm"
"$mpp" -v db init
"$mpp" -v agency import examples/kupang/agencies.csv
"$mpp" -v service import examples/kupang/services.csv
"$mpp" -v application import examples/kupang/applications-2022-10.csv
"$mpp" -v visit import examples/kupang/visits-2022-10.csv
"$mpp" -v visit import examples/kupang/visits-outreach-2022-10.csv
"$mpp" -v survey import examples/kupang/survey-2022-q4.csv
"$mpp" -v complaint import examples/kupang/complaints-2022.csv
echo
echo "Agencies of the Mal Pelayanan Publik Kota Kupang (database: $MPP_DB):"
echo
"$mpp" agency list --all
echo
echo "One service's Standar Pelayanan:"
echo
"$mpp" service show PDAM-SAMBUNGAN-BARU
echo
echo "The satisfaction survey (SKM) of the fourth quarter of 2022:"
echo
"$mpp" report skm --period 2022-Q4
echo
echo "The monthly service report for October 2022 (as cron makes it on 1 November):"
echo
"$mpp" report monthly --month 2022-10
