-- mpp schema 9: what a calendar change must recompute, found by index (data.md "SLA").
-- An application's stored dates and tallies can move only with a date D in its window: from the
-- local date it was submitted (its start day may move) to the last of its due date, its
-- decision and its last status change (the stays in `returned` lie before it). The expression
-- is written the same way in lib/mpp/calendar_change.cpp so that the planner uses the index.
CREATE INDEX IF NOT EXISTS application_by_window
    ON application (max(due_on, coalesce(decided_on, ''), status_at), submitted_on);

-- The applications that were ever returned (a few percent): their stays, without reading the
-- whole history.
CREATE INDEX IF NOT EXISTS application_event_returned
    ON application_event (application_id) WHERE to_status = 'returned';
