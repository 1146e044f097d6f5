import Foundation
import GRDB
import LedgerModel

/// A row of the `measures` projection: a measure in its latest version.
struct MeasureRow: Codable, FetchableRecord, PersistableRecord, StoredRecord {
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
    var lastSeq: Int64
    var retractedSeq: Int64?

    enum CodingKeys: String, CodingKey {
        case id, state, obligation, status, title, kind, source, note, justification, evidence, identity, actor
        case effectiveDate = "effective_date", recordedAt = "recorded_at", lastSeq = "last_seq", retractedSeq = "retracted_seq"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let state = Column(CodingKeys.state)
        static let obligation = Column(CodingKeys.obligation)
        static let status = Column(CodingKeys.status)
        static let effectiveDate = Column(CodingKeys.effectiveDate)
        static let kind = Column(CodingKeys.kind)
        static let evidence = Column(CodingKeys.evidence)
        static let identity = Column(CodingKeys.identity)
        static let retractedSeq = Column(CodingKeys.retractedSeq)
    }

    static let keyColumns = ["id"]
    static let checkedColumns = [
        StoredColumn(Columns.status, ImplementationStatus.self), StoredColumn(Columns.effectiveDate, ISODate.self),
        StoredColumn(Columns.kind, MeasureKind.self, optional: true),
        StoredColumn(Columns.evidence, kind: "a JSON list of evidence files") { value in
            String.fromDatabaseValue(value).map { (try? Self.decodeEvidence($0)) != nil } ?? false
        },
    ]

    /// The columns ``init(positional:)`` reads, in its order.
    static let positionalColumns =
        "id, state, obligation, status, effective_date, title, kind, source, note, justification, evidence, identity, recorded_at, actor, last_seq, retracted_seq"

    /// A measure from a row of ``positionalColumns`` in that order. Reading by position skips GRDB's
    /// lookup of each column by name (it lowercases the name on every access: an eighth of `verify`
    /// on a million measures); a value that does not decode is named as ``init(checking:table:keyColumns:)`` names it.
    init(positional row: Row) throws {
        func bad(_ index: Int, _ expected: String) -> LedgerError {
            let names = Self.positionalColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return .badStoredValue(
                table: Self.databaseTableName, key: "id \((row[0] as DatabaseValue).storedText)", column: names[index],
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
        status = try value(3, Self.checkedColumns[0].kind)
        effectiveDate = try value(4, Self.checkedColumns[1].kind)
        title = try optional(5, "text")
        kind = try optional(6, Self.checkedColumns[2].kind)
        source = try optional(7, "text")
        note = try optional(8, "text")
        justification = try optional(9, "text")
        evidence = try value(10, Self.checkedColumns[3].kind)
        identity = try value(11, "a 16-byte identity")
        recordedAt = try value(12, "a UTC time")
        actor = try value(13, "text")
        lastSeq = try value(14, "a sequence number")
        retractedSeq = try optional(15, "a sequence number")
    }

    /// The measure's content; throws ``LedgerError/badStoredValue(table:key:column:value:expected:)``
    /// when its evidence list does not decode.
    func fields() throws -> MeasureFields {
        let links: [EvidenceLink]
        do {
            links = try Self.decodeEvidence(evidence)
        } catch {
            throw LedgerError.badStoredValue(
                table: Self.databaseTableName, key: "id \(id)", column: Columns.evidence.name, value: evidence,
                expected: "a JSON list of evidence files")
        }
        return MeasureFields(
            state: state, obligation: obligation, status: status, effectiveDate: effectiveDate, title: title, kind: kind,
            source: source, note: note, justification: justification, evidence: links)
    }

    /// The measure as the ledger's API gives it.
    func record() throws -> MeasureRecord {
        MeasureRecord(id: id, fields: try fields(), recordedAt: recordedAt, actor: actor, lastSeq: lastSeq, retractedSeq: retractedSeq)
    }

    private static func decodeEvidence(_ text: String) throws -> [EvidenceLink] {
        text == "[]" ? [] : try JSONDecoder().decode([EvidenceLink].self, from: Data(text.utf8))
    }
}
