import Foundation
import GRDB
import LedgerModel

/// Keeps the full-text index (`search_index`, migration v0012) in step with the projections: the
/// projector calls it for each measure and assessment event, `rebuild` refills it, `verify`
/// compares it with the `search_*` views, the one definition of what it holds.
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

    /// The rows of the index that differ from the `search_*` views (missing, planted or changed), at most
    /// `limit` sentences; the States and obligations only when `reference` (their tables are as recorded).
    /// SQLite compares the text byte for byte: each expected row looks its index row up by rowid, and
    /// each index row its measure or assessment, so a million measures take one pass each and no sort.
    /// A view or the table that cannot be read (dropped behind the ledger's back) is one sentence too.
    static func problems(_ db: Database, reference: Bool, limit: Int = 5) throws -> [String] {
        do {
            return try differences(db, reference: reference, limit: limit)
        } catch let error as DatabaseError {
            return ["The search index could not be checked (SQLite: \(error.message ?? "\(error.resultCode)")); run `cpsledger rebuild`, or restore the ledger from a backup if its schema was changed."]
        }
    }

    private static func differences(_ db: Database, reference: Bool, limit: Int) throws -> [String] {
        let columns = "doc, kind, key, name, text"
        let views = ["search_measures", "search_assessments"] + (reference ? ["search_states", "search_obligations"] : [])
        let expected = views.map { "SELECT \(columns) FROM \($0)" }.joined(separator: " UNION ALL ")
        // Lacking or holding other text (IS NOT: NULL-safe, and BINARY, so byte for byte).
        let differing = try Row.fetchAll(db, sql: """
            SELECT v.doc, v.kind, v.key, s.rowid IS NULL AS missing FROM (\(expected)) v
            LEFT JOIN search_index s ON s.rowid = v.doc
            WHERE s.rowid IS NULL OR s.kind IS NOT v.kind OR s.key IS NOT v.key OR s.name IS NOT v.name OR s.text IS NOT v.text
            ORDER BY v.doc LIMIT \(limit)
            """).map { row in
            (doc: row["doc"] as Int64, text: (row["missing"] as Bool)
                ? "The search index lacks \(describe(row))"
                : "The search index holds other words for \(describe(row)) than the ledger")
        }
        // Rows no measure in force, assessment comment (or, checked, State or obligation) explains.
        let references = reference ? "s.rowid NOT IN (SELECT doc FROM search_states UNION ALL SELECT doc FROM search_obligations)" : "0"
        let planted = try Row.fetchAll(db, sql: """
            SELECT s.rowid AS doc, s.kind, s.key FROM search_index s
            WHERE CASE WHEN s.rowid > 0
                THEN NOT EXISTS (SELECT 1 FROM measures m WHERE m.id = s.rowid AND m.retracted_seq IS NULL)
                     AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.seq = s.rowid AND a.comment <> '')
                ELSE \(references) END
            ORDER BY s.rowid LIMIT \(limit)
            """).map { row in
            (doc: row["doc"] as Int64,
             text: "The search index holds a row for \(describe(row)) that the ledger does not hold (planted, or left after a retraction)")
        }
        return (differing + planted).sorted { $0.doc < $1.doc }.prefix(limit).map { $0.text + "; run `cpsledger rebuild`." }
    }

    /// "measure 12", "the State FRA", "the obligation art8.record-keeping", "assessment 40".
    private static func describe(_ row: Row) -> String {
        let kind = (row["kind"] as DatabaseValue).storedText, key = (row["key"] as DatabaseValue).storedText
        switch kind {
        case "state": return "the State \(key)"
        case "obligation": return "the obligation \(key)"
        case "measure", "assessment": return "\(kind) \(key)"
        default: return "row \((row["doc"] as DatabaseValue).storedText) ('\(kind)')"
        }
    }
}
