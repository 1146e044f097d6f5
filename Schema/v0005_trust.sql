-- cpsledger schema, migration 5: tokens and checkpoints become events ("Trust", issue 8 §2).
-- Never edit a shipped migration: add vNNNN_*.sql instead (applied in name order at open).

-- Token names are unique, so an actor names one token. A ledger made before this migration may
-- hold two tokens of the same name: every one but the oldest gets " #ID" appended to its name.
UPDATE tokens SET name = name || ' #' || id
WHERE id NOT IN (SELECT min(id) FROM tokens GROUP BY name);
CREATE UNIQUE INDEX tokens_name ON tokens(name);

-- The few events that grant access or anchor the chain (token.created, token.revoked,
-- checkpoint.recorded, reference_data.recorded), found without reading every event. A partial
-- index: a measure event costs it nothing.
CREATE INDEX events_trust ON events(kind, seq)
WHERE kind IN ('token.created', 'token.revoked', 'checkpoint.recorded', 'reference_data.recorded');
