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
    /// of every fifth year elsewhere too) and the tables.
    public func document() -> ReportDocument {
        let byTreaty = Dictionary(grouping: timeline, by: \.treaty)
        let series = treaties.compactMap { t -> (label: String, points: [(year: Int, value: Int)])? in
            guard let counts = byTreaty[t.id] else { return nil }
            return (label: t.shortTitle, points: counts.map { (year: $0.year, value: $0.parties) })
        }
        let withGaps = gaps.filter { $0.status != .implemented }
        return ReportDocument(
            title: (treaties.count == 1 ? "\(treaties[0].title)\(treaties[0].untc.map { " (UNTC \($0))" } ?? "") — accession audit" : "Treaty accession audit")
                + ", as of \(asOf) (requirement set \(requirementSet))",
            facts: [
                "Signatures older than \(staleYears) years without consent to be bound are listed as stale.",
                "Status data older than \(staleDataYears) years on \(asOf) is marked stale.",
            ],
            charts: series.isEmpty ? [] : [.timeline(title: "Parties at the end of each year", series: series)],
            sections: [
                .init(
                    title: "Treaties", headers: ["treaty", "UNTC", "status as at", "parties", "Member States", "signed only", "Member States not party"],
                    rows: treaties.map { t in
                        [t.shortTitle + (t.catalogue == .ledger ? " (\(t.catalogue.words))" : ""), t.untc ?? "–", (t.statusAsAt?.description ?? (t.hasData ? "–" : "no data")) + (t.stale ? " (stale)" : ""),
                         t.hasData ? String(t.parties) : "–", t.hasData ? String(t.memberStateParties) : "–",
                         t.hasData ? String(t.signatories) : "–", t.hasData ? String(t.memberStatesNotParty.count) : "unknown"]
                    }),
                .init(
                    title: "Status data: as at, form and source of each treaty's newest table; published counts",
                    headers: ["treaty", "status as at", "form", "source", "published"],
                    rows: treaties.map { t in
                        [t.shortTitle, (t.statusAsAt?.description ?? (t.hasData ? "–" : "no data")) + (t.stale ? " (stale)" : ""),
                         t.statusForm ?? "–", t.statusSource ?? (t.hasData ? "actions recorded one by one (no status table)" : "–"),
                         t.published.map { p in
                             "\(p.parties) parties as at \(p.asAt?.description ?? "?")" + (p.asAt != t.statusAsAt ? "; the table shows \(t.partiesAtStatusDate.map(String.init) ?? "none") as at \(t.statusAsAt?.description ?? "?")" : "")
                         } ?? "–"]
                    }),
                .init(
                    title: "Member States not party", headers: ["treaty", "States"],
                    rows: treaties.filter { $0.hasData && !$0.memberStatesNotParty.isEmpty }.map { [$0.shortTitle, $0.memberStatesNotParty.joined(separator: " ")] }),
                .init(
                    title: "Accession obligations not met (\(withGaps.count) of \(gaps.count) State × obligation cells)",
                    headers: ["state", "obligation", "status", "missing treaties", "basis"],
                    rows: withGaps.map { [$0.state, $0.obligation, CountedStatus(status: $0.status, rating: nil, external: false).label, $0.missing.joined(separator: ", "), $0.basis] },
                    statusColumn: 2, links: [0: withGaps.map { "/states/" + $0.state }, 1: withGaps.map { "/obligations/" + $0.obligation }]),
                .init(
                    title: "Signed more than \(staleYears) years ago, not ratified (\(staleSignatures.count))", headers: ["state", "treaty", "signed", "years"],
                    rows: staleSignatures.map { [$0.state, $0.treaty, $0.signed.description, String($0.years)] },
                    links: [0: staleSignatures.map { "/states/" + $0.state }, 1: staleSignatures.map { "/treaties/" + $0.treaty }]),
                .init(
                    title: "Parties at the end of every fifth year", headers: ["treaty", "parties"],
                    rows: treaties.compactMap { t -> [String]? in
                        guard let counts = byTreaty[t.id] else { return nil }
                        return [t.shortTitle, counts.filter { $0.year % 5 == 0 || $0.year == asOf.year }.map { "\($0.year) \($0.parties)" }.joined(separator: ", ")]
                    }),
            ],
            notes: notes)
    }
}
