import Foundation
import GRDB
import LedgerModel
import Synchronization

extension Ledger {
    /// Records one treaty action; returns its sequence number, or nil when the ledger has it already.
    public func recordTreatyAction(_ fields: TreatyActionFields, actor: String) throws -> Int64? {
        try write(recordingTreatyAction(fields, actor: actor))
    }

    /// The transaction of ``recordTreatyAction(_:actor:)``.
    func recordingTreatyAction(_ fields: TreatyActionFields, actor: String) -> @Sendable (Database) throws -> Int64? {
        { [self] db in
            var recorder = try TreatyRecorder(db, treaties: treaties, states: states, actor: actor, clock: clock)
            switch try recorder.record(fields, place: "this action") {
            case .recorded(let seq): return seq
            // `.checked` comes back only from a check-only call (`write: false`), which this is not.
            case .duplicate, .checked: return nil
            case .rejected(let issue): throw LedgerError.invalid(ValidationFailure(issues: [issue]))
            }
        }
    }

    /// The header of the treaty-actions CSV format (`source` is optional).
    public static let treatyActionColumns = ["state", "treaty", "action", "date", "note", "source"]

    /// Imports treaty actions from a CSV file (`state,treaty,action,date,note[,source]`) in one
    /// transaction: all rows or none. Actions already in the ledger are skipped.
    public func importTreatyActions(path: String, dryRun: Bool = false, actor: String) throws -> TreatyImportSummary {
        let table = try CSVTable(path: path, required: Array(Self.treatyActionColumns.prefix(5)), optional: ["source"])
        return try writeWithoutTransaction { db in
            try db.immediateTransaction(dryRun: dryRun) {
                var recorder = try TreatyRecorder(db, treaties: treaties, states: states, actor: actor, clock: clock)
                var problems = LineIssues()
                var rows = 0
                reading: while let record = try table.next() {
                    rows += 1
                    guard case .row(let line, let raw) = record else {
                        if case .malformed(let issue) = record, !problems.add(issue) { break reading }
                        continue
                    }
                    let fields: TreatyActionFields
                    do throws(ValidationFailure) {
                        fields = try TreatyActionFields.validate(raw, treaties: treaties, states: states)
                    } catch {
                        if !problems.add(LineIssue(line: line, issues: error.issues)) { break reading }
                        continue
                    }
                    if case .rejected(let issue) = try recorder.record(fields, place: "line \(line)", write: problems.isEmpty),
                        !problems.add(LineIssue(line: line, issues: [issue]))
                    {
                        break reading
                    }
                }
                if !problems.isEmpty { throw problems.rejection(file: table.file) }
                return TreatyImportSummary(
                    rows: rows, recorded: recorder.recorded, duplicates: recorder.duplicates, flags: recorder.flags, asAt: nil,
                    firstSeq: recorder.firstSeq, lastSeq: recorder.recorded > 0 ? recorder.appender.lastSeq : nil, dryRun: dryRun)
            }
        }
    }

    /// Every treaty action in the ledger (recorded by `knownAt` when given), oldest event first.
    public func treatyActions(knownAt: KnownAt? = nil) throws -> [TreatyActionRecord] {
        try pool.read { db in
            try TreatyActionRow.fetchAllChecked(db, SQLRequest<Row>("""
                SELECT * FROM treaty_actions
                \(Self.knownFilter(knownAt, kind: .treatyActionRecorded, prefix: "WHERE"))
                ORDER BY seq
                """)).map(\.record)
        }
    }

    /// Every status table imported (by `knownAt` when given), oldest first.
    public func treatyTables(knownAt: KnownAt? = nil) throws -> [TreatyTableRecord] {
        try pool.read { db in try Self.treatyTables(db, knownAt: knownAt) }
    }

    /// ``treatyTables(knownAt:)`` read in `db`.
    static func treatyTables(_ db: Database, knownAt: KnownAt?) throws -> [TreatyTableRecord] {
        try TreatyTableRow.fetchAllChecked(db, SQLRequest<Row>("""
            SELECT * FROM treaty_tables
            \(Self.knownFilter(knownAt, kind: .treatyTableImported, prefix: "WHERE"))
            ORDER BY seq
            """)).map(\.record)
    }

    /// The ledger's treaty status, ready to answer party status and accession questions.
    ///
    /// Today's index (no `knownAt`) is kept by the ``Ledger`` and built again only when the treaty
    /// projections change (their last sequence numbers and row counts), so a server that serves a
    /// report after every measure write does not read every treaty action again.
    public func treatyStatus(knownAt: KnownAt? = nil) throws -> TreatyStatusIndex {
        try pool.read { db in try treatyStatus(db, knownAt: knownAt) }
    }

    /// ``treatyStatus(knownAt:)`` read in `db`.
    func treatyStatus(_ db: Database, knownAt: KnownAt?) throws -> TreatyStatusIndex {
        guard knownAt == nil else {
            try refreshAddedTreaties(db)
            return try Self.treatyStatus(db, catalogue: treaties(db, knownAt: knownAt), knownAt: knownAt)
        }
        let version = try TreatyStatusVersion.fetch(db)
        if let kept = treatyStatusKept.withLock({ $0 }), kept.version == version { return kept.index }
        try refreshAddedTreaties(db)
        let index = try Self.treatyStatus(db, catalogue: treaties, knownAt: nil)
        treatyStatusKept.withLock { $0 = (version, index) }
        return index
    }

    /// Builds the index from the projections: only the columns it needs, read by position. An action
    /// or date the model does not know is a ``LedgerError/badStoredValue(table:key:column:value:expected:)``,
    /// never a row left out.
    static func treatyStatus(_ db: Database, catalogue: TreatyCatalogue, knownAt: KnownAt?) throws -> TreatyStatusIndex {
        var actions: [TreatyActionFields] = []
        let statement = try SQLRequest<Row>("""
            SELECT state, treaty, action, date, seq FROM treaty_actions
            \(knownFilter(knownAt, kind: .treatyActionRecorded, prefix: "WHERE"))
            ORDER BY seq
            """).makePreparedRequest(db, forSingleResult: false).statement
        let rows = try Row.fetchCursor(statement)
        while let row = try rows.next() {
            // Straight from SQLite when every value is what it should be (``Statement/text(at:)``);
            // otherwise the checks below name the bad one.
            if statement.isText(at: 0), statement.isText(at: 1), statement.isText(at: 2), statement.isText(at: 3),
                let action = TreatyActionKind(rawValue: statement.text(at: 2)), let date = ISODate(statement.text(at: 3))
            {
                actions.append(TreatyActionFields(state: statement.text(at: 0), treaty: statement.text(at: 1), action: action, date: date))
                continue
            }
            func bad(_ column: String, _ index: Int, _ expected: String) -> LedgerError {
                .badStoredValue(table: "treaty_actions", key: "seq \((row[4] as DatabaseValue).storedText)", column: column, value: (row[index] as DatabaseValue).storedText, expected: expected)
            }
            guard let action = TreatyActionKind.fromDatabaseValue(row[2]) else {
                throw bad("action", 2, "a treaty action (one of " + TreatyActionKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            guard let date = ISODate.fromDatabaseValue(row[3]) else { throw bad("date", 3, "a date (YYYY-MM-DD)") }
            guard let state = String.fromDatabaseValue(row[0]) else { throw bad("state", 0, "an ISO3 code") }
            guard let treaty = String.fromDatabaseValue(row[1]) else { throw bad("treaty", 1, "a treaty id") }
            actions.append(TreatyActionFields(state: state, treaty: treaty, action: action, date: date))
        }
        var tables: [(treaty: String, asAt: ISODate?)] = []
        for row in try Row.fetchAll(db, SQLRequest<Row>("""
            SELECT treaty, as_at, seq FROM treaty_tables
            WHERE NOT (row_count IS 0 AND declared_parties IS NOT NULL)
            \(knownFilter(knownAt, kind: .treatyTableImported, prefix: "AND"))
            ORDER BY seq
            """))
        {
            let stored = row[1] as DatabaseValue
            guard stored.isNull || ISODate.fromDatabaseValue(stored) != nil else {
                throw LedgerError.badStoredValue(
                    table: "treaty_tables", key: "seq \((row[2] as DatabaseValue).storedText)", column: "as_at", value: stored.storedText, expected: "a date (YYYY-MM-DD)")
            }
            guard let treaty = String.fromDatabaseValue(row[0]) else {
                throw LedgerError.badStoredValue(
                    table: "treaty_tables", key: "seq \((row[2] as DatabaseValue).storedText)", column: "treaty",
                    value: (row[0] as DatabaseValue).storedText, expected: "a treaty id")
            }
            tables.append((treaty: treaty, asAt: ISODate.fromDatabaseValue(stored)))
        }
        return TreatyStatusIndex(catalogue: catalogue, actions: actions, tables: tables)
    }
}

/// What the treaty projections hold, in a few numbers: the kept ``TreatyStatusIndex`` is reused while
/// they are unchanged (a rebuild writes the same rows under the same sequence numbers).
struct TreatyStatusVersion: Sendable, Equatable {
    let actions: [Int64]
    let tables: [Int64]
    /// The treaties the ledger added (the catalogue the index holds).
    let additions: [Int64]

    static func fetch(_ db: Database) throws -> TreatyStatusVersion {
        let actions = try Row.fetchOne(db, sql: "SELECT coalesce(max(seq), 0), count(*) FROM treaty_actions")!
        let tables = try Row.fetchOne(db, sql: "SELECT coalesce(max(seq), 0), count(*) FROM treaty_tables")!
        let additions = try Row.fetchOne(db, sql: "SELECT coalesce(max(seq), 0), count(*) FROM treaty_additions")!
        return TreatyStatusVersion(
            actions: [actions[0], actions[1]], tables: [tables[0], tables[1]], additions: [additions[0], additions[1]])
    }
}
