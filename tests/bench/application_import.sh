#!/usr/bin/env bash
# Import benchmark on application files: `mpp application import` (validated, typed table with
# unique reference, foreign key, 3 indexes, 2 history rows per application) against pure SQL
# doing the same work on the same schema, `sqlite3 .import` into a bare table and
# `sqlite-utils insert --csv`, same file, same run.
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
# Pure SQL doing the same work on the same schema (a fresh mpp database): .import into a
# staging table, then INSERT ... SELECT into the typed table with its keys and indexes, and the
# two history rows per application; same WAL, synchronous and cache settings as mpp.
MPP_DB=$dir/pure.db sh -c "'$mpp' db init >/dev/null; '$mpp' agency import '$src/examples/kupang/agencies.csv'; '$mpp' service import '$src/examples/kupang/services.csv'" >/dev/null 2>&1
iso() { echo "substr($1,7,4)||'-'||substr($1,4,2)||'-'||substr($1,1,2)"; }
cat >pure.sql <<SQL
PRAGMA synchronous = FULL;
PRAGMA cache_size = -65536;
CREATE TEMP TABLE staging (reference, service, applicant_name, nik, phone, submitted_at, status, decided_at);
.import --csv --skip 1 apps.csv staging
BEGIN;
INSERT INTO application (reference, service_id, applicant_name, nik, phone, channel, submitted_at,
  submitted_on, start_on, status, status_at, decided_at, decided_on, sla_days, imported_paused,
  paused_days, due_on, fee, created_at, updated_at)
SELECT t.reference, s.id, t.applicant_name, t.nik, '+62' || substr(t.phone, 2), 'counter',
  $(iso t.submitted_at)||'T'||substr(t.submitted_at,12,5)||':00Z', $(iso t.submitted_at), $(iso t.submitted_at),
  'completed', $(iso t.decided_at)||'T'||substr(t.decided_at,12,5)||':00Z',
  $(iso t.decided_at)||'T'||substr(t.decided_at,12,5)||':00Z', $(iso t.decided_at), s.sla_days, 0, 0,
  $(iso t.decided_at), s.fee, '2022-11-01T00:00:00Z', '2022-11-01T00:00:00Z'
FROM staging t JOIN service s ON s.code = t.service;
INSERT INTO application_event (application_id, seq, at, from_status, to_status, operator)
SELECT id, 1, submitted_at, NULL, 'submitted', 'root' FROM application;
INSERT INTO application_event (application_id, seq, at, from_status, to_status, operator)
SELECT id, 2, status_at, 'submitted', status, 'root' FROM application;
COMMIT;
SQL
t_pure=$(ms sqlite3 pure.db <pure.sql)
t_utils=na
if command -v sqlite-utils >/dev/null; then
  t_utils=$(ms sqlite-utils insert utils.db application apps.csv --csv)
fi
awk -v n="$rows" -v m="$t_mpp" -v s="$t_sqlite" -v u="$t_utils" -v r="$rss_mpp" -v p="$t_pure" 'BEGIN {
  printf "%d rows: mpp %.0f rows/s (peak RSS %.1f MB), pure SQL (same schema) %.0f rows/s, sqlite3 .import (bare table) %.0f rows/s", n, n / (m / 1000), r / 1024, n / (p / 1000), n / (s / 1000);
  if (u != "na") printf ", sqlite-utils %.0f rows/s", n / (u / 1000);
  printf "\nratio mpp / pure SQL: %.2f; mpp / sqlite3 .import: %.2f", p / m, s / m;
  if (u != "na") printf "; mpp / sqlite-utils: %.2f", u / m;
  printf "\n" }'
