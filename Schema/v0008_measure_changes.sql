-- cpsledger schema, migration 8: the corrections and retractions of each measure, with the cells
-- they move it between, so `history` is an index lookup instead of a scan of every payload (issue 14).
-- Never edit a shipped migration: add vNNNN_*.sql instead (applied in name order at open).

-- Projection: one row per measure.corrected and measure.retracted event. state and obligation
-- are the cell the measure is in after the event (a retraction: the cell it was retracted from),
-- from_state and from_obligation the cell it was in before. With the measures in force of a cell
-- (measures_cell) and its assessments (assessments_cell), this finds every event of a cell:
-- a measure belongs to every cell its record or one of its corrections named.
CREATE TABLE measure_changes (
    measure          INTEGER NOT NULL,
    seq              INTEGER NOT NULL,
    state            TEXT,
    obligation       TEXT,
    from_state       TEXT,
    from_obligation  TEXT,
    PRIMARY KEY (measure, seq)
) WITHOUT ROWID;
CREATE INDEX measure_changes_cell ON measure_changes(state, obligation);
CREATE INDEX measure_changes_from_cell ON measure_changes(from_state, from_obligation);

-- A ledger of an earlier schema: the rows from its events (only measures with a change are read).
WITH changes (measure, seq, state, obligation) AS (
    SELECT json_extract(payload, '$.measure'), seq,
           CASE kind WHEN 'measure.corrected' THEN json_extract(payload, '$.state') END,
           CASE kind WHEN 'measure.corrected' THEN json_extract(payload, '$.obligation') END
    FROM events WHERE kind IN ('measure.corrected', 'measure.retracted')),
steps (measure, seq, state, obligation) AS (
    SELECT measure, seq, state, obligation FROM changes
    UNION ALL
    SELECT seq, seq, json_extract(payload, '$.state'), json_extract(payload, '$.obligation') FROM events
    WHERE kind = 'measure.recorded' AND seq IN (SELECT measure FROM changes)),
cells (measure, seq, state, obligation, from_state, from_obligation) AS (
    SELECT measure, seq, state, obligation,
           LAG(state) OVER (PARTITION BY measure ORDER BY seq), LAG(obligation) OVER (PARTITION BY measure ORDER BY seq)
    FROM steps)
INSERT INTO measure_changes (measure, seq, state, obligation, from_state, from_obligation)
SELECT measure, seq, coalesce(state, from_state), coalesce(obligation, from_obligation), from_state, from_obligation
FROM cells WHERE seq <> measure;
