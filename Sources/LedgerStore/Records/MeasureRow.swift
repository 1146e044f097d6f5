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
