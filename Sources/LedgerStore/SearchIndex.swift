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
    /// Both sides are read in rowid order and walked in step, so a million measures take one pass each.
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
        var expected: [RowCursor] = []
        if reference {
            expected.append(try Row.fetchCursor(db, sql: """
                SELECT \(columns) FROM search_obligations UNION ALL SELECT \(columns) FROM search_states ORDER BY doc
                """))
        }
        expected.append(try Row.fetchCursor(db, sql: """
            SELECT \(columns) FROM search_measures UNION ALL SELECT \(columns) FROM search_assessments ORDER BY doc
            """))
        let actual = try Row.fetchCursor(
            db, sql: "SELECT rowid AS doc, kind, key, name, text FROM search_index \(reference ? "" : "WHERE rowid > 0 ")ORDER BY rowid")
        var part = 0
        func nextExpected() throws -> Row? {
            while part < expected.count {
                if let row = try expected[part].next() { return row }
                part += 1
            }
            return nil
        }
        var problems: [String] = []
        func flag(_ row: Row, _ sentence: (String) -> String) {
            problems.append(sentence(describe(row)) + "; run `cpsledger rebuild`.")
        }
        // Cursor rows are reused by the next step: keep copies.
        var want = try nextExpected()?.copy(), have = try actual.next()?.copy()
        while problems.count < limit, want != nil || have != nil {
            // A tampered rowid may hold anything: read it as a number or put it last.
            let wantDoc = want.flatMap { Int64.fromDatabaseValue($0["doc"]) } ?? .max
            let haveDoc = have.flatMap { Int64.fromDatabaseValue($0["doc"]) } ?? .max
            if let row = want, have == nil || wantDoc < haveDoc {
                flag(row) { "The search index lacks \($0)" }
                want = try nextExpected()?.copy()
            } else if let row = have, want == nil || haveDoc < wantDoc {
                flag(row) { "The search index holds a row for \($0) that the ledger does not hold (planted, or left after a retraction)" }
                have = try actual.next()?.copy()
            } else {
                if let wanted = want, let held = have, !same(wanted, held) { flag(wanted) { "The search index holds other words for \($0) than the ledger" } }
                want = try nextExpected()?.copy()
                have = try actual.next()?.copy()
            }
        }
        return problems
    }

    /// Whether two rows hold the same kind, key and text, byte for byte (Swift's == would equate
    /// canonically equivalent strings that SQLite stores differently).
    private static func same(_ a: Row, _ b: Row) -> Bool {
        ["kind", "key", "name", "text"].allSatisfy { column in
            let x: DatabaseValue = a[column], y: DatabaseValue = b[column]
            switch (x.storage, y.storage) {
            case (.string(let p), .string(let q)): return p.utf8.elementsEqual(q.utf8)
            default: return x == y
            }
        }
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
