import LedgerModel

/// One draft in a reporting round: a measure, correction, retraction or withdrawal recorded by a
/// State in the round, with where it stands.
public struct RoundDraft: Sendable, Hashable {
    /// The sequence number of its `round.drafted` event.
    public let seq: Int64
    public let round: String
    public let action: RoundDraftAction
    /// The measure as it would read once published (for a retraction: the measure as it was drafted against).
    public let fields: MeasureFields
    /// The published measure a correction or retraction changes; nil for a new measure.
    public let measure: Int64?
    /// The version of `measure` (its latest event) the draft was written against; publishing refuses
    /// a draft whose measure changed since.
    public let supersededVersion: Int64?
    /// The earlier draft of the round this one replaces or withdraws.
    public let replaces: Int64?
    public let reason: String?
    public let recordedAt: String
    public let actor: String
    public internal(set) var status: RoundDraftStatus
    /// The reviewer's comment when the answer was returned.
    public internal(set) var comment: String?
    /// The measure event that published it.
    public internal(set) var publishedSeq: Int64?

    /// The form the CLI's `--format json` and the API give.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "seq": .int(Int(seq)), "round": .string(round), "action": .string(action.rawValue),
            "measure_fields": .object(fields.jsonMembers), "recorded_at": .string(recordedAt), "actor": .string(actor),
            "status": .string(status.rawValue), "state": .string(fields.state), "obligation": .string(fields.obligation),
        ]
        members["measure"] = measure.map { .int(Int($0)) } ?? .null
        members["replaces"] = replaces.map { .int(Int($0)) } ?? .null
        members["reason"] = reason.map { .string($0) } ?? .null
        members["comment"] = comment.map { .string($0) } ?? .null
        members["published_seq"] = publishedSeq.map { .int(Int($0)) } ?? .null
        return .object(members)
    }
}
