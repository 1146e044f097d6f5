/// One problem with one field of an input record: the field, the value given, what is wrong,
/// and the nearest valid values when the value looks like a typo.
public struct FieldIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    public let field: String
    public let value: String
    public let message: String
    public let suggestions: [String]

    public init(field: String, value: String, message: String, suggestions: [String] = []) {
        self.field = field
        self.value = value
        self.message = message
        self.suggestions = suggestions
    }

    public var description: String {
        var text = "field '\(field)'"
        text += value.isEmpty ? " (empty): " : " value '\(value)': "
        text += message
        if !suggestions.isEmpty {
            text += "; did you mean " + suggestions.joined(separator: " or ") + "?"
        }
        return text
    }
}

/// The problems found in one input record; thrown by the validators.
public struct ValidationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public let issues: [FieldIssue]

    public init(issues: [FieldIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "; ") }
}
