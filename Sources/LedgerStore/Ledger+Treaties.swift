import Foundation
import GRDB
import LedgerModel

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
        return try pool.writeWithoutTransaction { db in
            try db.immediateTransaction(dryRun: dryRun) {
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
        try pool.read { db in
            try TreatyTableRow.fetchAllChecked(db, SQLRequest<Row>("""
                SELECT * FROM treaty_tables
                \(Self.knownFilter(knownAt, kind: .treatyTableImported, prefix: "WHERE"))
                ORDER BY seq
                """)).map(\.record)
        }
    }

    /// The ledger's treaty status, ready to answer party status and accession questions.
    public func treatyStatus(knownAt: KnownAt? = nil) throws -> TreatyStatusIndex {
        TreatyStatusIndex(
            catalogue: treaties, actions: try treatyActions(knownAt: knownAt).map(\.fields),
            tables: try treatyTables(knownAt: knownAt).filter { !$0.isHeaderOnly }.map { (treaty: $0.treaty, asAt: $0.asAt) })
    }
}
