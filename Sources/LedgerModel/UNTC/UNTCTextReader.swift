/// Reads the text forms of a status table (CSV, tab-separated, space-separated, one cell per line)
/// as described on ``UNTCTable``: it finds the header row and the header block, reads the rows of
/// the table's shape (`UNTCTextReader+Rows.swift`) and places each date in its column
/// (`UNTCTextReader+Placement.swift`).
struct UNTCTextReader {
    let lines: [TextLine]

    init(text: String) {
        // `&nbsp;` copied from a page's source is a space that holds a date's parts together, as U+00A0 does.
        let decoded = text.contains("&") ? text.replacingOccurrences(of: "&nbsp;", with: "\u{A0}").replacingOccurrences(of: "&#160;", with: "\u{A0}") : text
        var body = Substring(decoded)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().map {
            TextLine(number: $0.offset + 1, chars: Array($0.element))
        }
    }

    func read() throws(UNTCParseError) -> UNTCTable {
        guard let (headerIndex, header) = try findHeader() else { throw .noTable }
        let block = try readHeaderBlock(lines[..<headerIndex])
        let raw: [RawRow] =
            switch header.shape {
            case .csv, .tab: try readDelimitedRows(header)
            case .text: try readTextRows(header)
            }
        let (rows, skipped) = try place(raw, columns: header.columns)
        var notes: [String] = []
        for (index, column) in header.columns.enumerated() where column.isUnread {
            let count = skipped[index, default: 0]
            notes.append(
                "Column \(index + 2), \"\(column.header)\", was not read (\(count) cell\(count == 1 ? "" : "s")): its header names no action "
                    + "the ledger records (signature, ratification, accession, acceptance, approval, formal confirmation, succession, "
                    + "definitive signature, provisional application); its dates are not in the ledger.")
        }
        return UNTCTable(
            statusAsAt: block.asAt, declaredSignatories: block.signatories, declaredParties: block.parties, rows: rows, notes: notes)
    }

    // MARK: Header row

    func findHeader() throws(UNTCParseError) -> (Int, Header)? {
        for (index, line) in lines.enumerated() {
            let text = UNTCText.trim(line.chars[...])
            let unquoted = text.first == "\"" ? text.dropFirst() : text
            guard unquoted.count >= 11, String(unquoted.prefix(11)).lowercased() == "participant" else { continue }
            // Footnote marks after the word (`Participant 2, 3`, `Participant¹`) belong to no column.
            let after = UNTCText.droppingFootnoteMarks(unquoted.dropFirst(11))
            var columns: [Column] = []
            let shape: Shape
            var next = index + 1
            if UNTCText.trim(after).isEmpty || after.allSatisfy({ $0 == "\"" }) {
                // One cell per line: the column headers follow, each on its own line.
                shape = .text
                while next < lines.count {
                    if lines[next].isBlank {
                        next += 1
                        continue
                    }
                    let cell = lines[next].trimmed
                    guard UNTCText.isColumnHeader(cell) else { break }
                    columns.append(Column(header: cell, start: nil))
                    next += 1
                }
            } else if line.chars.contains("\t") {
                shape = .tab
                columns = line.chars.split(separator: "\t", omittingEmptySubsequences: false).dropFirst()
                    .map { Column(header: String(UNTCText.trim($0)), start: nil) }
            } else if text.first == "\"" || after.first == "," {
                shape = .csv
                let record = try csvRecord(at: index)
                columns = record.fields.dropFirst().map { Column(header: $0, start: nil) }
                next = record.next
            } else if after.first!.isWhitespace {
                shape = .text
                let segments = UNTCText.columnSegments(line.chars)
                if segments.count > 1 {
                    columns = segments.dropFirst().map { Column(header: $0.text, start: $0.start) }
                } else {
                    // Header cells separated by single spaces: cut where a column's first word stands.
                    columns = UNTCText.splitHeaderWords(String(UNTCText.trim(after))).map { Column(header: $0, start: nil) }
                    if columns.isEmpty { continue }
                }
            } else {
                continue  // "Participants", "Participant:" and the like are not the header row.
            }
            columns = columns.map { Column(header: UNTCText.withoutTrailingMarks($0.header), start: $0.start) }
            while let last = columns.last, last.header.isEmpty { columns.removeLast() }
            columns = columns.enumerated().map { index, column in
                column.header.isEmpty ? Column(header: "column \(index + 2)", start: column.start, named: false) : column
            }
            if columns.isEmpty {
                throw .badHeader(
                    line: line.number, value: line.trimmed,
                    reason: "no date column (Signature, Ratification, …) follows \"Participant\"")
            }
            return (index, Header(shape: shape, columns: columns, next: next))
        }
        return nil
    }

    // MARK: Header block

    func readHeaderBlock(_ block: ArraySlice<TextLine>) throws(UNTCParseError) -> (asAt: ISODate?, signatories: Int?, parties: Int?)
    {
        var asAt: ISODate?
        var signatories: Int?
        var parties: Int?
        for line in block {
            let text = UNTCText.collapsedLowercase(line.chars)
            if asAt == nil, let (value, hadColon) = value(after: "status as at", in: text) {
                if let date = headerDate(value) {
                    guard let valid = date else {
                        throw .badHeader(line: line.number, value: line.trimmed, reason: "the status date does not exist")
                    }
                    asAt = valid
                } else if hadColon {
                    throw .badHeader(
                        line: line.number, value: line.trimmed, reason: "the status date should read DD-MM-YYYY, like 23-04-2024")
                }
            }
            if signatories == nil, let (value, _) = value(after: "signatories", in: text) { signatories = leadingNumber(value) }
            if parties == nil, let (value, _) = value(after: "parties", in: text) { parties = leadingNumber(value) }
        }
        return (asAt, signatories, parties)
    }

    /// The text after `keyword` (a whole word) and an optional colon, and whether there was a colon;
    /// an occurrence followed by a colon is preferred.
    func value(after keyword: String, in text: [Character]) -> ([Character], Bool)? {
        let key = Array(keyword)
        var found: ([Character], Bool)?
        var i = 0
        while i + key.count <= text.count {
            if text[i..<(i + key.count)].elementsEqual(key), i == 0 || !text[i - 1].isLetter,
                i + key.count == text.count || !text[i + key.count].isLetter
            {
                var j = i + key.count
                while j < text.count, text[j] == " " { j += 1 }
                // Footnote marks between the word and its colon (`Parties 2: 126`, `Parties¹ : 126`).
                var k = j
                while k < text.count, text[k].asciiDigit != nil || UNTCText.superscriptDigits.contains(text[k]) || text[k] == "," || text[k] == " " {
                    k += 1
                }
                if k > j, k < text.count, text[k] == ":" { j = k }
                let colon = j < text.count && text[j] == ":"
                if colon { j += 1 }
                while j < text.count, text[j] == " " { j += 1 }
                if colon { return (Array(text[j...]), true) }
                if found == nil { found = (Array(text[j...]), false) }
            }
            i += 1
        }
        return found
    }

    /// `DD-MM-YYYY` (also with `/` or `.`) or `23 Apr 2024` at the start of `text`: nil if neither,
    /// `.some(nil)` if the date does not exist.
    func headerDate(_ text: [Character]) -> ISODate?? {
        if let date = UNTCCellScanner.matchDate(text, at: 0) {
            guard let month = UNTCCellScanner.monthNumber(date.month) else { return .some(nil) }
            return .some(ISODate(year: date.year, month: month, day: date.day))
        }
        var parts: [Int] = []
        var digits = 0
        var i = 0
        var current = 0
        while i < text.count {
            let c = text[i]
            if let value = c.asciiDigit {
                // No part of a date has more than four digits; a long run would overflow.
                guard digits < 4 else { return nil }
                current = current * 10 + value
                digits += 1
            } else if ["-", "/", "."].contains(c), digits > 0, parts.count < 2 {
                parts.append(current)
                current = 0
                digits = 0
            } else {
                break
            }
            i += 1
        }
        guard parts.count == 2, digits == 4, i == text.count || !text[i].isASCIIDigitOrLetter else { return nil }
        return .some(ISODate(year: current, month: parts[1], day: parts[0]))
    }

    func leadingNumber(_ text: [Character]) -> Int? {
        let digits = text.prefix { $0.asciiDigit != nil }
        return digits.isEmpty || digits.count > 9 ? nil : Int(String(digits))
    }
}

/// The pieces the reader works with: numbered lines, columns, rows before their dates are placed.
extension UNTCTextReader {
    struct TextLine {
        let number: Int
        let chars: [Character]
        var isBlank: Bool { chars.allSatisfy(\.isWhitespace) }
        var trimmed: String { String(UNTCText.trim(chars[...])) }
    }

    struct Column {
        /// The header cell as written, footnote marks left out.
        let header: String
        /// What the column holds, from its header.
        let reading: UNTCColumnHeader
        /// Where the header cell starts in the header line, for aligned space-separated text.
        let start: Int?

        init(header: String, start: Int?, named: Bool = true) {
            self.reading = UNTCColumnHeader(header)
            // A column without a header is named by its position (`column 4`): those digits are no footnote mark.
            self.header = !named || reading.text.isEmpty ? header : reading.text
            self.start = start
        }

        var isSignature: Bool { reading.role == .signature }
        var isUnread: Bool { reading.role == .unread }
    }

    struct RawRow {
        let line: Int
        let name: String
        /// The dates on the name line (every date of a CSV or tab row).
        var cells: [UNTCDateCell]
        /// For CSV and tab rows with a cell for every column: the column of each of `cells`.
        var columnsByIndex: [Int]?
        /// One-cell-per-line text: the dates of the following lines, nil for an empty line.
        var continuation: [UNTCDateCell?] = []
        /// For CSV and tab rows: the columns not read (``UNTCColumnHeader/Role/unread``) where the row has a cell.
        var skipped: [Int] = []

        var cellCount: Int { cells.count + continuation.count(where: { $0 != nil }) }
    }

    enum Shape { case csv, tab, text }

    struct Header {
        let shape: Shape
        let columns: [Column]
        /// Index in the lines of the first line after the header.
        let next: Int
    }
}
