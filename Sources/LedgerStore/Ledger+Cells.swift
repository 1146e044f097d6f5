import Foundation
import GRDB
import GRDBSQLite
import LedgerModel

/// The self-reported status of one (State, obligation) cell as of a date: the measure in force with
/// the latest effective date (ties: the latest recorded).
public struct CellRecord: Sendable, Hashable {
    public let state: String
    public let obligation: String
    public let status: ImplementationStatus
    public let effectiveDate: ISODate
    /// The measure that gives the status.
    public let measureID: Int64
    /// The event holding that measure's content as counted (its record or latest correction).
    public let versionSeq: Int64
}

/// A reviewer's rating as the ledger holds it.
public struct AssessmentRecord: Sendable, Hashable {
    public let seq: Int64
    public let fields: AssessmentFields
    public let actor: String
}

extension Ledger {
    /// The status of every cell that has a measure in force on `asOf` (today's state of the ledger
    /// when nil), in the order of the `cells` table (by State, then obligation). Cells absent from the
    /// result are `not_reported`.
    public func cellStatuses(asOf: ISODate? = nil, knownAt: KnownAt? = nil) throws -> [CellRecord] {
        try snapshot { try $0.cellStatuses(asOf: asOf, knownAt: knownAt) }
    }

    /// ``cellStatuses(asOf:knownAt:)`` read in `db`, whose last sequence number is `head`.
    func cellStatuses(_ db: Database, head: Int64, asOf: ISODate?, knownAt: KnownAt?) throws -> [CellRecord] {
        if let knownAt { return try Self.cellStatuses(db, asOf: asOf, knownAt: knownAt) }
        guard keptCells.withLock({ $0.enabled }) else { return try Self.cellRecords(db, asOf: asOf, only: nil) }
        let kept = keptCells.withLock { $0.lookup(asOf) }
        if let kept, kept.head == head { return kept.cells }
        var cells: [CellRecord]
        if let asOf, let fromTimelines = try cellsFromTimelines(db, head: head, asOf: asOf) {
            cells = fromTimelines
        } else if let kept, let touched = try Self.cellsTouched(db, after: kept.head) {
            cells = kept.cells
            Self.replace(touched, in: &cells, with: try Self.cellRecords(db, asOf: asOf, only: touched))
        } else {
            cells = try Self.cellRecords(db, asOf: asOf, only: nil)
        }
        keptCells.withLock { $0.keep(cells, asOf: asOf, head: head) }
        return cells
    }

    /// Keeps the cells of the last few dates asked for between reads, so that the next report after
    /// a write re-reads only the cells the new events touched. For a long-running server: it trusts
    /// that the projections change only through events (an edit of the file with sqlite3 shows once
    /// a new event is appended, or `verify` finds it), which a one-off command need not.
    package func keepCellsBetweenReads() {
        keptCells.withLock { $0.enabled = true }
    }

    /// Reads every cell's measures by effective date and keeps them between reads (a server, once, as
    /// it starts; see ``keepCellsBetweenReads()``, which must come first): the cells as of a date not
    /// asked before then come from memory, and after a write only the cells the new events touched
    /// are read again. About 24 bytes per measure in force.
    package func keepCellTimelines() async throws {
        let timelines = try await pool.read { db in try CellTimelines.read(db, head: try Self.readingHeadSeq(db)) }
        keptCells.withLock { kept in
            guard kept.enabled, (kept.timelines?.head ?? -1) < timelines.head else { return }
            kept.timelines = timelines
        }
    }

    /// The cells as of `asOf` from the kept timelines, brought to `head` first; nil when none are kept
    /// or when `db` reads an older state of the ledger than they hold. After more new events than
    /// ``cellsTouched(_:after:)`` takes (a bulk import into a served ledger), every timeline is read again.
    func cellsFromTimelines(_ db: Database, head: Int64, asOf: ISODate) throws -> [CellRecord]? {
        guard var timelines = keptCells.withLock({ $0.timelines }), timelines.head <= head else { return nil }
        if timelines.head < head {
            if try !timelines.update(db, head: head) { timelines = try CellTimelines.read(db, head: head) }
            keptCells.withLock { kept in
                if let held = kept.timelines, held.head < timelines.head { kept.timelines = timelines }
            }
        }
        return timelines.records(asOf: asOf)
    }

    /// The cells as of `asOf`, all of them or only those of `only`.
    static func cellRecords(_ db: Database, asOf: ISODate?, only: Set<CellKey>?) throws -> [CellRecord] {
        // With `only`, the rows of those cells: a VALUES list joined by (state, obligation).
        let scope: SQL = only.map { keys in
            let values = keys.map { key -> SQL in "(\(key.state), \(key.obligation))" }
            return "AND (c.state, c.obligation) IN (VALUES \(values.joined(separator: ", ")))"
        } ?? ""
        if only?.isEmpty == true { return [] }
        // `cells` holds each cell's latest measure in force; it answers for any date on or after
        // the latest effective date among them. Columns are read by position (``CellRow/init(positional:table:keyColumn:)``):
        // by name, GRDB compares lowercased names for every value, a tenth of a summary's time.
        // Each row read straight from SQLite (``CellRow/init(reading:)``), through the checked
        // decoder only when a value is not what it should be.
        var current: [CellRecord] = []
        let statement = try SQLRequest<Row>("SELECT \(sql: CellRow.positionalColumns) FROM cells c WHERE 1 \(scope)")
            .makePreparedRequest(db, forSingleResult: false).statement
        let rows = try Row.fetchCursor(statement)
        while let row = try rows.next() { current.append(try (CellRow(reading: statement) ?? CellRow(positional: row)).record) }
        let latest = current.map(\.effectiveDate).max()
        guard let asOf, let latest, asOf < latest else { return current }
        if let cells = try earlierCells(db, current: current, asOf: asOf) { return cells }
        // Otherwise one statement for every cell whose current measure took effect after the
        // date: for each, the latest effective date on or before it (an index seek), then the
        // measure of that date with the highest id (the latest recorded) among the index entries of
        // that date: `max(m.id)` with the other columns bare, which SQLite takes from that row.
        // `cells` drives the join (CROSS JOIN keeps that order; the planner would otherwise scan the
        // index), and with `last_seq` in the `measures_cell` index no measures row is read at all.
        // A statement per cell from Swift cost more in GRDB's stepping than the seeks themselves.
        var earlier: [CellKey: CellRecord] = [:]
        let earlierStatement = try SQLRequest<Row>("""
            SELECT c.state, c.obligation, max(m.id) AS measure_id, m.last_seq AS version_seq, m.status, m.effective_date
            FROM cells c CROSS JOIN measures m
              ON m.state = c.state AND m.obligation = c.obligation AND m.retracted_seq IS NULL AND m.effective_date = (
                SELECT max(effective_date) FROM measures
                WHERE state = c.state AND obligation = c.obligation AND effective_date <= \(asOf) AND retracted_seq IS NULL)
            WHERE c.effective_date > \(asOf) \(scope)
            GROUP BY c.state, c.obligation
            """).makePreparedRequest(db, forSingleResult: false).statement
        let earlierRows = try Row.fetchCursor(earlierStatement)
        while let row = try earlierRows.next() {
            let cell = try (CellRow(reading: earlierStatement)
                ?? CellRow(positional: row, table: MeasureRow.databaseTableName, keyColumn: "measure_id")).record
            earlier[CellKey(state: cell.state, obligation: cell.obligation)] = cell
        }
        var cells: [CellRecord] = []
        for cell in current {
            if cell.effectiveDate <= asOf {
                cells.append(cell)
            } else if let found = earlier[CellKey(state: cell.state, obligation: cell.obligation)] {
                cells.append(found)
            }
        }
        return cells
    }

    /// The cells as of `asOf`, from `current` (the `cells` rows in scope): a cell whose measure took
    /// effect on or before the date keeps it; for each other, one descending seek into `measures_cell`
    /// from the date finds the latest effective date on or before it, and the rows of that date that
    /// follow give the latest recorded (the highest id). A third of the SQLite work of the statement
    /// below (two seeks per cell and a join; callgrind, 200,000 events). The statement is GRDB's
    /// (prepared once per connection) but stepped on SQLite's own API and read with
    /// `Statement+ColumnReading`: through GRDB's cursors, 8,000 steps cost more than the seeks. Nil when
    /// a stored value is not what it should be: the statement below then names it.
    static func earlierCells(_ db: Database, current: [CellRecord], asOf: ISODate) throws -> [CellRecord]? {
        let statement = try db.cachedStatement(sql: """
            SELECT effective_date, status, last_seq, id FROM measures
            WHERE state = ?1 AND obligation = ?2 AND effective_date <= ?3 AND retracted_seq IS NULL
            ORDER BY effective_date DESC
            """)
        let handle = statement.sqliteStatement
        let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        guard asOf.description.withCString({ sqlite3_bind_text(handle, 3, $0, -1, transient) }) == SQLITE_OK else { return nil }
        var cells: [CellRecord] = []
        cells.reserveCapacity(current.count)
        for cell in current {
            if cell.effectiveDate <= asOf {
                cells.append(cell)
                continue
            }
            sqlite3_reset(handle)
            guard cell.state.withCString({ sqlite3_bind_text(handle, 1, $0, -1, transient) }) == SQLITE_OK,
                cell.obligation.withCString({ sqlite3_bind_text(handle, 2, $0, -1, transient) }) == SQLITE_OK
            else { return nil }
            var found: CellRecord?
            var code = sqlite3_step(handle)
            while code == SQLITE_ROW {
                guard statement.isText(at: 0), let date = ISODate(statement.text(at: 0)), statement.isText(at: 1),
                    let status = ImplementationStatus(rawValue: statement.text(at: 1)), statement.isInteger(at: 2), statement.isInteger(at: 3)
                else { return nil }
                if let found, found.effectiveDate != date { break }
                let id = statement.integer(at: 3)
                if found == nil || id > found!.measureID {
                    found = CellRecord(
                        state: cell.state, obligation: cell.obligation, status: status, effectiveDate: date, measureID: id,
                        versionSeq: statement.integer(at: 2))
                }
                code = sqlite3_step(handle)
            }
            guard code == SQLITE_ROW || code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
            }
            if let found { cells.append(found) }
        }
        return cells
    }

    /// The cells whose status events after `seq` may have changed: every cell a measure those events
    /// record, correct or retract is or was in. Nil when they are too many to be worth it (then every
    /// cell is read again).
    static func cellsTouched(_ db: Database, after seq: Int64) throws -> Set<CellKey>? {
        let newEvents = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE seq > ?", arguments: [seq]) ?? 0
        guard newEvents <= 2_000 else { return nil }
        let rows = try Row.fetchAll(db, sql: """
            WITH changed (id) AS (
              SELECT CASE kind WHEN 'measure.recorded' THEN seq ELSE json_extract(payload, '$.measure') END
              FROM events WHERE seq > ? AND kind IN ('measure.recorded', 'measure.corrected', 'measure.retracted'))
            SELECT state, obligation FROM measures WHERE id IN changed
            UNION SELECT state, obligation FROM measure_changes WHERE measure IN changed AND state IS NOT NULL
            UNION SELECT from_state, from_obligation FROM measure_changes WHERE measure IN changed AND from_state IS NOT NULL
            """, arguments: [seq])
        return Set(rows.compactMap { row in
            (row[0] as String?).flatMap { state in (row[1] as String?).map { CellKey(state: state, obligation: $0) } }
        })
    }

    /// Replaces the cells of `keys` in `cells` (in `cells` order) by `fresh` (the same cells read again; absent: no measure in force).
    static func replace(_ keys: Set<CellKey>, in cells: inout [CellRecord], with fresh: [CellRecord]) {
        guard !keys.isEmpty else { return }
        func before(_ a: CellRecord, _ b: CellRecord) -> Bool { (a.state, a.obligation) < (b.state, b.obligation) }
        let kept = cells.filter { !keys.contains(CellKey(state: $0.state, obligation: $0.obligation)) }
        let added = fresh.sorted(by: before)
        var merged: [CellRecord] = []
        merged.reserveCapacity(kept.count + added.count)
        var (i, j) = (0, 0)
        while i < kept.count || j < added.count {
            if j == added.count || (i < kept.count && before(kept[i], added[j])) {
                merged.append(kept[i]); i += 1
            } else {
                merged.append(added[j]); j += 1
            }
        }
        cells = merged
    }

    /// The statuses as the ledger knew them at `knownAt`: measures recorded by then, in their latest
    /// version by then, less those retracted by then; replayed from the events.
    private static func cellStatuses(_ db: Database, asOf: ISODate?, knownAt: KnownAt) throws -> [CellRecord] {
        try Row.fetchAll(
            db,
            SQLRequest<Row>("""
                WITH ev AS (
                  SELECT seq, kind, CASE kind WHEN 'measure.recorded' THEN seq ELSE json_extract(payload, '$.measure') END AS id
                  FROM events
                  WHERE recorded_at <= \(knownAt.timestamp) AND kind IN ('measure.recorded', 'measure.corrected', 'measure.retracted')),
                version AS (SELECT id, max(seq) AS seq FROM ev WHERE kind <> 'measure.retracted' GROUP BY id),
                retracted AS (SELECT DISTINCT id FROM ev WHERE kind = 'measure.retracted'),
                known AS (
                  SELECT v.id, v.seq AS version_seq, json_extract(e.payload, '$.state') AS state,
                         json_extract(e.payload, '$.obligation') AS obligation, json_extract(e.payload, '$.status') AS status,
                         json_extract(e.payload, '$.effective_date') AS effective_date
                  FROM version v JOIN events e ON e.seq = v.seq
                  WHERE v.id NOT IN (SELECT id FROM retracted))
                SELECT state, obligation, id AS measure_id, status, effective_date, version_seq FROM (
                  SELECT *, ROW_NUMBER() OVER (PARTITION BY state, obligation ORDER BY effective_date DESC, id DESC) AS rank
                  FROM known WHERE effective_date <= \(asOf?.description ?? "9999-12-31"))
                WHERE rank = 1
                """)
        ).map { try CellRow(checking: $0, table: "events", keyColumns: ["version_seq"]).record }
    }

    /// The content of measures as given by the events that hold them (a record or a correction), by event.
    public func measureContents(versions: [Int64]) throws -> [Int64: MeasureFields] {
        guard !versions.isEmpty else { return [:] }
        return try pool.read { db in try Self.measureContents(db, versions: versions) }
    }

    /// ``measureContents(versions:)`` read in `db`.
    static func measureContents(_ db: Database, versions: [Int64]) throws -> [Int64: MeasureFields] {
        var result: [Int64: MeasureFields] = [:]
        let decoder = JSONDecoder()
        for chunk in stride(from: 0, to: versions.count, by: 500).map({ Array(versions[$0..<min($0 + 500, versions.count)]) }) {
            let rows = try Row.fetchAll(db, SQLRequest<Row>("SELECT seq, payload FROM events WHERE seq IN \(chunk)"))
            for row in rows {
                result[row["seq"]] = try decoder.decode(MeasureFields.self, from: Data((row["payload"] as String).utf8))
            }
        }
        return result
    }

    /// The latest assessment of every assessed cell, counting only assessments dated on or before `asOf`.
    public func latestAssessments(asOf: ISODate? = nil, knownAt: KnownAt? = nil) throws -> [AssessmentRecord] {
        try pool.read { db in try Self.latestAssessments(db, asOf: asOf, knownAt: knownAt) }
    }

    /// ``latestAssessments(asOf:knownAt:)`` read in `db`.
    static func latestAssessments(_ db: Database, asOf: ISODate?, knownAt: KnownAt?) throws -> [AssessmentRecord] {
        try AssessmentRow.fetchAllChecked(db, SQLRequest<Row>("""
            SELECT seq, state, obligation, rating, comment, assessed_on, actor,
                   max(assessed_on || printf('%012d', seq)) AS rank_key
            FROM assessments
            WHERE assessed_on <= \(asOf?.description ?? "9999-12-31")
              \(Self.knownFilter(knownAt, kind: .assessmentRecorded, prefix: "AND"))
            GROUP BY state, obligation
            """)).map(\.record)
    }

    /// The SQL condition that keeps the rows whose event was recorded by `knownAt` (nothing when nil).
    static func knownFilter(_ knownAt: KnownAt?, kind: EventKind, prefix: String) -> SQL {
        guard let knownAt else { return "" }
        return "\(sql: prefix) seq IN (SELECT seq FROM events WHERE recorded_at <= \(knownAt.timestamp) AND kind = \(kind.rawValue))"
    }

    /// How many cells currently rest on a measure marked as test data: a title starting `SYNTHETIC`
    /// (from `cpsledger generate`) or `EXAMPLE`. Reports say so, since such figures describe no real State.
    public func exampleCellCount() throws -> Int {
        try pool.read(Self.exampleCellCount)
    }

    /// ``exampleCellCount()`` read in `db`.
    static func exampleCellCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM cells WHERE test_data = 1") ?? 0
    }
}
