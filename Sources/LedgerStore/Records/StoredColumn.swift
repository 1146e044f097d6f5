import GRDB

/// One typed column of a table: its name, what its values must be, and the check of a stored value.
struct StoredColumn: Sendable {
    let name: String
    /// What the column's values must be ("an implementation status").
    let kind: String
    let accepts: @Sendable (DatabaseValue) -> Bool

    /// A column of `type`; NULL is accepted when `optional`.
    init<Value: StoredText>(_ column: some ColumnExpression, _ type: Value.Type, optional: Bool = false) {
        name = column.name
        kind = Value.storedKind + (Value.storedValues.isEmpty ? "" : " (one of " + Value.storedValues.joined(separator: ", ") + ")")
        accepts = { value in value.isNull ? optional : Value.fromDatabaseValue(value) != nil }
    }

    /// A column whose values `accepts` checks (JSON text, say).
    init(_ column: some ColumnExpression, kind: String, accepts: @escaping @Sendable (DatabaseValue) -> Bool) {
        name = column.name
        self.kind = kind
        self.accepts = accepts
    }
}
