-- mpp schema 3: permit applications (permohonan), their status history and reference numbers.
-- Dates derived for speed (local dates, start day, due date, paused days) are recomputed in the
-- same transaction whenever the calendar, the calendar settings or the history change.

CREATE TABLE application (
    id              INTEGER PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    service_id      INTEGER NOT NULL REFERENCES service(id),
    applicant_name  TEXT NOT NULL,
    nik             TEXT NOT NULL,
    phone           TEXT,
    channel         TEXT NOT NULL,
    submitted_at    TEXT NOT NULL, -- UTC
    submitted_on    TEXT NOT NULL, -- local date
    start_on        TEXT NOT NULL, -- SLA start day: the next working day from submitted_on
    status          TEXT NOT NULL,
    status_at       TEXT NOT NULL, -- UTC
    decided_at      TEXT,          -- UTC, for completed, rejected, cancelled
    decided_on      TEXT,          -- local date of decided_at
    sla_days        INTEGER NOT NULL,
    imported_paused INTEGER NOT NULL DEFAULT 0, -- working days paused in the source system
    paused_days     INTEGER NOT NULL DEFAULT 0, -- imported + closed stays in `returned`
    paused_since    TEXT,          -- local date the open stay in `returned` began
    due_on          TEXT NOT NULL, -- due date counting the closed pauses
    fee             INTEGER NOT NULL,
    note            TEXT,
    batch_id        INTEGER REFERENCES batch(id), -- the import that created it
    touched_batch   INTEGER,       -- the last import that wrote it, and the line
    touched_line    INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX application_by_time ON application (submitted_at, reference);
CREATE INDEX application_by_decision ON application (decided_on); -- reports: decided or open
CREATE INDEX application_by_nik ON application (nik);

-- Every status change, never edited.
CREATE TABLE application_event (
    application_id INTEGER NOT NULL REFERENCES application(id),
    seq            INTEGER NOT NULL,
    at             TEXT NOT NULL,
    from_status    TEXT,
    to_status      TEXT NOT NULL,
    operator       TEXT NOT NULL,
    note           TEXT,
    PRIMARY KEY (application_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER application_event_no_update BEFORE UPDATE ON application_event
BEGIN
    SELECT RAISE(ABORT, 'application history is append-only');
END;

-- The highest sequence number in use per reference key (the template without {seq}).
CREATE TABLE reference_seq (
    key  TEXT PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
