/// What a draft in a round does once published.
public enum RoundDraftAction: String, Sendable, Codable, CaseIterable {
    /// Records a new measure.
    case record
    /// Corrects a published measure (or replaces an earlier draft of the round).
    case correct
    /// Retracts a published measure.
    case retract
    /// Withdraws an earlier draft of the round; publishes nothing.
    case withdraw
}
