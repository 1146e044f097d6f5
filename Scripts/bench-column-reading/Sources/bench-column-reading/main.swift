import Foundation
import GRDB
import GRDBSQLite

// Issue 22's question: does GRDB's `row[i]` give what cpsledger's hand-written column reader
// (Sources/LedgerStore/Statement+ColumnReading.swift) gives? Reads every live measure of a ledger with
// the server's CellTimelines query four ways, interleaved round by round, and prints the best and
// median time of each:
// - the hand-written reader: the storage class of each column checked, then sqlite3_column_* (what
//   cpsledger does; a tampered value is named, never coerced);
// - GRDB's row[i], unchecked: SQLite coerces (text "abc" reads as 0, an integer as its digits) and a
//   NULL stops the program, so it is not an option for a ledger that must name tampered rows;
// - the same storage-class checks, then GRDB's row[i];
// - GRDB's checked decoding through DatabaseValue (what a FetchableRecord with fromDatabaseValue does).
// Usage: swift build -c release && .build/release/bench-column-reading LEDGER.sqlite [ROUNDS]
// (a ledger of `Scripts/bench-import.sh`, /tmp/bench-out/ledger.sqlite by default there).
extension Statement {
    @inline(__always) func isText(at index: Int32) -> Bool { sqlite3_column_type(sqliteStatement, index) == SQLITE_TEXT }
    @inline(__always) func isInteger(at index: Int32) -> Bool { sqlite3_column_type(sqliteStatement, index) == SQLITE_INTEGER }
    @inline(__always) func text(at index: Int32) -> String {
        guard let bytes = sqlite3_column_text(sqliteStatement, index) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(sqliteStatement, index))), as: UTF8.self)
    }
    @inline(__always) func integer(at index: Int32) -> Int64 { sqlite3_column_int64(sqliteStatement, index) }
}
enum Status: String { case implemented, partial, planned, not_applicable, no_measures, unknown, superseded, none }
func date(_ s: String) -> Int? { s.utf8.count == 10 ? s.utf8.reduce(0) { $0 &+ Int($1) } : nil }

let path = CommandLine.arguments[1]
let rounds = Int(CommandLine.arguments.dropFirst(2).first ?? "7") ?? 7
var config = Configuration(); config.readonly = true
let queue = try DatabaseQueue(path: path, configuration: config)
let sql = "SELECT state, obligation, id AS measure_id, last_seq AS version_seq, status, effective_date FROM measures WHERE retracted_seq IS NULL ORDER BY state, obligation, effective_date"

func handWritten(_ db: Database) throws -> (Int, Int64) {
    let statement = try db.makeStatement(sql: sql)
    let rows = try Row.fetchCursor(statement)
    var n = 0; var sum: Int64 = 0
    while try rows.next() != nil {
        guard statement.isText(at: 0), statement.isText(at: 1), statement.isInteger(at: 2), statement.isInteger(at: 3), statement.isText(at: 4), statement.isText(at: 5),
              let s = Status(rawValue: statement.text(at: 4)), let d = date(statement.text(at: 5)) else { fatalError() }
        let state = statement.text(at: 0), obligation = statement.text(at: 1)
        n += 1; sum &+= statement.integer(at: 2) &+ statement.integer(at: 3) &+ Int64(d) &+ Int64(state.utf8.count + obligation.utf8.count + s.rawValue.utf8.count)
    }
    return (n, sum)
}
func rowSubscript(_ db: Database) throws -> (Int, Int64) {
    let rows = try Row.fetchCursor(db, sql: sql)
    var n = 0; var sum: Int64 = 0
    while let row = try rows.next() {
        let state: String = row[0], obligation: String = row[1], id: Int64 = row[2], version: Int64 = row[3]
        guard let s = Status(rawValue: row[4] as String), let d = date(row[5] as String) else { fatalError() }
        n += 1; sum &+= id &+ version &+ Int64(d) &+ Int64(state.utf8.count + obligation.utf8.count + s.rawValue.utf8.count)
    }
    return (n, sum)
}
func checkedThenRow(_ db: Database) throws -> (Int, Int64) {
    let statement = try db.makeStatement(sql: sql)
    let rows = try Row.fetchCursor(statement)
    var n = 0; var sum: Int64 = 0
    while let row = try rows.next() {
        guard statement.isText(at: 0), statement.isText(at: 1), statement.isInteger(at: 2), statement.isInteger(at: 3), statement.isText(at: 4), statement.isText(at: 5) else { fatalError() }
        let state: String = row[0], obligation: String = row[1], id: Int64 = row[2], version: Int64 = row[3]
        guard let s = Status(rawValue: row[4] as String), let d = date(row[5] as String) else { fatalError() }
        n += 1; sum &+= id &+ version &+ Int64(d) &+ Int64(state.utf8.count + obligation.utf8.count + s.rawValue.utf8.count)
    }
    return (n, sum)
}
func checkedValues(_ db: Database) throws -> (Int, Int64) {
    let rows = try Row.fetchCursor(db, sql: sql)
    var n = 0; var sum: Int64 = 0
    while let row = try rows.next() {
        guard let state = String.fromDatabaseValue(row[0] as DatabaseValue), let obligation = String.fromDatabaseValue(row[1] as DatabaseValue),
              let id = Int64.fromDatabaseValue(row[2] as DatabaseValue), let version = Int64.fromDatabaseValue(row[3] as DatabaseValue),
              let st = String.fromDatabaseValue(row[4] as DatabaseValue), let s = Status(rawValue: st),
              let ds = String.fromDatabaseValue(row[5] as DatabaseValue), let d = date(ds) else { fatalError() }
        n += 1; sum &+= id &+ version &+ Int64(d) &+ Int64(state.utf8.count + obligation.utf8.count + s.rawValue.utf8.count)
    }
    return (n, sum)
}
let ways: [(String, (Database) throws -> (Int, Int64))] = [("hand-written sqlite3_column_*", handWritten), ("GRDB row[i]", rowSubscript), ("storage class checked, then GRDB row[i]", checkedThenRow), ("GRDB DatabaseValue, checked", checkedValues)]
var times = Dictionary(uniqueKeysWithValues: ways.map { ($0.0, [Double]()) })
var check: (Int, Int64)? = nil
for _ in 0..<rounds {
    for (name, way) in ways {  // interleaved: each round runs every way once
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try queue.read(way)
        times[name]!.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        if let check { precondition(check == result) } else { check = result }
    }
}
print("rows: \(check!.0), \(rounds) interleaved rounds")
for (name, _) in ways { let t = times[name]!.sorted(); print("\(name): best \(String(format: "%.1f", t[0])) ms, median \(String(format: "%.1f", t[t.count / 2])) ms") }
