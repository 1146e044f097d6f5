import Foundation
import GRDB
import GRDBSQLite

/// Binding by position straight into SQLite, for the statements an import runs once per row: no
/// `StatementArguments` array is built (nor its values retained and released) per row.
///
/// Use: ``prepareForPositionalBinding()`` once after making the statement; then per execution
/// ``resetForBinding()``, one `bind` per parameter, and GRDB's `execute()` without arguments, which
/// keeps the bindings and does GRDB's bookkeeping (changes count, errors with their SQL).
extension Statement {
    /// Marks the statement's arguments as set (to NULL), so that `execute()` runs with the bindings in place.
    func prepareForPositionalBinding() {
        let count = Int(sqlite3_bind_parameter_count(sqliteStatement))
        setUncheckedArguments(StatementArguments(Array(repeating: DatabaseValue.null, count: count)))
    }

    /// Ends the statement's last execution so that it can be bound again (bindings are kept until replaced).
    func resetForBinding() {
        // The result repeats the last step's error, which that step already threw.
        _ = sqlite3_reset(sqliteStatement)
    }

    func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(sqliteStatement, index, value))
    }

    /// Binds text, or NULL for nil.
    func bind(_ value: String?, at index: Int32) throws {
        guard var value else { return try check(sqlite3_bind_null(sqliteStatement, index)) }
        let code = value.withUTF8 { bytes -> Int32 in
            // An empty string has no base address, and a null pointer would bind NULL.
            guard let start = bytes.baseAddress else { return sqlite3_bind_text(sqliteStatement, index, "", 0, Self.transient) }
            return UnsafeRawPointer(start).withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(sqliteStatement, index, $0, Int32(bytes.count), Self.transient)
            }
        }
        try check(code)
    }

    func bind(_ value: Data, at index: Int32) throws {
        let code = value.withUnsafeBytes { bytes in
            bytes.baseAddress.map { sqlite3_bind_blob(sqliteStatement, index, $0, Int32(bytes.count), Self.transient) }
                ?? sqlite3_bind_zeroblob(sqliteStatement, index, 0)
        }
        try check(code)
    }

    /// SQLite copies the bytes before the call returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self) }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind an argument", sql: sql) }
    }
}
