/// Raw text fields under validation (from a CSV row, command-line options or a JSON body) and the
/// problems found so far; the validators of measures, assessments and treaty actions share it.
struct RawFields {
    let raw: [String: String]
    private(set) var issues: [FieldIssue] = []

    init(_ raw: [String: String]) { self.raw = raw }

    /// The field's text without surrounding blanks; nil when absent or empty.
    func text(_ field: String) -> String? {
        guard let value = raw[field]?.trimmedBlanks, !value.isEmpty else { return nil }
        return value
    }

    mutating func add(_ issue: FieldIssue) { issues.append(issue) }

    /// The field's text, or an issue when it is missing.
    mutating func required(_ field: String) -> String? {
        guard let value = text(field) else {
            issues.append(FieldIssue(field: field, value: "", message: "is required"))
            return nil
        }
        return value
    }

    /// A required ISO3 code the directory knows.
    mutating func state(_ states: StateDirectory) -> String? {
        guard let code = required("state") else { return nil }
        guard states[code] != nil else {
            issues.append(FieldIssue(
                field: "state", value: code, message: "is not a known ISO 3166-1 alpha-3 code (see `cpsledger states list`)",
                suggestions: states.suggestions(for: code)))
            return nil
        }
        return code
    }

    /// A required obligation id of the catalogue.
    mutating func obligation(_ catalogue: Catalogue) -> Obligation? {
        guard let id = required("obligation") else { return nil }
        guard let obligation = catalogue.obligation(id) else {
            issues.append(FieldIssue(
                field: "obligation", value: id, message: "is not an obligation of the catalogue (see `cpsledger obligations list`)",
                suggestions: catalogue.suggestions(forObligation: id)))
            return nil
        }
        return obligation
    }

    /// A `YYYY-MM-DD` date; nil (with an issue) when malformed, or when missing and required.
    mutating func date(_ field: String, required isRequired: Bool = true) -> ISODate? {
        guard let value = isRequired ? required(field) : text(field) else { return nil }
        guard let date = ISODate(value) else {
            issues.append(FieldIssue(field: field, value: value, message: "is not a date of the form YYYY-MM-DD"))
            return nil
        }
        return date
    }

    /// One of an enumeration's raw values, suggesting the nearest when it is not.
    mutating func oneOf<E: CaseIterable & RawRepresentable>(
        _ type: E.Type, _ field: String, noun: String, required isRequired: Bool = true
    ) -> E? where E.RawValue == String {
        guard let value = isRequired ? required(field) : text(field) else { return nil }
        guard let result = E(rawValue: value) else {
            issues.append(.notOneOf(E.self, field: field, value: value, noun: noun))
            return nil
        }
        return result
    }

    /// Throws the issues found, if any.
    func check() throws(ValidationFailure) {
        if !issues.isEmpty { throw ValidationFailure(issues: issues) }
    }
}
