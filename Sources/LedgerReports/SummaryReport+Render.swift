import Foundation
import LedgerModel
import LedgerStore

extension SummaryReport {
    /// Aligned tables for a terminal (the document without its charts), in `localizer`'s language.
    public func renderText(_ localizer: Localizer = .english) -> String { document(localizer: localizer).renderText() }
}

extension SummaryReport {
    /// The summary laid out for text, Markdown and HTML, with the regional bars and, given a
    /// snapshot, the heat map of States × Articles.
    ///
    /// Words are `localizer`'s (English unless asked), numbers written as its language writes them.
    public func document(snapshot: ComplianceSnapshot? = nil, timeline: [TreatyAuditReport.YearCount] = [], localizer l: Localizer = .english) -> ReportDocument {
        // Every cell falls in exactly one status column, ratings applied (``CountedStatus``), so the
        // reported columns add up to Reported and all of them to Cells. Columns no row uses are left out.
        let everyRow = regionalGroups + [global] + articles + themes + [nonMembers]
        let rare: [CountedStatus] = [.ratedExternally, .assessedOnly].filter { status in everyRow.contains { $0.tally.counted(status) > 0 } }
        let columns: [CountedStatus] = [.implemented, .partial, .planned, .noMeasures] + rare + [.notApplicable, .notReported]
        func named(_ r: TallyRow) -> String {
            if let group = RegionalGroup(rawValue: r.name) { return l.name(group) }
            if r.name == global.name { return l.text("summary.row.all_member_states") }
            if r.name == nonMembers.name { return l.text("summary.row.non_members") }
            return l.articleName(r.name)
        }
        func row(_ r: TallyRow) -> [String] {
            let t = r.tally
            return [
                named(r), String(r.states), String(t.cells), String(t.reported),
                t.coverage.map { l.number(ScoreTally.fixed($0)) } ?? "–", t.score.map { l.number(ScoreTally.fixed($0)) } ?? "–",
            ] + columns.map { String(t.counted($0)) }
        }
        let headers = [
            l.text("summary.header.states"), l.text("summary.header.cells"), l.text("summary.header.reported"),
            l.text("summary.header.coverage"), l.text("summary.header.score"),
        ] + columns.map { Self.header($0, l) }
        var charts: [ReportDocument.Chart] = [
            .bars(title: l.text("summary.chart.bars"), groups: (regionalGroups + [global]).map { (named($0), $0.tally.coverage, $0.tally.score) })
        ]
        if let snapshot {
            // One heat map per regional group: Articles down, States across, coloured by the State's score on the Article.
            let articles = snapshot.articles
            let paragraph = "Resolution 51/60, operative paragraph "
            let short = articles.map { article in
                article.name.hasPrefix(paragraph)
                    ? l.text("report.summary.short_paragraph", ["number": String(article.name.dropFirst(paragraph.count))]) : l.articleName(article.name)
            }
            var maps: [ReportDocument.Chart] = []
            for group in RegionalGroup.allCases {
                let states = snapshot.states.filter { $0.member && $0.regionalGroup == group }
                if states.isEmpty { continue }
                maps.append(.heatMap(
                    title: l.text("summary.chart.heat_map", ["group": l.name(group)]),
                    rows: short, columns: states.map(\.iso3),
                    cells: articles.map { article in
                        states.map { state in
                            let tally = snapshot.tally(states: [state], obligations: article.obligations)
                            let status: CountedStatus = tally.reported == 0 ? (tally.applicable == 0 ? .notApplicable : .notReported) : .partial
                            return ReportDocument.HeatCell(
                                status: status, score: tally.score,
                                tooltip: l.text("report.summary.tooltip", [
                                    "state": StateNames.name(of: state, in: l.language), "article": l.articleName(article.name),
                                    "score": tally.score.map { l.text("report.summary.tooltip_score", ["score": l.number(ScoreTally.fixed($0))]) } ?? "",
                                    "reported": String(tally.reported), "applicable": String(tally.applicable),
                                ]))
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
            charts.append(.timeline(title: l.text("summary.chart.timeline"), series: series))
        }
        let rules = [
            l.text("summary.rule.1"), l.text("summary.rule.2"), l.text("summary.rule.3"), l.text("summary.rule.4"), l.text("summary.rule.5"),
        ]
        var document = ReportDocument(
            title: l.text("summary.title", ["instrument": instrument, "date": asOf.description]),
            facts: [l.text("summary.basis", ["basis": Self.basis(global.tally, l)]), Self.coverageFormula(global.tally, l), Self.scoreFormula(global.tally, l)],
            charts: charts,
            sections: [
                .init(title: l.text("summary.section.regional_group"), headers: [l.text("summary.header.regional_group")] + headers, rows: regionalGroups.map(row), footer: [row(global)]),
                .init(title: l.text("summary.section.article"), headers: [l.text("summary.header.article")] + headers, rows: articles.map(row)),
                .init(title: l.text("summary.section.theme"), headers: [l.text("summary.header.theme")] + headers, rows: themes.map(row)),
                .init(title: l.text("summary.section.non_members"), headers: [l.text("summary.header.participants")] + headers, rows: [row(nonMembers)]),
                .init(title: l.text("summary.section.scoring_rules"), headers: [l.text("summary.header.rule")], rows: rules.map { [$0] }),
            ],
            notes: noteLines.map { $0.text(l) })
        document.localizer = l
        return document
    }

    /// A status column's header in a summary table.
    static func header(_ status: CountedStatus, _ l: Localizer = .english) -> String {
        let label = l.label(status)
        return label.prefix(1).uppercased() + label.dropFirst()
    }

    /// What the scored cells rest on (the JSON's `basis`), in the localizer's words.
    static func basis(_ t: ScoreTally, _ l: Localizer) -> String {
        guard t.reported > 0 else { return l.text("summary.basis_none") }
        return l.text("summary.basis_counts", ["assessed": String(t.assessed), "reported": String(t.reported), "self_reported": String(t.selfReported)])
            + (t.derived > 0 ? l.text("summary.basis_derived", ["derived": String(t.derived)]) : "")
            + (t.external > 0 ? l.text("summary.basis_external", ["external": String(t.external)]) : "")
    }

    /// ``ScoreTally/scoreFormula`` in the localizer's words.
    static func scoreFormula(_ t: ScoreTally, _ l: Localizer) -> String {
        guard let score = t.score else { return l.text("formula.score_none") }
        return l.text("formula.score", [
            "value": l.number(ScoreTally.fixed(score)), "points": l.number(ScoreTally.fixed(t.scoreSum)), "reported": String(t.reported),
            "self_reported": String(t.selfReported), "assessed": String(t.assessed),
            "derived": t.derived > 0 ? l.text("formula.score_derived", ["derived": String(t.derived)]) : "",
            "external": t.external > 0 ? l.text("formula.score_external", ["external": String(t.external)]) : "",
        ])
    }

    /// ``ScoreTally/coverageFormula`` in the localizer's words.
    static func coverageFormula(_ t: ScoreTally, _ l: Localizer) -> String {
        guard let coverage = t.coverage else { return l.text("formula.coverage_none") }
        return l.text("formula.coverage", [
            "value": l.number(ScoreTally.fixed(coverage)), "reported": String(t.reported), "applicable": String(t.applicable),
            "cells": String(t.cells), "not_applicable": String(t.notApplicable),
        ])
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
