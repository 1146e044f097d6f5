import Foundation

/// One treaty action of one State, validated: signature, ratification, accession, ... or denunciation.
public struct TreatyActionFields: Sendable, Hashable, Codable {
    public var state: String
    public var treaty: String
    public var action: TreatyActionKind
    public var date: ISODate
    /// Reservations, declarations, or any other remark.
    public var note: String?
    /// Where the action is recorded (a UNTC table and its as-at date, a depositary notification).
    public var source: String?

    public init(state: String, treaty: String, action: TreatyActionKind, date: ISODate, note: String? = nil, source: String? = nil) {
        self.state = state
        self.treaty = treaty
        self.action = action
        self.date = date
        self.note = note
        self.source = source
    }

    /// The fields as a JSON object (absent optionals left out), the form hashed into the ledger.
    public var jsonMembers: [String: JSONValue] {
        var members: [String: JSONValue] = [
            "state": .string(state), "treaty": .string(treaty), "action": .string(action.rawValue), "date": .string(date.description),
        ]
        if let note { members["note"] = .string(note) }
        if let source { members["source"] = .string(source) }
        return members
    }

    /// Validates raw text fields (`state`, `treaty`, `action`, `date`, `note`, `source`); `treaty`
    /// takes a treaty id or its UNTC reference and the result holds the id.
    public static func validate(
        _ raw: [String: String], treaties: TreatyCatalogue, states: StateDirectory
    ) throws(ValidationFailure) -> TreatyActionFields {
        var issues: [FieldIssue] = []
        func text(_ field: String) -> String? {
            guard let value = raw[field]?.trimmedBlanks, !value.isEmpty else { return nil }
            return value
        }
        let state = text("state")
        if state == nil { issues.append(FieldIssue(field: "state", value: "", message: "is required")) }
        if let state, states[state] == nil {
            issues.append(FieldIssue(field: "state", value: state, message: "is not a known ISO 3166-1 alpha-3 code", suggestions: states.suggestions(for: state)))
        }
        var treaty: Treaty?
        if let value = text("treaty") {
            treaty = treaties.treaty(idOrUNTC: value)
            if treaty == nil {
                issues.append(FieldIssue(field: "treaty", value: value, message: "is not a treaty id or UNTC reference (see `cpsledger treaties list`)", suggestions: treaties.suggestions(for: value)))
            }
        } else {
            issues.append(FieldIssue(field: "treaty", value: "", message: "is required"))
        }
        var action: TreatyActionKind?
        if let value = text("action") {
            action = TreatyActionKind(rawValue: value)
            if action == nil { issues.append(.notOneOf(TreatyActionKind.self, field: "action", value: value, noun: "a treaty action")) }
        } else {
            issues.append(FieldIssue(field: "action", value: "", message: "is required"))
        }
        var date: ISODate?
        if let value = text("date") {
            date = ISODate(value)
            if date == nil { issues.append(FieldIssue(field: "date", value: value, message: "is not a date of the form YYYY-MM-DD")) }
        } else {
            issues.append(FieldIssue(field: "date", value: "", message: "is required"))
        }
        if let treaty, let date, date < treaty.firstActionDate {
            issues.append(FieldIssue(
                field: "date", value: date.description,
                message: "is before \(treaty.shortTitle) was adopted (\(treaty.firstActionDate)); no State can act on it earlier"))
        }
        guard issues.isEmpty, let state, let treaty, let action, let date else { throw ValidationFailure(issues: issues) }
        return TreatyActionFields(state: state, treaty: treaty.id, action: action, date: date, note: text("note"), source: text("source"))
    }
}
