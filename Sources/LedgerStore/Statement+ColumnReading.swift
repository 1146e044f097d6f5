import GRDB
import GRDBSQLite

/// Reading the current row's columns straight from SQLite, for the reads that return a value per
/// cell of the grid or per treaty action (thousands of rows in every report): no `DatabaseValue` is
/// built per value. Each reader checks the storage class first; a row that does not fit goes to the
/// checked decoders, which name the bad value exactly as before.
extension Statement {
    func isText(at index: Int32) -> Bool { sqlite3_column_type(sqliteStatement, index) == SQLITE_TEXT }

    func isInteger(at index: Int32) -> Bool { sqlite3_column_type(sqliteStatement, index) == SQLITE_INTEGER }

    func isNull(at index: Int32) -> Bool { sqlite3_column_type(sqliteStatement, index) == SQLITE_NULL }

    /// The text of the current row at `index`; call ``isText(at:)`` first.
    func text(at index: Int32) -> String {
        guard let bytes = sqlite3_column_text(sqliteStatement, index) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(sqliteStatement, index))), as: UTF8.self)
    }

    /// The integer of the current row at `index`; call ``isInteger(at:)`` first.
    func integer(at index: Int32) -> Int64 { sqlite3_column_int64(sqliteStatement, index) }
}
