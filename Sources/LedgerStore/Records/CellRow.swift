import GRDB
import LedgerModel

/// A row of the `cells` projection (or of a query shaped like it): the status of one (State,
/// obligation) cell and the measure that gives it.
struct CellRow: Codable, FetchableRecord, PersistableRecord, StoredRecord {
    static let databaseTableName = "cells"

    var state: String
    var obligation: String
    var measureID: Int64
    var versionSeq: Int64
    var status: ImplementationStatus
    var effectiveDate: ISODate

    enum CodingKeys: String, CodingKey {
        case state, obligation, status
        case measureID = "measure_id", versionSeq = "version_seq", effectiveDate = "effective_date"
    }

    enum Columns {
        static let state = Column(CodingKeys.state)
        static let obligation = Column(CodingKeys.obligation)
        static let status = Column(CodingKeys.status)
        static let effectiveDate = Column(CodingKeys.effectiveDate)
    }

    static let keyColumns = ["state", "obligation"]
    static let checkedColumns = [StoredColumn(Columns.status, ImplementationStatus.self), StoredColumn(Columns.effectiveDate, ISODate.self)]

    var record: CellRecord {
        CellRecord(state: state, obligation: obligation, status: status, effectiveDate: effectiveDate, measureID: measureID, versionSeq: versionSeq)
    }
}
