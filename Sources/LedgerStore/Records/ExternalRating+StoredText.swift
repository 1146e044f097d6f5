import GRDB
import LedgerModel

/// Stored as its raw value; GRDB's `RawRepresentable` support reads and writes it.
extension ExternalRating: StoredText {
    static var storedKind: String { "an outside rating" }
}
