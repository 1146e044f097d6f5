import GRDB
import GRDBSQLite
import LedgerModel

/// Every measure in force of every cell, in effective-date order, held by a long-running server
/// (see ``Ledger/keepCellsBetweenReads()``): the cells as of a date not asked before then come from a
/// binary search per cell in memory, instead of two index seeks per cell in SQLite (8,000 cells of a
/// million-event ledger: 40 to 80 ms a date). About 24 bytes per measure in force.
struct CellTimelines: Sendable {
    /// One measure of a cell's timeline.
    struct Entry: Sendable {
        let measureID: Int64
        let versionSeq: Int64
        /// The effective date as ``ISODate/ordinal`` (`yyyymmdd`).
        let date: Int32
        let status: ImplementationStatus
    }

    /// One cell: its measures in force by effective date, then by id (the latest recorded last).
    struct Cell: Sendable {
        let state: String
        let obligation: String
        var entries: [Entry]
    }

    /// The cells that have a measure in force, by State then obligation (the order of `cells`).
    private(set) var cells: [Cell]
    /// The last sequence number of the ledger the timelines were read at.
    private(set) var head: Int64

    /// The cells as of `asOf`, as ``Ledger/cellRecords(_:asOf:only:)`` reads them: for each cell, the
    /// measure in force with the latest effective date on or before it (ties: the latest recorded).
    func records(asOf: ISODate) -> [CellRecord] {
        let day = Int32(asOf.ordinal)
        var result: [CellRecord] = []
        result.reserveCapacity(cells.count)
        for cell in cells {
            // The first entry after the date; the one before it is in force.
            var (low, high) = (0, cell.entries.count)
            while low < high {
                let middle = (low + high) / 2
                if cell.entries[middle].date <= day { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { continue }
            let entry = cell.entries[low - 1]
            let date = Int(entry.date)
            result.append(CellRecord(
                state: cell.state, obligation: cell.obligation, status: entry.status,
                effectiveDate: ISODate(year: date / 10_000, month: date / 100 % 100, day: date % 100)!, measureID: entry.measureID,
                versionSeq: entry.versionSeq))
        }
        return result
    }

    /// Reads every cell's timeline in `db`, whose last sequence number is `head`.
    static func read(_ db: Database, head: Int64) throws -> CellTimelines {
        CellTimelines(cells: try cells(db, only: nil), head: head)
    }

    /// Brings the timelines to `head`: the cells the events after ``head`` touched are read again.
    /// False when those events are too many to be worth it (``Ledger/cellsTouched(_:after:)``): read them all again.
    mutating func update(_ db: Database, head: Int64) throws -> Bool {
        guard head != self.head else { return true }
        guard let touched = try Ledger.cellsTouched(db, after: self.head) else { return false }
        if !touched.isEmpty {
            let fresh = try Self.cells(db, only: touched)
            var merged = cells.filter { !touched.contains(CellKey(state: $0.state, obligation: $0.obligation)) }
            merged.append(contentsOf: fresh)
            merged.sort { Self.before($0, $1) }
            cells = merged
        }
        self.head = head
        return true
    }

    /// The order of `cells` (SQLite's binary collation: byte order of UTF-8).
    private static func before(_ a: Cell, _ b: Cell) -> Bool {
        a.state.utf8.lexicographicallyPrecedes(b.state.utf8)
            || (a.state == b.state && a.obligation.utf8.lexicographicallyPrecedes(b.obligation.utf8))
    }

    /// The timelines of every cell, or of the cells of `only`, read from the `measures_cell` index in
    /// its order; a value that is not what it should be is named as the checked decoder names it.
    private static func cells(_ db: Database, only: Set<CellKey>?) throws -> [Cell] {
        if only?.isEmpty == true { return [] }
        let scope: SQL = only.map { keys in
            let values = keys.map { key -> SQL in "(\(key.state), \(key.obligation))" }
            return "AND (state, obligation) IN (VALUES \(values.joined(separator: ", ")))"
        } ?? ""
        let statement = try SQLRequest<Row>("""
            SELECT state, obligation, id AS measure_id, last_seq AS version_seq, status, effective_date
            FROM measures WHERE retracted_seq IS NULL \(scope)
            ORDER BY state, obligation, effective_date
            """).makePreparedRequest(db, forSingleResult: false).statement
        let sqlite = statement.sqliteStatement
        var cells: [Cell] = []
        var entries: [Entry] = []
        var current: (state: String, obligation: String)?
        // The key of the row before, as bytes: a new cell is told by comparing bytes, not by building strings.
        var lastState: [UInt8] = [], lastObligation: [UInt8] = []
        func same(_ index: Int32, _ last: [UInt8]) -> Bool {
            guard let text = sqlite3_column_text(sqlite, index) else { return last.isEmpty }
            let count = Int(sqlite3_column_bytes(sqlite, index))
            return count == last.count && UnsafeBufferPointer(start: text, count: count).elementsEqual(last)
        }
        func bytes(_ index: Int32) -> [UInt8] {
            guard let text = sqlite3_column_text(sqlite, index) else { return [] }
            return Array(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(sqlite, index))))
        }
        let rows = try Row.fetchCursor(statement)
        while let row = try rows.next() {
            let record: (status: ImplementationStatus, date: ISODate, id: Int64, version: Int64)
            if statement.isText(at: 0), statement.isText(at: 1), statement.isInteger(at: 2), statement.isInteger(at: 3),
                statement.isText(at: 4), statement.isText(at: 5),
                let status = ImplementationStatus(rawValue: statement.text(at: 4)), let date = ISODate(statement.text(at: 5))
            {
                record = (status, date, statement.integer(at: 2), statement.integer(at: 3))
            } else {
                let checked = try CellRow(positional: row, table: MeasureRow.databaseTableName, keyColumn: "measure_id")
                record = (checked.status, checked.effectiveDate, checked.measureID, checked.versionSeq)
            }
            if current == nil || !same(0, lastState) || !same(1, lastObligation) {
                if let current { cells.append(Cell(state: current.state, obligation: current.obligation, entries: entries)) }
                entries = []
                lastState = bytes(0)
                lastObligation = bytes(1)
                current = (statement.text(at: 0), statement.text(at: 1))
            }
            let entry = Entry(measureID: record.id, versionSeq: record.version, date: Int32(record.date.ordinal), status: record.status)
            // Measures of the same date come in index order, not by id: keep the latest recorded last.
            var at = entries.count
            while at > 0, entries[at - 1].date == entry.date, entries[at - 1].measureID > entry.measureID { at -= 1 }
            entries.insert(entry, at: at)
        }
        if let current { cells.append(Cell(state: current.state, obligation: current.obligation, entries: entries)) }
        return cells
    }
}
