import Foundation

/// One rating an outside body gave a State on one item of its framework (FATF, R.11, LC), with the
/// report that gave it and the file it was read from. It is evidence for the cells the crosswalk
/// links the item to, never a rating of the Declaration itself.
public struct ExternalAssessmentFields: Sendable, Hashable, Codable {
    public var state: String
    /// The rating body (`FATF`).
    public var body: String
    /// The framework item (`R.11`, `IO.4`).
    public var item: String
    public var rating: ExternalRating
    /// The report whose rating this is: `mutual evaluation` or `follow-up report`.
    public var report: String
    /// The month of that report, `YYYY-MM`: the body publishes months, and no day is invented.
    public var reportMonth: String
    /// The month of the underlying evaluation (the mutual evaluation report), `YYYY-MM`.
    public var evaluationMonth: String
    /// The assessment methodology the rating was given under (`2013`, `2022`): the Immediate Outcomes differ between them.
    public var methodology: String
    /// The file's name and SHA-256, and where the file comes from.
    public var file: String
    public var sha256: String
    public var source: String

    enum CodingKeys: String, CodingKey {
        case state, body, item, rating, report, file, sha256, source, methodology
        case reportMonth = "report_month", evaluationMonth = "evaluation_month"
    }

    public init(
        state: String, body: String, item: String, rating: ExternalRating, report: String, reportMonth: String,
        evaluationMonth: String, methodology: String, file: String, sha256: String, source: String
    ) {
        self.state = state
        self.body = body
        self.item = item
        self.rating = rating
        self.report = report
        self.reportMonth = reportMonth
        self.evaluationMonth = evaluationMonth
        self.methodology = methodology
        self.file = file
        self.sha256 = sha256
        self.source = source
    }

    /// The event payload's members.
    public var jsonMembers: [String: JSONValue] {
        [
            "state": .string(state), "body": .string(body), "item": .string(item), "rating": .string(rating.rawValue),
            "report": .string(report), "report_month": .string(reportMonth), "evaluation_month": .string(evaluationMonth),
            "methodology": .string(methodology),
            "file": .string(file), "sha256": .string(sha256), "source": .string(source),
        ]
    }

    /// The canonical JSON text of the event payload.
    public var canonicalText: String { JSONValue.object(jsonMembers).canonicalText }

    /// How a report shows it: `FATF R.11: LC, follow-up report 2024-03`.
    public var label: String { "\(body) \(item): \(rating.rawValue), \(report) \(reportMonth)" }

    /// Whether `text` is a month as `YYYY-MM` (ASCII digits, month 01–12, year 1989 or later: the FATF was founded in 1989).
    public static func isMonth(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1])
        else { return false }
        return year >= 1989 && (1...12).contains(month)
    }
}
