import GRDB

/// Checks the full-text index (`search_index`) against the `search_*` views while `verify` streams
/// the events, so that the index, the events and the measures are each read once, in step, instead
/// of the views reading every event a second time (issue 23).
///
/// Each event's index row (rowid = seq) is taken from a walk of the index in rowid order:
/// - a measure whose version is its own record event (`last_seq = id`, in force) arrives with the
///   comparison already made by SQLite in the measures walk of ``ProjectionCheck`` (byte for byte,
///   the view's text computed from the payload at hand): 0 same, 1 missing, 2 other words;
/// - an assessment arrives with its comment, compared here byte for byte;
/// - anything else (a corrected or retracted measure, a row no event explains, a measures or
///   assessments row no event records) is left to ``finish(reference:)``, which asks the views and
///   the index about those rows only, with the same rules as a full comparison, and compares the
///   States and obligations (a few hundred rows) in full.
struct SearchIndexCheck {
    /// What the ledger says the index holds at an event's rowid.
    enum Expectation {
        /// A measure in force recorded by this event: the measures walk's comparison, nil when its
        /// version is a later event (a correction) or it is retracted: checked at the end.
        case measure(comparison: Int64?)
        /// An assessment recorded by this event, with its stored comment.
        case assessment(comment: DatabaseValue)
        /// No projection row at this seq explains an index row.
        case nothing
    }

    private let db: Database
    /// The walk of the index's rows above zero; nil once the index could not be read.
    private var walk: Lockstep?
    /// The sentence naming why the index could not be read, when it could not.
    private var unreadable: String?
    /// Problems found in the walk, in rowid order (the first `limit` are enough: the report keeps the lowest).
    private var found: [(doc: Int64, text: String)] = []
    /// Rowids the walk leaves to the end: asked of the views and the index with the full rules.
    private var deferred: [Int64] = []
    static let limit = 5

    init(_ db: Database) {
        self.db = db
        do {
            walk = try Lockstep(db, table: "search_index", key: "rowid", query: "SELECT rowid, kind, key, name, text FROM search_index WHERE rowid > 0")
        } catch {
            unreadable = Self.sentence(error)
        }
    }

    /// Takes the index row of event `seq`, expected to be what `expectation` says.
    mutating func event(seq: Int64, _ expectation: Expectation) {
        guard let walk else { return }
        let taken: (row: Row?, orphans: [Int64])
        do {
            taken = try walk.take(seq)
        } catch {
            unreadable = Self.sentence(error)
            self.walk = nil
            return
        }
        deferred.append(contentsOf: taken.orphans)
        switch expectation {
        case .measure(comparison: 0?):
            break
        case .measure(comparison: 1?):
            flag(seq, "The search index lacks measure \(seq)")
        case .measure(comparison: _?):
            flag(seq, "The search index holds other words for measure \(seq) than the ledger")
        case .measure(comparison: nil):
            deferred.append(seq)
        case .assessment(let comment) where !comment.isNull && comment != "".databaseValue:
            guard let row = taken.row else {
                flag(seq, "The search index lacks assessment \(seq)")
                return
            }
            let expected: [DatabaseValue] = ["assessment".databaseValue, String(seq).databaseValue, "".databaseValue, comment]
            if !zip(Array(row.databaseValues.dropFirst()), expected).allSatisfy(Self.sameBytes) {
                flag(seq, "The search index holds other words for assessment \(seq) than the ledger")
            }
        case .assessment, .nothing:
            if taken.row != nil { deferred.append(seq) }
        }
    }

    /// Leaves the rows of `seqs` (projection rows no event records) to the end.
    mutating func postpone(_ seqs: [Int64]) {
        deferred.append(contentsOf: seqs)
    }

    /// The problems, at most ``limit`` sentences, lowest rowid first: those of the walk, then the
    /// rows left to the end and the States and obligations (only when `reference`: their tables are
    /// as recorded), each compared with its view, and rows no view explains.
    mutating func finish(reference: Bool) -> [String] {
        if unreadable == nil, let walk {
            do {
                deferred.append(contentsOf: try walk.remaining().map { walk.key(of: $0) })
                found += try differences(reference: reference)
            } catch {
                unreadable = Self.sentence(error)
            }
        }
        if let unreadable { return [unreadable] }
        return found.sorted { $0.doc < $1.doc }.prefix(Self.limit).map { $0.text + "; run `cpsledger rebuild`." }
    }

    private mutating func flag(_ doc: Int64, _ text: String) {
        if found.count < Self.limit { found.append((doc, text)) }
    }

    /// The rows left to the end and the reference rows against the views (SQLite compares the text
    /// byte for byte, as the full comparison did).
    private func differences(reference: Bool) throws -> [(doc: Int64, text: String)] {
        let docs = "(SELECT value FROM json_each(?))"
        let ids = "[" + Set(deferred).sorted().map(String.init).joined(separator: ",") + "]"
        let columns = "doc, kind, key, name, text"
        var expected = ["SELECT \(columns) FROM search_measures WHERE doc IN \(docs)", "SELECT \(columns) FROM search_assessments WHERE doc IN \(docs)"]
        var arguments: StatementArguments = [ids, ids]
        if reference { expected += ["SELECT \(columns) FROM search_states", "SELECT \(columns) FROM search_obligations"] }
        // Lacking or holding other text (IS NOT: NULL-safe, and BINARY, so byte for byte).
        let differing = try Row.fetchAll(db, sql: """
            SELECT v.doc, v.kind, v.key, s.rowid IS NULL AS missing FROM (\(expected.joined(separator: " UNION ALL "))) v
            LEFT JOIN search_index s ON s.rowid = v.doc
            WHERE s.rowid IS NULL OR s.kind IS NOT v.kind OR s.key IS NOT v.key OR s.name IS NOT v.name OR s.text IS NOT v.text
            ORDER BY v.doc LIMIT \(Self.limit)
            """, arguments: arguments).map { row in
            (doc: row["doc"] as Int64, text: (row["missing"] as Bool)
                ? "The search index lacks \(Self.describe(row))"
                : "The search index holds other words for \(Self.describe(row)) than the ledger")
        }
        // Rows no measure in force, assessment comment (or, checked, State or obligation) explains.
        let references = reference ? "s.rowid NOT IN (SELECT doc FROM search_states UNION ALL SELECT doc FROM search_obligations)" : "0"
        arguments = [ids]
        let unexplained = """
            CASE WHEN s.rowid > 0
                THEN NOT EXISTS (SELECT 1 FROM measures m WHERE m.id = s.rowid AND m.retracted_seq IS NULL)
                     AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.seq = s.rowid AND a.comment <> '')
                ELSE \(references) END
            """
        // The rows left to the end, then every row at or below zero (two rowid searches of the index, never a scan).
        let planted = try Row.fetchAll(db, sql: """
            SELECT * FROM (
              SELECT s.rowid AS doc, s.kind, s.key FROM search_index s WHERE s.rowid IN \(docs) AND s.rowid > 0 AND \(unexplained)
              UNION ALL
              SELECT s.rowid AS doc, s.kind, s.key FROM search_index s WHERE s.rowid <= 0 AND \(unexplained))
            ORDER BY doc LIMIT \(Self.limit)
            """, arguments: arguments).map { row in
            (doc: row["doc"] as Int64,
             text: "The search index holds a row for \(Self.describe(row)) that the ledger does not hold (planted, or left after a retraction)")
        }
        return differing + planted
    }

    /// Whether two stored values are the same, text byte for byte (as SQLite's BINARY collation compares).
    private static func sameBytes(_ pair: (DatabaseValue, DatabaseValue)) -> Bool {
        if case .string(let left) = pair.0.storage, case .string(let right) = pair.1.storage {
            return left.utf8.elementsEqual(right.utf8)
        }
        return pair.0 == pair.1
    }

    /// One sentence for an index (or a view of it) that cannot be read: dropped behind the ledger's back.
    private static func sentence(_ error: any Error) -> String {
        let detail = (error as? DatabaseError).map { $0.message ?? "\($0.resultCode)" } ?? String(describing: error)
        return "The search index could not be checked (SQLite: \(detail)); run `cpsledger rebuild`, or restore the ledger from a backup if its schema was changed."
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
