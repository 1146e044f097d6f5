import Foundation
import GRDB
import LedgerModel
import Synchronization

extension Ledger {
    /// Records one treaty action; returns its sequence number, or nil when the ledger has it already.
    public func recordTreatyAction(_ fields: TreatyActionFields, actor: String) throws -> Int64? {
        try pool.write(recordingTreatyAction(fields, actor: actor))
    }

    /// The transaction of ``recordTreatyAction(_:actor:)``.
    func recordingTreatyAction(_ fields: TreatyActionFields, actor: String) -> @Sendable (Database) throws -> Int64? {
        { [self] db in
            var recorder = try TreatyRecorder(db, treaties: treaties, states: states, actor: actor)
            switch try recorder.record(fields, place: "this action") {
            case .recorded(let seq): return seq
            case .duplicate: return nil
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
        var result: TreatyImportSummary?
        var failure: LedgerError?
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                var recorder = try TreatyRecorder(db, treaties: treaties, states: states, actor: actor)
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
                if !problems.isEmpty {
                    failure = problems.rejection(file: table.file)
                    return .rollback
                }
                result = TreatyImportSummary(
                    rows: rows, recorded: recorder.recorded, duplicates: recorder.duplicates, flags: recorder.flags, asAt: nil,
                    firstSeq: recorder.firstSeq, lastSeq: recorder.recorded > 0 ? recorder.appender.lastSeq : nil, dryRun: dryRun)
                return dryRun ? .rollback : .commit
            }
        }
        if let failure { throw failure }
        return result!
    }

    /// Every treaty action in the ledger (recorded by `knownAt` when given), oldest event first.
    public func treatyActions(knownAt: KnownAt? = nil) throws -> [TreatyActionRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM treaty_actions
                    \(Self.knownFilter(knownAt, kind: .treatyActionRecorded, prefix: "WHERE"))
                    ORDER BY seq
                    """,
                arguments: ["known": knownAt?.timestamp]
            ).compactMap { row in
                guard let action = TreatyActionKind(rawValue: row["action"]), let date = ISODate(row["date"] as String) else { return nil }
                return TreatyActionRecord(
                    seq: row["seq"],
                    fields: TreatyActionFields(state: row["state"], treaty: row["treaty"], action: action, date: date, note: row["note"], source: row["source"]),
                    actor: row["actor"])
            }
        }
    }

    /// Every status table imported (by `knownAt` when given), oldest first.
    public func treatyTables(knownAt: KnownAt? = nil) throws -> [TreatyTableRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM treaty_tables
                    \(Self.knownFilter(knownAt, kind: .treatyTableImported, prefix: "WHERE"))
                    ORDER BY seq
                    """,
                arguments: ["known": knownAt?.timestamp]
            ).map { row in
                TreatyTableRecord(
                    seq: row["seq"], treaty: row["treaty"], file: row["file"], sha256: row["sha256"],
                    asAt: (row["as_at"] as String?).flatMap { ISODate($0) }, source: row["source"], recorded: row["recorded"],
                    duplicates: row["duplicates"], form: (row["form"] as String?).flatMap { UNTCForm(rawValue: $0) },
                    rows: row["row_count"], declaredParties: row["declared_parties"], declaredSignatories: row["declared_signatories"])
            }
        }
    }

    /// The ledger's treaty status, ready to answer party status and accession questions.
    ///
    /// Today's index (no `knownAt`) is kept by the ``Ledger`` and built again only when the treaty
    /// projections change (their last sequence numbers and row counts), so a server that serves a
    /// report after every measure write does not read every treaty action again.
    public func treatyStatus(knownAt: KnownAt? = nil) throws -> TreatyStatusIndex {
        try pool.read { db in
            guard knownAt == nil else { return try Self.treatyStatus(db, catalogue: treaties, knownAt: knownAt) }
            let version = try TreatyStatusVersion.fetch(db)
            if let kept = treatyStatusKept.withLock({ $0 }), kept.version == version { return kept.index }
            let index = try Self.treatyStatus(db, catalogue: treaties, knownAt: nil)
            treatyStatusKept.withLock { $0 = (version, index) }
            return index
        }
    }

    /// Builds the index from the projections: only the four columns it needs, read by position.
    static func treatyStatus(_ db: Database, catalogue: TreatyCatalogue, knownAt: KnownAt?) throws -> TreatyStatusIndex {
        var actions: [TreatyActionFields] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT state, treaty, action, date FROM treaty_actions
                \(knownFilter(knownAt, kind: .treatyActionRecorded, prefix: "WHERE"))
                ORDER BY seq
                """,
            arguments: ["known": knownAt?.timestamp])
        while let row = try rows.next() {
            guard let action = TreatyActionKind(rawValue: row[2]), let date = ISODate(row[3] as String) else { continue }
            actions.append(TreatyActionFields(state: row[0], treaty: row[1], action: action, date: date))
        }
        let tables = try Row.fetchAll(
            db,
            sql: """
                SELECT treaty, as_at FROM treaty_tables
                WHERE NOT (row_count IS 0 AND declared_parties IS NOT NULL)
                \(knownFilter(knownAt, kind: .treatyTableImported, prefix: "AND"))
                ORDER BY seq
                """,
            arguments: ["known": knownAt?.timestamp]
        ).map { row in (treaty: row[0] as String, asAt: (row[1] as String?).flatMap { ISODate($0) }) }
        return TreatyStatusIndex(catalogue: catalogue, actions: actions, tables: tables)
    }
}

/// What the treaty projections hold, in a few numbers: the kept ``TreatyStatusIndex`` is reused while
/// they are unchanged (a rebuild writes the same rows under the same sequence numbers).
struct TreatyStatusVersion: Sendable, Equatable {
    let actions: [Int64]
    let tables: [Int64]

    static func fetch(_ db: Database) throws -> TreatyStatusVersion {
        let actions = try Row.fetchOne(db, sql: "SELECT coalesce(max(seq), 0), count(*) FROM treaty_actions")!
        let tables = try Row.fetchOne(db, sql: "SELECT coalesce(max(seq), 0), count(*) FROM treaty_tables")!
        return TreatyStatusVersion(actions: [actions[0], actions[1]], tables: [tables[0], tables[1]])
    }
}
