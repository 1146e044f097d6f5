import LedgerModel

/// A measure as the ledger holds it now: its content in the latest version and its place in the ledger.
public struct MeasureRecord: Sendable, Hashable {
    /// The sequence number of the `measure.recorded` event that created it.
    public let id: Int64
    public let fields: MeasureFields
    /// When it was first recorded, and by whom.
    public let recordedAt: String
    public let actor: String
    /// The event that gave this version (the record itself, a correction, or the retraction).
    public let lastSeq: Int64
    /// The retraction event, when the measure no longer counts.
    public let retractedSeq: Int64?

    /// The form `measure list` and `export measures` give programs: the CSV fields plus `id`,
    /// `evidence`, `recorded_at`, `actor`, `last_seq` and `retracted_seq`.
    public var json: JSONValue {
        var members = fields.jsonMembers
        members["id"] = .int(Int(id))
        members["recorded_at"] = .string(recordedAt)
        members["actor"] = .string(actor)
        members["last_seq"] = .int(Int(lastSeq))
        members["retracted_seq"] = retractedSeq.map { .int(Int($0)) } ?? .null
        if members["evidence"] == nil { members["evidence"] = .array([]) }
        return .object(members)
    }
}

/// A file to store as evidence: its name, bytes, and the document's own date where known.
public struct EvidenceFile: Sendable {
    public let filename: String
    public let content: [UInt8]
    public let documentDate: ISODate?

    public init(filename: String, content: [UInt8], documentDate: ISODate?) {
        self.filename = filename
        self.content = content
        self.documentDate = documentDate
    }
}

/// What recording a measure did.
public enum RecordOutcome: Sendable, Hashable {
    /// Appended as this sequence number.
    case recorded(seq: Int64)
    /// An identical measure is already in force; nothing was written.
    case duplicate(of: Int64)
}
