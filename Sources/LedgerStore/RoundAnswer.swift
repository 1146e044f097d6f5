import LedgerModel

/// A State's answer to one obligation in a round: its live drafts and where the answer stands.
public struct RoundAnswer: Sendable, Hashable {
    public let round: String
    public let state: String
    public let obligation: String
    /// `notStarted` when no draft is live; else the least advanced of its drafts
    /// (returned before draft before submitted before accepted before published).
    public let status: RoundDraftStatus
    /// The drafts that count, oldest first (replaced and withdrawn ones left out).
    public let drafts: [RoundDraft]
    /// The reviewer's latest comment when the answer was returned.
    public let comment: String?

    /// The form the CLI's `--format json` and the API give.
    public var json: JSONValue {
        .object([
            "round": .string(round), "state": .string(state), "obligation": .string(obligation), "status": .string(status.rawValue),
            "drafts": .array(drafts.map(\.json)), "comment": comment.map { .string($0) } ?? .null,
        ])
    }
}
