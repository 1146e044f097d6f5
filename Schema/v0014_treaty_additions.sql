-- cpsledger schema, migration 14: treaties a ledger adds to its catalogue (issue 20).
--
-- Projection: one row per `treaty.added` event (`cpsledger treaties add`). The treaty also has its
-- row in `treaties`, which its actions and status tables name; the digest `verify` keeps of the
-- reference table `treaties` leaves out the rows named here, and `verify` checks those against
-- their events instead. `rebuild` deletes them from `treaties` and replays them.
CREATE TABLE treaty_additions (
    seq     INTEGER PRIMARY KEY,
    treaty  TEXT    NOT NULL UNIQUE
);
