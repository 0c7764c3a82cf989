-- mpp schema 4: report tallies. Per service and local day, the additive figures of reports.md,
-- written by mpp in the same transaction as every change to an application and rebuilt with the
-- stored dates when the calendar or its settings change. A report over any period then sums a
-- few thousand small rows instead of visiting millions of applications; `mpp db check`
-- recomputes them from the applications and compares.

CREATE TABLE report_day (
    service_id INTEGER NOT NULL REFERENCES service(id),
    day        TEXT NOT NULL,              -- local date
    received   INTEGER NOT NULL DEFAULT 0, -- submitted that day
    completed  INTEGER NOT NULL DEFAULT 0, -- reached that final status that day
    rejected   INTEGER NOT NULL DEFAULT 0,
    cancelled  INTEGER NOT NULL DEFAULT 0,
    on_time    INTEGER NOT NULL DEFAULT 0, -- decisions that day on or before their due date
    fees       INTEGER NOT NULL DEFAULT 0, -- fees of the applications completed that day
    -- Open applications that become overdue that day, less those that stop being overdue
    -- (decided, or a pause moved the due date): the sum up to D is the number overdue on D.
    overdue    INTEGER NOT NULL DEFAULT 0,
    -- The same for stretches overdue only on non-working days (returned on the due date itself:
    -- the pause counts from the next working day, so a weekend in between is past due).
    overdue_off_days INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (service_id, day)
) STRICT, WITHOUT ROWID;

-- Decisions per service, local day and working days elapsed: medians pool exactly.
CREATE TABLE report_elapsed (
    day        TEXT NOT NULL,
    service_id INTEGER NOT NULL REFERENCES service(id),
    elapsed    INTEGER NOT NULL,
    decisions  INTEGER NOT NULL,
    PRIMARY KEY (day, service_id, elapsed)
) STRICT, WITHOUT ROWID;

