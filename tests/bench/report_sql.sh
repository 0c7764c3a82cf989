#!/usr/bin/env bash
# The SQL baselines of a period report (quality.md "Benchmarks compare like with like"): the
# application figures of `mpp report monthly`/`summary` for each service, each agency and the
# office (carried in, received, completed, rejected, cancelled, carried out, decided, on time,
# late, elapsed average/median/max in working days, overdue open at the end, fees), as CSV.
#   raw:     the best query over raw rows: only the rows that can count (submitted_on <= L AND
#            (decided_on IS NULL OR decided_on >= F), through application_by_decision), working
#            days from a day-number table built from the calendar for the dates the data spans;
#   tallies: the same figures summed from mpp's own tallies (report_day, report_elapsed).
# The medians come from a histogram of elapsed days (one row per value), as mpp does.
# Usage: report_sql.sh raw|tallies DB FIRST LAST
set -euo pipefail
kind=$1 db=$2 f=$3 l=$4
# Working-day numbers (n: working days up to and including the day) from the first submission
# to a week past L.
workdays="CREATE TEMP TABLE wd (day TEXT PRIMARY KEY, n INTEGER NOT NULL, work INTEGER NOT NULL) WITHOUT ROWID;
WITH RECURSIVE d(j) AS (SELECT julianday(substr((SELECT min(submitted_at) FROM application), 1, 10)) - 1
  UNION ALL SELECT j + 1 FROM d WHERE j < julianday('$l') + 7),
flag AS (SELECT j, (instr((SELECT value FROM setting WHERE key = 'calendar.workweek'),
    substr('sunmontuewedthufrisat', 1 + 3 * strftime('%w', j), 3)) > 0
  AND NOT EXISTS (SELECT 1 FROM calendar c WHERE c.date = date(j) AND (c.kind <> 'collective_leave'
    OR (SELECT value FROM setting WHERE key = 'calendar.collective_leave_is_holiday') = 'true'))) AS w FROM d)
INSERT INTO wd SELECT date(j), sum(w) OVER (ORDER BY j), w FROM flag;"
# From per-row (or per-day) facts f(service_id, carried_in, received, completed, rejected,
# cancelled, on_time, fees, overdue), summed per service first, and a histogram h(service_id,
# elapsed, n): the three levels.
levels="fsv AS (SELECT service_id, sum(carried_in) ci, sum(received) rc, sum(completed) cp, sum(rejected) rj,
  sum(cancelled) cn, sum(on_time) ot, sum(fees) fe, sum(overdue) od FROM f GROUP BY service_id),
g AS (SELECT 'service' AS level, s.code AS code, fsv.* FROM fsv JOIN service s ON s.id = fsv.service_id
  UNION ALL SELECT 'agency', ag.code, fsv.* FROM fsv JOIN service s ON s.id = fsv.service_id JOIN agency ag ON ag.id = s.agency_id
  UNION ALL SELECT 'total', '', fsv.* FROM fsv),
hg AS (SELECT 'service' AS level, s.code AS code, h.elapsed, h.n FROM h JOIN service s ON s.id = h.service_id
  UNION ALL SELECT 'agency', ag.code, h.elapsed, h.n FROM h JOIN service s ON s.id = h.service_id JOIN agency ag ON ag.id = s.agency_id
  UNION ALL SELECT 'total', '', h.elapsed, h.n FROM h),
hs AS (SELECT level, code, elapsed, sum(n) AS n FROM hg GROUP BY 1, 2, 3),
cum AS (SELECT *, sum(n) OVER (PARTITION BY level, code ORDER BY elapsed) AS c,
  sum(n) OVER (PARTITION BY level, code) AS tot FROM hs),
el AS (SELECT level, code, round(1.0 * sum(elapsed * n) / max(tot), 1) AS avg,
  (min(elapsed) FILTER (WHERE c >= (tot + 1) / 2) + min(elapsed) FILTER (WHERE c >= tot / 2 + 1)) / 2.0 AS median,
  max(elapsed) AS mx FROM cum GROUP BY 1, 2),
fs AS (SELECT level, code, sum(ci) ci, sum(rc) rc, sum(cp) cp, sum(rj) rj, sum(cn) cn, sum(ot) ot,
  sum(fe) fe, sum(od) od FROM g GROUP BY 1, 2)
SELECT fs.level, fs.code, ci, rc, cp, rj, cn, ci + rc - cp - rj - cn, cp + rj, ot, cp + rj - ot,
  el.avg, el.median, el.mx, od, fe
FROM fs LEFT JOIN el USING (level, code) ORDER BY fs.level, fs.code;"
if [ "$kind" = raw ]; then
  sql="$workdays
WITH e AS (SELECT (SELECT n FROM wd WHERE day = '$l') AS ln, (SELECT work FROM wd WHERE day = '$l') AS lwork),
r AS MATERIALIZED (SELECT a.service_id, a.submitted_on, a.status, a.decided_on, a.due_on, a.sla_days,
    a.paused_days, a.fee, sw.n AS start_n, e.ln, e.lwork,
    -- in an open stay the due date moves with every working day of it up to L
    CASE WHEN a.paused_since IS NOT NULL AND a.paused_since <= '$l' AND a.decided_on IS NULL THEN
      sw.n + a.sla_days + a.paused_days + max(0, e.ln - (SELECT n FROM wd WHERE day = max(a.paused_since, a.start_on)))
    END AS due_n
  FROM application a JOIN wd sw ON sw.day = a.start_on, e
  WHERE a.submitted_on <= '$l' AND (a.decided_on IS NULL OR a.decided_on >= '$f') AND a.voided_at IS NULL),
f AS (SELECT service_id, submitted_on < '$f' AS carried_in, submitted_on >= '$f' AS received,
  status = 'completed' AND decided_on <= '$l' AS completed,
  status = 'rejected' AND decided_on <= '$l' AS rejected,
  status = 'cancelled' AND decided_on <= '$l' AS cancelled,
  status IN ('completed', 'rejected') AND decided_on <= '$l' AND decided_on <= due_on AS on_time,
  CASE WHEN status = 'completed' AND decided_on <= '$l' THEN fee ELSE 0 END AS fees,
  CASE WHEN decided_on <= '$l' THEN 0
    WHEN due_n IS NOT NULL THEN ln > due_n OR (ln = due_n AND NOT lwork)
    ELSE due_on < '$l' END AS overdue
  FROM r),
h AS (SELECT r.service_id, max(0, dw.n - r.start_n - r.paused_days) AS elapsed, count(*) AS n
  FROM r JOIN wd dw ON dw.day = r.decided_on
  WHERE r.status IN ('completed', 'rejected') AND r.decided_on <= '$l' GROUP BY 1, 2),
$levels"
else
  sql="WITH f AS (SELECT service_id,
  sum(CASE WHEN day < '$f' THEN received - completed - rejected - cancelled ELSE 0 END) AS carried_in,
  sum(CASE WHEN day >= '$f' THEN received ELSE 0 END) AS received,
  sum(CASE WHEN day >= '$f' THEN completed ELSE 0 END) AS completed,
  sum(CASE WHEN day >= '$f' THEN rejected ELSE 0 END) AS rejected,
  sum(CASE WHEN day >= '$f' THEN cancelled ELSE 0 END) AS cancelled,
  sum(CASE WHEN day >= '$f' THEN on_time ELSE 0 END) AS on_time,
  sum(CASE WHEN day >= '$f' THEN fees ELSE 0 END) AS fees,
  sum(overdue) + CASE WHEN EXISTS (SELECT 1 FROM calendar WHERE date = '$l' AND (kind <> 'collective_leave'
      OR (SELECT value FROM setting WHERE key = 'calendar.collective_leave_is_holiday') = 'true'))
    OR instr((SELECT value FROM setting WHERE key = 'calendar.workweek'),
      substr('sunmontuewedthufrisat', 1 + 3 * strftime('%w', '$l'), 3)) = 0
    THEN sum(overdue_off_days) ELSE 0 END AS overdue
  FROM report_day WHERE day <= '$l' GROUP BY service_id),
h AS (SELECT service_id, elapsed, sum(decisions) AS n FROM report_elapsed
  WHERE day BETWEEN '$f' AND '$l' GROUP BY 1, 2),
$levels"
fi
sqlite3 -csv "$db" "$sql"
