-- cpsledger schema, migration 10: reporting rounds (issue 12).
-- Never edit a shipped migration: add vNNNN_*.sql instead (applied in name order at open).

-- Rounds keep no projection table: a round's state (its States and obligations, every draft and
-- whether it was submitted, returned, accepted or published) is re-read from its events, which are
-- few beside the measures. Every round event kind starts with 'round.'; this partial index finds them
-- without reading every event, and a measure event costs it nothing. Queries must repeat the WHERE.
CREATE INDEX events_rounds ON events(seq)
WHERE kind >= 'round.' AND kind < 'round/';
