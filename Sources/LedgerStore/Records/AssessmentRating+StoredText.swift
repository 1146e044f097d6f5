import GRDB
import LedgerModel

/// Stored as its raw value; GRDB's `RawRepresentable` support reads and writes it.
extension AssessmentRating: StoredText {
    static var storedKind: String { "an assessment rating" }
}
