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

    /// The columns ``init(positional:table:keyColumn:)`` reads, in its order.
    static let positionalColumns = "state, obligation, measure_id, version_seq, status, effective_date"
    private static let positionalNames = positionalColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }

    /// A cell from a row of ``positionalColumns`` in that order (a query may alias its columns to
    /// them). Reading by position skips GRDB's lookup of each column by name, which was a tenth of a
    /// summary's time; a value that does not decode is still named, by `table`, the row's
    /// `keyColumn` (`state`: the cell's State and obligation) and the column.
    init(positional row: Row, table: String = Self.databaseTableName, keyColumn: String = "state") throws {
        let names = Self.positionalNames
        func key() -> String {
            keyColumn == "state"
                ? "state \((row[0] as DatabaseValue).storedText), obligation \((row[1] as DatabaseValue).storedText)"
                : "\(keyColumn) \((row[names.firstIndex(of: keyColumn) ?? 2] as DatabaseValue).storedText)"
        }
        func value<T: DatabaseValueConvertible>(_ index: Int, _ expected: String) throws -> T {
            let stored = row[index] as DatabaseValue
            guard let value = T.fromDatabaseValue(stored) else {
                throw LedgerError.badStoredValue(table: table, key: key(), column: names[index], value: stored.storedText, expected: expected)
            }
            return value
        }
        state = try value(0, "an ISO3 code")
        obligation = try value(1, "an obligation id")
        measureID = try value(2, "a sequence number")
        versionSeq = try value(3, "a sequence number")
        status = try value(4, Self.checkedColumns[0].kind)
        effectiveDate = try value(5, Self.checkedColumns[1].kind)
    }

    /// A cell from the current row of `statement` (``positionalColumns`` in that order) read straight
    /// from SQLite; nil when a value is not of its kind, for ``init(positional:table:keyColumn:)`` to name.
    init?(reading statement: Statement) {
        guard statement.isText(at: 0), statement.isText(at: 1), statement.isInteger(at: 2), statement.isInteger(at: 3),
            statement.isText(at: 4), statement.isText(at: 5),
            let status = ImplementationStatus(rawValue: statement.text(at: 4)), let date = ISODate(statement.text(at: 5))
        else { return nil }
        state = statement.text(at: 0)
        obligation = statement.text(at: 1)
        measureID = statement.integer(at: 2)
        versionSeq = statement.integer(at: 3)
        self.status = status
        effectiveDate = date
    }

    var record: CellRecord {
        CellRecord(state: state, obligation: obligation, status: status, effectiveDate: effectiveDate, measureID: measureID, versionSeq: versionSeq)
    }
}
