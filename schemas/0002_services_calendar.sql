-- mpp schema 2: the service catalogue (Standar Pelayanan) and the non-working-day calendar.

CREATE TABLE service (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    agency_id         INTEGER NOT NULL REFERENCES agency(id),
    name              TEXT NOT NULL,
    category          TEXT NOT NULL CHECK (category IN ('business_permit', 'non_business_permit',
                          'non_permit', 'civil_registry', 'payment', 'information')),
    sla_days          INTEGER NOT NULL CHECK (sla_days >= 0),
    fee               INTEGER NOT NULL CHECK (fee >= 0),
    product           TEXT,
    procedure         TEXT,
    legal_basis       TEXT,
    complaint_channel TEXT,
    retired_on        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    batch_id          INTEGER REFERENCES batch(id)
) STRICT;
CREATE INDEX service_by_agency ON service (agency_id);

-- The ordered requirements (persyaratan) of a service.
CREATE TABLE service_requirement (
    service_id INTEGER NOT NULL REFERENCES service(id),
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (service_id, position)
) STRICT, WITHOUT ROWID;

-- One row per non-working date.
CREATE TABLE calendar (
    date     TEXT PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('national', 'collective_leave', 'regional', 'closure')),
    name     TEXT NOT NULL,
    batch_id INTEGER REFERENCES batch(id)
) STRICT, WITHOUT ROWID;
