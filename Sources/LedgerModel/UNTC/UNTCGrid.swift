/// A status table taken out of its markup (XML or HTML): the header block's lines, the column
/// headers after `Participant`, and each row's cells with the line it stands on in the file. It is
/// read as the tab-separated text a browser copy gives, so every form shares one reading of cells.
struct UNTCGrid {
    struct Row {
        let line: Int
        /// The participant's name first, then one cell per column.
        let cells: [String]
    }

    var headerBlock: [String] = []
    var columns: [String] = []
    var rows: [Row] = []

    /// The table, its rows and errors carrying the lines of the file they came from.
    func table(
        form: UNTCForm, reference: String?, notes: [String], declaredSignatories: Int? = nil, declaredParties: Int? = nil, title: String? = nil
    )
        throws(UNTCParseError) -> UNTCTable
    {
        // Line k of the text stands for sourceLines[k - 1] of the file.
        var text: [String] = []
        var sourceLines: [Int] = []
        for line in headerBlock {
            text.append(line)
            sourceLines.append(1)
        }
        var table: UNTCTable
        if columns.isEmpty {
            // A header-only XML file: its published counts (passed in), no rows.
            table = UNTCTable(statusAsAt: nil, declaredSignatories: nil, declaredParties: nil, rows: [])
        } else {
            text.append((["Participant"] + columns.map(cleanCell)).joined(separator: "\t"))
            sourceLines.append(rows.first.map { max($0.line - 1, 1) } ?? 1)
            for row in rows {
                text.append(row.cells.map(cleanCell).joined(separator: "\t"))
                sourceLines.append(row.line)
            }
            let lineOf = { (k: Int) in k >= 1 && k <= sourceLines.count ? sourceLines[k - 1] : k }
            do {
                table = try UNTCTable.parse(text.joined(separator: "\n"))
            } catch {
                throw error.relined(lineOf)
            }
            table = UNTCTable(
                statusAsAt: table.statusAsAt, declaredSignatories: table.declaredSignatories, declaredParties: table.declaredParties,
                rows: table.rows.map { UNTCTable.Row(line: lineOf($0.line), participant: $0.participant, actions: $0.actions) },
                notes: table.notes)
        }
        return UNTCTable(
            statusAsAt: table.statusAsAt, declaredSignatories: declaredSignatories ?? table.declaredSignatories,
            declaredParties: declaredParties ?? table.declaredParties, rows: table.rows, form: form, reference: reference,
            notes: notes + table.notes, title: title)
    }

    /// A cell as one line of text: no tab, no line break, runs of spaces as one.
    private func cleanCell(_ cell: String) -> String { collapseSpaces(cell) }
}

extension UNTCParseError {
    /// The same error with its line numbers mapped through `lineOf`.
    func relined(_ lineOf: (Int) -> Int) -> UNTCParseError {
        switch self {
        case .noTable, .notText, .noTableInPage, .badXML, .unreadableRows: self
        case .badCell(let line, let column, let value, let reason): .badCell(line: lineOf(line), column: column, value: value, reason: reason)
        case .badRow(let line, let value, let reason): .badRow(line: lineOf(line), value: value, reason: reason)
        case .badHeader(let line, let value, let reason): .badHeader(line: lineOf(line), value: value, reason: reason)
        }
    }
}
