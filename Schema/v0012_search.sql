-- cpsledger schema, migration 12: full-text search (issue 19).
--
-- One SQLite FTS5 table holds the words of every measure in force (its title; its source, note
-- and justification), every assessment's comment, every State (its name, ISO3 code and aliases)
-- and every obligation (its title; its id, provision label and text). Porter stemming over
-- unicode61 without diacritics, so "trafficking" finds "traffic" and "Cote" finds "Côte".
--
-- rowid: a measure's id or an assessment's seq (event sequence numbers, so they never collide);
-- reference rows take negative rowids, States -1 down (by ISO3) and obligations -1000001 down (by
-- id). kind and key (the measure id or assessment seq as text, an ISO3 or an obligation id) say
-- what a row is; filters read the measures and assessments projections by rowid.
--
-- The search_* views are the one definition of what the index holds: the migration and `rebuild`
-- fill it from them, the projector writes the same text for each event (SearchIndex.swift), and
-- `verify` compares the table with them row by row.

CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED, key UNINDEXED, name, text,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- A measure in force: its current version's title, and source · note · justification.
CREATE VIEW search_measures AS
SELECT m.id AS doc, 'measure' AS kind, CAST(m.id AS TEXT) AS key,
       ifnull(json_extract(v.payload, '$.title'), '') AS name,
       ifnull(json_extract(v.payload, '$.source'), '')
         || ifnull(' · ' || nullif(json_extract(v.payload, '$.note'), ''), '')
         || ifnull(' · ' || nullif(json_extract(v.payload, '$.justification'), ''), '') AS text
FROM measures m JOIN events v ON v.seq = m.last_seq
WHERE m.retracted_seq IS NULL;

-- An assessment with a comment.
CREATE VIEW search_assessments AS
SELECT seq AS doc, 'assessment' AS kind, CAST(seq AS TEXT) AS key, '' AS name, comment AS text
FROM assessments WHERE comment IS NOT NULL AND comment <> '';

-- A State: its name; its ISO3 code and every alias, in alias order.
CREATE VIEW search_states AS
SELECT -ROW_NUMBER() OVER (ORDER BY s.iso3) AS doc, 'state' AS kind, s.iso3 AS key, s.name AS name,
       s.iso3 || ifnull(' · ' || (SELECT group_concat(alias, ' · ') FROM
                                  (SELECT alias FROM state_aliases a WHERE a.iso3 = s.iso3 ORDER BY alias)), '') AS text
FROM states s;

-- An obligation: its title; its id, provision label and the provision's text.
CREATE VIEW search_obligations AS
SELECT -1000000 - ROW_NUMBER() OVER (ORDER BY o.id) AS doc, 'obligation' AS kind, o.id AS key, o.title AS name,
       o.id || ' · ' || o.provision_label || ' · ' || o.text AS text
FROM obligations o;

INSERT INTO search_index (rowid, kind, key, name, text)
SELECT doc, kind, key, name, text FROM search_obligations
UNION ALL SELECT doc, kind, key, name, text FROM search_states
UNION ALL SELECT doc, kind, key, name, text FROM search_measures
UNION ALL SELECT doc, kind, key, name, text FROM search_assessments;
