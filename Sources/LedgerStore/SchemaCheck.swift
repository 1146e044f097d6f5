import GRDB

/// Compares the schema objects of a ledger (tables, indexes, triggers, views) with what the
/// migrations of `Schema/` create, so a dropped trigger (events no longer append-only) or an edited
/// view (reports read from it) is named.
enum SchemaCheck {
    /// The objects and their SQL with white space collapsed, by "type name".
    static func objects(_ db: Database) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master
            WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
            """)
        {
            let sql = (row["sql"] as String?) ?? ""
            result["\(row["type"] as String) \(row["name"] as String)"] = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return result
    }

    /// The objects a fresh database gets from the embedded migrations (computed once).
    static let expected: [String: String] = {
        do {
            let queue = try DatabaseQueue()
            try Ledger.migrator.migrate(queue)
            return try queue.read { try objects($0) }
        } catch {
            return [:]
        }
    }()

    /// One sentence per object that is missing, changed or unknown, in name order.
    static func problems(_ db: Database) throws -> [String] {
        let actual = try objects(db)
        var problems: [String] = []
        for key in Set(actual.keys).union(Self.expected.keys).sorted() {
            switch (Self.expected[key], actual[key]) {
            case (_?, nil):
                problems.append("The \(key) that Schema/ creates is missing from the ledger\(key.hasPrefix("trigger") ? " (events are no longer protected against UPDATE or DELETE)" : "").")
            case (let want?, let have?) where want != have:
                problems.append("The \(key) differs from the one Schema/ creates: it was changed behind the ledger's back.")
            case (nil, _?):
                problems.append("The \(key) is not created by Schema/: it was added behind the ledger's back.")
            default:
                break
            }
        }
        return problems
    }
}
