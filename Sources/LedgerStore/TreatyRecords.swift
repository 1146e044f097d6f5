import LedgerModel

/// A treaty action as the ledger holds it.
public struct TreatyActionRecord: Sendable, Hashable {
    /// The sequence number of its `treaty_action.recorded` event.
    public let seq: Int64
    public let fields: TreatyActionFields
    public let actor: String
}

/// A treaty status table imported into the ledger: which treaty, which file, how old.
public struct TreatyTableRecord: Sendable, Hashable {
    public let seq: Int64
    public let treaty: String
    public let file: String
    public let sha256: String
    /// The table's "status as at" date, when known.
    public let asAt: ISODate?
    public let source: String
    public let recorded: Int
    public let duplicates: Int
    /// The form it was read from; nil for tables imported before the ledger recorded it (text or CSV).
    public var form: UNTCForm? = nil
    /// Participants listed; 0 for a file that publishes only its header counts; nil when not recorded.
    public var rows: Int? = nil
    /// The header's published counts (`Signatories : N. Parties : N`), when it has them.
    public var declaredParties: Int? = nil
    public var declaredSignatories: Int? = nil

    /// Whether the file published counts but listed no participant.
    public var isHeaderOnly: Bool { rows == 0 && declaredParties != nil }
}

/// The outcome of an import of treaty actions (a CSV file or a UNTC status table).
public struct TreatyImportSummary: Sendable, Hashable {
    /// Rows read (CSV rows, or participants of a status table).
    public let rows: Int
    public let recorded: Int
    /// Actions already in the ledger, skipped.
    public let duplicates: Int
    /// Things accepted but worth a look (a ratification with no signature on record, counts that
    /// differ from the table's own header), one sentence each.
    public let flags: [String]
    /// The status table's as-at date, when it has one.
    public let asAt: ISODate?
    public let firstSeq: Int64?
    public let lastSeq: Int64?
    public let dryRun: Bool
    /// The actions recorded (or, in a dry run, that would be), by kind: consents, signatures and
    /// provisional applications apart.
    public var recordedByKind: [TreatyActionKind: Int] = [:]
    /// The source recorded for the table when none was given and the file itself names none (a dated
    /// list): only the file's name. The caller may ask for a real one (the CLI's `--source`).
    public var sourceOnlyNamesTheFile: String?
}
