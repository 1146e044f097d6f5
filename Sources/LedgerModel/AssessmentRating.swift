/// A reviewer's rating of (State, obligation) on the FATF-style scale.
public enum AssessmentRating: String, Sendable, Codable, CaseIterable {
    case compliant
    case largelyCompliant = "largely_compliant"
    case partiallyCompliant = "partially_compliant"
    case nonCompliant = "non_compliant"
    case notApplicable = "not_applicable"

    /// The rating's score in [0, 1] (C 1, LC 0.75, PC 0.5, NC 0), or nil for `not_applicable`.
    public var score: Double? {
        switch self {
        case .compliant: 1
        case .largelyCompliant: 0.75
        case .partiallyCompliant: 0.5
        case .nonCompliant: 0
        case .notApplicable: nil
        }
    }

    /// The usual abbreviation (C, LC, PC, NC, NA).
    public var abbreviation: String {
        switch self {
        case .compliant: "C"
        case .largelyCompliant: "LC"
        case .partiallyCompliant: "PC"
        case .nonCompliant: "NC"
        case .notApplicable: "NA"
        }
    }
}
