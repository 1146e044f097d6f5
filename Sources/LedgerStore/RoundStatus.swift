import LedgerModel

/// Per State of a round: how many answers are due and where they stand, whether the State is overdue, and the days left.
public struct RoundStatus: Sendable, Hashable {
    /// One State's line.
    public struct Row: Sendable, Hashable {
        public let state: String
        /// Answers asked of the State (the round's obligations).
        public let due: Int
        public let notStarted: Int
        public let drafted: Int
        public let submitted: Int
        public let returned: Int
        public let accepted: Int
        public let published: Int
        /// The State's latest submission, when it has one that no return has reopened.
        public let submittedAt: String?
        /// Where the State stands, all its answers taken together.
        public let progress: RoundProgress
        /// Past the due date and not submitted (never, not all it drafted, or not since an answer was returned).
        public let overdue: Bool

        public var json: JSONValue {
            .object([
                "state": .string(state), "due": .int(due), "not_started": .int(notStarted), "drafted": .int(drafted),
                "submitted": .int(submitted), "returned": .int(returned), "accepted": .int(accepted), "published": .int(published),
                "submitted_at": submittedAt.map { .string($0) } ?? .null, "progress": .string(progress.rawValue), "overdue": .bool(overdue),
            ])
        }
    }

    public let round: ReportingRound
    /// The day the status was computed for.
    public let today: ISODate
    /// Days from `today` to the due date: 0 on the due date, negative once it has passed.
    public let daysLeft: Int
    public let rows: [Row]

    /// The States that are overdue.
    public var overdue: [String] { rows.filter(\.overdue).map(\.state) }

    /// How many States stand at each progress (every progress named, zero included); they sum to the round's States.
    public var progressCounts: [RoundProgress: Int] {
        var counts = Dictionary(uniqueKeysWithValues: RoundProgress.allCases.map { ($0, 0) })
        for row in rows { counts[row.progress, default: 0] += 1 }
        return counts
    }

    public var json: JSONValue {
        .object([
            "round": .string(round.name), "due": .string(round.definition.due.description), "today": .string(today.description),
            "days_left": .int(daysLeft), "closed": .bool(round.closedSeq != nil), "overdue": .array(overdue.map { .string($0) }),
            "states": .array(rows.map(\.json)),
        ])
    }
}
