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
    /// takes a treaty id or its UNTC reference and the result holds the id. An action is dated on or
    /// before `today` (UTC), except a denunciation, dated when it takes effect, up to
    /// ``MeasureFields/latestEffectiveDate(today:)``.
    public static func validate(
        _ raw: [String: String], treaties: TreatyCatalogue, states: StateDirectory, today: ISODate = .utc()
    ) throws(ValidationFailure) -> TreatyActionFields {
        var input = RawFields(raw, rules: ["note": .freeText, "source": .citation])
        let state = input.state(states)
        var treaty: Treaty?
        if let value = input.required("treaty") {
            treaty = treaties.treaty(idOrUNTC: value)
            if treaty == nil {
                input.add(FieldIssue(
                    field: "treaty", value: value, message: "is not a treaty id or UNTC reference",
                    suggestions: treaties.suggestions(for: value)))
            }
        }
        let action = input.oneOf(TreatyActionKind.self, "action", noun: "a treaty action")
        let date = input.date("date")
        if let treaty, let date, date < treaty.firstActionDate {
            input.add(FieldIssue(
                field: "date", value: date.description,
                message: "is before \(treaty.shortTitle) was adopted (\(treaty.firstActionDate)); no State can act on it earlier"))
        }
        if let action, let date {
            // A deposit that has not happened yet is a typing mistake (2099 for 1999); a denunciation
            // notified now takes effect later, so it may be dated ahead, as far as a planned measure.
            let latest = action == .denunciation ? MeasureFields.latestEffectiveDate(today: today) : today
            if date > latest {
                input.add(FieldIssue(
                    field: "date", value: date.description,
                    message: action == .denunciation
                        ? "is after \(latest), the latest date a denunciation may take effect (\(MeasureFields.effectiveYearsAhead) years ahead)"
                        : "is after today (\(today), UTC); a \(action.rawValue.replacingOccurrences(of: "_", with: " ")) is recorded once it has happened"))
            }
        }
        try input.check()
        guard let state, let treaty, let action, let date else { throw ValidationFailure(issues: input.issues) }
        return TreatyActionFields(state: state, treaty: treaty.id, action: action, date: date, note: input.text("note"), source: input.text("source"))
    }
}
