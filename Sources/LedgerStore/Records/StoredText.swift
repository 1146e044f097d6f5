import GRDB

/// A value the store keeps as text in one column (a status, a rating, a date): GRDB reads and
/// writes it directly, and a stored text that is not one of its values is named by table, row
/// and column instead of being read as a plausible substitute.
protocol StoredText: DatabaseValueConvertible, SendableMetatype {
    /// What a stored value must be, for the sentence that names a bad one ("an implementation status").
    static var storedKind: String { get }
    /// The values a column of this type may hold, when they are few enough to list; empty otherwise.
    static var storedValues: [String] { get }
}

extension StoredText {
    static var storedValues: [String] { [] }
}

extension StoredText where Self: CaseIterable & RawRepresentable, RawValue == String {
    static var storedValues: [String] { allCases.map(\.rawValue) }
}
