/// Raw text fields under validation (from a CSV row, command-line options or a JSON body) and the
/// problems found so far; the validators of measures, assessments and treaty actions share it.
struct RawFields {
    /// Field names and their text, side by side in the order given: a CSV row is read by its header's
    /// column order, with no dictionary built per row (a lookup walks the few names).
    private let names: [String]
    private let values: [String]
    private(set) var issues: [FieldIssue] = []
    /// Fields whose text broke its ``TextRule``: they read as absent, and are not also called missing.
    private var refused: Set<String> = []

    /// Takes the raw fields and checks every one against its text rule (``TextRule/code`` unless
    /// `rules` names another), so no field of any input path escapes the rules.
    init(_ raw: [String: String], rules: [String: TextRule] = [:]) {
        self.init(names: Array(raw.keys), values: Array(raw.values), rules: rules)
    }

    /// The fields by position: `values[i]` is the text of the field `names[i]`.
    init(names: [String], values: [String], rules: [String: TextRule] = [:]) {
        precondition(names.count == values.count, "one value per field name")
        self.names = names
        self.values = values
        // Every row of an import passes here: no sorting unless something is wrong.
        for (field, value) in zip(names, values) {
            if let issue = (rules[field] ?? .code).issue(field: field, value: value.trimmedBlanks) {
                issues.append(issue)
                refused.insert(field)
            }
        }
        if issues.count > 1 { issues.sort { $0.field < $1.field } }
    }

    /// The field's text without surrounding blanks; nil when absent, empty or refused.
    func text(_ field: String) -> String? {
        guard let index = names.firstIndex(of: field), !wasRefused(field) else { return nil }
        let value = values[index].trimmedBlanks
        return value.isEmpty ? nil : value
    }

    mutating func add(_ issue: FieldIssue) { issues.append(issue) }

    /// Whether the field was given but broke its text rule (so it is not also reported missing).
    func wasRefused(_ field: String) -> Bool { !refused.isEmpty && refused.contains(field) }

    /// The field's text, or an issue when it is missing.
    mutating func required(_ field: String) -> String? {
        guard let value = text(field) else {
            if wasRefused(field) { return nil }
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
                field: "state", value: code, message: "is not a known ISO 3166-1 alpha-3 code",
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
                field: "obligation", value: id, message: "is not an obligation of the catalogue",
                suggestions: catalogue.suggestions(forObligation: id)))
            return nil
        }
        return obligation
    }

    /// A `YYYY-MM-DD` date; nil (with an issue) when malformed, or when missing and required.
    mutating func date(_ field: String, required isRequired: Bool = true) -> ISODate? {
        guard let value = isRequired ? required(field) : text(field) else { return nil }
        guard let date = ISODate(value) else {
            issues.append(FieldIssue(field: field, value: value, message: ISODate.problem(with: value) ?? "is not a date"))
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
