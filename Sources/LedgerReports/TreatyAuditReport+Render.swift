import Foundation
import LedgerModel
import LedgerStore

extension TreatyAuditReport {
    /// Tidy CSV: one row per State × treaty.
    public func renderCSV() -> String {
        var out = "state,member,treaty,untc,status,since,as_of,status_as_at,stale_data,status_source,catalogue\n"
        let rows = Dictionary(uniqueKeysWithValues: treaties.map { ($0.id, $0) })
        for cell in cells {
            let t = rows[cell.treaty]
            out += CSVWriter.line([
                cell.state, String(cell.member), cell.treaty, t?.untc ?? "", cell.status, cell.since?.description ?? "", asOf.description,
                t?.statusAsAt?.description ?? "", String(t?.stale ?? false), t?.statusSource ?? "", t?.catalogue.rawValue ?? "",
            ])
        }
        return out
    }
}

extension TreatyAuditReport {
    /// The audit laid out for every human format: the accession timeline (a chart in HTML, a table
    /// of every fifth year elsewhere too) and the tables, in `localizer`'s words (English unless asked).
    public func document(localizer l: Localizer = .english) -> ReportDocument {
        let byTreaty = Dictionary(grouping: timeline, by: \.treaty)
        let series = treaties.compactMap { t -> (label: String, points: [(year: Int, value: Int)])? in
            guard let counts = byTreaty[t.id] else { return nil }
            return (label: t.shortTitle, points: counts.map { (year: $0.year, value: $0.parties) })
        }
        let withGaps = gaps.filter { $0.status != .implemented }
        let noData = l.text("report.treaties.no_data"), stale = l.text("report.treaties.stale")
        func asAt(_ t: TreatyRow) -> String { (t.statusAsAt?.description ?? (t.hasData ? "–" : noData)) + (t.stale ? stale : "") }
        let title: String
        if treaties.count == 1 {
            let t = treaties[0]
            title = t.untc.map { l.text("report.treaties.title_one_untc", ["treaty": t.title, "untc": $0, "date": asOf.description, "set": requirementSet]) }
                ?? l.text("report.treaties.title_one", ["treaty": t.title, "date": asOf.description, "set": requirementSet])
        } else {
            title = l.text("report.treaties.title", ["date": asOf.description, "set": requirementSet])
        }
        var document = ReportDocument(
            title: title,
            facts: [
                l.plural("report.treaties.fact.stale_signatures", count: staleYears),
                l.plural("report.treaties.fact.stale_data", count: staleDataYears, ["date": asOf.description]),
            ],
            charts: series.isEmpty ? [] : [.timeline(title: l.text("report.treaties.chart"), series: series)],
            sections: [
                .init(
                    title: l.text("report.treaties.section.treaties"),
                    headers: [
                        l.text("report.header.treaty"), "UNTC", l.text("report.header.status_as_at"), l.text("report.header.parties"),
                        l.text("report.header.member_states"), l.text("report.header.signed_only"), l.text("report.header.member_states_not_party"),
                    ],
                    rows: treaties.map { t in
                        [t.shortTitle + (t.catalogue == .ledger ? " (\(l.text("report.treaties.added_by_ledger")))" : ""), t.untc ?? "–", asAt(t),
                         t.hasData ? String(t.parties) : "–", t.hasData ? String(t.memberStateParties) : "–",
                         t.hasData ? String(t.signatories) : "–", t.hasData ? String(t.memberStatesNotParty.count) : l.text("report.treaties.unknown")]
                    }),
                .init(
                    title: l.text("report.treaties.section.status_data"),
                    headers: [
                        l.text("report.header.treaty"), l.text("report.header.status_as_at"), l.text("report.header.form"), l.text("report.header.source"),
                        l.text("report.header.published"),
                    ],
                    rows: treaties.map { t in
                        [t.shortTitle, asAt(t),
                         t.statusForm ?? "–", t.statusSource ?? (t.hasData ? l.text("report.treaties.actions_one_by_one") : "–"),
                         t.published.map { p in
                             l.plural("report.treaties.published", count: p.parties, ["date": p.asAt?.description ?? "?"])
                                 + (p.asAt != t.statusAsAt
                                     ? l.text("report.treaties.published_table", [
                                         "shown": t.partiesAtStatusDate.map(String.init) ?? l.text("report.treaties.none"), "date": t.statusAsAt?.description ?? "?",
                                     ]) : "")
                         } ?? "–"]
                    }),
                .init(
                    title: l.text("report.treaties.section.not_party"), headers: [l.text("report.header.treaty"), l.text("report.header.states")],
                    rows: treaties.filter { $0.hasData && !$0.memberStatesNotParty.isEmpty }.map { [$0.shortTitle, $0.memberStatesNotParty.joined(separator: " ")] }),
                .init(
                    title: l.text("report.treaties.section.gaps", ["count": String(withGaps.count), "cells": String(gaps.count)]),
                    headers: [
                        l.text("report.header.state"), l.text("report.header.obligation"), l.text("report.header.status"),
                        l.text("report.header.missing_treaties"), l.text("report.header.basis"),
                    ],
                    rows: withGaps.map {
                        [$0.state, $0.obligation, l.label(CountedStatus(status: $0.status, rating: nil, external: false)), $0.missing.joined(separator: ", "),
                         $0.accession.map { l.basis($0) } ?? $0.basis]
                    },
                    statusColumn: 2, links: [0: withGaps.map { "/states/" + $0.state }, 1: withGaps.map { "/obligations/" + $0.obligation }]),
                .init(
                    title: l.plural("report.treaties.section.stale_signatures", count: staleYears, ["signatures": String(staleSignatures.count)]),
                    headers: [l.text("report.header.state"), l.text("report.header.treaty"), l.text("report.header.signed"), l.text("report.header.years")],
                    rows: staleSignatures.map { [$0.state, $0.treaty, $0.signed.description, String($0.years)] },
                    links: [0: staleSignatures.map { "/states/" + $0.state }, 1: staleSignatures.map { "/treaties/" + $0.treaty }]),
                .init(
                    title: l.text("report.treaties.section.every_fifth_year"), headers: [l.text("report.header.treaty"), l.text("report.header.parties")],
                    rows: treaties.compactMap { t -> [String]? in
                        guard let counts = byTreaty[t.id] else { return nil }
                        return [t.shortTitle, counts.filter { $0.year % 5 == 0 || $0.year == asOf.year }.map { "\($0.year) \($0.parties)" }.joined(separator: l.text("report.list_separator"))]
                    }),
            ],
            notes: noteLines.map { $0.text(l) })
        document.localizer = l
        return document
    }
}
