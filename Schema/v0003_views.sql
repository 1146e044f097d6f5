-- cpsledger schema, migration 3: readable views for people who open the ledger file directly
-- (sqlite3, Datasette, R, Excel). They read the projections; nothing here is written by the tool.

-- Current status of every cell that has a measure in force, with names and titles.
CREATE VIEW current_status AS
SELECT c.state, s.name AS state_name, s.regional_group, s.member,
       c.obligation, o.title AS obligation_title, o.article, o.kind AS obligation_kind,
       c.status, c.effective_date, c.measure_id, m.title AS measure_title, m.kind AS measure_kind, m.source
FROM cells c
JOIN states s ON s.iso3 = c.state
JOIN obligations o ON o.id = c.obligation
JOIN measures m ON m.id = c.measure_id;

-- Every measure in force (not retracted), with names and titles.
CREATE VIEW measures_in_force AS
SELECT m.id, m.state, s.name AS state_name, m.obligation, o.title AS obligation_title, m.status, m.effective_date,
       m.title, m.kind, m.source, m.note, m.justification, m.recorded_at, m.actor, m.last_seq
FROM measures m
JOIN states s ON s.iso3 = m.state
JOIN obligations o ON o.id = m.obligation
WHERE m.retracted_seq IS NULL;

-- Parameters for the views below; set one with, for example:
--   INSERT OR REPLACE INTO report_parameters (name, value) VALUES ('as_of', '2019-12-31');
CREATE TABLE report_parameters (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

-- Status of every cell as of report_parameters.as_of (today when unset): the measure in force with
-- the latest effective date on or before it.
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

-- Each State's treaty actions with treaty and State names.
CREATE VIEW treaty_actions_named AS
SELECT a.seq, a.state, s.name AS state_name, s.member, a.treaty, t.untc, t.short_title, a.action, a.date, a.note, a.source
FROM treaty_actions a
JOIN states s ON s.iso3 = a.state
JOIN treaties t ON t.id = a.treaty;
