-- mpp schema 7: visits, the satisfaction survey (SKM) and complaints (measures.md), with the
-- tallies the monthly report sums, kept in the same transaction as every change to a visit or
-- a response (like report_day for applications).

-- A queue ticket (kind `ticket`, count 1) or a day's tally-sheet count (kind `count`).
CREATE TABLE visit (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('ticket', 'count')),
    key         TEXT NOT NULL UNIQUE, -- measures.md "Keys": (agency, day, ticket), the row, or
                                      -- (day, agency, service, channel) for a count
    agency_id   INTEGER NOT NULL REFERENCES agency(id),
    service_id  INTEGER REFERENCES service(id), -- NULL: counted only at its agency and above
    day         TEXT NOT NULL,                  -- local date (of taken_at for a ticket)
    channel     TEXT NOT NULL CHECK (channel IN ('counter', 'outreach')),
    ticket      TEXT,                           -- the queue number, when the file has one
    taken_at    TEXT,                           -- UTC; tickets only
    called_at   TEXT,                           -- UTC
    finished_at TEXT,                           -- UTC
    outcome     TEXT CHECK (outcome IN ('served', 'no_show')), -- tickets only
    count       INTEGER NOT NULL CHECK (count >= 0), -- 1 for a ticket
    batch_id    INTEGER REFERENCES batch(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX visit_by_day ON visit (day, agency_id);

-- Per local day, agency and service (0: none), the additive visit figures.
CREATE TABLE visit_tally (
    day        TEXT NOT NULL,
    agency_id  INTEGER NOT NULL,
    service_id INTEGER NOT NULL,           -- 0: visits without a service
    records    INTEGER NOT NULL DEFAULT 0, -- visit rows (a count row of 0 is still a record)
    visits     INTEGER NOT NULL DEFAULT 0, -- tickets + counts
    served     INTEGER NOT NULL DEFAULT 0, -- tickets served + counts
    no_show    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, agency_id, service_id)
) STRICT, WITHOUT ROWID;

-- Tickets per whole minutes waited (`wait`: taken_at to called_at) or served (`service`:
-- called_at to finished_at), so medians and p90 pool exactly over any period.
CREATE TABLE visit_minutes (
    day        TEXT NOT NULL,
    agency_id  INTEGER NOT NULL,
    service_id INTEGER NOT NULL, -- 0: none
    measure    TEXT NOT NULL CHECK (measure IN ('wait', 'service')),
    minutes    INTEGER NOT NULL,
    tickets    INTEGER NOT NULL,
    PRIMARY KEY (day, agency_id, service_id, measure, minutes)
) STRICT, WITHOUT ROWID;

-- One SKM respondent (anonymous: no personal field is ever stored).
CREATE TABLE survey_response (
    id          INTEGER PRIMARY KEY,
    surveyed_on TEXT NOT NULL,                  -- local date
    agency_id   INTEGER NOT NULL REFERENCES agency(id),
    service_id  INTEGER REFERENCES service(id), -- NULL: the agency only
    u1 INTEGER CHECK (u1 BETWEEN 1 AND 4), u2 INTEGER CHECK (u2 BETWEEN 1 AND 4),
    u3 INTEGER CHECK (u3 BETWEEN 1 AND 4), u4 INTEGER CHECK (u4 BETWEEN 1 AND 4),
    u5 INTEGER CHECK (u5 BETWEEN 1 AND 4), u6 INTEGER CHECK (u6 BETWEEN 1 AND 4),
    u7 INTEGER CHECK (u7 BETWEEN 1 AND 4), u8 INTEGER CHECK (u8 BETWEEN 1 AND 4),
    u9 INTEGER CHECK (u9 BETWEEN 1 AND 4),      -- NULL: not answered
    gender      TEXT CHECK (gender IN ('L', 'P')),
    age         INTEGER CHECK (age BETWEEN 0 AND 150),
    education   TEXT,
    occupation  TEXT,
    suggestion  TEXT,
    batch_id    INTEGER REFERENCES batch(id),
    line        INTEGER,                        -- the line of the batch's file
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX survey_by_day ON survey_response (surveyed_on);

-- Per local day, agency and service (0: none): respondents and, per unsur, the sum and the
-- number of answers.
CREATE TABLE survey_tally (
    day         TEXT NOT NULL,
    agency_id   INTEGER NOT NULL,
    service_id  INTEGER NOT NULL, -- 0: none
    respondents INTEGER NOT NULL DEFAULT 0,
    s1 INTEGER NOT NULL DEFAULT 0, n1 INTEGER NOT NULL DEFAULT 0,
    s2 INTEGER NOT NULL DEFAULT 0, n2 INTEGER NOT NULL DEFAULT 0,
    s3 INTEGER NOT NULL DEFAULT 0, n3 INTEGER NOT NULL DEFAULT 0,
    s4 INTEGER NOT NULL DEFAULT 0, n4 INTEGER NOT NULL DEFAULT 0,
    s5 INTEGER NOT NULL DEFAULT 0, n5 INTEGER NOT NULL DEFAULT 0,
    s6 INTEGER NOT NULL DEFAULT 0, n6 INTEGER NOT NULL DEFAULT 0,
    s7 INTEGER NOT NULL DEFAULT 0, n7 INTEGER NOT NULL DEFAULT 0,
    s8 INTEGER NOT NULL DEFAULT 0, n8 INTEGER NOT NULL DEFAULT 0,
    s9 INTEGER NOT NULL DEFAULT 0, n9 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, agency_id, service_id)
) STRICT, WITHOUT ROWID;

-- A complaint (pengaduan), e.g. from SP4N-LAPOR!.
CREATE TABLE complaint (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE COLLATE NOCASE, -- the source's tracking number (found
                                      -- whatever its case), else ADU-{yyyy}{mm}-{seq:04}
    received_at TEXT NOT NULL,        -- UTC
    received_on TEXT NOT NULL,        -- local date
    channel     TEXT NOT NULL CHECK (channel IN ('lapor', 'counter', 'box', 'phone', 'whatsapp',
                                                 'email', 'social')),
    agency_id   INTEGER REFERENCES agency(id),  -- NULL: the MPP itself
    service_id  INTEGER REFERENCES service(id),
    subject     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'resolved', 'rejected')),
    status_at   TEXT NOT NULL,        -- UTC
    closed_on   TEXT,                 -- local date it was resolved or rejected
    complainant TEXT,
    contact     TEXT,
    batch_id    INTEGER REFERENCES batch(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX complaint_by_received ON complaint (received_on, received_at); -- the list's order
-- Closed in a period, or after its end (open at it): covering, the sums read no table row.
CREATE INDEX complaint_by_closed ON complaint (closed_on, received_on, agency_id, service_id,
                                               channel, status);
-- A row without an id is the same complaint as one received in the same minute on the same
-- channel with the same subject (complaint import).
CREATE INDEX complaint_by_arrival ON complaint (received_at, channel);
CREATE INDEX complaint_open ON complaint (received_on) WHERE closed_on IS NULL;

-- Every status change of a complaint, never edited or deleted.
CREATE TABLE complaint_event (
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    seq          INTEGER NOT NULL,
    at           TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    operator     TEXT NOT NULL,
    note         TEXT,
    PRIMARY KEY (complaint_id, seq)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER complaint_event_no_update BEFORE UPDATE ON complaint_event
BEGIN
    SELECT RAISE(ABORT, 'complaint history is append-only');
END;
CREATE TRIGGER complaint_event_no_delete BEFORE DELETE ON complaint_event
BEGIN
    SELECT RAISE(ABORT, 'complaint history is append-only');
END;
