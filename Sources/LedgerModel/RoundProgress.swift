/// Where a State stands in a reporting round, all its answers taken together: what the round
/// console shows per State.
///
/// `notStarted` while no answer has a draft; `returned` while a reviewer's return waits for the
/// State; `drafting` while the State has drafts it has not submitted; then, once everything drafted
/// is submitted, `submitted` while some answer waits for a reviewer, `accepted` while some accepted
/// answer waits for publication, and `published` when every drafted answer is published.
public enum RoundProgress: String, Sendable, Codable, CaseIterable {
    case notStarted = "not_started"
    case drafting
    case submitted
    case returned
    case accepted
    case published

    /// The progress of a State whose answers stand as `answers` (one status per obligation asked).
    public init(answers: [RoundDraftStatus]) {
        if answers.contains(.returned) {
            self = .returned
        } else if answers.contains(.draft) {
            self = .drafting
        } else if answers.contains(.submitted) {
            self = .submitted
        } else if answers.contains(.accepted) {
            self = .accepted
        } else if answers.contains(.published) {
            self = .published
        } else {
            self = .notStarted
        }
    }

    /// The progress in words for a reader: "not started", "drafting", ...
    public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    /// Whether a State with this progress is overdue once the due date has passed: it has not
    /// submitted everything it drafted (or was asked to change).
    public var owesSubmission: Bool { self == .notStarted || self == .drafting || self == .returned }
}
