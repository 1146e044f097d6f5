/// A State's self-reported implementation status of one obligation.
public enum ImplementationStatus: String, Sendable, Codable, CaseIterable {
    case implemented
    case partial
    case planned
    case noMeasures = "no_measures"
    /// Needs a justification; the cell leaves the score's denominator.
    case notApplicable = "not_applicable"

    /// The status's score in [0, 1], or nil for `not_applicable`.
    public var score: Double? {
        switch self {
        case .implemented: 1
        case .partial: 0.5
        case .planned: 0.25
        case .noMeasures: 0
        case .notApplicable: nil
        }
    }
}
