-- mpp schema 6: corrections by a person (data.md "Corrections") and variable fees as offices
-- write them in their Standar Pelayanan (data.md "Service").

-- A void application should never have existed (a duplicate, a test entry): it keeps its history
-- and its reference, but no report, list or export counts it. NULL = not void.
ALTER TABLE application ADD COLUMN voided_at TEXT; -- UTC

-- What an event records: `status` (a lifecycle move; the only kind the SLA clock reads),
-- `corrected`, `voided` or `unvoided`. A non-status event has no from_status, its to_status is the
-- status the application kept, and `detail` holds the change as JSON (old and new, masked).
ALTER TABLE application_event ADD COLUMN kind TEXT NOT NULL DEFAULT 'status'
    CHECK (kind IN ('status', 'corrected', 'voided', 'unvoided'));
ALTER TABLE application_event ADD COLUMN detail TEXT;

-- A variable fee written as text (`Sesuai Perda No. 5 Tahun 2021`): the service has no amount
-- (fee = 0) and its applications carry their own fee. NULL = the fee is the amount in `fee`.
ALTER TABLE service ADD COLUMN fee_text TEXT;

-- The values a correction replaced in what identifies a filing: `service` (its code), `nik`,
-- `submitted_at` (stored UTC form). The source system's cumulative export still carries them, so
-- an import --on-conflict update takes such a row for the corrected record, not as a change.
CREATE TABLE application_superseded (
    application_id INTEGER NOT NULL REFERENCES application (id),
    field TEXT NOT NULL CHECK (field IN ('service', 'nik', 'submitted_at')),
    value TEXT NOT NULL,
    PRIMARY KEY (application_id, field, value)
) STRICT, WITHOUT ROWID;
