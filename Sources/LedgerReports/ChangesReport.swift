import LedgerModel
import LedgerStore

/// Every cell whose status or rating changed between two dates, with what changed it; a
/// secretariat runs it on a schedule with `--fail-on-regression`.
public struct ChangesReport: Sendable, Encodable {
    /// One cell that changed: its status and rating at both dates, the direction, and the events behind it.
    public struct Change: Sendable, Encodable {
        public let state: String
        public let obligation: String
        public let from: CellStatus
        public let to: CellStatus
        public let fromRating: AssessmentRating?
        public let toRating: AssessmentRating?
        public let fromScore: Double?
        public let toScore: Double?
        /// `up`, `down` or `changed` (no score on one side).
        public let direction: String
        /// The events behind the change, one sentence each, with their sequence numbers.
        public let events: [String]
        /// `events` in any language.
        var eventLines: [ReportLine] = []

        enum CodingKeys: String, CodingKey {
            case state, obligation, from, to, direction, events
            case fromRating = "from_rating", toRating = "to_rating", fromScore = "from_score", toScore = "to_score"
        }
    }

    public let from: ISODate
    public let to: ISODate
    public let changes: [Change]
    public var notes: [String] { noteLines.map(\.english) }
    /// ``notes`` in any language.
    let noteLines: [ReportLine]

    enum CodingKeys: String, CodingKey { case from, to, changes, regressions, notes }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(changes, forKey: .changes)
        try c.encode(regressions, forKey: .regressions)
        try c.encode(notes, forKey: .notes)
    }

    /// How many cells went down (a lower score, or a scored cell that is no longer reported).
    public var regressions: Int { changes.filter { $0.direction == "down" }.count }

    public static func make(before: ComplianceSnapshot, after: ComplianceSnapshot) -> ChangesReport {
        var changes: [Change] = []
        for cell in after.allCells {
            guard let old = before.cell(cell.state, cell.obligation) else { continue }
            let oldRating = old.effectiveRating, newRating = cell.effectiveRating
            guard old.status != cell.status || oldRating != newRating else { continue }
            let direction: String
            switch (old.score, cell.score) {
            case (let a?, let b?): direction = b > a ? "up" : b < a ? "down" : "changed"
            case (.some, nil): direction = cell.status == .notReported ? "down" : "changed"
            default: direction = "changed"
            }
            var events: [ReportLine] = []
            if let measure = cell.measure, measure.measureID != old.measure?.measureID || measure.versionSeq != old.measure?.versionSeq {
                let status = CellStatus(rawValue: measure.status.rawValue) ?? .notReported
                events.append(ReportLine { l in
                    l.text("report.changes.event.measure", [
                        "measure": String(measure.measureID), "event": String(measure.versionSeq), "date": measure.effectiveDate.description, "status": l.code(status),
                    ])
                })
            }
            if cell.measure == nil, let gone = old.measure {
                events.append(ReportLine { $0.text("report.changes.event.measure_gone", ["measure": String(gone.measureID)]) })
            }
            if let rating = cell.rating, rating.seq != old.rating?.seq {
                events.append(ReportLine { l in
                    l.text("report.changes.event.assessment", ["event": String(rating.seq), "date": rating.fields.assessedOn.description, "rating": l.code(rating.fields.rating)])
                })
            }
            for found in cell.external where cell.rating == nil && !old.external.contains(found) {
                events.append(ReportLine { $0.text("report.changes.event.external", ["event": String(found.seq), "rating": found.label]) })
            }
            if cell.accession != nil {
                for treaty in after.treatyIndex.catalogue.requirements(of: cell.obligation, set: after.treatySet).joined() {
                    for action in after.treatyIndex.actions(of: cell.state, treaty: treaty) where action.date > before.asOf && action.date <= after.asOf {
                        events.append(ReportLine { l in
                            l.text("report.changes.event.treaty", ["treaty": treaty, "action": l.name(action.kind), "date": action.date.description])
                        })
                    }
                }
            }
            changes.append(Change(
                state: cell.state, obligation: cell.obligation, from: old.status, to: cell.status, fromRating: oldRating, toRating: newRating,
                fromScore: old.score, toScore: cell.score, direction: direction, events: events.map(\.english), eventLines: events))
        }
        return ChangesReport(from: before.asOf, to: after.asOf, changes: changes, noteLines: Array(after.frameLines.dropFirst()))
    }

    /// The changes laid out for text, Markdown, HTML and XLSX, in `localizer`'s words (English unless asked).
    public func document(localizer l: Localizer = .english) -> ReportDocument {
        func direction(_ code: String) -> String {
            switch code {
            case "up": l.text("report.changes.direction.up")
            case "down": l.text("report.changes.direction.down")
            default: l.text("report.changes.direction.changed")
            }
        }
        var document = ReportDocument(
            title: l.text("report.changes.title", ["from": from.description, "to": to.description]),
            facts: [l.plural("report.changes.fact", count: changes.count, [
                "up": String(changes.filter { $0.direction == "up" }.count), "down": String(regressions),
                "other": String(changes.filter { $0.direction == "changed" }.count),
            ])],
            sections: [.init(
                title: l.text("report.changes.section"),
                headers: [
                    l.text("report.header.state"), l.text("report.header.obligation"), l.text("report.header.from"), l.text("report.header.to"),
                    l.text("report.header.direction"), l.text("report.header.events"),
                ],
                rows: changes.map { c in
                    [c.state, c.obligation, l.code(c.from) + (c.fromRating.map { " [\($0.abbreviation)]" } ?? ""),
                     l.code(c.to) + (c.toRating.map { " [\($0.abbreviation)]" } ?? ""), direction(c.direction), c.eventLines.map { $0.text(l) }.joined(separator: l.text("report.changes.event_separator"))]
                })],
            notes: noteLines.map { $0.text(l) })
        document.localizer = l
        return document
    }

    /// Tidy CSV: one row per changed cell.
    public func renderCSV() -> String {
        var out = "state,obligation,from_status,to_status,from_rating,to_rating,from_score,to_score,direction,events,from,to\n"
        for c in changes {
            out += CSVWriter.line([
                c.state, c.obligation, c.from.rawValue, c.to.rawValue, c.fromRating?.rawValue ?? "", c.toRating?.rawValue ?? "",
                c.fromScore.map { String($0) } ?? "", c.toScore.map { String($0) } ?? "", c.direction, c.events.joined(separator: "; "),
                from.description, to.description,
            ])
        }
        return out
    }
}
