-- cpsledger schema, migration 1: the event ledger, reference data and projections.
-- Never edit a shipped migration: add vNNNN_*.sql instead (applied in name order at open).

-- The append-only event ledger. Every write to the ledger is one row here.
-- hash = SHA-256 hex of: prev_hash || "\n" || JSON [seq, recorded_at, actor, kind] || "\n" || payload
CREATE TABLE events (
    seq          INTEGER PRIMARY KEY CHECK (seq > 0),
    recorded_at  TEXT    NOT NULL,               -- UTC, 2026-11-29T10:41:07.123Z
    actor        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,               -- canonical JSON
    prev_hash    TEXT    NOT NULL,
    hash         TEXT    NOT NULL
);

CREATE TRIGGER events_reject_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed (record a correction instead)');
END;

CREATE TRIGGER events_reject_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed (record a retraction instead)');
END;

-- Reference data, loaded from the embedded Fixtures/ when the ledger is created.
CREATE TABLE obligations (
    id               TEXT    PRIMARY KEY,
    position         INTEGER NOT NULL,
    instrument       TEXT    NOT NULL,
    provision        TEXT    NOT NULL,           -- e.g. art7a
    provision_label  TEXT    NOT NULL,           -- e.g. Article 7(a)
    article          TEXT    NOT NULL,           -- e.g. Article 7
    kind             TEXT    NOT NULL CHECK (kind IN ('measure', 'accession', 'safeguard')),
    themes           TEXT    NOT NULL,           -- JSON array of strings
    title            TEXT    NOT NULL,
    text             TEXT    NOT NULL,
    text_incomplete  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE states (
    iso3            TEXT    PRIMARY KEY CHECK (length(iso3) = 3),
    name            TEXT    NOT NULL,
    member          INTEGER NOT NULL CHECK (member IN (0, 1)),
    admission_date  TEXT,
    regional_group  TEXT
) WITHOUT ROWID;

CREATE TABLE state_aliases (
    alias  TEXT PRIMARY KEY,
    iso3   TEXT NOT NULL REFERENCES states(iso3)
) WITHOUT ROWID;

-- Evidence files, stored once, addressed by the SHA-256 of their bytes.
CREATE TABLE evidence (
    sha256   TEXT    PRIMARY KEY,
    size     INTEGER NOT NULL,
    content  BLOB    NOT NULL
);

-- Projection: every measure, in its latest version. id is the seq of its measure.recorded event.
CREATE TABLE measures (
    id              INTEGER PRIMARY KEY,
    state           TEXT    NOT NULL REFERENCES states(iso3),
    obligation      TEXT    NOT NULL REFERENCES obligations(id),
    status          TEXT    NOT NULL,
    effective_date  TEXT    NOT NULL,
    title           TEXT,
    kind            TEXT,
    source          TEXT,
    note            TEXT,
    justification   TEXT,
    evidence        TEXT    NOT NULL DEFAULT '[]',   -- JSON array of {sha256, filename, size, document_date}
    identity        BLOB    NOT NULL,                -- first 16 bytes of SHA-256 of the content, for duplicates
    recorded_at     TEXT    NOT NULL,
    actor           TEXT    NOT NULL,
    last_seq        INTEGER NOT NULL,                -- the event that gave this version
    retracted_seq   INTEGER                          -- the retraction event; NULL while the measure counts
);
CREATE UNIQUE INDEX measures_identity ON measures(identity) WHERE retracted_seq IS NULL;
-- Covering index of the measures in force, by cell and date: current and as-of status come from it.
CREATE INDEX measures_cell ON measures(state, obligation, effective_date, status) WHERE retracted_seq IS NULL;

-- Projection: every assessment.
CREATE TABLE assessments (
    seq          INTEGER PRIMARY KEY,
    state        TEXT    NOT NULL REFERENCES states(iso3),
    obligation   TEXT    NOT NULL REFERENCES obligations(id),
    rating       TEXT    NOT NULL,
    comment      TEXT,
    assessed_on  TEXT    NOT NULL,
    actor        TEXT    NOT NULL
);
CREATE INDEX assessments_cell ON assessments(state, obligation, assessed_on);

-- Projection: the current status of each (State, obligation) cell that has a measure in force:
-- the measure with the latest effective date (ties: the latest recorded).
-- version_seq is the event that holds the measure's content as counted; test_data is 1 when the
-- measure's title marks it as SYNTHETIC or EXAMPLE data (reports say so).
CREATE TABLE cells (
    state           TEXT    NOT NULL,
    obligation      TEXT    NOT NULL,
    measure_id      INTEGER NOT NULL,
    version_seq     INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    effective_date  TEXT    NOT NULL,
    test_data       INTEGER NOT NULL,
    PRIMARY KEY (state, obligation)
) WITHOUT ROWID;
