/// The kinds of event the ledger appends. The raw value is stored in `events.kind`.
public enum EventKind: String, Sendable, Codable, CaseIterable {
    /// The ledger was created with reference data (catalogue and States) of the given digests, and
    /// (in ledgers created since tokens became events) `tables_sha256`, the digest of each reference table as loaded.
    case ledgerCreated = "ledger.created"
    case measureRecorded = "measure.recorded"
    /// A new version of a measure; names the measure and the event it supersedes.
    case measureCorrected = "measure.corrected"
    /// The measure no longer counts from this event on; names the event it supersedes.
    case measureRetracted = "measure.retracted"
    case assessmentRecorded = "assessment.recorded"
    /// A bulk import finished: the file's name and digest and the row counts.
    case importCompleted = "import.completed"
    /// A State's signature, ratification, accession, ... or denunciation of a treaty.
    case treatyActionRecorded = "treaty_action.recorded"
    /// A treaty status table was imported: the treaty, the file's digest, its as-at date and source.
    case treatyTableImported = "treaty_table.imported"
    /// A server token was created: its id, name, role, State and the SHA-256 of the token (never the token).
    case tokenCreated = "token.created"
    /// A server token was revoked: its id and name.
    case tokenRevoked = "token.revoked"
    /// A signed checkpoint of the head: `seq`, `hash`, `time`, the signer's public key and the signature.
    case checkpointRecorded = "checkpoint.recorded"
    /// The SHA-256 of each reference table (obligations, states, state_aliases, treaties) as they now are.
    case referenceDataRecorded = "reference_data.recorded"
    /// A State's name, regional group or membership changed from a date on (``StateChange``): `iso3`,
    /// `field`, `from`, `to`, `effective` and the `source` that gives the change and its date.
    case stateChanged = "state.changed"
    /// One reference row was brought up to the data a newer build ships (`cpsledger data update`):
    /// the `table`, the row's `key`, and either the `row` added or the `column` with its `held` and
    /// `shipped` values, with the `source` (the fixture file and its SHA-256).
    case referenceDataRevised = "reference_data.revised"
    /// An outside body's rating of a State on one item of its framework (FATF R.11: LC), read from a
    /// named file (its SHA-256), with the report and month that gave it. Evidence, not an assessment of the Declaration.
    case externalAssessmentRecorded = "external_assessment.recorded"
    /// An outside index's 1-10 score of a State in one edition (Organized Crime Index 2025, international
    /// cooperation: 6.5), read from a named workbook (its SHA-256). An outside view shown beside the cells; it scores none.
    case outsideScoreRecorded = "outside_score.recorded"
    /// A reporting round was opened: its `round` name, `due` date, the `obligations` and `states` that answer.
    case roundOpened = "round.opened"
    /// A round was closed: no more drafts or submissions; accepted answers can still be published.
    case roundClosed = "round.closed"
    /// A measure, correction (`measure` names it) or retraction recorded as a draft in a `round`, by `action`.
    /// Drafts count in no report until a `round.published` event copies the accepted ones into the record.
    case roundDrafted = "round.drafted"
    /// A State submitted every draft it has in a round.
    case roundSubmitted = "round.submitted"
    /// A reviewer accepted a State's submitted answer to one obligation (the `drafts` it consists of).
    case roundAccepted = "round.accepted"
    /// A reviewer returned a State's submitted answer to one obligation with a `comment`; its drafts are drafts again.
    case roundReturned = "round.returned"
    /// A round's accepted answers were published: `drafts` lists the draft events, `events` the measure events
    /// appended just before it that carry them into the published record.
    case roundPublished = "round.published"
    /// The secretariat added a treaty to the ledger's catalogue (`cpsledger treaties add`): its id, UNTC
    /// reference, titles, dates, depositary, source and the obligations it serves (``TreatyAddition``).
    case treatyAdded = "treaty.added"
}
