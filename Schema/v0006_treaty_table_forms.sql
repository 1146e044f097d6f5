-- cpsledger schema, migration 6: what each imported status table was and what its header published.
-- Tables imported before this migration keep NULL in every new column (their form was pasted text or CSV).

ALTER TABLE treaty_tables ADD COLUMN form TEXT;                   -- text, xml, html or dated_list
ALTER TABLE treaty_tables ADD COLUMN row_count INTEGER;           -- participants listed; 0 for a header-only file
ALTER TABLE treaty_tables ADD COLUMN declared_parties INTEGER;    -- the header's "Parties : N", when it has one
ALTER TABLE treaty_tables ADD COLUMN declared_signatories INTEGER; -- the header's "Signatories : N", when it has one
