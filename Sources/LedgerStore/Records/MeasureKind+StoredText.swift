import GRDB
import LedgerModel

/// Stored as its raw value; GRDB's `RawRepresentable` support reads and writes it.
extension MeasureKind: StoredText {
    static var storedKind: String { "a measure kind" }
}
