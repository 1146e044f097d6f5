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
    /// The status tables shipped for the treaty, oldest first (a later one adds the actions since).
    public let statusTables: [StatusTable]
    /// What a reader must know whenever the treaty's status is shown (a source's known gaps), one sentence each.
    public let caveats: [String]
    /// Where a user gets the treaty's current status: the UNTC XML file to download for UNTC
    /// treaties, the depositary's status page for the others.
    public let statusPage: String?
    /// The `treaty.added` event by which the secretariat added the treaty to the ledger's catalogue;
    /// nil for a treaty of the catalogue this build ships (`Fixtures/treaties.json`).
    public private(set) var addedBy: Int64? = nil

    /// Whether the treaty was added by the ledger (`treaties add`) rather than shipped with the build.
    public var isAddedByLedger: Bool { addedBy != nil }

    /// Shipped with the build, or added by the ledger.
    public var origin: TreatyOrigin { addedBy == nil ? .shipped : .ledger }

    /// A treaty the secretariat adds to the ledger's catalogue (``TreatyAddition``), by event `addedBy`.
    public init(_ addition: TreatyAddition, addedBy seq: Int64) {
        id = addition.id
        untc = addition.untc
        depositary = addition.depositary
        shortTitle = addition.shortTitle
        title = addition.title
        adopted = addition.adopted
        entryIntoForce = addition.entryIntoForce
        obligations = addition.obligations
        signatureRequired = true
        earliestAction = nil
        note = nil
        source = addition.source
        statusTables = []
        caveats = []
        // The UNTC publishes each treaty's status as XML at this address (docs/guides/analyst.md, "Bringing one treaty up to date").
        statusPage = addition.untc.flatMap { untc in
            untc.split(separator: "-").first.map {
                "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20\($0)/\(untc).en.xml"
            }
        }
        addedBy = seq
    }

    /// A shipped status table: its file, the date it stood as at, and where it comes from.
    public struct StatusTable: Sendable, Hashable, Codable {
        /// The file under `Fixtures/`, e.g. `untc-xml-2018/VI-15.en.xml`.
        public let file: String
        public let asOf: ISODate
        public let source: String

        enum CodingKeys: String, CodingKey {
            case file, source
            case asOf = "as_of"
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        untc = try c.decodeIfPresent(String.self, forKey: .untc)
        depositary = try c.decode(String.self, forKey: .depositary)
        shortTitle = try c.decode(String.self, forKey: .shortTitle)
        title = try c.decode(String.self, forKey: .title)
        adopted = try c.decode(ISODate.self, forKey: .adopted)
        entryIntoForce = try c.decode(ISODate.self, forKey: .entryIntoForce)
        obligations = try c.decode([String].self, forKey: .obligations)
        signatureRequired = try c.decode(Bool.self, forKey: .signatureRequired)
        earliestAction = try c.decodeIfPresent(ISODate.self, forKey: .earliestAction)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        source = try c.decode(String.self, forKey: .source)
        statusTables = try c.decodeIfPresent([StatusTable].self, forKey: .statusTables) ?? []
        caveats = try c.decodeIfPresent([String].self, forKey: .caveats) ?? []
        statusPage = try c.decodeIfPresent(String.self, forKey: .statusPage)
    }

    enum CodingKeys: String, CodingKey {
        case id, untc, depositary, title, adopted, obligations, note, source
        case shortTitle = "short_title"
        case entryIntoForce = "entry_into_force"
        case signatureRequired = "signature_required"
        case earliestAction = "earliest_action"
        case statusTables = "status_tables"
        case caveats
        case statusPage = "status_page"
    }

    /// The first date an action on this treaty may carry.
    public var firstActionDate: ISODate { earliestAction ?? adopted }
}
