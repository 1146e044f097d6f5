/// Where a draft, or a State's answer to one obligation, stands in its round.
///
/// An answer with no draft is `notStarted`; a draft is `draft` until the State submits it, then
/// `submitted`; a reviewer makes it `accepted` or `returned` (a returned draft is submitted again
/// with the State's next submission); `published` once a publication carried it into the record;
/// `superseded` when a later draft replaced or withdrew it.
public enum RoundDraftStatus: String, Sendable, Codable, CaseIterable {
    case notStarted = "not_started"
    case draft
    case submitted
    case returned
    case accepted
    case published
    case superseded
}
