import GRDB

/// A record of one table whose typed columns are checked when a row does not decode, so that the
/// error names the table, the row's key, the column and the stored value.
protocol StoredRecord: FetchableRecord, TableRecord {
    /// The columns that identify a row, for the sentence that names it ("seq", or "state", "obligation").
    static var keyColumns: [String] { get }
    /// The columns whose text must be one of a type's values.
    static var checkedColumns: [StoredColumn] { get }
}

extension StoredRecord {
    /// Decodes `row`, throwing ``LedgerError/badStoredValue(table:key:column:value:expected:)`` for a
    /// value of a checked column that is not one of its type's values. A row read from another
    /// table in this record's shape (a query over `measures` giving cells) names that `table` and its `keyColumns`.
    init(checking row: Row, table: String = Self.databaseTableName, keyColumns: [String] = Self.keyColumns) throws {
        do {
            try self.init(row: row)
        } catch {
            throw Self.badValue(in: row, table: table, keyColumns: keyColumns) ?? error
        }
    }

    /// The first checked column of `row` holding a value its type does not know, as an error; nil when all are known.
    static func badValue(in row: Row, table: String = Self.databaseTableName, keyColumns: [String] = Self.keyColumns) -> LedgerError? {
        for column in checkedColumns {
            guard let value = row[column.name] as DatabaseValue?, !column.accepts(value) else { continue }
            return .badStoredValue(table: table, key: key(of: row, keyColumns), column: column.name, value: text(value), expected: column.kind)
        }
        return nil
    }

    /// The row's key as a sentence names it: "seq 12", "state FRA, obligation art-2".
    static func key(of row: Row, _ keyColumns: [String] = Self.keyColumns) -> String {
        keyColumns.map { "\($0) \(text(row[$0] as DatabaseValue? ?? .null))" }.joined(separator: ", ")
    }

    /// Every record `request` selects, each decoded with ``init(checking:table:keyColumns:)``.
    static func fetchAllChecked(_ db: Database, _ request: some FetchRequest) throws -> [Self] {
        try Row.fetchAll(db, request).map { try Self(checking: $0) }
    }

    /// The first record `request` selects, decoded with ``init(checking:table:keyColumns:)``.
    static func fetchOneChecked(_ db: Database, _ request: some FetchRequest) throws -> Self? {
        try Row.fetchOne(db, request).map { try Self(checking: $0) }
    }

    private static func text(_ value: DatabaseValue) -> String { value.storedText }
}

extension DatabaseValue {
    /// The value as an error message shows it: text as it is, numbers in decimal, NULL and blobs named.
    var storedText: String {
        switch storage {
        case .null: "NULL"
        case .string(let text): text
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .blob(let data): "a blob of \(data.count) bytes"
        }
    }
}
