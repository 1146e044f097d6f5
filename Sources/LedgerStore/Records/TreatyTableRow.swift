import GRDB
import LedgerModel

/// A row of the `treaty_tables` projection: one imported status table.
struct TreatyTableRow: Codable, FetchableRecord, PersistableRecord, StoredRecord {
    static let databaseTableName = "treaty_tables"

    var seq: Int64
    var treaty: String
    var file: String
    var sha256: String
    var asAt: ISODate?
    var source: String
    var recorded: Int
    var duplicates: Int
    var form: UNTCForm?
    var rowCount: Int?
    var declaredParties: Int?
    var declaredSignatories: Int?

    enum CodingKeys: String, CodingKey {
        case seq, treaty, file, sha256, source, recorded, duplicates, form
        case asAt = "as_at", rowCount = "row_count", declaredParties = "declared_parties", declaredSignatories = "declared_signatories"
    }

    enum Columns {
        static let asAt = Column(CodingKeys.asAt)
        static let form = Column(CodingKeys.form)
    }

    static let keyColumns = ["seq"]
    static let checkedColumns = [StoredColumn(Columns.asAt, ISODate.self, optional: true), StoredColumn(Columns.form, UNTCForm.self, optional: true)]

    init(seq: Int64, _ table: TreatyTablePayload) {
        self.seq = seq
        treaty = table.treaty
        file = table.file
        sha256 = table.sha256
        asAt = table.asAt
        source = table.source
        recorded = table.recorded
        duplicates = table.duplicates
        form = table.form
        rowCount = table.rows
        declaredParties = table.declaredParties
        declaredSignatories = table.declaredSignatories
    }

    /// The row as the payload of the event that recorded it.
    var payload: TreatyTablePayload {
        TreatyTablePayload(
            treaty: treaty, file: file, sha256: sha256, asAt: asAt, source: source, recorded: recorded, duplicates: duplicates, form: form,
            rows: rowCount, declaredParties: declaredParties, declaredSignatories: declaredSignatories)
    }

    var record: TreatyTableRecord {
        TreatyTableRecord(
            seq: seq, treaty: treaty, file: file, sha256: sha256, asAt: asAt, source: source, recorded: recorded, duplicates: duplicates,
            form: form, rows: rowCount, declaredParties: declaredParties, declaredSignatories: declaredSignatories)
    }
}
