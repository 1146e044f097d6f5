-- cpsledger schema, migration 11: a smaller ledger file (issue 14).
--
-- 1. Event hashes are stored as their 32 bytes instead of 64 hex digits, and prev_hash goes: it
--    always equals the hash of the event before, which `verify` reads from that row. What is hashed
--    does not change: hash = SHA-256(hex of the previous hash || "\n" || [seq, recorded_at, actor,
--    kind] || "\n" || payload); outputs still show lowercase hex.
--    SQLite 3.40 has no unhex(): cpsledger_hash_blob(text) is a function the migration registers.
--    64 lowercase hex digits become their 32 bytes; any other text is kept as its UTF-8 bytes, so a
--    hash edited before the migration still fails `verify`.
-- 2. The measures projection keeps only what reads need indexed and what the events do not say
--    by themselves; the title, kind, source, note, justification and evidence are read from the
--    payload of the event that gave the version (last_seq), recorded_at and actor from the
--    measure.recorded event (seq = id).
--
-- DROP TABLE fires no trigger and drops the table's own triggers and indexes: they are made again
-- below. The views that name the two tables are dropped first (a rename re-reads every view) and
-- made again at the end with the same columns.

DROP VIEW current_status;
DROP VIEW measures_in_force;
DROP VIEW status_as_of;

-- An old ledger's prev_hash that is not the hash of the event before it (an edit behind the
-- ledger's back): kept here, so that `verify` still names that event after prev_hash is gone.
CREATE TABLE events_unchained (
    seq        INTEGER PRIMARY KEY,
    prev_hash  TEXT    NOT NULL
);
INSERT INTO events_unchained (seq, prev_hash)
SELECT e.seq, e.prev_hash FROM events e LEFT JOIN events p ON p.seq = e.seq - 1
WHERE e.prev_hash IS NOT coalesce(p.hash, '0000000000000000000000000000000000000000000000000000000000000000');

-- The append-only event ledger. hash: the 32 bytes of SHA-256 of
-- hex(previous event's hash, 64 zeros before event 1) || "\n" || JSON [seq, recorded_at, actor, kind] || "\n" || payload
CREATE TABLE events_v0011 (
    seq          INTEGER PRIMARY KEY CHECK (seq > 0),
    recorded_at  TEXT    NOT NULL,               -- UTC, 2026-11-29T10:41:07.123Z
    actor        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,               -- canonical JSON
    hash         BLOB    NOT NULL
);
INSERT INTO events_v0011 (seq, recorded_at, actor, kind, payload, hash)
SELECT seq, recorded_at, actor, kind, payload, cpsledger_hash_blob(hash) FROM events ORDER BY seq;
DROP TABLE events;
ALTER TABLE events_v0011 RENAME TO events;

CREATE TRIGGER events_reject_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed (record a correction instead)');
END;

CREATE TRIGGER events_reject_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed (record a retraction instead)');
END;

CREATE INDEX events_trust ON events(kind, seq)
WHERE kind IN ('token.created', 'token.revoked', 'checkpoint.recorded', 'reference_data.recorded');

CREATE INDEX events_rounds ON events(seq)
WHERE kind >= 'round.' AND kind < 'round/';

-- Projection: every measure, in its latest version. id is the seq of its measure.recorded event.
CREATE TABLE measures_v0011 (
    id              INTEGER PRIMARY KEY,
    state           TEXT    NOT NULL REFERENCES states(iso3),
    obligation      TEXT    NOT NULL REFERENCES obligations(id),
    status          TEXT    NOT NULL,
    effective_date  TEXT    NOT NULL,
    identity        BLOB    NOT NULL,                -- first 16 bytes of SHA-256 of the content, for duplicates
    test_data       INTEGER NOT NULL,                -- 1 when the title marks the measure as SYNTHETIC or EXAMPLE data
    last_seq        INTEGER NOT NULL,                -- the event holding this version: its measure.recorded or latest measure.corrected
    retracted_seq   INTEGER                          -- the retraction event; NULL while the measure counts
);
-- A retracted measure's last_seq was its retraction: its version is its latest correction before it.
INSERT INTO measures_v0011 (id, state, obligation, status, effective_date, identity, test_data, last_seq, retracted_seq)
SELECT m.id, m.state, m.obligation, m.status, m.effective_date, m.identity,
       coalesce(json_extract(v.payload, '$.title'), '') LIKE 'SYNTHETIC%' OR coalesce(json_extract(v.payload, '$.title'), '') LIKE 'EXAMPLE%',
       v.seq, m.retracted_seq
FROM (SELECT m.*, CASE WHEN m.retracted_seq IS NULL THEN m.last_seq ELSE coalesce(
        (SELECT max(e.seq) FROM events e WHERE e.seq IN (SELECT seq FROM measure_changes c WHERE c.measure = m.id)
           AND e.kind = 'measure.corrected'), m.id) END AS version
      FROM measures m) m
JOIN events v ON v.seq = m.version
ORDER BY m.id;
DROP TABLE measures;
ALTER TABLE measures_v0011 RENAME TO measures;
CREATE UNIQUE INDEX measures_identity ON measures(identity) WHERE retracted_seq IS NULL;
-- Covering index of the measures in force, by cell and date: current and as-of status come from it,
-- with the version event (last_seq) a cell's status rests on, so an as-of report reads no measures row.
CREATE INDEX measures_cell ON measures(state, obligation, effective_date, status, last_seq) WHERE retracted_seq IS NULL;

CREATE VIEW current_status AS
SELECT c.state, s.name AS state_name, s.regional_group, s.member,
       c.obligation, o.title AS obligation_title, o.article, o.kind AS obligation_kind,
       c.status, c.effective_date, c.measure_id, json_extract(v.payload, '$.title') AS measure_title,
       json_extract(v.payload, '$.kind') AS measure_kind, json_extract(v.payload, '$.source') AS source
FROM cells c
JOIN states s ON s.iso3 = c.state
JOIN obligations o ON o.id = c.obligation
JOIN events v ON v.seq = c.version_seq;

CREATE VIEW measures_in_force AS
SELECT m.id, m.state, s.name AS state_name, m.obligation, o.title AS obligation_title, m.status, m.effective_date,
       json_extract(v.payload, '$.title') AS title, json_extract(v.payload, '$.kind') AS kind,
       json_extract(v.payload, '$.source') AS source, json_extract(v.payload, '$.note') AS note,
       json_extract(v.payload, '$.justification') AS justification, r.recorded_at, r.actor, m.last_seq
FROM measures m
JOIN states s ON s.iso3 = m.state
JOIN obligations o ON o.id = m.obligation
JOIN events v ON v.seq = m.last_seq
JOIN events r ON r.seq = m.id
WHERE m.retracted_seq IS NULL;

CREATE VIEW status_as_of AS
SELECT state, state_name, obligation, obligation_title, status, effective_date, measure_id, as_of FROM (
    SELECT m.state, s.name AS state_name, m.obligation, o.title AS obligation_title, m.status, m.effective_date,
           m.id AS measure_id, p.as_of,
           ROW_NUMBER() OVER (PARTITION BY m.state, m.obligation ORDER BY m.effective_date DESC, m.id DESC) AS rank
    FROM measures m
    JOIN states s ON s.iso3 = m.state
    JOIN obligations o ON o.id = m.obligation
    JOIN (SELECT coalesce((SELECT value FROM report_parameters WHERE name = 'as_of'), date('now')) AS as_of) p
    WHERE m.retracted_seq IS NULL AND m.effective_date <= p.as_of)
WHERE rank = 1;
