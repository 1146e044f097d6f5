extension UNTCTextReader {
    // MARK: Placing dates in columns

    /// The rows with each date in its column, and per column not read (by index) how many cells it had.
    func place(_ raw: [RawRow], columns: [Column]) throws(UNTCParseError) -> (rows: [UNTCTable.Row], skipped: [Int: Int]) {
        let hasProvisionalColumn = columns.contains { $0.reading.role == .provisionalApplication }
        /// Whether a date with its letter may stand in a column: a column's own letters only, and a
        /// date marked `n` in a column of provisional applications when the table has one.
        func fits(_ cell: UNTCDateCell, _ column: Column) -> Bool {
            guard let letter = cell.letter else { return true }
            switch column.reading.role {
            // Without a position to go by, a lone `23 Oct 2006 d` is a succession, not a succession to signature.
            case .signature: return false
            case .provisionalApplication: return column.reading.letters[letter] == .provisionalApplication
            case .actions:
                guard let kind = column.reading.letters[letter] else { return false }
                return kind != .provisionalApplication || !hasProvisionalColumn
            case .unread: return false
            }
        }
        var skipped: [Int: Int] = [:]
        let aligned =
            columns.allSatisfy { $0.start != nil }
            && raw.allSatisfy { row in
                row.columnsByIndex != nil || row.continuation.contains(where: { $0 != nil }) || row.cells.count != columns.count
                    || byPosition(row.cells, columns) != nil
            }
        // One-cell-per-line text marks empty cells with empty lines if some row has one before a date.
        let emptyCellsMarked = raw.contains { row in
            row.cells.isEmpty && zip(row.continuation, row.continuation.dropFirst()).contains { $0 == nil && $1 != nil }
        }
        var rows: [UNTCTable.Row] = []
        for row in raw {
            var placed: [(UNTCDateCell, Int)]?
            if let indices = row.columnsByIndex {
                placed = Array(zip(row.cells, indices))
            } else if row.continuation.contains(where: { $0 != nil }) {
                var items = row.continuation
                if row.cells.isEmpty, emptyCellsMarked {
                    while items.count > columns.count, let last = items.last, last == nil { items.removeLast() }
                    if items.count == columns.count {
                        let pairs = items.enumerated().compactMap { index, cell in cell.map { ($0, index) } }
                        if pairs.allSatisfy({ $0.0.fitsSignature || !columns[$0.1].isSignature }) { placed = pairs }
                    }
                }
                if placed == nil { placed = byContent(row.cells + items.compactMap { $0 }, columns, fits: fits) }
            } else {
                if aligned { placed = byPosition(row.cells, columns) }
                if placed == nil { placed = byContent(row.cells, columns, fits: fits) }
            }
            for column in row.skipped { skipped[column, default: 0] += 1 }
            guard let placed else {
                throw .badRow(
                    line: row.line, value: row.name,
                    reason: "it has \(row.cellCount) dates but the table has \(columns.count) date column\(columns.count == 1 ? "" : "s")")
            }
            var actions: [UNTCTable.Action] = []
            for (cell, column) in placed {
                if columns[column].isUnread {
                    skipped[column, default: 0] += 1
                    continue
                }
                actions.append(try action(cell, in: columns[column]))
            }
            rows.append(UNTCTable.Row(line: row.line, participant: row.name, actions: actions))
        }
        return (rows, skipped)
    }

    /// Each date in the column whose header starts within two characters of it, or nil if the row is not aligned.
    func byPosition(_ cells: [UNTCDateCell], _ columns: [Column]) -> [(UNTCDateCell, Int)]? {
        var placed: [(UNTCDateCell, Int)] = []
        for cell in cells {
            guard let offset = cell.offset,
                let column = columns.indices.first(where: { columns[$0].start.map { abs($0 - offset) <= 2 } ?? false }),
                column > (placed.last?.1 ?? -1), cell.fitsSignature || !columns[column].isSignature
            else { return nil }
            placed.append((cell, column))
        }
        return placed
    }

    /// The content rule: in order when the dates fill every column, otherwise each date in the first
    /// column it fits that leaves room for the dates after it. Nil if there are more dates than columns.
    func byContent(_ cells: [UNTCDateCell], _ columns: [Column], fits: (UNTCDateCell, Column) -> Bool) -> [(UNTCDateCell, Int)]? {
        guard cells.count <= columns.count else { return nil }
        if cells.count == columns.count { return Array(zip(cells, columns.indices)) }
        var placed: [(UNTCDateCell, Int)] = []
        var next = 0
        for (index, cell) in cells.enumerated() {
            let last = columns.count - (cells.count - index)
            let column = (next...last).first { fits(cell, columns[$0]) } ?? next
            placed.append((cell, column))
            next = column + 1
        }
        return placed
    }

    func action(_ cell: UNTCDateCell, in column: Column) throws(UNTCParseError) -> UNTCTable.Action {
        func bad(_ reason: String) -> UNTCParseError {
            .badCell(line: cell.line, column: column.header, value: cell.text, reason: reason)
        }
        guard let month = UNTCCellScanner.monthNumber(cell.month) else {
            throw bad("\"\(cell.month)\" is not a month (write Jan, Feb, … or January, February, …)")
        }
        guard let date = ISODate(year: cell.year, month: month, day: cell.day) else {
            let monthName = UNTCCellScanner.monthNames[month - 1]
            throw bad(cell.year == 0 ? "there is no year 0000" : "there is no day \(cell.day) in \(monthName) \(cell.year)")
        }
        guard let kind = column.reading.kind(letter: cell.letter) else {
            let letter = cell.letter ?? ""
            switch column.reading.role {
            case .signature:
                throw bad("only \"d\" (succession to signature) may follow a date in the signature column, not \"\(letter)\"")
            case .provisionalApplication:
                throw bad("only \"n\" (provisional application) may follow a date in the provisional-application column, not \"\(letter)\"")
            case .actions, .unread:
                throw bad(
                    "\"\(letter)\" is not an action letter (none for ratification, a accession, A acceptance, AA approval, "
                        + "c formal confirmation, d succession, s definitive signature, n provisional application)")
            }
        }
        return UNTCTable.Action(kind: kind, date: date, cell: cell.text)
    }

    // MARK: Names

    func participantName(_ cell: String, line: TextLine) throws(UNTCParseError) -> String {
        var chars = Array(cell)
        while let last = chars.last,
            last.asciiDigit != nil || last == "," || last.isWhitespace || UNTCText.superscriptDigits.contains(last)
        {
            chars.removeLast()
        }
        let name = String(chars)
        if name.isEmpty || name.contains(where: \.isNumber) {
            throw .badRow(
                line: line.number, value: cell,
                reason: "the participant name holds digits that are not footnote marks after it, or a date not written like \"14 Dec 1990\""
            )
        }
        return name
    }
}
