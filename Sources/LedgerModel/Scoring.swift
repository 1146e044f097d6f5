/// The scoring rules of the ledger, kept in this one place.
///
/// - A cell's score is its assessed rating when one exists (C 1, LC 0.75, PC 0.5, NC 0),
///   else an outside body's rating of an item the crosswalk links `direct`ly to the obligation
///   (basis `external`, on the same scale; the lowest when several), unless the user keeps
///   outside ratings as evidence only, else its self-reported status (implemented 1, partial 0.5, planned 0.25, no_measures 0).
/// - `not_applicable` (self-reported with no rating, or rated NA) leaves the denominator.
/// - `not_reported` cells count against coverage (reported / applicable), never as zero compliance.
/// - score = sum of cell scores / applicable-and-reported cells.
public enum Scoring {
    /// What a cell contributes to a tally.
    public enum Contribution: Sendable, Hashable {
        /// Out of the denominator.
        case notApplicable
        /// Applicable but nothing reported: lowers coverage only.
        case notReported
        /// Reported with this score; `assessed` tells which basis gave it.
        case scored(Double, assessed: Bool)
    }

    /// Applies the rules to one cell.
    public static func contribution(status: CellStatus, rating: AssessmentRating?) -> Contribution {
        if let rating {
            guard let score = rating.score else { return .notApplicable }
            return .scored(score, assessed: true)
        }
        switch status {
        case .notApplicable: return .notApplicable
        case .notReported: return .notReported
        case .implemented: return .scored(1, assessed: false)
        case .partial: return .scored(0.5, assessed: false)
        case .planned: return .scored(0.25, assessed: false)
        case .noMeasures: return .scored(0, assessed: false)
        }
    }
}

extension Scoring.Contribution {
    /// The score of a scored contribution, else nil.
    public var score: Double? {
        if case .scored(let score, _) = self { return score }
        return nil
    }
}

/// Counts and sums of a set of cells, from which coverage and score follow.
public struct ScoreTally: Sendable, Hashable, Codable {
    /// All cells counted.
    public private(set) var cells = 0
    /// Cells per status (self-reported or derived), before ratings are applied.
    public private(set) var statusCounts: [CellStatus: Int] = [:]
    /// Cells per counted status (ratings applied), in the order of ``CountedStatus/allCases``: the
    /// reported ones sum to `reported`. An array, not a dictionary: a summary adds every cell a dozen times.
    private var countedCounts = [Int](repeating: 0, count: CountedStatus.allCases.count)
    /// Cells out of the denominator (not_applicable by status or by rating).
    public private(set) var notApplicable = 0
    /// Applicable cells with nothing reported.
    public private(set) var notReported = 0
    /// Applicable cells with a score.
    public private(set) var reported = 0
    /// Of the reported cells, those scored from an assessment.
    public private(set) var assessed = 0
    /// Of the reported cells, those whose status derives from treaty status (accession obligations), not assessed.
    public private(set) var derived = 0
    /// Of the reported cells, those scored from an outside body's rating through a direct crosswalk link (basis `external`).
    public private(set) var external = 0
    /// Sum of the reported cells' scores.
    public private(set) var scoreSum = 0.0

    public init() {}

    /// Adds one cell; `derived` marks a status that comes from treaty status rather than a self-report.
    /// `external` marks a rating that is an outside body's, through the crosswalk, rather than the ledger's own.
    public mutating func add(status: CellStatus, rating: AssessmentRating?, derived isDerived: Bool = false, external isExternal: Bool = false) {
        cells += 1
        statusCounts[status, default: 0] += 1
        countedCounts[CountedStatus(status: status, rating: rating, external: isExternal).ordinal] += 1
        switch Scoring.contribution(status: status, rating: rating) {
        case .notApplicable: notApplicable += 1
        case .notReported: notReported += 1
        case .scored(let score, let wasAssessed):
            reported += 1
            scoreSum += score
            if wasAssessed && isExternal { external += 1 } else if wasAssessed { assessed += 1 } else if isDerived { derived += 1 }
        }
    }

    /// Cells in the denominator of coverage.
    public var applicable: Int { cells - notApplicable }
    /// Of the reported cells, those scored from the State's own report.
    public var selfReported: Int { reported - assessed - derived - external }
    /// reported / applicable, or nil when nothing is applicable.
    public var coverage: Double? { applicable == 0 ? nil : Double(reported) / Double(applicable) }
    /// score sum / reported, or nil when nothing is reported.
    public var score: Double? { reported == 0 ? nil : scoreSum / Double(reported) }

    public func count(_ status: CellStatus) -> Int { statusCounts[status] ?? 0 }

    /// Cells counted in `status` (ratings applied).
    public func counted(_ status: CountedStatus) -> Int { countedCounts[status.ordinal] }

    /// The formula behind `score`, with its counts, e.g.
    /// `score 0.62 = 47.00 points / 76 reported (41 implemented + ½ × 12 partial + ...; assessed cells by rating)`.
    public var scoreFormula: String {
        guard let score else { return "score n/a = no applicable cell reported" }
        return "score \(Self.fixed(score)) = \(Self.fixed(scoreSum)) points / \(reported) applicable and reported"
            + " (\(selfReported) self-reported\(derived > 0 ? " and \(derived) from treaty status" : ""): implemented 1, partial 0.5, planned 0.25, no measures 0;"
            + " \(assessed) assessed: C 1, LC 0.75, PC 0.5, NC 0"
            + (external > 0 ? "; \(external) external: an outside body's rating of a directly linked item, same scale" : "") + ")"
    }

    /// The formula behind `coverage`, e.g. `coverage 0.95 = 76 reported / 80 applicable`.
    public var coverageFormula: String {
        guard let coverage else { return "coverage n/a = no applicable cell" }
        return "coverage \(Self.fixed(coverage)) = \(reported) reported / \(applicable) applicable"
            + " (\(cells) cells − \(notApplicable) not applicable)"
    }

    /// Two decimals, locale-independent.
    public static func fixed(_ value: Double, digits: Int = 2) -> String {
        let scale = digits == 1 ? 10.0 : digits == 3 ? 1000.0 : 100.0
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }
}
