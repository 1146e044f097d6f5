import LedgerModel

/// A reporting round as its events made it: what it asks, who opened it, whether it is closed, and its publications.
public struct ReportingRound: Sendable, Hashable {
    /// One publication of a round: the `round.published` event, the drafts it published and the measure events that carry them.
    public struct Publication: Sendable, Hashable {
        public let seq: Int64
        public let recordedAt: String
        public let actor: String
        public let drafts: [Int64]
        public let events: [Int64]
        /// The signed checkpoint of the head recorded right after it, when a key was given.
        public let checkpoint: Checkpoint?

        public var json: JSONValue {
            .object([
                "seq": .int(Int(seq)), "recorded_at": .string(recordedAt), "actor": .string(actor),
                "drafts": .array(drafts.map { .int(Int($0)) }), "events": .array(events.map { .int(Int($0)) }),
                "checkpoint": checkpoint?.json ?? .null,
            ])
        }
    }

    public let definition: RoundDefinition
    public let openedSeq: Int64
    public let openedAt: String
    public let openedBy: String
    public internal(set) var closedSeq: Int64?
    public internal(set) var publications: [Publication]

    public var name: String { definition.name }

    /// The form the CLI's `--format json` and the API give.
    public var json: JSONValue {
        guard case .object(var members) = definition.json else { return .null }
        members["opened_seq"] = .int(Int(openedSeq))
        members["opened_at"] = .string(openedAt)
        members["opened_by"] = .string(openedBy)
        members["closed_seq"] = closedSeq.map { .int(Int($0)) } ?? .null
        members["publications"] = .array(publications.map(\.json))
        return .object(members)
    }
}
