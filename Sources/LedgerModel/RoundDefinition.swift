/// What a reporting round asks: its name, its due date, which obligations and which States answer.
public struct RoundDefinition: Sendable, Hashable, Codable {
    /// A short name, unique in the ledger (`2026-review`): letters, digits, `.`, `_` and `-`.
    public let name: String
    /// The last day to submit; a State that has not submitted after this day is overdue.
    public let due: ISODate
    /// The obligation ids each State answers, in catalogue order.
    public let obligations: [String]
    /// The ISO3 codes of the States that answer, sorted.
    public let states: [String]

    public init(name: String, due: ISODate, obligations: [String], states: [String]) {
        self.name = name
        self.due = due
        self.obligations = obligations
        self.states = states
    }

    /// Checks the name's form; returns the problem as a field issue, or nil.
    public static func nameIssue(_ name: String) -> FieldIssue? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        if name.isEmpty || name.count > 64 || !name.allSatisfy(allowed.contains) || name.first == "-" {
            return FieldIssue(
                field: "round", value: name,
                message: "must be 1 to 64 letters, digits, '.', '_' or '-', not starting with '-' (e.g. 2026-review)")
        }
        return nil
    }

    /// The round as its `round.opened` event payload holds it.
    public var json: JSONValue {
        .object([
            "round": .string(name), "due": .string(due.description),
            "obligations": .array(obligations.map { .string($0) }), "states": .array(states.map { .string($0) }),
        ])
    }
}
