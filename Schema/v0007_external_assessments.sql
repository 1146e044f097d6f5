-- cpsledger schema, migration 7: external assessments (issue 10): an outside body's ratings
-- (FATF technical compliance and effectiveness), recorded as external_assessment.recorded events.
-- Never edit a shipped migration: add vNNNN_*.sql instead (applied in name order at open).

-- Projection: every external assessment event, one row each. A newer report's rating of the same
-- (State, body, item) is a new row; the latest row (highest seq) is the one in force.
-- report_month and evaluation_month keep the body's month precision (YYYY-MM): no day is invented.
CREATE TABLE external_assessments (
    seq               INTEGER PRIMARY KEY,
    state             TEXT    NOT NULL REFERENCES states(iso3),
    body              TEXT    NOT NULL,           -- FATF
    item              TEXT    NOT NULL,           -- R.11, IO.4
    rating            TEXT    NOT NULL,           -- C, LC, PC, NC, NA; HE, SE, ME, LE
    report            TEXT    NOT NULL,           -- mutual evaluation, follow-up report
    report_month      TEXT    NOT NULL,
    evaluation_month  TEXT    NOT NULL,
    methodology       TEXT    NOT NULL,           -- the body's assessment methodology (FATF: 2013 or 2022)
    file              TEXT    NOT NULL,
    sha256            TEXT    NOT NULL,           -- of the file the rating was read from
    source            TEXT    NOT NULL,
    actor             TEXT    NOT NULL
);
CREATE INDEX external_assessments_item ON external_assessments(state, body, item, seq);
