-- cpsledger schema, migration 2: treaties, treaty actions and imported status tables.

-- Reference data, loaded from the embedded Fixtures/treaties.json.
CREATE TABLE treaties (
    id                  TEXT    PRIMARY KEY,
    position            INTEGER NOT NULL,
    untc                TEXT    UNIQUE,              -- e.g. VI-19; NULL where another depositary keeps it
    depositary          TEXT    NOT NULL,
    short_title         TEXT    NOT NULL,
    title               TEXT    NOT NULL,
    adopted             TEXT    NOT NULL,
    entry_into_force    TEXT    NOT NULL,
    obligations         TEXT    NOT NULL,            -- JSON array of obligation ids
    signature_required  INTEGER NOT NULL,
    earliest_action     TEXT,
    note                TEXT,
    source              TEXT    NOT NULL
) WITHOUT ROWID;

-- Projection: every treaty action, from treaty_action.recorded events.
CREATE TABLE treaty_actions (
    seq     INTEGER PRIMARY KEY,
    state   TEXT    NOT NULL REFERENCES states(iso3),
    treaty  TEXT    NOT NULL REFERENCES treaties(id),
    action  TEXT    NOT NULL,
    date    TEXT    NOT NULL,
    note    TEXT,
    source  TEXT,
    actor   TEXT    NOT NULL
);
-- The same action on the same date is the same action: importing a table twice adds nothing.
CREATE UNIQUE INDEX treaty_actions_identity ON treaty_actions(state, treaty, action, date);

-- Projection: every imported status table, from treaty_table.imported events.
CREATE TABLE treaty_tables (
    seq         INTEGER PRIMARY KEY,
    treaty      TEXT    NOT NULL REFERENCES treaties(id),
    file        TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    as_at       TEXT,                               -- the table's "status as at" date, when known
    source      TEXT    NOT NULL,
    recorded    INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL
);
