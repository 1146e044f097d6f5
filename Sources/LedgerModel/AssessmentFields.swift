import Foundation

/// A reviewer's rating of one (State, obligation) cell, validated.
public struct AssessmentFields: Sendable, Hashable, Codable {
    public var state: String
    public var obligation: String
    public var rating: AssessmentRating
    public var comment: String?
    /// The date of the assessment (defaults to the day it is recorded).
    public var assessedOn: ISODate

    enum CodingKeys: String, CodingKey {
        case state, obligation, rating, comment
        case assessedOn = "assessed_on"
    }

    public init(state: String, obligation: String, rating: AssessmentRating, comment: String?, assessedOn: ISODate) {
        self.state = state
        self.obligation = obligation
        self.rating = rating
        self.comment = comment
        self.assessedOn = assessedOn
    }

    public var jsonMembers: [String: JSONValue] {
        var members: [String: JSONValue] = [
            "state": .string(state), "obligation": .string(obligation), "rating": .string(rating.rawValue),
            "assessed_on": .string(assessedOn.description),
        ]
        if let comment { members["comment"] = .string(comment) }
        return members
    }

    /// Validates raw text fields (`state`, `obligation`, `rating`, `comment`, `assessed_on`).
    public static func validate(
        _ raw: [String: String], catalogue: Catalogue, states: StateDirectory, today: ISODate
    ) throws(ValidationFailure) -> AssessmentFields {
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
        let obligation = text("obligation")
        if obligation == nil { issues.append(FieldIssue(field: "obligation", value: "", message: "is required")) }
        if let obligation, catalogue.obligation(obligation) == nil {
            issues.append(FieldIssue(field: "obligation", value: obligation, message: "is not an obligation of the catalogue", suggestions: catalogue.suggestions(forObligation: obligation)))
        }
        var rating: AssessmentRating?
        if let value = text("rating") {
            rating = AssessmentRating(rawValue: value)
            if rating == nil {
                issues.append(.notOneOf(AssessmentRating.self, field: "rating", value: value, noun: "a rating"))
            }
        } else {
            issues.append(FieldIssue(field: "rating", value: "", message: "is required"))
        }
        var date = today
        if let value = text("assessed_on") {
            if let parsed = ISODate(value) { date = parsed } else {
                issues.append(FieldIssue(field: "assessed_on", value: value, message: "is not a date of the form YYYY-MM-DD"))
            }
        }
        if rating == .notApplicable && text("comment") == nil {
            issues.append(FieldIssue(field: "comment", value: "", message: "is required when rating is not_applicable: say why"))
        }
        guard issues.isEmpty, let state, let obligation, let rating else { throw ValidationFailure(issues: issues) }
        return (AssessmentFields(state: state, obligation: obligation, rating: rating, comment: text("comment"), assessedOn: date))
    }
}
