#!/usr/bin/env bash
# The pure-SQL import a competent engineer writes for the same work as `mpp application import`
# (quality.md "Benchmarks compare like with like"), on a fresh `mpp db init` database with the
# agencies and services loaded: `.import` into a staging table, then INSERT ... SELECT into mpp's
# own tables in one transaction, writing what mpp writes: the application rows with their derived
# dates (local dates, start_on and due_on from a working-day-number table built from the calendar
# and the calendar.* settings), two history rows per application, application_batch,
# reference_seq, the batch and audit rows, the report tallies (report_day, report_elapsed) by
# GROUP BY, and the file's SHA-256 for the re-import guard. The same tricks as mpp: secondary
# indexes of `application` dropped and rebuilt for a batch of 50,000 rows or more, foreign_keys
# ON, synchronous FULL, WAL (set by db init), a 64 MiB page cache.
# It does less than mpp: no validation of NIKs, phones, dates or lifecycle rules, no conflict
# look-ups; it reads the bench's own layout only (`;`, DD/MM/YYYY HH:MM, fixed column order).
# Usage: pure_import.sh DB FILE NOW_UTC [--no-tallies]
set -euo pipefail
db=$1 file=$2 now=$3
tallies=$([ "${4:-}" = --no-tallies ] && echo 0 || echo 1)
sha=$(sha256sum "$file" | cut -d' ' -f1)
rows=$(($(wc -l <"$file") - 1))
user=$(id -un)
# The office's UTC offset as an SQLite modifier (+08:00 -> '-480 minutes').
offset=$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'office.utc_offset'")
sign=${offset:0:1} hh=${offset:1:2} mm=${offset:4:2}
minutes=$((10#$hh * 60 + 10#$mm))
to_utc="'$([ "$sign" = + ] && echo - || echo +)$minutes minutes'"
# mpp drops the secondary indexes of `application` once a batch reaches max(50000, rows stored).
stored=$(sqlite3 "$db" "SELECT count(*) FROM application")
if [ -n "$(sqlite3 "$db" "SELECT 1 FROM batch WHERE noun = 'application' AND sha256 = '$sha' AND skipped = 0 AND invalid = 0")" ]; then
  echo "already imported" >&2 # the re-import guard
  exit 0
fi
drop=$([ "$rows" -ge 50000 ] && [ "$rows" -ge "$stored" ] && echo 1 || echo 0)
secondary="WHERE type = 'index' AND tbl_name = 'application' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
# Read before the import starts: no second connection opens the database while it runs.
drops=$(sqlite3 "$db" "SELECT 'DROP INDEX \"' || name || '\";' FROM sqlite_schema $secondary")
creates=$(sqlite3 "$db" "SELECT sql || ';' FROM sqlite_schema $secondary")
# DD/MM/YYYY HH:MM -> YYYY-MM-DD HH:MM (local).
iso() { echo "(substr($1,7,4)||'-'||substr($1,4,2)||'-'||substr($1,1,2)||' '||substr($1,12,5))"; }
utc() { echo "strftime('%Y-%m-%dT%H:%M:%SZ', $1, $to_utc)"; }
{
  cat <<SQL
PRAGMA foreign_keys = ON;
PRAGMA synchronous = FULL;
PRAGMA cache_size = -65536;
CREATE TEMP TABLE staging (reference, service, applicant_name, nik, phone, channel, submitted,
  status, status_at, decided, paused_days, fee, note);
.mode csv
.separator ";"
.import --skip 1 $file staging
BEGIN IMMEDIATE;
-- Working-day numbers: n = working days up to and including the day; wn finds the n-th one.
CREATE TEMP TABLE wd (day TEXT PRIMARY KEY, n INTEGER NOT NULL, work INTEGER NOT NULL) WITHOUT ROWID;
WITH RECURSIVE d(j) AS (SELECT julianday('2000-01-01') UNION ALL SELECT j + 1 FROM d WHERE j < julianday('2100-12-31')),
flag AS (SELECT j, (instr((SELECT value FROM setting WHERE key = 'calendar.workweek'),
    substr('sunmontuewedthufrisat', 1 + 3 * strftime('%w', j), 3)) > 0
  AND NOT EXISTS (SELECT 1 FROM calendar c WHERE c.date = date(j) AND (c.kind <> 'collective_leave'
    OR (SELECT value FROM setting WHERE key = 'calendar.collective_leave_is_holiday') = 'true'))) AS w FROM d)
INSERT INTO wd SELECT date(j), sum(w) OVER (ORDER BY j), w FROM flag;
CREATE TEMP TABLE wn (n INTEGER PRIMARY KEY, day TEXT NOT NULL);
INSERT INTO wn SELECT n, day FROM wd WHERE work;
INSERT INTO batch (noun, file_name, sha256, rows_read, inserted, updated, unchanged, skipped,
  invalid, operator, started_at, finished_at)
VALUES ('application', '$file', '$sha', 0, 0, 0, 0, 0, 0, '$user', '$now', '$now');
CREATE TEMP TABLE b AS SELECT last_insert_rowid() AS id, (SELECT coalesce(max(id), 0) FROM application) AS before;
SQL
  if [ "$drop" = 1 ]; then echo "$drops"; fi
  cat <<SQL
WITH p AS (
  SELECT rowid + 1 AS line, reference, service, applicant_name, nik,
    nullif(replace(replace(phone, '-', ''), ' ', ''), '') AS phone,
    CASE lower(channel) WHEN 'loket' THEN 'counter' WHEN 'daring' THEN 'online' ELSE 'outreach' END AS channel,
    $(iso submitted) AS sub,
    CASE lower(status) WHEN 'selesai' THEN 'completed' WHEN 'ditolak' THEN 'rejected'
      WHEN 'dibatalkan' THEN 'cancelled' WHEN 'diterima' THEN 'submitted' WHEN 'berkas lengkap' THEN 'verified'
      WHEN 'diproses' THEN 'processing' ELSE 'returned' END AS status,
    CASE WHEN decided <> '' THEN $(iso decided) WHEN status_at <> '' THEN $(iso status_at) END AS at_local,
    decided <> '' AS final, CAST(paused_days AS INTEGER) AS paused, nullif(fee, '') AS fee,
    nullif(note, '') AS note
  FROM staging)
INSERT INTO application (reference, service_id, applicant_name, nik, phone, channel, submitted_at,
  submitted_on, start_on, status, status_at, decided_at, decided_on, sla_days, imported_paused,
  paused_days, paused_since, due_on, fee, note, batch_id, touched_batch, touched_line, created_at,
  updated_at)
SELECT p.reference, s.id, p.applicant_name, p.nik,
  CASE WHEN p.phone LIKE '+62%' THEN p.phone WHEN p.phone LIKE '62%' THEN '+' || p.phone
    WHEN p.phone IS NOT NULL THEN '+62' || substr(p.phone, 2) END,
  p.channel, $(utc p.sub), substr(p.sub, 1, 10), st.day, p.status,
  $(utc "max(coalesce(p.at_local, p.sub), p.sub)"),
  CASE WHEN p.final THEN $(utc "max(p.at_local, p.sub)") END,
  CASE WHEN p.final THEN substr(max(p.at_local, p.sub), 1, 10) END,
  s.sla_days, p.paused, p.paused,
  CASE WHEN p.status = 'returned' THEN substr(max(coalesce(p.at_local, p.sub), p.sub), 1, 10) END,
  due.day, coalesce(p.fee, s.fee), p.note, b.id, b.id, p.line, '$now', '$now'
FROM p JOIN service s ON s.code = p.service
  JOIN wd ON wd.day = substr(p.sub, 1, 10)
  JOIN wn st ON st.n = wd.n + 1 - wd.work
  JOIN wn due ON due.n = st.n + s.sla_days + p.paused, b
ORDER BY p.line;
INSERT INTO application_event (application_id, seq, at, from_status, to_status, operator)
SELECT a.id, k.seq, CASE k.seq WHEN 1 THEN a.submitted_at ELSE a.status_at END,
  CASE k.seq WHEN 2 THEN 'submitted' END, CASE k.seq WHEN 1 THEN 'submitted' ELSE a.status END, '$user'
FROM application a, (SELECT 1 AS seq UNION ALL SELECT 2) k, b
WHERE a.id > b.before AND (k.seq = 1 OR a.status <> 'submitted')
ORDER BY a.id, k.seq;
INSERT INTO application_batch (application_id, batch_id, line)
SELECT a.id, b.id, a.touched_line FROM application a, b WHERE a.id > b.before ORDER BY a.id;
INSERT INTO reference_seq (key, last)
SELECT substr(reference, 1, 11) || '{seq}', max(CAST(substr(reference, 12) AS INTEGER))
FROM application a, b WHERE a.id > b.before GROUP BY 1
ON CONFLICT (key) DO UPDATE SET last = max(last, excluded.last);
SQL
  if [ "$tallies" = 1 ]; then
    cat <<SQL
-- The tallies (tally.cpp): received on the submission day, decisions on the decision day, and the
-- overdue spans of imported applications (at most one open stay in 'returned', no closed stays).
CREATE TEMP TABLE t AS
SELECT a.*, sw.n AS start_n, (SELECT n FROM wd WHERE day = max(a.paused_since, a.start_on)) AS counted_n,
  max(a.submitted_on, date(a.due_on, '+1 day')) AS over_from
FROM application a JOIN wd sw ON sw.day = a.start_on, b WHERE a.id > b.before;
WITH c (service_id, day, received, completed, rejected, cancelled, on_time, fees, overdue, off, rc, ro, rx) AS (
  SELECT service_id, submitted_on, 1, 0, 0, 0, 0, 0, 0, 0, channel = 'counter', channel = 'online', channel = 'outreach' FROM t
  UNION ALL
  SELECT service_id, decided_on, 0, status = 'completed', status = 'rejected', status = 'cancelled',
    status <> 'cancelled' AND decided_on <= due_on, CASE status WHEN 'completed' THEN fee ELSE 0 END, 0, 0, 0, 0, 0
  FROM t WHERE decided_on IS NOT NULL
  UNION ALL -- a fixed due date: overdue from the day after it until the decision (or the stay)
  SELECT service_id, over_from, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 FROM t
  WHERE over_from < coalesce(decided_on, paused_since, '9999')
  UNION ALL
  SELECT service_id, coalesce(decided_on, paused_since), 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0 FROM t
  WHERE over_from < coalesce(decided_on, paused_since, '9999') AND coalesce(decided_on, paused_since) IS NOT NULL
  UNION ALL -- an open stay: past due from its first counted day when sla + paused < the days before it
  SELECT service_id, max(paused_since, start_on), 0, 0, 0, 0, 0, 0, k < 0, k = 0, 0, 0, 0
  FROM (SELECT *, sla_days + imported_paused - max(0, counted_n - start_n) AS k FROM t WHERE paused_since IS NOT NULL)
  WHERE k <= 0)
INSERT INTO report_day (service_id, day, received, completed, rejected, cancelled, on_time, fees, overdue, overdue_off_days,
  received_counter, received_online, received_outreach)
SELECT service_id, day, sum(received), sum(completed), sum(rejected), sum(cancelled), sum(on_time), sum(fees), sum(overdue), sum(off),
  sum(rc), sum(ro), sum(rx)
FROM c WHERE true GROUP BY service_id, day
HAVING sum(received) OR sum(completed) OR sum(rejected) OR sum(cancelled) OR sum(on_time) OR sum(fees) OR sum(overdue) OR sum(off)
ON CONFLICT (service_id, day) DO UPDATE SET received = received + excluded.received,
  completed = completed + excluded.completed, rejected = rejected + excluded.rejected,
  cancelled = cancelled + excluded.cancelled, on_time = on_time + excluded.on_time,
  fees = fees + excluded.fees, overdue = overdue + excluded.overdue,
  overdue_off_days = overdue_off_days + excluded.overdue_off_days,
  received_counter = received_counter + excluded.received_counter,
  received_online = received_online + excluded.received_online,
  received_outreach = received_outreach + excluded.received_outreach;
INSERT INTO report_elapsed (day, service_id, elapsed, decisions)
SELECT t.decided_on, t.service_id, max(0, dw.n - t.start_n - t.paused_days), count(*)
FROM t JOIN wd dw ON dw.day = t.decided_on WHERE t.status <> 'cancelled' GROUP BY 1, 2, 3
ON CONFLICT (day, service_id, elapsed) DO UPDATE SET decisions = decisions + excluded.decisions;
SQL
  fi
  if [ "$drop" = 1 ]; then
    echo "PRAGMA cache_size = -8192;" # as mpp: the sorter shares the cache's memory
    echo "$creates"
    echo "PRAGMA cache_size = -65536;"
  fi
  cat <<SQL
UPDATE batch SET rows_read = $rows, inserted = (SELECT count(*) FROM application a, b WHERE a.id > b.before)
WHERE id = (SELECT id FROM b);
INSERT INTO audit (at, operator, os_user, action, entity, key, detail, batch_id)
SELECT '$now', '$user', '$user', 'import', 'application', NULL,
  json_object('file', '$file', 'sha256', '$sha', 'rows', $rows, 'inserted', inserted, 'updated', 0,
    'unchanged', 0, 'skipped', 0, 'invalid', 0), id FROM batch WHERE id = (SELECT id FROM b);
COMMIT;
SQL
} | sqlite3 -bail -cmd '.timeout 10000' "$db"
