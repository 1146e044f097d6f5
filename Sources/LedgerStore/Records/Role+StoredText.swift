import GRDB
import LedgerModel

/// Stored as its raw value; GRDB's `RawRepresentable` support reads and writes it.
extension Role: StoredText {
    static var storedKind: String { "a token role" }
}
