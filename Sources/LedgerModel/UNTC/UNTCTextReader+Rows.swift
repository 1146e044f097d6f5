extension UNTCTextReader {
    // MARK: CSV and tab rows

    func readDelimitedRows(_ header: Header) throws(UNTCParseError) -> [RawRow] {
        let columns = header.columns
        var rows: [RawRow] = []
        var index = header.next
        while index < lines.count {
            let line = lines[index]
            var fields: [String]
            if header.shape == .csv {
                let record = try csvRecord(at: index)
                fields = record.fields
                index = record.next
            } else {
                fields = UNTCText.joiningSplitDates(
                    line.chars.split(separator: "\t", omittingEmptySubsequences: false).map { String(UNTCText.trim($0)) })
                index += 1
            }
            fields = fields.map(UNTCText.cellText)
            if fields.allSatisfy(\.isEmpty) { continue }
            let first = fields[0]
            if first.isEmpty {
                throw .badRow(line: line.number, value: line.trimmed, reason: "it has dates but no participant name before them")
            }
            if UNTCText.isRule(first) {
                if rows.isEmpty { continue } else { break }
            }
            if UNTCText.endsTable(first) { break }
            let name = try participantName(first, line: line)
            let dateFields = Array(fields.dropFirst())
            if dateFields.count > columns.count, let extra = dateFields[columns.count...].first(where: { !$0.isEmpty }) {
                throw .badRow(
                    line: line.number, value: extra,
                    reason: "this cell stands after the last of the header's \(columns.count + 1) columns")
            }
            var cells: [UNTCDateCell] = []
            var used: [Int] = []
            var skipped: [Int] = []
            for (position, field) in dateFields.enumerated() where !field.isEmpty {
                let column = columns[min(position, columns.count - 1)]
                // A column the ledger does not read is not read: its cells are counted, whatever they hold.
                if column.isUnread, position < columns.count {
                    skipped.append(position)
                    continue
                }
                cells.append(try scanField(field, line: line.number, column: column.header))
                used.append(position)
            }
            var row = RawRow(line: line.number, name: name, cells: cells, columnsByIndex: dateFields.count >= columns.count ? used : nil)
            row.skipped = skipped
            rows.append(row)
        }
        return rows
    }

    /// Reads the RFC 4180 record that starts on line `index` (``CSVTokenizer``, a quote after
    /// whitespace opening a quoted cell): its fields, trimmed, and the index of the line after it.
    /// Lines are handed to the tokenizer one at a time, so a cell left open in the lines after the
    /// end of the table is never read.
    func csvRecord(at index: Int) throws(UNTCParseError) -> (fields: [String], next: Int) {
        var tokenizer = CSVTokenizer(firstLine: lines[index].number, quoteAfterWhitespace: true)
        var bytes: [UInt8] = []
        var next = index
        while true {
            bytes += String(lines[next].chars).utf8
            next += 1
            let isFinal = next == lines.count
            if !isFinal { bytes.append(UInt8(ascii: "\n")) }
            var position = 0
            let step: CSVTokenizer.Step
            do {
                step = try tokenizer.next(in: bytes, at: &position, isFinal: isFinal)
            } catch {
                // Text read as a String is valid UTF-8, so the one failure left is an open quote.
                throw .badRow(
                    line: lines[index].number, value: lines[index].trimmed, reason: "a quoted cell opened on this line is never closed")
            }
            switch step {
            case .record(let record): return (record.fields.map(UNTCText.trimmed), next)
            case .end: return ([""], next)
            case .needsMoreBytes: continue
            }
        }
    }

    /// One CSV or tab cell, which must hold exactly one date.
    func scanField(_ field: String, line: Int, column: String) throws(UNTCParseError) -> UNTCDateCell {
        let chars = Array(field)
        guard UNTCCellScanner.matchDate(chars, at: 0) != nil else {
            throw .badCell(line: line, column: column, value: field, reason: UNTCCellScanner.notADate)
        }
        let cells: [UNTCDateCell]
        do throws(UNTCCellScanner.Issue) {
            cells = try UNTCCellScanner.scanCells(chars, from: 0, line: line, withOffsets: false)
        } catch {
            throw .badCell(line: line, column: column, value: field, reason: error.reason)
        }
        guard cells.count == 1 else {
            throw .badCell(line: line, column: column, value: field, reason: "it holds \(cells.count) dates where a cell holds one")
        }
        return cells[0]
    }

    // MARK: Space-separated and one-cell-per-line rows

    func readTextRows(_ header: Header) throws(UNTCParseError) -> [RawRow] {
        let columns = header.columns
        var rows: [RawRow] = []
        for line in lines[header.next...] {
            if line.isBlank {
                if !rows.isEmpty { rows[rows.count - 1].continuation.append(nil) }
                continue
            }
            let chars = line.chars
            let start = UNTCCellScanner.firstDateStart(chars)
            var low = 0
            while low < start, chars[low].isWhitespace { low += 1 }
            var high = start
            while high > low, chars[high - 1].isWhitespace { high -= 1 }
            if low == high {
                // Dates without a name: the cells of the participant above, one per line.
                guard !rows.isEmpty else {
                    throw .badRow(line: line.number, value: line.trimmed, reason: "it has dates but no participant name before them")
                }
                let cells = try scanText(
                    chars, from: start, line: line.number, withOffsets: false, before: rows[rows.count - 1].cellCount, columns)
                rows[rows.count - 1].continuation.append(contentsOf: cells.map { Optional($0) })
                continue
            }
            let first = String(chars[low..<high])
            if UNTCText.isRule(first) {
                if rows.isEmpty { continue } else { break }
            }
            if UNTCText.endsTable(first) { break }
            if let gap = columnGap(chars, low..<high) {
                throw .badCell(
                    line: line.number, column: guessColumn(offset: gap, index: 0, columns),
                    value: String(chars[gap..<high]), reason: UNTCCellScanner.notADate)
            }
            let name = try participantName(first, line: line)
            let cells = try scanText(chars, from: start, line: line.number, withOffsets: true, before: 0, columns)
            rows.append(RawRow(line: line.number, name: name, cells: cells, columnsByIndex: nil))
        }
        return rows
    }

    func scanText(
        _ chars: [Character], from start: Int, line: Int, withOffsets: Bool, before: Int, _ columns: [Column]
    ) throws(UNTCParseError) -> [UNTCDateCell] {
        do throws(UNTCCellScanner.Issue) {
            return try UNTCCellScanner.scanCells(chars, from: start, line: line, withOffsets: withOffsets)
        } catch {
            throw .badCell(
                line: line, column: guessColumn(offset: withOffsets ? error.offset : nil, index: before + error.index, columns),
                value: error.value, reason: error.reason)
        }
    }

    /// The start of the first run of two or more spaces (or a tab) inside `range`, and so of text in a further column.
    func columnGap(_ chars: [Character], _ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        while i < range.upperBound {
            if chars[i].isWhitespace {
                var j = i
                while j < range.upperBound, chars[j].isWhitespace { j += 1 }
                if j - i >= 2 || chars[i..<j].contains("\t") { return j }
                i = j
            } else {
                i += 1
            }
        }
        return nil
    }

    /// The header of the column a misread cell most likely stands in, for the error message.
    func guessColumn(offset: Int?, index: Int, _ columns: [Column]) -> String {
        if let offset {
            let starts = columns.compactMap { column in column.start.map { (column.header, abs($0 - offset)) } }
            if starts.count == columns.count, let nearest = starts.min(by: { $0.1 < $1.1 }) { return nearest.0 }
        }
        return columns[min(max(index, 0), columns.count - 1)].header
    }
}
