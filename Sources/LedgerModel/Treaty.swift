/// A treaty the Declaration urges States to join, or one tracked for context.
public struct Treaty: Sendable, Hashable, Codable, Identifiable {
    /// Stable slug, e.g. `illicit-traffic-1988`.
    public let id: String
    /// UN Treaty Collection reference where the Secretary-General is depositary (`VI-19`), else nil.
    public let untc: String?
    public let depositary: String
    public let shortTitle: String
    public let title: String
    /// Date of adoption (or of opening for signature, as `note` says).
    public let adopted: ISODate
    public let entryIntoForce: ISODate
    /// The obligations of the Declaration the treaty serves.
    public let obligations: [String]
    /// Whether a ratification must follow a signature (false where participation has no signature step).
    public let signatureRequired: Bool
    /// The earliest date an action may carry, when earlier than `adopted` (see `note`).
    public let earliestAction: ISODate?
    public let note: String?
    /// Where the dates come from.
    public let source: String
    /// The status table shipped for the treaty, when there is one.
    public let statusTable: StatusTable?

    /// A shipped UNTC status table: its file, the date the page stood as of, and where it comes from.
    public struct StatusTable: Sendable, Hashable, Codable {
        public let file: String
        public let asOf: ISODate
        public let source: String

        enum CodingKeys: String, CodingKey {
            case file, source
            case asOf = "as_of"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, untc, depositary, title, adopted, obligations, note, source
        case shortTitle = "short_title"
        case entryIntoForce = "entry_into_force"
        case signatureRequired = "signature_required"
        case earliestAction = "earliest_action"
        case statusTable = "status_table"
    }

    /// The first date an action on this treaty may carry.
    public var firstActionDate: ISODate { earliestAction ?? adopted }
}
