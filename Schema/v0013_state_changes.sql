-- cpsledger schema, migration 13: States over time (issue 20). A State's change of name, regional
-- group or membership from a date on is a state.changed event; the states table keeps the row the
-- ledger was created with, and a report as of a date reads the State as it stood that day.
-- Never edit a shipped migration: add vNNNN_*.sql instead (applied in name order at open).

-- Projection: one row per state.changed event, and one per change the ledger.created event ships
-- (those rows share its seq). field is name, regional_group or member; from_value and to_value are
-- the values before and from the effective date on (member: 'true' or 'false').
CREATE TABLE state_changes (
    seq         INTEGER NOT NULL,
    iso3        TEXT    NOT NULL REFERENCES states(iso3),
    field       TEXT    NOT NULL,
    from_value  TEXT,
    to_value    TEXT,
    effective   TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    PRIMARY KEY (seq, iso3, field, effective)
);
CREATE INDEX state_changes_state ON state_changes(iso3, field, effective);
