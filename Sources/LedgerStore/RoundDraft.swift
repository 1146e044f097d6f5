import LedgerModel

/// One draft in a reporting round: a measure, correction, retraction or withdrawal recorded by a
/// State in the round, with where it stands.
public struct RoundDraft: Sendable, Hashable {
    /// What a draft does once published, each case holding only what its event holds: a retraction
    /// or a withdrawal has no measure fields, so none are made up for it.
    public enum Change: Sendable, Hashable {
        /// A new measure, as it would be recorded (also a correction of a drafted new measure: it replaces that draft).
        case record(MeasureFields)
        /// A new version of published measure `measure`, written against its version `supersedes`.
        case correct(measure: Int64, supersedes: Int64, MeasureFields)
        /// The retraction of published measure `measure`, written against its version `supersedes`.
        case retract(measure: Int64, supersedes: Int64, state: String, obligation: String)
        /// The withdrawal of an earlier draft of the round (``RoundDraft/replaces``); publishes nothing.
        case withdraw(state: String, obligation: String)
    }

    /// The sequence number of its `round.drafted` event.
    public let seq: Int64
    public let round: String
    public let change: Change
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

    public var action: RoundDraftAction {
        switch change {
        case .record: .record
        case .correct: .correct
        case .retract: .retract
        case .withdraw: .withdraw
        }
    }

    /// The measure as it would read once published; nil for a retraction or a withdrawal, which have none.
    public var fields: MeasureFields? {
        switch change {
        case .record(let fields), .correct(_, _, let fields): fields
        case .retract, .withdraw: nil
        }
    }

    /// The published measure a correction or retraction changes; nil for a new measure or a withdrawal.
    public var measure: Int64? {
        switch change {
        case .correct(let measure, _, _), .retract(let measure, _, _, _): measure
        case .record, .withdraw: nil
        }
    }

    /// The version of ``measure`` (its latest event) the draft was written against; publishing refuses
    /// a draft whose measure changed since.
    public var supersededVersion: Int64? {
        switch change {
        case .correct(_, let version, _), .retract(_, let version, _, _): version
        case .record, .withdraw: nil
        }
    }

    /// The State the draft answers for.
    public var state: String {
        switch change {
        case .record(let fields), .correct(_, _, let fields): fields.state
        case .retract(_, _, let state, _), .withdraw(let state, _): state
        }
    }

    /// The obligation the draft answers.
    public var obligation: String {
        switch change {
        case .record(let fields), .correct(_, _, let fields): fields.obligation
        case .retract(_, _, _, let obligation), .withdraw(_, let obligation): obligation
        }
    }

    /// The form the CLI's `--format json` and the API give: `measure_fields` only where the draft has
    /// them (null for a retraction or a withdrawal).
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "seq": .int(Int(seq)), "round": .string(round), "action": .string(action.rawValue),
            "recorded_at": .string(recordedAt), "actor": .string(actor),
            "status": .string(status.rawValue), "state": .string(state), "obligation": .string(obligation),
        ]
        members["measure_fields"] = fields.map { .object($0.jsonMembers) } ?? .null
        members["measure"] = measure.map { .int(Int($0)) } ?? .null
        members["supersedes"] = supersededVersion.map { .int(Int($0)) } ?? .null
        members["replaces"] = replaces.map { .int(Int($0)) } ?? .null
        members["reason"] = reason.map { .string($0) } ?? .null
        members["comment"] = comment.map { .string($0) } ?? .null
        members["published_seq"] = publishedSeq.map { .int(Int($0)) } ?? .null
        return .object(members)
    }
}
