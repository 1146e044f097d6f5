-- cpsledger schema, migration 15: outside views (issue 28): an outside index's scores of a State
-- (the Global Organized Crime Index's 1-10 scores of criminal markets, criminal actors and
-- resilience), recorded as outside_score.recorded events. A score is not a rating of the
-- Declaration: no cell is scored from it.
-- Never edit a shipped migration: add vNNNN_*.sql instead (applied in name order at open).

-- Projection: every outside score event, one row each. The Index dates a score by its edition (a
-- year: no month or day is invented); a later event for the same (State, body, edition, indicator)
-- is a revision, and the latest row (highest seq) is the one in force.
CREATE TABLE outside_scores (
    seq        INTEGER PRIMARY KEY,
    state      TEXT    NOT NULL REFERENCES states(iso3),
    body       TEXT    NOT NULL,                    -- GI-TOC
    edition    INTEGER NOT NULL,                    -- 2021, 2023, 2025
    indicator  TEXT    NOT NULL,                    -- international_cooperation, arms_trafficking
    pillar     TEXT    NOT NULL CHECK (pillar IN ('resilience', 'market', 'actor')),
    score      REAL    NOT NULL CHECK (score >= 1 AND score <= 10),
    file       TEXT    NOT NULL,
    sha256     TEXT    NOT NULL,                    -- of the workbook the score was read from
    source     TEXT    NOT NULL,
    actor      TEXT    NOT NULL
);
CREATE INDEX outside_scores_indicator ON outside_scores(state, body, indicator, edition, seq);
