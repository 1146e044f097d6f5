/// What a server token may do.
///
/// `admin` everything; `editor` measures and treaty actions for every State; `focal_point`
/// measures of its one State (and its drafts and submissions in a round); `reviewer` assessments
/// and the review of round answers; only `admin` opens, closes and publishes rounds. Reading is open to everyone.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin
    case editor
    case focalPoint = "focal_point"
    case reviewer

    /// Whether the role may record, correct or retract measures of `state` (`own` is the token's State).
    public func mayWriteMeasures(of state: String, own: String?) -> Bool {
        switch self {
        case .admin, .editor: true
        case .focalPoint: state == own
        case .reviewer: false
        }
    }

    public var mayAssess: Bool { self == .admin || self == .reviewer }

    public var mayRecordTreatyActions: Bool { self == .admin || self == .editor }

    /// Whether the role may accept or return the answers submitted in a reporting round.
    public var mayReview: Bool { self == .admin || self == .reviewer }

    /// Whether the role may open, close and publish reporting rounds.
    public var mayManageRounds: Bool { self == .admin }
}
