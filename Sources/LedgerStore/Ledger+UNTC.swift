import Crypto
import Foundation
import GRDB
import LedgerFixtures
import LedgerModel

extension Ledger {
    /// Imports a treaty status table in any form a user brings it (``UNTCForm``: the UNTC's XML
    /// status file, a saved status page, pasted text or CSV, a dated list), found from the file's
    /// content, in one transaction: every participant name must match a State, or nothing is
    /// imported. Actions already in the ledger are skipped, so importing the same table again
    /// changes nothing and a newer table adds only the new actions.
    ///
    /// - Parameters:
    ///   - treaty: a treaty id or UNTC reference; nil to take the one the file names (XML, saved page).
    ///   - asAt: the table's as-at date when the file has no `STATUS AS AT` line (the XML files have none).
    ///   - source: where the table comes from (default: the UNTC page of the treaty).
    public func importUNTC(
        treaty key: String?, path: String, asAt: ISODate? = nil, source: String? = nil, dryRun: Bool = false, actor: String
    ) throws -> TreatyImportSummary {
        let data = try InputFile.contents(of: path)
        let file = URL(fileURLWithPath: path).lastPathComponent
        try Self.check(file, field: "file", rule: .name)
        try Self.check(source, field: "source", rule: .citation)
        return try writeWithoutTransaction { db in
            try db.immediateTransaction(dryRun: dryRun) {
                try Self.importUNTC(
                    data: data, file: file, treaty: key, asAt: asAt, source: source, dryRun: dryRun, actor: actor,
                    treaties: treaties, states: states, clock: clock, db: db)
            }
        }
    }

    /// Loads the treaty catalogue and, unless told not to, the shipped status tables (first use).
    /// With `only`, loads only the status files it names (a ledger as an earlier build made it).
    func loadTreaties(withStatusData: Bool, actor: String, tableLoaded: Bool = false, only: Set<String>? = nil) throws {
        try write { db in
            if !tableLoaded { try ReferenceData.load(treaties: treaties, into: db) }
            guard withStatusData else { return }
            let files = LedgerFixtures.statusFiles
            for treaty in treaties.treaties {
                for table in treaty.statusTables where only?.contains(table.file) ?? true {
                    guard let data = files[table.file] else {
                        throw LedgerError.unreadableFile(path: "Fixtures/" + table.file, reason: "treaties.json names it but the binary does not embed it")
                    }
                    _ = try Self.importUNTC(
                        data: data, file: table.file, treaty: treaty.id, asAt: table.asOf, source: table.source, dryRun: false,
                        actor: actor, treaties: treaties, states: states, clock: clock, db: db)
                }
            }
        }
    }

    /// The shared body of a status-table import, inside the caller's transaction: parse the file,
    /// match its participants to States, record their actions, then check the table's counts and
    /// record the table itself.
    static func importUNTC(
        data: Data, file: String, treaty key: String?, asAt: ISODate?, source: String?, dryRun: Bool, actor: String,
        treaties: TreatyCatalogue, states: StateDirectory, clock: LedgerClock, db: Database
    ) throws -> TreatyImportSummary {
        let parsed = try parseStatusTable(data: data, file: file, treaty: key, asAt: asAt, source: source, treaties: treaties)
        // Each name is matched once: the rows are read twice (recording, then counting parties).
        let matched = parsed.table.rows.map { states.state(named: $0.participant) }
        var recorder = try TreatyRecorder(db, treaties: treaties, states: states, actor: actor, clock: clock)
        recorder.revisions = true
        try recordActions(parsed, matched: matched, recorder: &recorder, treaties: treaties, states: states)
        let flags = recorder.flags + statusTableFlags(parsed, matched: matched, treaties: treaties)
        if !dryRun { try recordStatusTable(parsed, data: data, recorder: recorder, db: db) }
        var summary = TreatyImportSummary(
            rows: parsed.table.rows.count, recorded: recorder.recorded, duplicates: recorder.duplicates, flags: flags,
            asAt: parsed.statusDate, firstSeq: recorder.firstSeq, lastSeq: recorder.recorded > 0 ? recorder.appender.lastSeq : nil,
            dryRun: dryRun)
        summary.recordedByKind = recorder.recordedByKind
        if source == nil, parsed.table.form == .datedList { summary.sourceOnlyNamesTheFile = parsed.origin }
        return summary
    }

    /// Reads the file and settles what the table is: its treaty, its as-at date (checked against
    /// today and the treaty's adoption) and the source its actions will cite.
    private static func parseStatusTable(
        data: Data, file: String, treaty key: String?, asAt: ISODate?, source: String?, treaties: TreatyCatalogue
    ) throws -> ParsedStatusTable {
        let table: UNTCTable
        do {
            table = try UNTCTable.read(data)
        } catch {
            // A treaty the ledger does not know is named before the file's cells are judged.
            if let key, treaties.treaty(idOrUNTC: key) == nil { throw unknownTreaty(key, table: nil, treaties: treaties) }
            throw LedgerError.untcUnreadable(file: file, reason: error.description)
        }
        if let key, treaties.treaty(idOrUNTC: key) == nil { throw unknownTreaty(key, table: table, treaties: treaties) }
        let treaty = try resolveTreaty(key: key, table: table, file: file, treaties: treaties)
        let statusDate = table.statusAsAt ?? asAt
        // A table "as at" 2099 would never turn stale; one as at a day before the treaty existed is a typing mistake.
        let today = ISODate.utc()
        if let statusDate, statusDate > today || statusDate < treaty.firstActionDate {
            throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(
                field: "as_at", value: statusDate.description,
                message: statusDate > today
                    ? "is after today (\(today), UTC); a status table is as at the day it was published or downloaded"
                    : "is before \(treaty.shortTitle) was adopted (\(treaty.firstActionDate)); no status table can be as at that day")]))
        }
        let chapter = treaty.untc.map { "chapter \($0)" } ?? treaty.shortTitle
        let origin =
            source
            ?? {
                switch table.form {
                case .text: "UN Treaty Collection status table of \(chapter)"
                case .xml: "UN Treaty Collection XML status file of \(chapter) (\(file))"
                case .html: "UN Treaty Collection status page of \(chapter), saved (\(file))"
                case .datedList: "Dated list of consents to \(treaty.shortTitle) (\(file))"
                }
            }()
        return ParsedStatusTable(table: table, file: file, treaty: treaty, statusDate: statusDate, origin: origin)
    }

    /// Records each matched participant's actions; an unmatched name or a refused action stops the
    /// writing (the rest is still checked, up to ``importIssueLimit`` lines) and rejects the file.
    private static func recordActions(
        _ parsed: ParsedStatusTable, matched: [State?], recorder: inout TreatyRecorder, treaties: TreatyCatalogue,
        states: StateDirectory
    ) throws {
        let actionSource = parsed.origin + (parsed.statusDate.map { ", status as at \($0)" } ?? "")
        var problems = LineIssues()
        reading: for (row, match) in zip(parsed.table.rows, matched) {
            guard let state = match else {
                let issue = LineIssue(line: row.line, issues: [FieldIssue(
                    field: "participant", value: row.participant,
                    message: "matches no State name or alias",
                    suggestions: states.nameSuggestions(for: row.participant))])
                if !problems.add(issue) { break reading }
                continue
            }
            for action in row.actions {
                var raw = [
                    "state": state.iso3, "treaty": parsed.treaty.id, "action": action.kind.rawValue, "date": action.date.description,
                ]
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
        if !problems.isEmpty { throw problems.rejection(file: parsed.file) }
    }

    /// What a reader of the import should look at: the reader's notes, a missing as-at date, and
    /// header counts of parties and signatories that the rows do not give.
    private static func statusTableFlags(_ parsed: ParsedStatusTable, matched: [State?], treaties: TreatyCatalogue) -> [String] {
        let (table, file, treaty) = (parsed.table, parsed.file, parsed.treaty)
        var flags = table.notes.map { "\(file): \($0)" }
        if parsed.statusDate == nil {
            flags.append(
                "\(file): the file carries no status date and none was given: the table is recorded without an as-at date; "
                    + "import it again with its as-at date (the day it was downloaded or saved) to date it.")
        }
        guard !table.rows.isEmpty else { return flags }  // a header alone has nothing to count
        let actions = zip(table.rows, matched).flatMap { row, match -> [TreatyActionFields] in
            guard let state = match else { return [] }
            return row.actions.map { TreatyActionFields(state: state.iso3, treaty: treaty.id, action: $0.kind, date: $0.date) }
        }
        let index = TreatyStatusIndex(catalogue: treaties, actions: actions, tables: [])
        let day = parsed.statusDate ?? ISODate(year: 9999, month: 12, day: 31)!
        let parties = index.participants(of: treaty.id).filter { index.status(of: $0, treaty: treaty.id, asOf: day)?.isParty == true }.count
        let signatures = table.rows.filter { $0.actions.contains { $0.kind == .signature } }.count
        if let declared = table.declaredParties, declared != parties {
            flags.append("\(file): the table's header says \(declared) parties; its rows give \(parties).")
        }
        if let declared = table.declaredSignatories, declared != signatures {
            flags.append("\(file): the table's header says \(declared) signatories; its rows give \(signatures).")
        }
        return flags
    }

    /// Records the table itself (a `treaty_table_imported` event), unless the same file was already
    /// imported for the treaty and added no action this time.
    private static func recordStatusTable(_ parsed: ParsedStatusTable, data: Data, recorder: TreatyRecorder, db: Database) throws {
        let sha = EventHasher.hex(SHA256.hash(data: data))
        let alreadyImported = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM treaty_tables WHERE treaty = ? AND sha256 = ?)", arguments: [parsed.treaty.id, sha])!
        guard recorder.recorded > 0 || !alreadyImported else { return }
        let table = parsed.table
        let payload = TreatyTablePayload(
            treaty: parsed.treaty.id, file: parsed.file, sha256: sha, asAt: parsed.statusDate, source: parsed.origin,
            recorded: recorder.recorded, duplicates: recorder.duplicates, form: table.form, rows: table.rows.count,
            declaredParties: table.declaredParties, declaredSignatories: table.declaredSignatories)
        // A copy of the recorder's appender: the summary's last sequence stays that of the last action.
        var appender = recorder.appender
        let seq = try appender.append(.treatyTableImported, payload.json)
        try Projector(db).addTreatyTable(seq: seq, payload)
    }

    /// The treaty a table is for: the one asked for, else the one the file names; a file that names
    /// another treaty than the one asked for is refused rather than filed under the wrong treaty.
    private static func resolveTreaty(key: String?, table: UNTCTable, file: String, treaties: TreatyCatalogue) throws -> Treaty {
        let reference = table.reference
        let asked = key.flatMap { treaties.treaty(idOrUNTC: $0) }
        let named = reference.flatMap { treaties.treaty(idOrUNTC: $0) }
        if let asked, let reference, asked.untc != reference {
            throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(
                field: "treaty", value: key ?? "",
                message: "is \(asked.untc ?? asked.id), but \(file) is the status of UNTC \(reference)\(named.map { " (\($0.id))" } ?? ""); name the treaty the file is about, or none (the file names it)")]))
        }
        if let treaty = asked ?? named { return treaty }
        guard let reference else {
            throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(
                field: "treaty", value: "",
                message: "is not named in \(file) (pasted text and lists do not say which treaty they are); name the treaty (an id or UNTC reference)")]))
        }
        throw unknownTreaty(reference, table: table, treaties: treaties)
    }

    /// The refusal of a status table for a treaty the ledger does not follow: the treaty the file
    /// names (its reference and title, when the file gives them) and the `treaties add` command that
    /// would add it, filled in with what the file says.
    private static func unknownTreaty(_ key: String, table: UNTCTable?, treaties: TreatyCatalogue) -> LedgerError {
        let reference = table?.reference ?? (TreatyAddition.isUNTCReference(key) ? key : nil)
        let title = table?.title
        var command = "cpsledger treaties add --id NEW-ID"
        if let reference { command += " --untc \(reference)" }
        command += " --title \"\(title ?? "TITLE")\" --adopted \(table?.concluded?.description ?? "YYYY-MM-DD")"
        command += " --entry-into-force YYYY-MM-DD --depositary \"Secretary-General of the United Nations\" --source \"SOURCE\""
        command += " [--obligation ID ...]"
        let found = table.map { table in
            "the file is the status of " + (table.reference.map { "UNTC \($0)" } ?? "a treaty") + (table.title.map { " (\($0))" } ?? "")
                + ", \(table.rows.count) participant\(table.rows.count == 1 ? "" : "s")"
        }
        let message =
            "is not one of the ledger's treaties" + (found.map { "; \($0)" } ?? "")
            + ". To follow it, add it to the catalogue first: \(command), then import the file again"
        return LedgerError.invalid(ValidationFailure(issues: [FieldIssue(
            field: "treaty", value: key, message: message, suggestions: treaties.suggestions(for: key))]))
    }
}

/// A status table read and settled, before anything is recorded: the table, the file it came from,
/// its treaty, its as-at date and the source its actions cite.
private struct ParsedStatusTable {
    let table: UNTCTable
    let file: String
    let treaty: Treaty
    let statusDate: ISODate?
    let origin: String
}
