/// The treaty actions of a ledger, indexed to answer "is this State party to this treaty on this
/// date?" and "what is the status of this accession obligation?".
///
/// A treaty's status is known for every State once a status table of it has been imported (the
/// table lists every participant); without one, it is known only for the States with an action on it.
public struct TreatyStatusIndex: Sendable {
    public let catalogue: TreatyCatalogue
    private let actions: [String: [String: [(kind: TreatyActionKind, date: ISODate)]]]
    /// Treaty id → the latest as-at date of its imported status tables (nil date: a table without one).
    public let tables: [String: ISODate?]

    public init(catalogue: TreatyCatalogue, actions: [TreatyActionFields], tables: [(treaty: String, asAt: ISODate?)]) {
        self.catalogue = catalogue
        var index: [String: [String: [(kind: TreatyActionKind, date: ISODate)]]] = [:]
        for action in actions { index[action.treaty, default: [:]][action.state, default: []].append((action.action, action.date)) }
        self.actions = index
        var latest: [String: ISODate?] = [:]
        for table in tables {
            if let current = latest[table.treaty], let currentDate = current, let date = table.asAt, date <= currentDate { continue }
            latest[table.treaty] = table.asAt
        }
        self.tables = latest
    }

    /// Whether the ledger holds any status data for the treaty.
    public func hasData(_ treaty: String) -> Bool { tables[treaty] != nil || actions[treaty] != nil }

    /// The State's status towards the treaty on `date`, or nil when the ledger cannot say.
    public func status(of state: String, treaty: String, asOf date: ISODate) -> PartyStatus? {
        let stateActions = actions[treaty]?[state] ?? []
        if stateActions.isEmpty && tables[treaty] == nil { return nil }
        return PartyStatus.of(stateActions, asOf: date)
    }

    /// The status of an accession obligation for a State on a date, under a requirement set.
    public func accession(of state: String, obligation: String, asOf date: ISODate, set: String? = nil) -> AccessionStatus {
        AccessionStatus.derive(requirements: catalogue.requirements(of: obligation, set: set)) { treaty in
            status(of: state, treaty: treaty, asOf: date)
        }
    }

    /// The States with any action on the treaty.
    public func participants(of treaty: String) -> [String] { (actions[treaty] ?? [:]).keys.sorted() }

    /// A State's actions on a treaty, oldest first.
    public func actions(of state: String, treaty: String) -> [(kind: TreatyActionKind, date: ISODate)] {
        (actions[treaty]?[state] ?? []).sorted { $0.date < $1.date }
    }
}
