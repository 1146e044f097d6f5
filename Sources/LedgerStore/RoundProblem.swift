import Foundation
import LedgerModel

/// Why the ledger refused a step of a reporting round; nothing was written.
public enum RoundProblem: Sendable, Hashable, CustomStringConvertible {
    /// No round has this name.
    case unknownRound(String)
    /// A round of this name was opened already (by event `seq`).
    case roundExists(String, seq: Int64)
    /// The round was closed (by event `seq`): no more drafts, submissions or reviews.
    case roundClosed(String, seq: Int64)
    /// The State, or the obligation, is not one the round asks about.
    case notAsked(round: String, state: String, obligation: String?)
    /// The round names no obligation or no State.
    case emptyRound(String)
    /// A draft already changes this published measure; correct that draft instead.
    case measureAlreadyDrafted(round: String, measure: Int64, draft: Int64)
    /// The named draft no longer counts (a later draft replaced or withdrew it, or it was published).
    case draftNotLive(round: String, draft: Int64, status: RoundDraftStatus)
    /// The draft is a retraction or a withdrawal: it has no measure fields to correct.
    case nothingToCorrect(round: String, draft: Int64)
    /// The State has no draft to submit.
    case nothingToSubmit(round: String, state: String)
    /// The State's answer to the obligation is not submitted, so it cannot be accepted or returned.
    case notSubmitted(round: String, state: String, obligation: String, status: RoundDraftStatus)
    /// Nothing accepted is waiting to be published.
    case nothingToPublish(String)
    /// An accepted draft cannot be published as it stands (the measure changed or was retracted since).
    case publishConflict(round: String, draft: Int64, reason: String)

    public var description: String {
        switch self {
        case .unknownRound(let name):
            "No reporting round is named '\(name)'."
        case .roundExists(let name, let seq):
            "A reporting round named '\(name)' exists already (opened by event \(seq)); choose another name."
        case .roundClosed(let name, let seq):
            "Reporting round '\(name)' was closed by event \(seq): it takes no more drafts, submissions or reviews."
        case .notAsked(let round, let state, let obligation?):
            "Reporting round '\(round)' does not ask \(state) about obligation \(obligation)."
        case .notAsked(let round, let state, nil):
            "Reporting round '\(round)' does not ask \(state) anything."
        case .emptyRound(let name):
            "Reporting round '\(name)' would ask nothing: it needs at least one obligation and one State."
        case .measureAlreadyDrafted(let round, let measure, let draft):
            "Draft \(draft) of round '\(round)' already changes measure \(measure); correct or withdraw that draft instead."
        case .draftNotLive(let round, let draft, let status):
            "Draft \(draft) of round '\(round)' is \(status.rawValue.replacingOccurrences(of: "_", with: " ")) and can no longer be changed."
        case .nothingToCorrect(let round, let draft):
            "Draft \(draft) of round '\(round)' retracts or withdraws and has no measure fields to correct; withdraw it and draft anew instead."
        case .nothingToSubmit(let round, let state):
            "\(state) has no draft in round '\(round)' to submit."
        case .notSubmitted(let round, let state, let obligation, let status):
            "The answer of \(state) to \(obligation) in round '\(round)' is \(status.rawValue.replacingOccurrences(of: "_", with: " ")), not submitted, so it cannot be reviewed."
        case .nothingToPublish(let name):
            "Reporting round '\(name)' has no accepted answer waiting to be published."
        case .publishConflict(let round, let draft, let reason):
            "Draft \(draft) of round '\(round)' cannot be published: \(reason). Return the answer so the State can draft it again."
        }
    }
}
