import Foundation
import LedgerModel

extension SummaryReport {
    /// Stable JSON (keys sorted, snake_case), documented in the README.
    public func renderJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Aligned tables for a terminal.
    public func renderText() -> String {
        var out = "Compliance summary — \(instrument), as of \(asOf)\n"
        out += "Basis: \(basis).\n\n"
        out += "\(global.tally.coverageFormula)\n\(global.tally.scoreFormula)\n\n"
        let headers = ["", "States", "Cells", "Reported", "Coverage", "Score", "Impl", "Partial", "Planned", "None", "N/A", "Not rep."]
        func row(_ r: TallyRow) -> [String] {
            let t = r.tally
            return [
                r.name, String(r.states), String(t.cells), String(t.reported),
                t.coverage.map { ScoreTally.fixed($0) } ?? "–", t.score.map { ScoreTally.fixed($0) } ?? "–",
                String(t.count(.implemented)), String(t.count(.partial)), String(t.count(.planned)),
                String(t.count(.noMeasures)), String(t.notApplicable), String(t.notReported),
            ]
        }
        out += TextTable.render(headers: ["By regional group"] + headers.dropFirst(), rows: regionalGroups.map(row) + [row(global)])
        out += "\n"
        out += TextTable.render(headers: ["By Article"] + headers.dropFirst(), rows: articles.map(row))
        out += "\n"
        out += TextTable.render(headers: ["By theme"] + headers.dropFirst(), rows: themes.map(row))
        out += "\n"
        out += TextTable.render(headers: ["Not Member States"] + headers.dropFirst(), rows: [row(nonMembers)])
        out += "\nNotes:\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n"
        return out
    }
}
