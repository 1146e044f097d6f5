import LedgerModel
import LedgerStore

/// Per treaty, every status table the ledger imported (file, form, as-at date, SHA-256, source) and
/// what would make its status current: the UNTC XML file to download, or the depositary's list.
public struct TreatySources: Sendable, Encodable {
    /// One treaty's tables and where to get newer data.
    public struct Item: Sendable, Encodable {
        public let id: String
        public let untc: String?
        public let shortTitle: String
        /// The as-at date the treaty's status rests on (its newest table with rows).
        public let statusAsAt: ISODate?
        public let stale: Bool
        public let tables: [Table]
        /// Where to get the current status: the UNTC XML address, or the depositary's list.
        public let updateFrom: String
        public let caveats: [String]
        /// Shipped with the build, or added by the ledger (`treaties add`).
        public let catalogue: TreatyOrigin

        enum CodingKeys: String, CodingKey {
            case id, untc, stale, tables, caveats, catalogue
            case shortTitle = "short_title", statusAsAt = "status_as_at", updateFrom = "update_from"
        }
    }

    /// One imported status table.
    public struct Table: Sendable, Encodable {
        public let seq: Int64
        public let file: String
        public let form: String
        public let asAt: ISODate?
        public let sha256: String
        public let source: String
        /// Participants listed (nil for tables imported before the ledger recorded it).
        public let rows: Int?
        public let recorded: Int
        public let declaredParties: Int?
        public let declaredSignatories: Int?

        enum CodingKeys: String, CodingKey {
            case seq, file, form, sha256, source, rows, recorded
            case asAt = "as_at", declaredParties = "declared_parties", declaredSignatories = "declared_signatories"
        }
    }

    public let asOf: ISODate
    public let staleDataYears: Int
    public let treaties: [Item]

    enum CodingKeys: String, CodingKey {
        case treaties
        case asOf = "as_of", staleDataYears = "stale_data_years"
    }

    /// The sources of every treaty of the catalogue, judged stale against `asOf`.
    public static func make(ledger: Ledger, asOf: ISODate, staleDataYears: Int = 5) throws -> TreatySources {
        let index = try ledger.treatyStatus()
        let tables = Dictionary(grouping: try ledger.treatyTables(), by: \.treaty)
        let items = ledger.treaties.treaties.map { treaty in
            let asAt = index.tables[treaty.id] ?? nil
            return Item(
                id: treaty.id, untc: treaty.untc, shortTitle: treaty.shortTitle, statusAsAt: asAt,
                stale: index.hasData(treaty.id) && (asAt.map { $0.years(until: asOf) >= staleDataYears } ?? false),
                tables: (tables[treaty.id] ?? []).map {
                    Table(
                        seq: $0.seq, file: $0.file, form: ($0.form ?? .text).rawValue, asAt: $0.asAt, sha256: $0.sha256, source: $0.source,
                        rows: $0.rows, recorded: $0.recorded, declaredParties: $0.declaredParties, declaredSignatories: $0.declaredSignatories)
                },
                updateFrom: treaty.statusPage ?? "the depositary's published list of parties: \(treaty.depositary)",
                caveats: treaty.caveats, catalogue: treaty.origin)
        }
        return TreatySources(asOf: asOf, staleDataYears: staleDataYears, treaties: items)
    }

    /// One block per treaty: its tables, then where to get newer data.
    public func renderText() -> String {
        var out = "Treaty status sources, as of \(asOf) (data older than \(staleDataYears) years is stale)\n"
        for item in treaties {
            out += "\n\(item.shortTitle) (\(item.untc ?? item.id)): "
                + (item.tables.isEmpty ? "no status data" : "status as at \(item.statusAsAt?.description ?? "an unknown date")")
                + (item.stale ? ", STALE" : "") + (item.catalogue == .ledger ? "; \(item.catalogue.words)" : "") + "\n"
            if !item.tables.isEmpty {
                out += TextTable.render(
                    headers: ["file", "form", "as at", "rows", "published parties", "sha256", "source"],
                    rows: item.tables.map {
                        [$0.file, $0.form, $0.asAt?.description ?? "–", $0.rows.map(String.init) ?? "–",
                         $0.declaredParties.map(String.init) ?? "–", $0.sha256, $0.source]
                    }).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
            }
            out += "  update from: \(item.updateFrom)\n"
            for caveat in item.caveats { out += "  caveat: \(caveat)\n" }
        }
        return out
    }
}
