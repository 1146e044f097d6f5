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
        let direct = crosswalk.links.filter { $0.strength == .direct }.count
        let linked = Set(crosswalk.links.map(\.obligation)).count
        return ReportDocument(
            title: "Crosswalk — \(crosswalk.body): \(crosswalk.framework)",
            facts: [
                "\(crosswalk.links.count) links (\(direct) direct, \(crosswalk.links.count - direct) partial) to \(linked) of the Declaration's \(catalogue.obligations.count) obligations; the others are left unlinked.",
                "direct: the item asks for what the obligation asks (its rating may score the cell); partial: it covers part of it (evidence only).",
                "Source: \(crosswalk.source).",
            ],
            sections: [.init(title: "Links", headers: Self.headers, rows: rows)],
            notes: ["A rating of a \(crosswalk.body) item assesses that item, not the Declaration: it is evidence for the linked cells, not a verdict on them."])
    }

    /// Tidy CSV: one row per link.
    public func renderCSV() -> String {
        var out = "item,item_title,obligation,provision,strength,rationale,reference\n"
        for row in rows { out += CSVWriter.line(row) }
        return out
    }
}
