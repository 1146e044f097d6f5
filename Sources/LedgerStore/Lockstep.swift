import GRDB

/// Walks a projection table in key order in step with the events whose sequence numbers are its keys.
final class Lockstep {
    let table: String
    let key: String
    private let cursor: RowCursor
    private var pending: Row?

    init(_ db: Database, table: String, key: String) throws {
        self.table = table
        self.key = key
        cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(key)")
    }

    /// The row whose key is `seq` (nil when there is none), and the keys of rows passed over before it.
    func take(_ seq: Int64) throws -> (row: Row?, orphans: [Int64]) {
        var orphans: [Int64] = []
        while true {
            if pending == nil { pending = try cursor.next().map { $0.copy() } }
            guard let row = pending else { return (nil, orphans) }
            let id: Int64 = row[key]
            if id == seq {
                pending = nil
                return (row, orphans)
            }
            if id > seq { return (nil, orphans) }
            orphans.append(id)
            pending = nil
        }
    }

    /// The rows not taken.
    func remaining() throws -> [Row] {
        var rows: [Row] = []
        if let pending { rows.append(pending) }
        pending = nil
        while let row = try cursor.next() { rows.append(row.copy()) }
        return rows
    }
}
