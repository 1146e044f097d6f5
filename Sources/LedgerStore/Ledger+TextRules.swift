import LedgerModel

extension Ledger {
    /// Throws ``LedgerError/invalid(_:)`` naming `field` when `value` breaks `rule`: the check every
    /// text that reaches an event outside the field validators goes through (actors, token names,
    /// reasons, evidence and import file names, a status table's source).
    static func check(_ value: String?, field: String, rule: TextRule) throws {
        guard let value, let issue = rule.issue(field: field, value: value) else { return }
        throw LedgerError.invalid(ValidationFailure(issues: [issue]))
    }
}
