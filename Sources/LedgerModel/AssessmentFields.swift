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

    /// The earliest assessment date: the adoption of the Declaration (A/RES/51/60, 12 December 1996);
    /// nothing could be assessed against it before.
    public static let earliestDate = ISODate(year: 1996, month: 12, day: 12)!

    /// Validates raw text fields (`state`, `obligation`, `rating`, `comment`, `assessed_on`).
    /// `assessed_on` may not be after `today` (UTC): an assessment dated in the future would change
    /// future reports without anyone noticing.
    public static func validate(
        _ raw: [String: String], catalogue: Catalogue, states: StateDirectory, today: ISODate
    ) throws(ValidationFailure) -> AssessmentFields {
        var input = RawFields(raw, rules: ["comment": .freeText])
        let state = input.state(states)
        let obligation = input.obligation(catalogue)
        let rating = input.oneOf(AssessmentRating.self, "rating", noun: "a rating")
        let date = input.date("assessed_on", required: false)
        if let date, date > today {
            input.add(FieldIssue(
                field: "assessed_on", value: date.description,
                message: "is after today (\(today), UTC); an assessment is dated on or before the day it is recorded"))
        } else if let date, date < earliestDate {
            input.add(FieldIssue(
                field: "assessed_on", value: date.description,
                message: "is before the Declaration was adopted (\(earliestDate)); nothing could be assessed against it earlier"))
        }
        if rating == .notApplicable && input.text("comment") == nil && !input.wasRefused("comment") {
            input.add(FieldIssue(field: "comment", value: "", message: "is required when rating is not_applicable: say why"))
        }
        try input.check()
        guard let state, let obligation, let rating else { throw ValidationFailure(issues: input.issues) }
        return AssessmentFields(
            state: state, obligation: obligation.id, rating: rating, comment: input.text("comment"), assessedOn: date ?? today)
    }
}
