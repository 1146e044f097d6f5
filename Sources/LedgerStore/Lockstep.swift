import GRDB

/// Walks a projection table in key order in step with the events whose sequence numbers are its keys.
final class Lockstep {
    let table: String
    let key: String
    private let cursor: RowCursor
    private var pending: Row?

    /// Position of the key column (rows are read by position: a lookup by name lowercases the name each time).
    private let keyIndex: Int
    /// Called with every row the walk reads, taken or passed over, once (e.g. to tally the cells from the measures).
    private let observe: ((Row) -> Void)?

    /// `query`: the query of the rows to read (`SELECT * FROM table` when nil), ordered here by `key`;
    /// `observe`: called with each row read.
    init(_ db: Database, table: String, key: String, query: String? = nil, observe: ((Row) -> Void)? = nil) throws {
        self.table = table
        self.key = key
        self.observe = observe
        let cursor = try Row.fetchCursor(db, sql: "\(query ?? "SELECT * FROM \(table)") ORDER BY \(key)")
        keyIndex = cursor.columnNames.firstIndex(of: key.split(separator: ".").last.map(String.init) ?? key) ?? 0
        self.cursor = cursor
    }

    /// The row whose key is `seq` (nil when there is none), and the keys of rows passed over before it.
    func take(_ seq: Int64) throws -> (row: Row?, orphans: [Int64]) {
        var orphans: [Int64] = []
        while true {
            if pending == nil { pending = try next() }
            guard let row = pending else { return (nil, orphans) }
            let id: Int64 = row[keyIndex]
            if id == seq {
                pending = nil
                return (row, orphans)
            }
            if id > seq { return (nil, orphans) }
            orphans.append(id)
            pending = nil
        }
    }

    /// The key of a row this walk read.
    func key(of row: Row) -> Int64 { row[keyIndex] }

    /// The rows not taken.
    func remaining() throws -> [Row] {
        var rows: [Row] = []
        if let pending { rows.append(pending) }
        pending = nil
        while let row = try next() { rows.append(row) }
        return rows
    }

    private func next() throws -> Row? {
        guard let row = try cursor.next()?.copy() else { return nil }
        observe?(row)
        return row
    }
}
