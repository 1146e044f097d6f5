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

        enum CodingKeys: String, CodingKey {
            case state, obligation, from, to, direction, events
            case fromRating = "from_rating", toRating = "to_rating", fromScore = "from_score", toScore = "to_score"
        }
    }

    public let from: ISODate
    public let to: ISODate
    public let changes: [Change]
    public let notes: [String]

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
            var events: [String] = []
            if let measure = cell.measure, measure.measureID != old.measure?.measureID || measure.versionSeq != old.measure?.versionSeq {
                events.append("measure \(measure.measureID) (event \(measure.versionSeq)), effective \(measure.effectiveDate): \(measure.status.rawValue)")
            }
            if cell.measure == nil, let gone = old.measure {
                events.append("measure \(gone.measureID) no longer in force (retracted or superseded)")
            }
            if let rating = cell.rating, rating.seq != old.rating?.seq {
                events.append("assessment event \(rating.seq) on \(rating.fields.assessedOn): \(rating.fields.rating.rawValue)")
            }
            for found in cell.external where cell.rating == nil && !old.external.contains(found) {
                events.append("external assessment event \(found.seq): \(found.label)")
            }
            if cell.accession != nil {
                for treaty in after.treatyIndex.catalogue.requirements(of: cell.obligation, set: after.treatySet).joined() {
                    for action in after.treatyIndex.actions(of: cell.state, treaty: treaty) where action.date > before.asOf && action.date <= after.asOf {
                        events.append("\(treaty): \(action.kind.rawValue) on \(action.date)")
                    }
                }
            }
            changes.append(Change(
                state: cell.state, obligation: cell.obligation, from: old.status, to: cell.status, fromRating: oldRating, toRating: newRating,
                fromScore: old.score, toScore: cell.score, direction: direction, events: events))
        }
        return ChangesReport(from: before.asOf, to: after.asOf, changes: changes, notes: after.frame.dropFirst().map { $0 })
    }

    public func document() -> ReportDocument {
        ReportDocument(
            title: "Changes from \(from) to \(to)",
            facts: ["\(changes.count) cells changed: \(changes.filter { $0.direction == "up" }.count) up, \(regressions) down, \(changes.filter { $0.direction == "changed" }.count) otherwise."],
            sections: [.init(
                title: "Cells that changed", headers: ["state", "obligation", "from", "to", "direction", "events"],
                rows: changes.map { c in
                    [c.state, c.obligation, c.from.rawValue + (c.fromRating.map { " [\($0.abbreviation)]" } ?? ""),
                     c.to.rawValue + (c.toRating.map { " [\($0.abbreviation)]" } ?? ""), c.direction, c.events.joined(separator: "; ")]
                })],
            notes: notes)
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
