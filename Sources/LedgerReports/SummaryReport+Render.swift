import Foundation
import LedgerModel
import LedgerStore

extension SummaryReport {
    /// Aligned tables for a terminal (the document without its charts).
    public func renderText() -> String { document().renderText() }
}

extension SummaryReport {
    /// The summary laid out for text, Markdown and HTML, with the regional bars and, given a
    /// snapshot, the heat map of States × Articles.
    public func document(snapshot: ComplianceSnapshot? = nil, timeline: [TreatyAuditReport.YearCount] = []) -> ReportDocument {
        // Every cell falls in exactly one status column, ratings applied (``CountedStatus``), so the
        // reported columns add up to Reported and all of them to Cells. Columns no row uses are left out.
        let everyRow = regionalGroups + [global] + articles + themes + [nonMembers]
        let rare: [CountedStatus] = [.ratedExternally, .assessedOnly].filter { status in everyRow.contains { $0.tally.counted(status) > 0 } }
        let columns: [CountedStatus] = [.implemented, .partial, .planned, .noMeasures] + rare + [.notApplicable, .notReported]
        func row(_ r: TallyRow) -> [String] {
            let t = r.tally
            return [
                r.name, String(r.states), String(t.cells), String(t.reported),
                t.coverage.map { ScoreTally.fixed($0) } ?? "–", t.score.map { ScoreTally.fixed($0) } ?? "–",
            ] + columns.map { String(t.counted($0)) }
        }
        let headers = ["States", "Cells", "Reported", "Coverage", "Score"] + columns.map { Self.header($0) }
        var charts: [ReportDocument.Chart] = [
            .bars(title: "Coverage and score by regional group", groups: (regionalGroups + [global]).map { ($0.name, $0.tally.coverage, $0.tally.score) })
        ]
        if let snapshot {
            // One heat map per regional group: Articles down, States across, coloured by the State's score on the Article.
            let articles = snapshot.articles
            let short = articles.map { $0.name.replacingOccurrences(of: "Resolution 51/60, operative paragraph ", with: "Res. para ") }
            var maps: [ReportDocument.Chart] = []
            for group in RegionalGroup.allCases {
                let states = snapshot.states.filter { $0.member && $0.regionalGroup == group }
                if states.isEmpty { continue }
                maps.append(.heatMap(
                    title: "\(group.rawValue): score by Article and State (grey: nothing reported)",
                    rows: short, columns: states.map(\.iso3),
                    cells: articles.map { article in
                        states.map { state in
                            let tally = snapshot.tally(states: [state], obligations: article.obligations)
                            let status: CountedStatus = tally.reported == 0 ? (tally.applicable == 0 ? .notApplicable : .notReported) : .partial
                            return ReportDocument.HeatCell(
                                status: status, score: tally.score,
                                tooltip: "\(state.name), \(article.name): " + (tally.score.map { "score \(ScoreTally.fixed($0)), " } ?? "") + "\(tally.reported) of \(tally.applicable) reported")
                        }
                    }))
            }
            charts.insert(contentsOf: maps, at: 0)
        }
        if !timeline.isEmpty {
            let names = snapshot.map { s in Dictionary(uniqueKeysWithValues: s.treatyIndex.catalogue.treaties.map { ($0.id, $0.shortTitle) }) } ?? [:]
            let series = Dictionary(grouping: timeline, by: \.treaty).sorted { $0.key < $1.key }.map { treaty, counts in
                (label: names[treaty] ?? treaty, points: counts.map { (year: $0.year, value: $0.parties) })
            }
            charts.append(.timeline(title: "Parties to the treaties over time", series: series))
        }
        return ReportDocument(
            title: "Compliance summary — \(instrument), as of \(asOf)",
            facts: ["Basis: \(basis).", global.tally.coverageFormula, global.tally.scoreFormula],
            charts: charts,
            sections: [
                .init(title: "By regional group", headers: ["Regional group"] + headers, rows: regionalGroups.map(row), footer: [row(global)]),
                .init(title: "By Article", headers: ["Article"] + headers, rows: articles.map(row)),
                .init(title: "By theme", headers: ["Theme"] + headers, rows: themes.map(row)),
                .init(title: "Not Member States", headers: ["Participants"] + headers, rows: [row(nonMembers)]),
                .init(title: "Scoring rules", headers: ["rule"], rows: Self.scoringRules.map { [$0] }),
            ],
            notes: notes)
    }

    /// A status column's header in a summary table.
    static func header(_ status: CountedStatus) -> String {
        let label = status.label
        return label.prefix(1).uppercased() + label.dropFirst()
    }

    /// Tidy CSV: one row per group (scope, name) with counts, coverage and score. The status columns
    /// count cells with their ratings applied (``CountedStatus``): implemented to no_measures,
    /// rated_externally and assessed_only add up to reported; `external` is the basis count beside
    /// assessed, self_reported and from_treaty_status.
    public func renderCSV() -> String {
        var out = "as_of,scope,name,states,obligations,cells,applicable,reported,not_reported,not_applicable,assessed,self_reported,from_treaty_status,implemented,partial,planned,no_measures,coverage,score,rated_externally,assessed_only,external\n"
        func line(_ scope: String, _ r: TallyRow) {
            let t = r.tally
            let counts: [Int] = [
                r.states, r.obligations, t.cells, t.applicable, t.reported, t.notReported, t.notApplicable, t.assessed, t.selfReported,
                t.derived, t.counted(.implemented), t.counted(.partial), t.counted(.planned), t.counted(.noMeasures),
            ]
            let coverage: String = t.coverage.map { String(TallyRow.rounded($0)) } ?? ""
            let score: String = t.score.map { String(TallyRow.rounded($0)) } ?? ""
            var fields: [String] = [asOf.description, scope, CSVWriter.cell(r.name)]
            fields += counts.map { String($0) }
            fields += [coverage, score]
            fields += [t.counted(.ratedExternally), t.counted(.assessedOnly), t.external].map { String($0) }
            out += fields.joined(separator: ",") + "\n"
        }
        line("global", global)
        for r in regionalGroups { line("regional_group", r) }
        for r in articles { line("article", r) }
        for r in themes { line("theme", r) }
        line("non_members", nonMembers)
        return out
    }
}
