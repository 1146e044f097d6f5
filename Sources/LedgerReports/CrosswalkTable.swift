import LedgerModel
import LedgerStore

/// A crosswalk laid out for review: one row per link, with the item's and the obligation's titles.
public struct CrosswalkTable: Sendable {
    public let crosswalk: Crosswalk
    public let catalogue: Catalogue

    public init(crosswalk: Crosswalk, catalogue: Catalogue) {
        self.crosswalk = crosswalk
        self.catalogue = catalogue
    }

    static let headers = ["item", "item title", "obligation", "provision", "strength", "rationale", "reference"]

    var rows: [[String]] {
        crosswalk.links.map { link in
            let obligation = catalogue.obligation(link.obligation)
            return [
                link.item, crosswalk.item(link.item)?.title ?? "", link.obligation,
                obligation.map { catalogue.provision(of: $0).label } ?? "", link.strength.rawValue, link.rationale, link.reference,
            ]
        }
    }

    /// The table as a document (text and Markdown renderers).
    public func document() -> ReportDocument {
        let counts = Crosswalk.Strength.allCases.compactMap { strength -> String? in
            let count = crosswalk.links.filter { $0.strength == strength }.count
            // The FATF list has always said "0 partial"; the other strengths are named when used.
            return count == 0 && ![.direct, .partial].contains(strength) ? nil : "\(count) \(strength.rawValue)"
        }
        let linked = Set(crosswalk.links.map(\.obligation)).count
        let outside = crosswalk.links.contains { [.context, .corroboration].contains($0.strength) }
        var meanings = "direct: the item asks for what the obligation asks (its rating may score the cell); partial: it covers part of it (evidence only)"
        if outside {
            meanings += "; context: it measures the setting of the obligation (how much crime there is), not what a State did; corroboration: it is derived from ratings the ledger already shows for the cell, and is never counted twice"
        }
        return ReportDocument(
            title: "Crosswalk — \(crosswalk.body): \(crosswalk.framework)",
            facts: [
                "\(crosswalk.links.count) links (\(counts.joined(separator: ", "))) to \(linked) of the Declaration's \(catalogue.obligations.count) obligations; the others are left unlinked.",
                meanings + ".",
                "Source: \(crosswalk.source).",
            ],
            sections: [.init(title: "Links", headers: Self.headers, rows: rows)],
            notes: [outside
                ? "A score of a \(crosswalk.body) indicator measures that indicator on its own scale, not the Declaration: it is shown beside the linked cells as an outside view and scores none of them."
                : "A rating of a \(crosswalk.body) item assesses that item, not the Declaration: it is evidence for the linked cells, not a verdict on them."])
    }

    /// Tidy CSV: one row per link.
    public func renderCSV() -> String {
        var out = "item,item_title,obligation,provision,strength,rationale,reference\n"
        for row in rows { out += CSVWriter.line(row) }
        return out
    }
}
