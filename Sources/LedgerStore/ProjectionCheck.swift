import Foundation
import GRDB
import LedgerModel

/// Checks the projection tables against the events while `verify` streams them, without writing:
/// the measures and assessments tables are walked in step with the events that made them, and
/// the cells are recomputed from the measures.
struct ProjectionCheck {
    private let db: Database
    private(set) var problems: [String] = []
    private(set) var firstBad: Int64?
    private let measures: Lockstep
    private let assessments: Lockstep
    private let treatyActions: Lockstep
    private let treatyTables: Lockstep
    private let externalAssessments: Lockstep
    private let outsideScores: Lockstep
    /// The `state_changes` rows the events make (seq, iso3, field, from, to, effective, source, actor), in event order.
    private var stateChanges: [[DatabaseValue]] = []
    /// The value each `reference_data.revised` event gave a reference row's column, the latest event's last.
    private var revisions: [ReferenceData.Cell: (seq: Int64, value: JSONValue)] = [:]
    private let treatyAdditions: Lockstep
    /// Measures whose row differs from their record event (to be explained by a correction).
    private var changedContent: [Int64: String] = [:]
    /// Measures whose row has been superseded (last_seq ≠ id, or retracted).
    private var superseded: [Int64: (last: Int64, retracted: Int64?)] = [:]
    /// The latest correction of each corrected measure, and the retraction of each retracted one.
    private var corrections: [Int64: (seq: Int64, content: String)] = [:]
    private var retractions: [Int64: Int64] = [:]
    /// Every evidence file an event names, with the first event naming it.
    private(set) var evidenceNamed: [String: (seq: Int64, filename: String)] = [:]
    private let decoder = JSONDecoder()
    /// The corrections and retractions with their cells (what `history` reads).
    private var measureChanges = MeasureChangesCheck()
    /// The full-text index, walked beside the events (its problems are a section of their own).
    var search: SearchIndexCheck
    /// The cells the measures make, tallied as the measures walk reads them.
    private let cells = ExpectedCells()
    static let problemLimit = 20

    init(_ db: Database) throws {
        self.db = db
        search = SearchIndexCheck(db)
        let cells = self.cells
        measures = try Lockstep(
            db, table: "measures", key: "m.id", query: try db.tableExists("search_index") ? Self.measuresQuery : Self.measuresQueryWithoutIndex,
            observe: { cells.add($0) })
        assessments = try Lockstep(db, table: "assessments", key: "seq")
        treatyActions = try Lockstep(db, table: "treaty_actions", key: "seq")
        treatyTables = try Lockstep(db, table: "treaty_tables", key: "seq")
        externalAssessments = try Lockstep(db, table: "external_assessments", key: "seq")
        outsideScores = try Lockstep(db, table: "outside_scores", key: "seq")
        treatyAdditions = try Lockstep(db, table: "treaty_additions", key: "seq")
    }

    /// The measures rows for the walk: id, last_seq, retracted_seq, identity, and `plain`: 1 when the
    /// row is its measure.recorded event's own version without evidence and its state, obligation,
    /// status, effective date and test-data mark are the payload's (SQLite reads the payload's JSON
    /// far faster than decoding it; any other row is read in full and compared field by field); then
    /// what the cells are tallied from (state, obligation, status, effective_date, test_data) and
    /// `search`: for a measure in force that is its record event's version, how its row of the
    /// full-text index compares with what `search_measures` makes of the payload at hand (0 same,
    /// 1 missing, 2 other words; see ``SearchIndexCheck``), NULL for any other. The record event's
    /// page and the index's row are read beside the events' own walk, so neither is read twice.
    static let measuresQuery = measuresColumns + """
        ,
               CASE WHEN m.retracted_seq IS NOT NULL OR m.last_seq IS NOT m.id OR v.seq IS NULL THEN NULL
                    WHEN s.rowid IS NULL THEN 1
                    WHEN s.kind IS NOT 'measure' OR s.key IS NOT CAST(m.id AS TEXT)
                      OR s.name IS NOT ifnull(json_extract(v.payload, '$.title'), '')
                      OR s.text IS NOT ifnull(json_extract(v.payload, '$.source'), '')
                           || ifnull(' · ' || nullif(json_extract(v.payload, '$.note'), ''), '')
                           || ifnull(' · ' || nullif(json_extract(v.payload, '$.justification'), ''), '') THEN 2
                    ELSE 0 END AS search
        FROM measures m LEFT JOIN events v ON v.seq = m.id LEFT JOIN search_index s ON s.rowid = m.id
        """
    /// The same without the index (dropped behind the ledger's back: ``SearchIndexCheck`` says so).
    static let measuresQueryWithoutIndex = measuresColumns + ", NULL AS search FROM measures m LEFT JOIN events v ON v.seq = m.id"

    private static let measuresColumns = """
        SELECT m.id, m.last_seq, m.retracted_seq, m.identity,
               m.last_seq = m.id AND m.state = json_extract(v.payload, '$.state')
               AND m.obligation = json_extract(v.payload, '$.obligation') AND m.status = json_extract(v.payload, '$.status')
               AND m.effective_date = json_extract(v.payload, '$.effective_date')
               AND m.test_data = (coalesce(json_extract(v.payload, '$.title'), '') LIKE 'SYNTHETIC%'
                                  OR coalesce(json_extract(v.payload, '$.title'), '') LIKE 'EXAMPLE%')
               AND json_type(v.payload, '$.evidence') IS NULL AS plain,
               m.state, m.obligation, m.status, m.effective_date, m.test_data
        """

    mutating func flag(_ seq: Int64?, _ text: String) {
        if let seq, firstBad == nil || seq < firstBad! { firstBad = seq }
        if problems.count < Self.problemLimit { problems.append(text) }
    }

    mutating func event(seq: Int64, kind: String, payload: String, recordedAt: String, actor: String) throws {
        var expectation = SearchIndexCheck.Expectation.nothing
        defer { search.event(seq: seq, expectation) }
        switch EventKind(rawValue: kind) {
        case .measureRecorded:
            guard let row = try take(measures, seq, what: "measure") else { return }
            expectation = .measure(comparison: row[10])
            // Without evidence, the payload is the identity text itself (canonical JSON, as on import).
            if (row[4] as Bool?) == true, (row[3] as Data?) == EventHasher.identity(ofText: payload) {
                if let retracted = row[2] as Int64? { superseded[seq] = (seq, retracted) }
                return
            }
            let db = self.db
            guard let found = checked(seq, { try MeasureRow.fetchOne(db, id: seq) }), let measure = found,
                let fields = checked(seq, { try measure.fields() })
            else { return }
            name(fields.evidence, seq: seq)
            let canonical = fields.canonicalText
            if canonical != payload { changedContent[seq] = canonical }
            // Without evidence the canonical text is the identity text itself (as on import).
            let identityText = fields.evidence.isEmpty ? canonical : fields.identityText
            if measure.recordedAt != recordedAt || measure.actor != actor || measure.identity != EventHasher.identity(ofText: identityText)
                || measure.testData != MeasureRow.isTestData(title: fields.title)
            {
                flag(seq, "The measures projection disagrees with event \(seq) (time, actor, identity or test-data mark); run `cpsledger rebuild`.")
            }
            if measure.lastSeq != seq || measure.retractedSeq != nil { superseded[seq] = (measure.lastSeq, measure.retractedSeq) }
        case .measureCorrected:
            do {
                let reference = try decoder.decode(MeasureReference.self, from: Data(payload.utf8))
                let fields = try decoder.decode(MeasureFields.self, from: Data(payload.utf8))
                corrections[reference.measure] = (seq, fields.canonicalText)
                measureChanges.changed(measure: reference.measure, seq: seq, cell: CellKey(state: fields.state, obligation: fields.obligation))
                name(fields.evidence, seq: seq)
            } catch {
                flag(seq, "Event \(seq) is a correction whose payload does not decode.")
            }
        case .measureRetracted:
            guard let reference = try? decoder.decode(MeasureReference.self, from: Data(payload.utf8)) else {
                flag(seq, "Event \(seq) is a retraction whose payload does not decode.")
                return
            }
            retractions[reference.measure] = seq
            measureChanges.changed(measure: reference.measure, seq: seq, cell: nil)
        case .assessmentRecorded:
            guard let row = try take(assessments, seq, what: "assessment") else { return }
            expectation = .assessment(comment: row["comment"])
            guard let assessment = checked(seq, { try AssessmentRow(checking: row).record })
            else { return }
            if JSONValue.object(assessment.fields.jsonMembers).canonicalText != payload || assessment.actor != actor {
                flag(seq, "The assessments projection disagrees with event \(seq); run `cpsledger rebuild`.")
            }
        case .treatyActionRecorded:
            guard let row = try take(treatyActions, seq, what: "treaty action"),
                let action = checked(seq, { try TreatyActionRow(checking: row) })
            else { return }
            if JSONValue.object(action.fields.jsonMembers).canonicalText != payload || action.actor != actor {
                flag(seq, "The treaty_actions projection disagrees with event \(seq); run `cpsledger rebuild`.")
            }
        case .treatyTableImported:
            guard let row = try take(treatyTables, seq, what: "status table"),
                let stored = checked(seq, { try TreatyTableRow(checking: row).payload })
            else { return }
            // A payload that does not decode differs from any row.
            if (try? decoder.decode(TreatyTablePayload.self, from: Data(payload.utf8))) != stored {
                flag(seq, "The treaty_tables projection disagrees with event \(seq); run `cpsledger rebuild`.")
            }
        case .externalAssessmentRecorded:
            guard let row = try take(externalAssessments, seq, what: "external assessment"),
                let stored = checked(seq, { try ExternalAssessmentRow(checking: row) })
            else { return }
            if stored.fields.canonicalText != payload || stored.actor != actor {
                flag(seq, "The external_assessments projection disagrees with event \(seq); run `cpsledger rebuild`.")
            }
        case .outsideScoreRecorded:
            guard let row = try take(outsideScores, seq, what: "outside score"),
                let stored = checked(seq, { try OutsideScoreRow(checking: row) })
            else { return }
            if stored.fields.canonicalText != payload || stored.actor != actor {
                flag(seq, "The outside_scores projection disagrees with event \(seq); run `cpsledger rebuild`.")
            }
        case .stateChanged, .ledgerCreated:
            do {
                let changes =
                    kind == EventKind.stateChanged.rawValue
                    ? [try decoder.decode(StateChange.self, from: Data(payload.utf8))] : try Ledger.createdStateChanges(payload: Data(payload.utf8))
                for change in changes {
                    stateChanges.append([
                        seq.databaseValue, change.iso3.databaseValue, change.field.rawValue.databaseValue, change.from.databaseValue,
                        change.to.databaseValue, change.effective.description.databaseValue, change.source.databaseValue, actor.databaseValue,
                    ])
                }
            } catch {
                flag(seq, "Event \(seq) names a change of a State whose payload does not decode.")
            }
        case .referenceDataRevised:
            guard let revision = try? ReferenceData.Revision.decode(payload) else {
                flag(seq, "Event \(seq) is a reference data revision whose payload does not decode or names no reference table.")
                return
            }
            for (cell, value) in revision.cells { revisions[cell] = (seq, value) }
        case .treatyAdded:
            guard let row = try take(treatyAdditions, seq, what: "treaty addition") else { return }
            let treaty = String.fromDatabaseValue(row["treaty"])
            guard let addition = try? decoder.decode(TreatyAddition.self, from: Data(payload.utf8)), treaty == addition.id else {
                flag(seq, "The treaty_additions projection disagrees with event \(seq); run `cpsledger rebuild`.")
                return
            }
            // The treaty's row in `treaties` says what the event says (its digest leaves it out).
            let stored = try Row.fetchOne(
                db, sql: """
                    SELECT untc, depositary, short_title, title, adopted, entry_into_force, obligations, signature_required,
                           earliest_action, note, source FROM treaties WHERE id = ?
                    """, arguments: [addition.id])
            let expected: [DatabaseValue] = [
                addition.untc.map(\.databaseValue) ?? .null, addition.depositary.databaseValue, addition.shortTitle.databaseValue,
                addition.title.databaseValue, addition.adopted.description.databaseValue, addition.entryIntoForce.description.databaseValue,
                JSONValue.array(addition.obligations.map { .string($0) }).canonicalText.databaseValue, 1.databaseValue,
                DatabaseValue.null, DatabaseValue.null, addition.source.databaseValue,
            ]
            if stored.map({ Array($0.databaseValues) }) != expected {
                flag(seq, "The treaties table's row of \(addition.id) differs from event \(seq) that added it: reference data was edited behind the ledger's back; run `cpsledger rebuild`.")
            }
        case .roundDrafted:
            // A draft projects nothing (rounds are re-read from their events), but names its evidence files.
            if let fields = try? decoder.decode(MeasureFields.self, from: Data(payload.utf8)) { name(fields.evidence, seq: seq) }
        case .importCompleted, .tokenCreated, .tokenRevoked, .checkpointRecorded, .referenceDataRecorded,
            .roundOpened, .roundClosed, .roundSubmitted, .roundAccepted, .roundReturned, .roundPublished:
            break
        case nil:
            flag(seq, "Event \(seq) has an unknown kind '\(kind)'.")
        }
    }

    /// Checks what only the end of the stream can tell: corrections, retractions, leftover rows, cells.
    mutating func finish() throws {
        for (cell, revision) in revisions.sorted(by: { $0.value.seq < $1.value.seq }) {
            guard try ReferenceData.value(of: cell, in: db) != revision.value else { continue }
            flag(revision.seq, "The \(cell.table) table's \(cell.column) of \(cell.key) is not what event \(revision.seq) set it to: reference data was edited behind the ledger's back.")
        }
        let storedChanges = try Row.fetchAll(db, sql: """
            SELECT seq, iso3, field, from_value, to_value, effective, source, actor FROM state_changes ORDER BY seq, rowid
            """).map { Array($0.databaseValues) }
        if storedChanges != stateChanges {
            let first = zip(storedChanges, stateChanges).first { $0 != $1 }.map { Int64.fromDatabaseValue($0.1[0]) ?? 0 }
                ?? Int64.fromDatabaseValue((storedChanges.count > stateChanges.count ? storedChanges : stateChanges)[min(storedChanges.count, stateChanges.count)][0])
            flag(first, "The state_changes projection disagrees with the events that record States' changes of name, group or membership; run `cpsledger rebuild`.")
        }
        for lockstep in [measures, assessments, treatyActions, treatyTables, externalAssessments, outsideScores, treatyAdditions] {
            for row in try lockstep.remaining() {
                let key = lockstep.key(of: row)
                if lockstep === measures || lockstep === assessments { search.postpone([key]) }
                flag(key, "Row \(key) of the \(lockstep.table) projection has no event that records it; run `cpsledger rebuild`.")
            }
        }
        for (id, correction) in corrections.sorted(by: { $0.key < $1.key }) {
            changedContent[id] = nil
            let content: String?
            do {
                content = try MeasureRow.fetchOne(db, id: id).map { try $0.fields().canonicalText }
            } catch {
                continue  // a bad stored value, named when its event was checked
            }
            if content != correction.content {
                flag(correction.seq, "Measure \(id) does not show its correction \(correction.seq); run `cpsledger rebuild`.")
            }
        }
        for (id, _) in changedContent.sorted(by: { $0.key < $1.key }) {
            flag(id, "The measures projection disagrees with event \(id) for measure \(id); run `cpsledger rebuild`.")
        }
        let touched = Set(corrections.keys).union(retractions.keys).union(superseded.keys)
        for id in touched.sorted() {
            // last_seq is the version (the record or its latest correction); a retraction is retracted_seq alone.
            let expectedRetraction = retractions[id]
            let expectedLast = max(id, corrections[id]?.seq ?? id)
            let latest = max(expectedLast, expectedRetraction ?? id)
            let actual = superseded[id] ?? (id, nil)
            if actual.last != expectedLast || actual.retracted != expectedRetraction {
                flag(latest, "Measure \(id) does not show its latest event \(latest) (correction or retraction); run `cpsledger rebuild`.")
            }
        }
        if let problem = try measureChanges.finish(db) { flag(problem.seq, problem.text) }
        // Cells: each cell's latest measure in force, recomputed from the measures (checked whatever
        // the measures check found: a wrong cell is named even beside a wrong measure).
        let expected = cells.rows
        let storedRows = try Row.fetchAll(db, sql: "SELECT state, obligation, measure_id, version_seq, status, effective_date, test_data FROM cells ORDER BY state, obligation")
        // A tampered cell may hold text or NULL where a number or a code belongs: read every value of
        // it as stored (a typed subscript would stop the program on the very file verify checks).
        for row in storedRows {
            if let problem = CellRow.badValue(in: row) { flag(Int64.fromDatabaseValue(row["measure_id"]), problem.description) }
        }
        let stored = Set(storedRows.map { Array($0.databaseValues) })
        if expected != stored {
            // Cell rows are (state, obligation, measure_id, version_seq, status, effective_date, test_data).
            func measureID(_ row: [DatabaseValue]) -> Int64? { Int64.fromDatabaseValue(row[2]) }
            for row in expected.symmetricDifference(stored).sorted(by: { (measureID($0) ?? .max) < (measureID($1) ?? .max) }).prefix(5) {
                let cell = "\(row[0].storedText) × \(row[1].storedText)"
                guard let id = measureID(row) else {
                    flag(nil, "The current status of \(cell) names measure '\(row[2].storedText)', which is not a sequence number; run `cpsledger rebuild`.")
                    continue
                }
                // The measure's latest event (its version, correction or retraction) names the cell's
                // change; never an event before the measure's record (a last_seq edited down).
                let last = try Int64.fetchOne(db, sql: """
                    SELECT max(last_seq, coalesce(retracted_seq, 0), coalesce((SELECT max(seq) FROM measure_changes WHERE measure = ?), 0))
                    FROM measures WHERE id = ?
                    """, arguments: [id, id])
                flag(max(last ?? id, id), "The current status of \(cell) disagrees with its measures; run `cpsledger rebuild`.")
            }
        }
    }

    private mutating func name(_ evidence: [EvidenceLink], seq: Int64) {
        for link in evidence where evidenceNamed[link.sha256] == nil { evidenceNamed[link.sha256] = (seq, link.filename) }
    }

    /// The projection row made by event `seq`, flagging rows no event explains and a missing row.
    private mutating func take(_ lockstep: Lockstep, _ seq: Int64, what: String) throws -> Row? {
        let (row, orphans) = try lockstep.take(seq)
        if lockstep === measures || lockstep === assessments { search.postpone(orphans) }
        for orphan in orphans {
            flag(orphan, "Row \(orphan) of the \(lockstep.table) projection has no event that records it; run `cpsledger rebuild`.")
        }
        if row == nil {
            flag(seq, "Event \(seq) records a \(what) that the \(lockstep.table) projection lacks; run `cpsledger rebuild`.")
        }
        return row
    }

    /// The value `read` makes of a projection row, or nil after flagging event `seq` with the stored
    /// value that `read` could not read (``LedgerError/badStoredValue(table:key:column:value:expected:)``).
    private mutating func checked<Value>(_ seq: Int64, _ read: () throws -> Value) -> Value? {
        do {
            return try read()
        } catch {
            flag(seq, String(describing: error))
            return nil
        }
    }
}
