-- mpp schema 5: what the audit trail must be able to answer, and filings keyed without a reference.

-- The history of an application is never deleted either (UPDATE is refused since schema 3).
CREATE TRIGGER IF NOT EXISTS application_event_no_delete BEFORE DELETE ON application_event
BEGIN
    SELECT RAISE(ABORT, 'application history is append-only');
END;

-- Every batch that inserted or changed an application (not only the last one), with the line
-- of the file that carried it, so `audit list --nik` can name every batch that held a person's data.
CREATE TABLE IF NOT EXISTS application_batch (
    application_id INTEGER NOT NULL REFERENCES application(id),
    batch_id       INTEGER NOT NULL REFERENCES batch(id),
    line           INTEGER,
    PRIMARY KEY (application_id, batch_id)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO application_batch (application_id, batch_id, line)
    SELECT id, batch_id, NULL FROM application WHERE batch_id IS NOT NULL;
INSERT OR IGNORE INTO application_batch (application_id, batch_id, line)
    SELECT id, touched_batch, touched_line FROM application WHERE touched_batch IS NOT NULL;

-- A filing is identified by person, service and time when a file has no reference column
-- (import.md "Files without a reference column"); the index also serves look-ups by NIK.
DROP INDEX IF EXISTS application_by_nik;
CREATE INDEX IF NOT EXISTS application_by_filing ON application (nik, service_id, submitted_at);
