-- cpsledger schema, migration 16: the transparency log's Merkle tree over the events (issue 21).
-- Never edit a shipped migration: add vNNNN_*.sql instead (applied in name order at open).
--
-- Leaf i (0-based) is event seq = i + 1; its data is the event's 32-byte chain hash (events.hash),
-- hashed as RFC 6962 says: leaf SHA-256(0x00 || hash), node SHA-256(0x01 || left || right).
--
-- log_subtrees holds the hash of every COMPLETE subtree of level 4 (16 leaves) and above: the
-- subtree at (level L, idx K) covers the leaves K·2^L ..< (K+1)·2^L, and its row is written in the
-- transaction that appends its last event, never changed afterwards. A subtree below level 4 is not
-- stored: it is recomputed from its (at most 8) events' hashes, one short range read of events. So
-- the table has about one row per 8 events (n/16 + n/32 + ... < n/8), about 6 bytes per event;
-- appending an event costs two SHA-256 and an eighth of a row on average; and the root of any size
-- or a proof reads about 2·log2(n) rows by primary key (40 at a million events) and a few ranges of
-- at most 8 events. WITHOUT ROWID: the (level, idx) key is the row; a 32-byte hash needs no second
-- B-tree. (Storing every level from 1 would take one row, ~45 bytes, per event, for proofs that are
-- fast either way.)
--
-- The table is append-only like events: rows are inserted, never updated or deleted. `rebuild`
-- recomputes it by dropping the table (DROP TABLE fires no trigger) and running this file again,
-- then filling it from the events; `verify` recomputes every row from the events and names a
-- missing, extra or altered one. The rows of an existing ledger are written by the migration
-- itself (Swift code in Ledger.migrator, streaming the events in seq order).
CREATE TABLE log_subtrees (
    level  INTEGER NOT NULL CHECK (level >= 4),
    idx    INTEGER NOT NULL CHECK (idx >= 0),
    hash   BLOB    NOT NULL,
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;

CREATE TRIGGER log_subtrees_reject_update BEFORE UPDATE ON log_subtrees
BEGIN
    SELECT RAISE(ABORT, 'log_subtrees is append-only: UPDATE is not allowed (run cpsledger rebuild to recompute it)');
END;

CREATE TRIGGER log_subtrees_reject_delete BEFORE DELETE ON log_subtrees
BEGIN
    SELECT RAISE(ABORT, 'log_subtrees is append-only: DELETE is not allowed (run cpsledger rebuild to recompute it)');
END;
