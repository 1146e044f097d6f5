/// The status of one (State, obligation) cell in a report: a self-reported or derived
/// implementation status, or `not_reported` when the ledger holds nothing for it.
public enum CellStatus: String, Sendable, Codable, CaseIterable {
    case implemented
    case partial
    case planned
    case noMeasures = "no_measures"
    case notApplicable = "not_applicable"
    case notReported = "not_reported"

    public init(_ status: ImplementationStatus) {
        self = CellStatus(rawValue: status.rawValue)!
    }

    /// Rank for "went down" comparisons: higher is better; nil where no order applies.
    public var rank: Int? {
        switch self {
        case .implemented: 3
        case .partial: 2
        case .planned: 1
        case .noMeasures: 0
        case .notApplicable, .notReported: nil
        }
    }
}
