import LedgerModel
import LedgerStore

/// The catalogue's obligations and treaties as the command line (`--format json`) and the API
/// (`/api/obligations`, `/api/treaties`) list them: one shape for both.
public enum Listing {
    /// One obligation with its provision.
    public struct ObligationItem: Sendable, Encodable {
        public let id, provision, provisionRef, article, kind, title, text: String
        public let themes: [String]
        public let textIncomplete: Bool

        enum CodingKeys: String, CodingKey {
            case id, provision, article, kind, title, text, themes
            case provisionRef = "provision_ref", textIncomplete = "text_incomplete"
        }
    }

    /// One treaty with how old the ledger's status data for it is.
    public struct TreatyItem: Sendable, Encodable {
        public let id: String
        public let untc: String?
        public let title, shortTitle, depositary, source: String
        public let adopted, entryIntoForce: ISODate
        public let obligations: [String]
        public let note: String?
        public let statusAsAt: ISODate?
        public let hasData: Bool
        /// Where the status as at `statusAsAt` comes from (the newest imported table with rows), when known.
        public var statusSource: String? = nil
        /// What a reader must know whenever the treaty's status is shown.
        public var caveats: [String] = []
        /// Shipped with the build, or added by the ledger (`treaties add`).
        public var catalogue: TreatyOrigin = .shipped
        /// The `treaty.added` event of a treaty the ledger added.
        public var addedEvent: Int64? = nil

        enum CodingKeys: String, CodingKey {
            case id, untc, title, depositary, source, adopted, obligations, note, caveats, catalogue
            case addedEvent = "added_event"
            case shortTitle = "short_title", entryIntoForce = "entry_into_force", statusAsAt = "status_as_at", hasData = "has_data"
            case statusSource = "status_source"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(untc, forKey: .untc)
            try c.encode(title, forKey: .title)
            try c.encode(shortTitle, forKey: .shortTitle)
            try c.encode(depositary, forKey: .depositary)
            try c.encode(source, forKey: .source)
            try c.encode(adopted, forKey: .adopted)
            try c.encode(entryIntoForce, forKey: .entryIntoForce)
            try c.encode(obligations, forKey: .obligations)
            try c.encode(note, forKey: .note)
            try c.encode(statusAsAt, forKey: .statusAsAt)
            try c.encode(hasData, forKey: .hasData)
            try c.encode(statusSource, forKey: .statusSource)
            try c.encode(caveats, forKey: .caveats)
            try c.encode(catalogue, forKey: .catalogue)
            try c.encode(addedEvent, forKey: .addedEvent)
        }
    }

    public static func obligations(_ catalogue: Catalogue) -> [ObligationItem] {
        catalogue.obligations.map { o in
            let p = catalogue.provision(of: o)
            return ObligationItem(
                id: o.id, provision: p.label, provisionRef: p.ref, article: p.article, kind: o.kind.rawValue, title: o.title,
                text: p.text, themes: o.themes, textIncomplete: p.textIncomplete)
        }
    }

    /// The treaties with how old their status is and, given the imported tables, where it comes from.
    public static func treaties(_ index: TreatyStatusIndex, tables: [TreatyTableRecord] = []) -> [TreatyItem] {
        let byTreaty = Dictionary(grouping: tables.filter { !$0.isHeaderOnly }, by: \.treaty)
        return index.catalogue.treaties.map { t in
            let newest = byTreaty[t.id]?.max { ($0.asAt?.ordinal ?? Int.min, $0.seq) < ($1.asAt?.ordinal ?? Int.min, $1.seq) }
            return TreatyItem(
                id: t.id, untc: t.untc, title: t.title, shortTitle: t.shortTitle, depositary: t.depositary, source: t.source,
                adopted: t.adopted, entryIntoForce: t.entryIntoForce, obligations: t.obligations, note: t.note,
                statusAsAt: index.tables[t.id] ?? nil, hasData: index.hasData(t.id), statusSource: newest?.source, caveats: t.caveats,
                catalogue: t.origin, addedEvent: t.addedBy)
        }
    }
}
