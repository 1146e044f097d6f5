-- cpsledger schema, migration 4: bearer tokens of the server. Only the SHA-256 of a token is kept;
-- the token itself is shown once when it is created. Tokens are access control, not ledger content:
-- they are not events, but every event written with one records the token's name as its actor.
CREATE TABLE tokens (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'focal_point', 'reviewer')),
    state       TEXT    REFERENCES states(iso3),
    sha256      TEXT    NOT NULL UNIQUE,
    created_at  TEXT    NOT NULL,
    revoked_at  TEXT,
    CHECK ((role = 'focal_point') = (state IS NOT NULL))
);
