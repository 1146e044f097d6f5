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

    /// The issue for a value that is not one of an enumeration's cases, listing them and the nearest.
    static func notOneOf<E: CaseIterable & RawRepresentable>(_ type: E.Type, field: String, value: String, noun: String) -> FieldIssue
    where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        return FieldIssue(
            field: field, value: value, message: "is not \(noun); use one of " + names.joined(separator: ", "),
            suggestions: Suggestion.nearest(to: value, among: names))
    }

    public var description: String {
        var text = "field '\(field)'"
        // Control and bidirectional characters are shown escaped: a message never garbles a terminal.
        text += value.isEmpty ? " (empty): " : " value '\(TextRule.excerpt(value, limit: 200))': "
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

extension String {
    /// The string without leading and trailing spaces and tabs (ASCII only, fast on the import path).
    var trimmedBlanks: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return self }
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start = utf8.index(after: start) }
        while end > start, utf8[utf8.index(before: end)] == 0x20 || utf8[utf8.index(before: end)] == 0x09 { end = utf8.index(before: end) }
        return String(self[start..<end])
    }
}
