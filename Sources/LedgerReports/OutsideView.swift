import LedgerModel
import LedgerStore

/// One indicator of an outside index for one State, edition by edition (the Organized Crime Index's
/// international cooperation: 2021 5, 2023 5.5, 2025 6), with the obligations the crosswalk links it
/// to. An outside view is shown beside a State's cells: it measures what the index measures on its
/// own 1-10 scale, and is never counted in a coverage or compliance score.
public struct OutsideView: Sendable, Encodable {
    /// One edition's score.
    public struct Edition: Sendable, Encodable {
        public let edition: Int
        public let score: Double
        /// The SHA-256 of the workbook the score was read from.
        public let sha256: String
    }

    /// One link of the crosswalk from the indicator to an obligation.
    public struct Link: Sendable, Encodable {
        public let obligation: String
        public let strength: Crosswalk.Strength
        public let rationale: String
    }

    public let body: String
    public let indicator: String
    public let title: String
    public let pillar: OCIndexIndicator.Pillar
    /// How to read the scale (`1-10, higher is more resilience`).
    public let scale: String
    /// The editions, oldest first.
    public let editions: [Edition]
    /// The latest edition's score minus the oldest's; nil with one edition.
    public let change: Double?
    public let links: [Link]
    /// What the ledger holds beside the indicator: for an indicator derived from FATF evaluations, the
    /// dates of the State's FATF ratings it corroborates (`FATF ratings: follow-up report 2024-03, evaluation 2022-09`).
    public var beside: String? { besideLine?.english }
    /// ``beside`` in any language.
    let besideLine: ReportLine?

    enum CodingKeys: String, CodingKey {
        case body, indicator, title, pillar, scale, editions, change, links, beside, trend
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(body, forKey: .body)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(title, forKey: .title)
        try c.encode(pillar, forKey: .pillar)
        try c.encode(scale, forKey: .scale)
        try c.encode(editions, forKey: .editions)
        try c.encode(change, forKey: .change)
        try c.encode(trend, forKey: .trend)
        try c.encode(links, forKey: .links)
        try c.encode(beside, forKey: .beside)
    }

    /// The editions in a line: `2021 5 → 2023 5.5 → 2025 6`.
    public var trend: String {
        editions.map { "\($0.edition) \(OutsideScoreFields.text($0.score))" }.joined(separator: " → ")
    }

    /// The change as a reader sees it: `+1`, `-0.5`, `0`; empty with one edition.
    public var changeText: String {
        guard let change else { return "" }
        return (change > 0 ? "+" : "") + OutsideScoreFields.text(change)
    }

    /// One line for a cell: `GI-TOC International cooperation: 2021 5 → 2023 5.5 → 2025 6 (+1); 1-10, higher is more resilience; partial link, not counted`.
    public func label(for obligation: String) -> String { label(for: obligation, .english) }

    /// ``label(for:)`` in `l`'s language (the indicator's title stays the Index's own). On a right-to-left
    /// page the parts that read left to right (the English title, the editions and their change, a scale
    /// not yet translated) are isolated, so that `2021 5 → 2023 5.5 (+0.5)` and `1-10` keep their order.
    public func label(for obligation: String, _ l: Localizer) -> String {
        let strength = links.first { $0.obligation == obligation }?.strength
        let scaleKey = "report.outside.scale." + pillar.rawValue
        return l.text("report.outside.label", [
            "indicator": l.ltr("\(body) \(title)"),
            // The editions and their change, one left-to-right run (one isolate on a right-to-left page).
            "trend": l.ltr(l.number(trend) + (change == nil ? "" : " (\(l.number(changeText)))")),
            "scale": l.isTranslated(scaleKey) ? l.scale(pillar) : l.ltr(l.scale(pillar)),
            "strength": strength.map { l.text("report.outside.link", ["strength": l.name($0)]) } ?? l.text("report.outside.no_link"),
        ])
    }

    /// The views of every indicator `records` score, by State then in the Index's order of indicators;
    /// `fatf` gives the FATF ratings the anti-money-laundering indicator corroborates.
    public static func make(records: [OutsideScoreRecord], crosswalk: Crosswalk, fatf: [ExternalAssessmentRecord]) -> [String: [OutsideView]] {
        var byState: [String: [String: [OutsideScoreRecord]]] = [:]
        for record in records { byState[record.fields.state, default: [:]][record.fields.indicator, default: []].append(record) }
        var latestFATF: [String: ExternalAssessmentFields] = [:]
        for record in fatf where record.fields.body == "FATF" {
            if (latestFATF[record.fields.state]?.reportMonth ?? "") < record.fields.reportMonth { latestFATF[record.fields.state] = record.fields }
        }
        let fatfDates = latestFATF.mapValues { fields in
            ReportLine { $0.text("report.outside.fatf_on_record", ["report": fields.report, "month": fields.reportMonth, "evaluation": fields.evaluationMonth]) }
        }
        var views: [String: [OutsideView]] = [:]
        for (state, indicators) in byState {
            views[state] = OCIndexIndicator.all.compactMap { indicator -> OutsideView? in
                guard let scored = indicators[indicator.id], let body = scored.first?.fields.body else { return nil }
                let editions = scored.sorted { $0.fields.edition < $1.fields.edition }
                    .map { Edition(edition: $0.fields.edition, score: $0.fields.score, sha256: $0.fields.sha256) }
                let links = crosswalk.links.filter { $0.item == indicator.id }
                    .map { Link(obligation: $0.obligation, strength: $0.strength, rationale: $0.rationale) }
                let corroborates = links.contains { $0.strength == .corroboration }
                return OutsideView(
                    body: body, indicator: indicator.id, title: indicator.title, pillar: indicator.pillar, scale: indicator.pillar.scale,
                    editions: editions,
                    change: editions.count > 1 ? OutsideScoreFields.rounded(editions.last!.score - editions.first!.score) : nil,
                    links: links,
                    besideLine: corroborates ? (fatfDates[state] ?? ReportLine { $0.text("report.outside.no_fatf") }) : nil)
            }
        }
        return views
    }

    /// The notes a report shows with outside views.
    static var notes: [String] { noteLines.map(\.english) }

    /// ``notes`` in any language.
    static let noteLines = [ReportLine { $0.text("report.outside.note") }]
}
