import Foundation
import GRDB
import LedgerModel

/// Keeps the projection tables (measures, measure_changes, assessments, cells) in step with events. The write path
/// and `rebuild` both go through it, so `verify` compares like with like.
struct Projector {
    let db: Database
    private let insertMeasure: Statement
    private let latestInCell: Statement
    private let upsertCell: Statement
    private let deleteCell: Statement
    /// The full-text index, written beside each measure and assessment (SearchIndex.swift).
    private let search: SearchIndex

    init(_ db: Database) throws {
        self.db = db
        search = SearchIndex(db: db)
        insertMeasure = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO measures (id, state, obligation, status, effective_date, identity, test_data, last_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertMeasure.prepareForPositionalBinding()
        latestInCell = try db.makeStatement(sql: """
            SELECT id, last_seq, status, effective_date, test_data FROM measures
            WHERE state = ? AND obligation = ? AND retracted_seq IS NULL
            ORDER BY effective_date DESC, id DESC LIMIT 1
            """)
        upsertCell = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO cells (state, obligation, measure_id, version_seq, status, effective_date, test_data)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        deleteCell = try db.makeStatement(sql: "DELETE FROM cells WHERE state = ? AND obligation = ?")
    }

    /// Inserts a new measure; returns false (and writes nothing) when an identical measure is in force.
    /// The projection keeps what reads need indexed; the rest of the content is the event's
    /// (`recordedAt` and `actor` are the event's own, read from it).
    func addMeasure(id: Int64, _ fields: MeasureFields, identity: Data? = nil, recordedAt: String, actor: String) throws -> Bool {
        // Bound by position: an import inserts a million measures through here.
        insertMeasure.resetForBinding()
        try insertMeasure.bind(id, at: 1)
        try insertMeasure.bind(fields.state, at: 2)
        try insertMeasure.bind(fields.obligation, at: 3)
        try insertMeasure.bind(fields.status.rawValue, at: 4)
        try insertMeasure.bind(fields.effectiveDate.description, at: 5)
        try insertMeasure.bind(identity ?? EventHasher.identity(of: fields), at: 6)
        try insertMeasure.bind(MeasureRow.isTestData(title: fields.title) ? 1 : 0, at: 7)
        try insertMeasure.bind(id, at: 8)
        try insertMeasure.execute()
        guard db.changesCount > 0 else { return false }
        try search.addMeasure(id: id, fields)
        return true
    }

    /// Makes event `seq`, a correction, the measure's version.
    func correctMeasure(id: Int64, _ fields: MeasureFields, seq: Int64) throws {
        try addChange(measure: id, seq: seq, to: CellKey(state: fields.state, obligation: fields.obligation))
        try db.execute(
            sql: """
                UPDATE measures SET state = ?, obligation = ?, status = ?, effective_date = ?, identity = ?, test_data = ?, last_seq = ?
                WHERE id = ?
                """,
            arguments: [
                fields.state, fields.obligation, fields.status.rawValue, fields.effectiveDate.description,
                EventHasher.identity(of: fields), MeasureRow.isTestData(title: fields.title), seq, id,
            ])
        try search.correctMeasure(id: id, fields)
    }

    /// Marks the measure retracted by event `seq`; its version (last_seq) stays the event that holds its content.
    func retractMeasure(id: Int64, seq: Int64) throws {
        try addChange(measure: id, seq: seq, to: nil)
        try db.execute(sql: "UPDATE measures SET retracted_seq = ? WHERE id = ?", arguments: [seq, id])
        try search.remove(id)
    }

    /// Records a correction or retraction in measure_changes, with the cell the measure is in
    /// before it (read before the measures row changes) and after it (`to`, nil: the same cell).
    private func addChange(measure: Int64, seq: Int64, to: CellKey?) throws {
        let from = try Row.fetchOne(db, sql: "SELECT state, obligation FROM measures WHERE id = ?", arguments: [measure])
            .map { CellKey(state: $0[0], obligation: $0[1]) }
        let after = to ?? from
        try db.execute(
            sql: "INSERT INTO measure_changes (measure, seq, state, obligation, from_state, from_obligation) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [measure, seq, after?.state, after?.obligation, from?.state, from?.obligation])
    }

    func addAssessment(seq: Int64, _ fields: AssessmentFields, actor: String) throws {
        try AssessmentRow(seq: seq, fields, actor: actor).insert(db)
        try search.addAssessment(seq: seq, fields)
    }

    func addTreatyAction(seq: Int64, _ fields: TreatyActionFields, actor: String) throws {
        try TreatyActionRow(seq: seq, fields, actor: actor).insert(db)
    }

    /// A treaty the ledger added: its row in `treaties` (after the others) and in `treaty_additions`.
    func addTreaty(seq: Int64, _ addition: TreatyAddition) throws {
        try db.execute(
            sql: """
                INSERT INTO treaties (id, position, untc, depositary, short_title, title, adopted, entry_into_force, obligations,
                                      signature_required, earliest_action, note, source)
                VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM treaties), ?, ?, ?, ?, ?, ?, ?, 1, NULL, NULL, ?)
                """,
            arguments: [
                addition.id, addition.untc, addition.depositary, addition.shortTitle, addition.title, addition.adopted.description,
                addition.entryIntoForce.description, JSONValue.array(addition.obligations.map { .string($0) }).canonicalText, addition.source,
            ])
        try db.execute(sql: "INSERT INTO treaty_additions (seq, treaty) VALUES (?, ?)", arguments: [seq, addition.id])
    }

    func addTreatyTable(seq: Int64, _ table: TreatyTablePayload) throws {
        try TreatyTableRow(seq: seq, table).insert(db)
    }

    func addExternalAssessment(seq: Int64, _ fields: ExternalAssessmentFields, actor: String) throws {
        try ExternalAssessmentRow(seq: seq, fields, actor: actor).insert(db)
    }

    /// Inserts an outside index's score (`outside_score.recorded`).
    func addOutsideScore(seq: Int64, _ fields: OutsideScoreFields, actor: String) throws {
        try OutsideScoreRow(seq: seq, fields, actor: actor).insert(db)
    }

    /// Recomputes the current status of one cell from its measures in force.
    func refreshCell(state: String, obligation: String) throws {
        if let row = try Row.fetchOne(latestInCell, arguments: [state, obligation]) {
            try upsertCell.execute(arguments: [
                state, obligation, row["id"] as Int64, row["last_seq"] as Int64, row["status"] as String,
                row["effective_date"] as String, row["test_data"] as Int,
            ])
        } else {
            try deleteCell.execute(arguments: [state, obligation])
        }
    }

    /// Recomputes every cell at once (after a rebuild).
    func refreshAllCells() throws {
        try db.execute(sql: Self.allCellsSQL)
    }

    /// Recomputes every cell from the measures in force.
    static let allCellsSQL = """
            DELETE FROM cells;
            INSERT INTO cells (state, obligation, measure_id, version_seq, status, effective_date, test_data)
            SELECT state, obligation, id, last_seq, status, effective_date, test_data FROM (
              SELECT id, state, obligation, status, effective_date, last_seq, test_data,
                     ROW_NUMBER() OVER (PARTITION BY state, obligation ORDER BY effective_date DESC, id DESC) AS rank
              FROM measures WHERE retracted_seq IS NULL)
            WHERE rank = 1;
            """
}

/// A cell key: (State, obligation).
struct CellKey: Hashable, Sendable {
    let state: String
    let obligation: String
}
