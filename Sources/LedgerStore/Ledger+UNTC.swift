import Crypto
import Foundation
import GRDB
import LedgerFixtures
import LedgerModel

extension Ledger {
    /// Imports a treaty status table as copied from the UN Treaty Collection (any layout
    /// ``UNTCTable`` reads), in one transaction: every participant name must match a State, or
    /// nothing is imported. Actions already in the ledger are skipped, so importing the same table
    /// again changes nothing and a newer table adds only the new actions.
    ///
    /// - Parameters:
    ///   - treaty: a treaty id or UNTC reference.
    ///   - asAt: the table's as-at date when its text has no `STATUS AS AT` line.
    ///   - source: where the table comes from (default: the UNTC page of the treaty).
    public func importUNTC(
        treaty key: String, path: String, asAt: ISODate? = nil, source: String? = nil, dryRun: Bool = false, actor: String
    ) throws -> TreatyImportSummary {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw LedgerError.unreadableFile(path: path, reason: !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied")
        }
        let file = URL(fileURLWithPath: path).lastPathComponent
        try Self.check(file, field: "file", rule: .name)
        try Self.check(source, field: "source", rule: .citation)
        var summary: TreatyImportSummary?
        var failure: LedgerError?
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                do {
                    summary = try Self.importUNTC(
                        data: data, file: file, treaty: key, asAt: asAt, source: source, dryRun: dryRun, actor: actor,
                        treaties: treaties, states: states, db: db)
                } catch let error as LedgerError {
                    failure = error
                    return .rollback
                }
                return dryRun ? .rollback : .commit
            }
        }
        if let failure { throw failure }
        return summary!
    }

    /// Loads the treaty catalogue and, unless told not to, the shipped status tables (first use).
    func loadTreaties(withStatusData: Bool, actor: String, tableLoaded: Bool = false) throws {
        try pool.write { db in
            if !tableLoaded { try ReferenceData.load(treaties: treaties, into: db) }
            guard withStatusData else { return }
            let tables = LedgerFixtures.statusTables
            for treaty in treaties.treaties {
                guard let table = treaty.statusTable, let untc = treaty.untc, let data = tables[untc] else { continue }
                _ = try Self.importUNTC(
                    data: data, file: table.file, treaty: treaty.id, asAt: table.asOf, source: table.source, dryRun: false,
                    actor: actor, treaties: treaties, states: states, db: db)
            }
        }
    }

    /// The shared body of a status-table import, inside the caller's transaction.
    static func importUNTC(
        data: Data, file: String, treaty key: String, asAt: ISODate?, source: String?, dryRun: Bool, actor: String,
        treaties: TreatyCatalogue, states: StateDirectory, db: Database
    ) throws -> TreatyImportSummary {
        guard let treaty = treaties.treaty(idOrUNTC: key) else {
            throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(
                field: "treaty", value: key, message: "is not a treaty id or UNTC reference (see `cpsledger treaties list`)",
                suggestions: treaties.suggestions(for: key))]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LedgerError.importRejected(file: file, problems: [LineIssue(line: 1, issues: [FieldIssue(
                field: "(file)", value: "", message: "is not valid UTF-8; save the copied table as UTF-8 text")])], truncated: false)
        }
        let table: UNTCTable
        do {
            table = try UNTCTable.parse(text)
        } catch {
            throw LedgerError.untcUnreadable(file: file, reason: error.description)
        }
        let statusDate = table.statusAsAt ?? asAt
        let origin = source ?? "UN Treaty Collection status table of \(treaty.untc.map { "chapter \($0)" } ?? treaty.shortTitle)"
        let actionSource = origin + (statusDate.map { ", status as at \($0)" } ?? "")
        var recorder = try TreatyRecorder(db, treaties: treaties, states: states, actor: actor)
        var problems = LineIssues()
        reading: for row in table.rows {
            guard let state = states.state(named: row.participant) else {
                let issue = LineIssue(line: row.line, issues: [FieldIssue(
                    field: "participant", value: row.participant,
                    message: "matches no State name or alias (see `cpsledger states list`)",
                    suggestions: states.nameSuggestions(for: row.participant))])
                if !problems.add(issue) { break reading }
                continue
            }
            for action in row.actions {
                var raw = ["state": state.iso3, "treaty": treaty.id, "action": action.kind.rawValue, "date": action.date.description]
                raw["source"] = actionSource
                let fields: TreatyActionFields
                do throws(ValidationFailure) {
                    fields = try TreatyActionFields.validate(raw, treaties: treaties, states: states)
                } catch {
                    let issue = LineIssue(line: row.line, issues: error.issues.map {
                        FieldIssue(field: $0.field, value: action.cell, message: $0.message, suggestions: $0.suggestions)
                    })
                    if !problems.add(issue) { break reading }
                    continue
                }
                if case .rejected(let issue) = try recorder.record(fields, place: "line \(row.line) (\(row.participant))", write: problems.isEmpty),
                    !problems.add(LineIssue(line: row.line, issues: [issue]))
                {
                    break reading
                }
            }
        }
        if !problems.isEmpty { throw problems.rejection(file: file) }
        var flags = recorder.flags
        let index = TreatyStatusIndex(catalogue: treaties, actions: table.rows.flatMap { row -> [TreatyActionFields] in
            guard let state = states.state(named: row.participant) else { return [] }
            return row.actions.map { TreatyActionFields(state: state.iso3, treaty: treaty.id, action: $0.kind, date: $0.date) }
        }, tables: [])
        let day = statusDate ?? ISODate(year: 9999, month: 12, day: 31)!
        let parties = index.participants(of: treaty.id).filter { index.status(of: $0, treaty: treaty.id, asOf: day)?.isParty == true }.count
        let signatures = table.rows.filter { $0.actions.contains { $0.kind == .signature } }.count
        if let declared = table.declaredParties, declared != parties {
            flags.append("\(file): the table's header says \(declared) parties; its rows give \(parties).")
        }
        if let declared = table.declaredSignatories, declared != signatures {
            flags.append("\(file): the table's header says \(declared) signatories; its rows give \(signatures).")
        }
        var appender = recorder.appender
        let sha = EventHasher.hex(SHA256.hash(data: data))
        let alreadyImported = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM treaty_tables WHERE treaty = ? AND sha256 = ?)", arguments: [treaty.id, sha])!
        if !dryRun && (recorder.recorded > 0 || !alreadyImported) {
            let payload = TreatyTablePayload(
                treaty: treaty.id, file: file, sha256: sha, asAt: statusDate, source: origin, recorded: recorder.recorded,
                duplicates: recorder.duplicates)
            let seq = try appender.append(.treatyTableImported, payload.json)
            try Projector(db).addTreatyTable(seq: seq, payload)
        }
        return TreatyImportSummary(
            rows: table.rows.count, recorded: recorder.recorded, duplicates: recorder.duplicates, flags: flags, asAt: statusDate,
            firstSeq: recorder.firstSeq, lastSeq: recorder.recorded > 0 ? recorder.appender.lastSeq : nil, dryRun: dryRun)
    }
}
