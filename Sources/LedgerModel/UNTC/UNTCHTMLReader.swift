import Foundation

/// Reads a treaty's status page as a browser saves it (HTML): the participant table is the first
/// `table` whose first cell reads `Participant`, found by walking the page's elements (tables nest
/// in the page's layout), never by matching the page's text; the `STATUS AS AT` and
/// `Signatories : N. Parties : N` lines are the text blocks before that table that say so.
struct UNTCHTMLReader {
    let data: Data

    private final class TableBuilder {
        var rows: [(line: Int, cells: [String])] = []
        var cell: [MarkupScanner.Token]?
        var rowOpen = false
    }

    func read() throws(UNTCParseError) -> UNTCTable {
        let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? ""
        let tokens = MarkupScanner(rawElements: ["script", "style"]).tokens(text)
        var stack: [TableBuilder] = []
        var found: TableBuilder?
        var headerBlock: [String] = []
        var reference: String?

        func closeCell(_ table: TableBuilder) {
            if let cell = table.cell, table.rowOpen { table.rows[table.rows.count - 1].cells.append(plainText(cell)) }
            table.cell = nil
        }

        scan: for token in tokens {
            if reference == nil, case .start(_, let attributes, _, _) = token { reference = Self.reference(in: attributes) }
            if case .text(let value, _) = token { Self.keepHeaderLine(collapseSpaces(value), in: &headerBlock) }
            guard let table = stack.last else {
                if case .start(let name, _, _, _) = token, name == "table" { stack.append(TableBuilder()) }
                continue
            }
            switch token {
            case .start(let name, _, let selfClosing, let line):
                switch name {
                case "table":
                    closeCell(table)
                    stack.append(TableBuilder())
                case "tr":
                    closeCell(table)
                    table.rows.append((line, []))
                    table.rowOpen = true
                case "td", "th":
                    closeCell(table)
                    if table.rowOpen { table.cell = [] }
                default:
                    if !selfClosing || name == "br" { table.cell?.append(token) }
                }
            case .end(let name, _):
                switch name {
                case "table":
                    closeCell(table)
                    stack.removeLast()
                    if let first = table.rows.first(where: { !$0.cells.isEmpty })?.cells.first,
                        first.lowercased().hasPrefix("participant")
                    {
                        found = table
                        break scan
                    }
                case "tr":
                    closeCell(table)
                    table.rowOpen = false
                case "td", "th":
                    closeCell(table)
                default:
                    table.cell?.append(token)
                }
            case .text:
                table.cell?.append(token)
            }
        }
        guard let found else { throw .noTableInPage }
        var grid = UNTCGrid()
        grid.headerBlock = headerBlock
        let rows = found.rows.filter { !$0.cells.isEmpty }
        grid.columns = Array(rows[0].cells.dropFirst())
        grid.rows = rows.dropFirst().filter { !$0.cells.allSatisfy(\.isEmpty) }.map { UNTCGrid.Row(line: $0.line, cells: $0.cells) }
        return try grid.table(form: .html, reference: reference, notes: [])
    }

    /// The page's `STATUS AS AT : 03-02-2026 10:16:18 EDT` and `Signatories : 165. Parties : 193` lines.
    private static func keepHeaderLine(_ line: String, in block: inout [String]) {
        let lower = line.lowercased()
        if lower.hasPrefix("status as at") || (lower.contains("signatories") && lower.contains("parties") && lower.contains(":")) {
            block.append(line)
        }
    }

    /// `XXVI-3` from an attribute that holds the page's address (`…ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-3&chapter=26`).
    static func reference(in attributes: String) -> String? {
        guard let range = attributes.range(of: "mtdsg_no=") else { return nil }
        let value = attributes[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
        return value.isEmpty ? nil : String(value)
    }
}
