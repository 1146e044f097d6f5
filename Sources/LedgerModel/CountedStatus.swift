/// How a (State, obligation) cell is counted and shown in every report: its ``CellStatus`` once
/// its rating is applied, so that the reported cells are exactly those in the first six cases and a
/// report's status columns always add up to its `reported`, `not_applicable` and `not_reported` figures.
///
/// A cell scored from an outside body's rating (basis `external`) is `rated_externally`, whatever
/// the State reported; a cell the ledger's reviewers rated although the State reported nothing
/// applicable is `assessed_only`; a cell rated not applicable is `not_applicable`.
public enum CountedStatus: String, Sendable, Codable, CaseIterable {
    case implemented
    case partial
    case planned
    case noMeasures = "no_measures"
    case ratedExternally = "rated_externally"
    case assessedOnly = "assessed_only"
    case notApplicable = "not_applicable"
    case notReported = "not_reported"

    /// The cell's counted status: `status` (self-reported or derived) with `rating` applied;
    /// `external` marks a rating that is an outside body's, through the crosswalk.
    public init(status: CellStatus, rating: AssessmentRating?, external: Bool) {
        switch Scoring.contribution(status: status, rating: rating) {
        case .notApplicable: self = .notApplicable
        case .notReported: self = .notReported
        case .scored:
            if external && rating != nil {
                self = .ratedExternally
            } else {
                switch status {
                case .implemented: self = .implemented
                case .partial: self = .partial
                case .planned: self = .planned
                case .noMeasures: self = .noMeasures
                case .notApplicable, .notReported: self = .assessedOnly
                }
            }
        }
    }

    /// The position in ``allCases``.
    var ordinal: Int {
        switch self {
        case .implemented: 0
        case .partial: 1
        case .planned: 2
        case .noMeasures: 3
        case .ratedExternally: 4
        case .assessedOnly: 5
        case .notApplicable: 6
        case .notReported: 7
        }
    }

    /// Whether the cell counts as reported (it has a score).
    public var isReported: Bool { self != .notApplicable && self != .notReported }

    /// The words a reader sees (`not reported`, `rated externally (FATF)`).
    public var label: String {
        switch self {
        case .implemented: "implemented"
        case .partial: "partial"
        case .planned: "planned"
        case .noMeasures: "no measures"
        case .ratedExternally: "rated externally (FATF)"
        case .assessedOnly: "assessed, nothing self-reported"
        case .notApplicable: "not applicable"
        case .notReported: "not reported"
        }
    }
}
