import Foundation
import GRDB
import LedgerModel

/// Keeps the full-text index (`search_index`, migration v0012) in step with the projections: the
/// projector calls it for each measure and assessment event, `rebuild` refills it, `verify`
/// compares it with the `search_*` views (``SearchIndexCheck``), the one definition of what it holds.
///
/// The text written here for an event is the text those views compute (``measureText(_:)``
/// mirrors `search_measures`); the verify check proves they agree.
struct SearchIndex {
    let db: Database

    /// Indexes measure `id` in its version `fields` (a new measure, or a correction after ``remove(_:)``).
    func addMeasure(id: Int64, _ fields: MeasureFields) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO search_index (rowid, kind, key, name, text) VALUES (?, 'measure', ?, ?, ?)")
        try insert.execute(arguments: [id, String(id), fields.title ?? "", Self.measureText(fields)])
    }

    /// Replaces the words of measure `id` with those of its corrected version.
    func correctMeasure(id: Int64, _ fields: MeasureFields) throws {
        try remove(id)
        try addMeasure(id: id, fields)
    }

    /// Takes row `rowid` (a retracted measure) out of the index.
    func remove(_ rowid: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM search_index WHERE rowid = ?").execute(arguments: [rowid])
    }

    /// Indexes the comment of the assessment recorded by event `seq`, when it has one.
    func addAssessment(seq: Int64, _ fields: AssessmentFields) throws {
        guard let comment = fields.comment, !comment.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT INTO search_index (rowid, kind, key, name, text) VALUES (?, 'assessment', ?, '', ?)")
        try insert.execute(arguments: [seq, String(seq), comment])
    }

    /// A measure's indexed text besides its title: source · note · justification, as `search_measures` joins them.
    static func measureText(_ fields: MeasureFields) -> String {
        var text = fields.source ?? ""
        if let note = fields.note, !note.isEmpty { text += " · " + note }
        if let justification = fields.justification, !justification.isEmpty { text += " · " + justification }
        return text
    }

    /// Indexes the States and obligations of a new ledger (the reference tables are written once, at creation).
    static func addReference(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO search_index (rowid, kind, key, name, text)
            SELECT doc, kind, key, name, text FROM search_obligations
            UNION ALL SELECT doc, kind, key, name, text FROM search_states
            """)
    }

    /// Empties the index for a rebuild: dropping and making the table again (from its own definition
    /// in the schema) is far faster than deleting a million rows one by one.
    static func empty(_ db: Database) throws {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'search_index'") else { return }
        try db.execute(sql: "DROP TABLE search_index")
        try db.execute(sql: sql)
    }

    /// Refills the whole index from the projections (after ``empty(_:)``).
    static func fill(_ db: Database) throws {
        try addReference(db)
        try db.execute(sql: """
            INSERT INTO search_index (rowid, kind, key, name, text)
            SELECT doc, kind, key, name, text FROM search_measures
            UNION ALL SELECT doc, kind, key, name, text FROM search_assessments
            """)
    }
}
