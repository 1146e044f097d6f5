import Foundation
import LedgerModel

extension TreatyAuditReport {
    /// Stable JSON (keys sorted, snake_case), documented in the README.
    public func renderJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Tidy CSV: one row per State × treaty.
    public func renderCSV() -> String {
        var out = "state,member,treaty,untc,status,since,as_of,status_as_at\n"
        let untc = Dictionary(uniqueKeysWithValues: treaties.map { ($0.id, ($0.untc ?? "", $0.statusAsAt?.description ?? "")) })
        for cell in cells {
            let t = untc[cell.treaty] ?? ("", "")
            out += "\(cell.state),\(cell.member),\(cell.treaty),\(t.0),\(cell.status),\(cell.since?.description ?? ""),\(asOf),\(t.1)\n"
        }
        return out
    }

    /// Aligned tables for a terminal.
    public func renderText() -> String { render(markdown: false) }

    /// Markdown, ready to paste into a report.
    public func renderMarkdown() -> String { render(markdown: true) }

    private func render(markdown: Bool) -> String {
        func table(_ headers: [String], _ rows: [[String]]) -> String {
            guard markdown else { return TextTable.render(headers: headers, rows: rows) }
            var out = "| " + headers.joined(separator: " | ") + " |\n|" + headers.map { _ in " --- |" }.joined() + "\n"
            for row in rows { out += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
            return out
        }
        let h = markdown ? "## " : ""
        var out = (markdown ? "# " : "") + "Treaty accession audit, as of \(asOf) (requirement set \(requirementSet))\n\n"
        out += h + "Treaties\n\n"
        out += table(
            ["treaty", "UNTC", "status as at", "parties", "Member States", "signed only", "Member States not party"],
            treaties.map { t in
                [t.shortTitle, t.untc ?? "–", t.statusAsAt?.description ?? (t.hasData ? "–" : "no data"),
                 t.hasData ? String(t.parties) : "–", t.hasData ? String(t.memberStateParties) : "–",
                 t.hasData ? String(t.signatories) : "–", t.hasData ? String(t.memberStatesNotParty.count) : "–"]
            })
        let withGaps = gaps.filter { $0.status != .implemented }
        out += "\n" + h + "Accession obligations not met (\(withGaps.count) of \(gaps.count) State × obligation cells)\n\n"
        out += table(
            ["state", "obligation", "status", "missing treaties", "basis"],
            withGaps.map { [$0.state, $0.obligation, $0.status.rawValue, $0.missing.joined(separator: ", "), $0.basis] })
        out += "\n" + h + "Signed more than \(staleYears) years ago, not ratified (\(staleSignatures.count))\n\n"
        out += table(["state", "treaty", "signed", "years"], staleSignatures.map { [$0.state, $0.treaty, $0.signed.description, String($0.years)] })
        out += "\n" + h + "Parties at the end of each year\n\n"
        let byTreaty = Dictionary(grouping: timeline, by: \.treaty)
        for treaty in treaties where byTreaty[treaty.id] != nil {
            let counts = byTreaty[treaty.id]!
            out += "\(treaty.shortTitle): " + counts.filter { $0.year % 5 == 0 || $0.year == asOf.year }.map { "\($0.year) \($0.parties)" }.joined(separator: ", ") + "\n"
            if markdown { out += "\n" }
        }
        if !notes.isEmpty { out += "\n" + (markdown ? "" : "Notes:\n") + notes.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        return out
    }
}

extension TreatyAuditReport {
    /// The audit laid out for HTML: the accession timeline and the tables.
    public func document() -> ReportDocument {
        let byTreaty = Dictionary(grouping: timeline, by: \.treaty)
        let series = treaties.compactMap { t -> (label: String, points: [(year: Int, value: Int)])? in
            guard let counts = byTreaty[t.id] else { return nil }
            return (label: t.shortTitle, points: counts.map { (year: $0.year, value: $0.parties) })
        }
        let withGaps = gaps.filter { $0.status != .implemented }
        return ReportDocument(
            title: "Treaty accession audit, as of \(asOf)",
            facts: ["Requirement set \(requirementSet); signatures older than \(staleYears) years without ratification are listed."],
            charts: series.isEmpty ? [] : [.timeline(title: "Parties at the end of each year", series: series)],
            sections: [
                .init(
                    title: "Treaties", headers: ["treaty", "UNTC", "status as at", "parties", "Member States", "signed only", "Member States not party"],
                    rows: treaties.map { t in
                        [t.shortTitle, t.untc ?? "–", t.statusAsAt?.description ?? (t.hasData ? "–" : "no data"),
                         t.hasData ? String(t.parties) : "–", t.hasData ? String(t.memberStateParties) : "–",
                         t.hasData ? String(t.signatories) : "–", t.hasData ? t.memberStatesNotParty.joined(separator: " ") : "unknown"]
                    }),
                .init(
                    title: "Accession obligations not met (\(withGaps.count) of \(gaps.count))", headers: ["state", "obligation", "status", "missing treaties", "basis"],
                    rows: withGaps.map { [$0.state, $0.obligation, $0.status.rawValue, $0.missing.joined(separator: ", "), $0.basis] }, statusColumn: 2),
                .init(
                    title: "Signed more than \(staleYears) years ago, not ratified", headers: ["state", "treaty", "signed", "years"],
                    rows: staleSignatures.map { [$0.state, $0.treaty, $0.signed.description, String($0.years)] }),
            ],
            notes: notes)
    }
}
