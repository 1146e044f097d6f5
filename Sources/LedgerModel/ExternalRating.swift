/// A rating an outside body gave (a FATF technical-compliance rating of a Recommendation, or an
/// effectiveness rating of an Immediate Outcome), kept in the body's own notation.
public enum ExternalRating: String, Sendable, Codable, CaseIterable {
    /// Technical compliance: compliant, largely compliant, partially compliant, non-compliant, not applicable.
    case c = "C", lc = "LC", pc = "PC", nc = "NC", na = "NA"
    /// Effectiveness: high, substantial, moderate, low.
    case he = "HE", se = "SE", me = "ME", le = "LE"

    /// The ledger's assessment scale for a technical-compliance rating (C, LC, PC, NC, NA are the
    /// same scale); nil for an effectiveness rating, which rates outcomes, not provisions.
    public var assessmentRating: AssessmentRating? {
        switch self {
        case .c: .compliant
        case .lc: .largelyCompliant
        case .pc: .partiallyCompliant
        case .nc: .nonCompliant
        case .na: .notApplicable
        case .he, .se, .me, .le: nil
        }
    }

    /// Whether the rating rates effectiveness (HE, SE, ME, LE) rather than technical compliance.
    public var isEffectiveness: Bool { assessmentRating == nil }
}
