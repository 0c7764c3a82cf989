-- mpp schema 10: the open applications that can be overdue on a day, found by index
-- (quality.md: `report overdue` visits only open applications past due). An open application
-- is overdue on D when D > its due date on D (data.md "SLA"); that due date is never before the
-- stored one unless a closed stay in `returned` counted a working day (then it may lie before
-- the stored one, and only the start day bounds it). The expression is written the same way in
-- lib/mpp/selection.cpp so that the planner uses the index; `decided_on` (always NULL here)
-- leads the key so that the planner prefers it to the decision index without statistics.
CREATE INDEX IF NOT EXISTS application_open_due
    ON application (decided_on, (CASE WHEN paused_days = imported_paused THEN due_on ELSE start_on END))
    WHERE decided_on IS NULL;
