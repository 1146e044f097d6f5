import GRDB
import LedgerModel

/// Stored as `YYYY-MM-DD` text, which sorts and compares in SQL as the dates do.
extension ISODate: StoredText {
    static var storedKind: String { "a date (YYYY-MM-DD)" }

    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> ISODate? {
        String.fromDatabaseValue(dbValue).flatMap { ISODate($0) }
    }
}
