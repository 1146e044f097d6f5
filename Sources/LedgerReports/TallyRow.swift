import LedgerModel

/// One row of a summary: a group of cells (a regional group, an Article, a theme, or all) and its tally.
public struct TallyRow: Sendable, Hashable, Encodable {
    /// The group's name (`African`, `Article 8`, `money-laundering`, `All Member States`).
    public let name: String
    /// How many States the row covers.
    public let states: Int
    /// How many obligations the row covers.
    public let obligations: Int
    public let tally: ScoreTally

    enum CodingKeys: String, CodingKey {
        case name, states, obligations, cells, applicable, reported
        case notReported = "not_reported", notApplicable = "not_applicable", assessed
        case selfReported = "self_reported", derived = "from_treaty_status", statusCounts = "status_counts", coverage, score
        case coverageFormula = "coverage_formula", scoreFormula = "score_formula", external
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(states, forKey: .states)
        try c.encode(obligations, forKey: .obligations)
        try c.encode(tally.cells, forKey: .cells)
        try c.encode(tally.applicable, forKey: .applicable)
        try c.encode(tally.reported, forKey: .reported)
        try c.encode(tally.notReported, forKey: .notReported)
        try c.encode(tally.notApplicable, forKey: .notApplicable)
        try c.encode(tally.assessed, forKey: .assessed)
        try c.encode(tally.selfReported, forKey: .selfReported)
        try c.encode(tally.derived, forKey: .derived)
        // Present only when outside ratings score cells, so ledgers without them read as before.
        if tally.external > 0 { try c.encode(tally.external, forKey: .external) }
        // Ratings applied (``CountedStatus``): the counts of the reported statuses add up to `reported`.
        var counts: [String: Int] = [:]
        for status in CountedStatus.allCases { counts[status.rawValue] = tally.counted(status) }
        try c.encode(counts, forKey: .statusCounts)
        try c.encode(tally.coverage.map { Self.rounded($0) }, forKey: .coverage)
        try c.encode(tally.score.map { Self.rounded($0) }, forKey: .score)
        try c.encode(tally.coverageFormula, forKey: .coverageFormula)
        try c.encode(tally.scoreFormula, forKey: .scoreFormula)
    }

    /// Four decimals: enough for any table, stable across platforms.
    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
