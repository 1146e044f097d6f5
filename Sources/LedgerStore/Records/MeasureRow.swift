import Foundation
import GRDB
import LedgerModel

/// A measure in its latest version, as ``select`` reads it: the `measures` projection's row (what
/// reads need indexed) with the content the projection does not repeat, read from the event that
/// gave the version (`last_seq`: title, kind, source, note, justification, evidence) and from the
/// `measure.recorded` event (`recorded_at`, `actor`).
struct MeasureRow {
    static let databaseTableName = "measures"

    var id: Int64
    var state: String
    var obligation: String
    var status: ImplementationStatus
    var effectiveDate: ISODate
    var title: String?
    var kind: MeasureKind?
    var source: String?
    var note: String?
    var justification: String?
    /// JSON array of `{sha256, filename, size, document_date}`.
    var evidence: String
    var identity: Data
    var recordedAt: String
    var actor: String
    /// The event holding this version: the `measure.recorded` event or the latest correction.
    var lastSeq: Int64
    var retractedSeq: Int64?
    /// Whether the title marks the measure as test data, as the projection stores it.
    var testData: Bool

    /// The names ``init(positional:)`` gives its columns, in its order (the projection's own
    /// column names, and the payload's field names for what comes from the events).
    static let columnNames = [
        "id", "state", "obligation", "status", "effective_date", "title", "kind", "source", "note", "justification", "evidence",
        "identity", "recorded_at", "actor", "last_seq", "retracted_seq", "test_data",
    ]

    /// The query of ``init(positional:)``'s columns; add `WHERE` and `ORDER BY` clauses over `m`.
    /// A row whose events are missing still comes back (its content then fails to decode or to match).
    static let select = """
        SELECT m.id, m.state, m.obligation, m.status, m.effective_date,
               json_extract(v.payload, '$.title'), json_extract(v.payload, '$.kind'), json_extract(v.payload, '$.source'),
               json_extract(v.payload, '$.note'), json_extract(v.payload, '$.justification'),
               coalesce(json_extract(v.payload, '$.evidence'), '[]'),
               m.identity, r.recorded_at, r.actor, m.last_seq, m.retracted_seq, m.test_data
        FROM measures m LEFT JOIN events v ON v.seq = m.last_seq LEFT JOIN events r ON r.seq = m.id
        """

    static let statusKind = StoredColumn(Column("status"), ImplementationStatus.self).kind
    static let dateKind = StoredColumn(Column("effective_date"), ISODate.self).kind
    static let kindKind = StoredColumn(Column("kind"), MeasureKind.self, optional: true).kind
    static let evidenceKind = "a JSON list of evidence files"

    /// A measure from a row of ``select`` in that order. Reading by position skips GRDB's lookup of
    /// each column by name (it lowercases the name on every access: an eighth of `verify` on a
    /// million measures); a value that does not decode is named with its table, key and column.
    init(positional row: Row) throws {
        func bad(_ index: Int, _ expected: String) -> LedgerError {
            .badStoredValue(
                table: Self.databaseTableName, key: "id \((row[0] as DatabaseValue).storedText)", column: Self.columnNames[index],
                value: (row[index] as DatabaseValue).storedText, expected: expected)
        }
        func value<T: DatabaseValueConvertible>(_ index: Int, _ expected: String) throws -> T {
            guard let value = T.fromDatabaseValue(row[index]) else { throw bad(index, expected) }
            return value
        }
        func optional<T: DatabaseValueConvertible>(_ index: Int, _ expected: String) throws -> T? {
            let stored = row[index] as DatabaseValue
            if stored.isNull { return nil }
            guard let value = T.fromDatabaseValue(stored) else { throw bad(index, expected) }
            return value
        }
        id = try value(0, "a sequence number")
        state = try value(1, "an ISO3 code")
        obligation = try value(2, "an obligation id")
        status = try value(3, Self.statusKind)
        effectiveDate = try value(4, Self.dateKind)
        title = try optional(5, "text")
        kind = try optional(6, Self.kindKind)
        source = try optional(7, "text")
        note = try optional(8, "text")
        justification = try optional(9, "text")
        evidence = try value(10, Self.evidenceKind)
        identity = try value(11, "a 16-byte identity")
        recordedAt = try value(12, "a UTC time")
        actor = try value(13, "text")
        lastSeq = try value(14, "a sequence number")
        retractedSeq = try optional(15, "a sequence number")
        testData = try value(16, "0 or 1")
    }

    /// The measures `clause` selects (a `WHERE … ORDER BY …` over `m`), each decoded with ``init(positional:)``.
    static func fetchAll(_ db: Database, _ clause: String, arguments: StatementArguments = []) throws -> [MeasureRow] {
        try Row.fetchAll(db, sql: select + " " + clause, arguments: arguments).map { try MeasureRow(positional: $0) }
    }

    /// The measure whose id is `id`, when there is one.
    static func fetchOne(_ db: Database, id: Int64) throws -> MeasureRow? {
        try Row.fetchOne(db, sql: select + " WHERE m.id = ?", arguments: [id]).map { try MeasureRow(positional: $0) }
    }

    /// The measure's content; throws ``LedgerError/badStoredValue(table:key:column:value:expected:)``
    /// when its evidence list does not decode.
    func fields() throws -> MeasureFields {
        let links: [EvidenceLink]
        do {
            links = try Self.decodeEvidence(evidence)
        } catch {
            throw LedgerError.badStoredValue(
                table: Self.databaseTableName, key: "id \(id)", column: "evidence", value: evidence, expected: Self.evidenceKind)
        }
        return MeasureFields(
            state: state, obligation: obligation, status: status, effectiveDate: effectiveDate, title: title, kind: kind,
            source: source, note: note, justification: justification, evidence: links)
    }

    /// The measure as the ledger's API gives it; its last event is the retraction once it is retracted.
    func record() throws -> MeasureRecord {
        MeasureRecord(
            id: id, fields: try fields(), recordedAt: recordedAt, actor: actor, lastSeq: retractedSeq ?? lastSeq, retractedSeq: retractedSeq)
    }

    /// Whether a title marks its measure as test data (`SYNTHETIC` or `EXAMPLE`), as ``Projector`` stores it.
    static func isTestData(title: String?) -> Bool {
        // SQL's LIKE 'SYNTHETIC%' as the cells of earlier ledgers were computed: ASCII letters in any case.
        func starts(_ prefix: StaticString) -> Bool {
            var letters = title!.utf8.makeIterator()
            for letter in UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount) {
                guard let next = letters.next(), next | 0x20 == letter | 0x20 else { return false }
            }
            return true
        }
        return title != nil && (starts("SYNTHETIC") || starts("EXAMPLE"))
    }

    private static func decodeEvidence(_ text: String) throws -> [EvidenceLink] {
        text == "[]" ? [] : try JSONDecoder().decode([EvidenceLink].self, from: Data(text.utf8))
    }
}
