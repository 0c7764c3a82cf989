-- mpp schema 1: office settings, agencies, import batches and the audit trail.
-- Timestamps are UTC text (2022-10-24T01:15:00Z); dates are YYYY-MM-DD.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE agency (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('regional', 'vertical', 'soe', 'rsoe', 'bank', 'msme', 'private')),
    counter      TEXT,
    contact_name TEXT,
    phone        TEXT,
    email        TEXT,
    joined_on    TEXT NOT NULL,
    left_on      TEXT,
    note         TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    batch_id     INTEGER REFERENCES batch(id)
) STRICT;

-- One row per import run (committed runs only: a failed run leaves nothing).
CREATE TABLE batch (
    id          INTEGER PRIMARY KEY,
    noun        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    rows_read   INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    invalid     INTEGER NOT NULL,
    operator    TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL
) STRICT;
CREATE INDEX batch_by_hash ON batch (noun, sha256);

-- Append-only: the triggers below refuse UPDATE and DELETE.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    operator TEXT NOT NULL,
    os_user  TEXT NOT NULL,
    action   TEXT NOT NULL,
    entity   TEXT NOT NULL,
    key      TEXT,
    detail   TEXT,
    batch_id INTEGER REFERENCES batch(id)
) STRICT;
CREATE INDEX audit_by_entity ON audit (entity, key);
CREATE INDEX audit_by_time ON audit (at);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
