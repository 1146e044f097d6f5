/// A treaty status table as a user brings it from the UN Treaty Collection (UNTC), parsed into participants and actions.
///
/// ``read(_:)`` takes a file in any form (``UNTCForm``): the UNTC's XML status file
/// (`UNTCXMLReader`), a saved status page (`UNTCHTMLReader`), a dated list (`UNTCDatedListReader`)
/// or text. The XML and HTML readers take the table out of its markup and read its cells as the
/// tab-separated text below (`UNTCGrid`), so every form shares one reading of dates and letters.
///
/// ``parse(_:)`` reads the layouts a copy of a UNTC status table comes in:
/// - CSV (RFC 4180), as scraped: `Participant,Signature,"Ratification, Accession(a), Succession(d)"`;
/// - tab-separated columns, as a browser copies the HTML table;
/// - columns separated by two or more spaces (names hold single spaces; days may be space-padded);
/// - one cell per line: the header cells each alone (`Participant`, `Signature`, …), then each
///   participant's name line followed by its date lines.
///
/// **Header block.** Every line before the header row (the first line that starts with
/// `Participant`, footnote marks after it allowed: `Participant 2, 3`) is the page's header block. Only `STATUS AS AT : DD-MM-YYYY` and
/// `Signatories : N. Parties : N` are read from it; the rest is ignored.
///
/// **Columns and cells.** A column whose header starts with `Signature` is the signature column: its
/// dates are signatures, also with a `d` (a succession to signature still makes a signatory). Every
/// other column is an action column: a plain date is a ratification and a letter after the date
/// gives the action (`a` accession, `A` acceptance, `AA` approval, `c` formal confirmation,
/// `d` succession, `s` definitive signature). Dates read `14 Dec 1990`: a day of one or two digits,
/// an English month (`Dec` or `December`), a four-digit year. Footnote numbers after a date or
/// after its letter (`27 Jun 2001 a 5`) stay in ``Action/cell`` and are otherwise ignored, as
/// long as they cannot be the day of a next date. Footnote marks after a name (`China 3, 4`,
/// `Bolivia (Plurinational State of)7`) are removed.
///
/// **Which column a date belongs to.** CSV and tab rows that have a cell for every column are read by
/// position. Elsewhere the content decides: as many dates as date columns fill them in order; with
/// fewer, each date takes the first column it fits that leaves room for the dates after it, where a
/// date with a letter fits only an action column. So a lone plain date is a signature (a State signs
/// before it ratifies), a lone lettered date is an action, and two dates are a signature and an action.
/// Two exceptions read by position instead:
/// - space-separated text whose header cells are separated by two or more spaces, when it is aligned:
///   each date of the row starts within two characters of its column header's start, no lettered date
///   other than `d` falls in the signature column, and every row that fills all columns lines up so
///   (one that does not makes the whole table go by content);
/// - one-cell-per-line text that marks empty cells with empty lines (some row has an empty line
///   before one of its dates): a row with as many lines as date columns, after dropping the trailing
///   empty lines beyond that number (empty lines between rows), takes its dates by line position.
/// Without a position to go by, a lone `23 Oct 2006 d` reads as a succession, not as a succession to signature.
///
/// **End of the table.** Blank lines are skipped. The table ends at the first line, after the header
/// row, whose participant cell is clearly not a name: it starts with something other than a letter
/// (a footnote such as `1 Signed on behalf of …`), starts with a heading word (`Declarations`,
/// `Reservations`, `Objections`, `Notes`, `Notifications`, `Communications`, `Footnotes`,
/// `Territorial application`, `End note`, `Participant`), contains a colon, ends with a full stop, or
/// is over 100 characters long. Nothing after it is read. Lines without letters or digits (`-----`)
/// between the header row and the first row are skipped.
public struct UNTCTable: Sendable, Hashable {
    /// One participant's row: its name as written, without footnote marks, and its dated actions in column order.
    public struct Row: Sendable, Hashable {
        /// The 1-based line of the text where the participant's name stands.
        public let line: Int
        /// The name as written, footnote marks and trailing spaces removed (`China 3, 4` gives `China`).
        public let participant: String
        /// The row's dated actions, in column order; empty for a participant listed without dates.
        public let actions: [Action]

        public init(line: Int, participant: String, actions: [Action]) {
            self.line = line
            self.participant = participant
            self.actions = actions
        }
    }

    /// One dated action of a row: what the participant did, when, and the cell it was read from.
    public struct Action: Sendable, Hashable {
        public let kind: TreatyActionKind
        public let date: ISODate
        /// The cell text as written, trimmed, e.g. `27 Jan 1993 a`.
        public let cell: String

        public init(kind: TreatyActionKind, date: ISODate, cell: String) {
            self.kind = kind
            self.date = date
            self.cell = cell
        }
    }

    /// The date of a header line such as `STATUS AS AT : 23-04-2024 09:15:05 EDT`.
    public let statusAsAt: ISODate?
    /// The count of a header line such as `Signatories : 54. Parties : 126`.
    public let declaredSignatories: Int?
    /// The count of a header line such as `Signatories : 54. Parties : 126`.
    public let declaredParties: Int?
    public let rows: [Row]
    /// The form the table was read from.
    public let form: UNTCForm
    /// The UNTC reference the file names itself by (`XVIII-12-a` from an XML file's chapter and
    /// section, `XXVI-3` from a saved page's address), when it does.
    public let reference: String?
    /// Things read but worth a reader's look, one sentence each (an XML file that is not well-formed
    /// and was read leniently, a list that shows no signatures).
    public let notes: [String]

    public init(
        statusAsAt: ISODate?, declaredSignatories: Int?, declaredParties: Int?, rows: [Row], form: UNTCForm = .text,
        reference: String? = nil, notes: [String] = []
    ) {
        self.statusAsAt = statusAsAt
        self.declaredSignatories = declaredSignatories
        self.declaredParties = declaredParties
        self.rows = rows
        self.form = form
        self.reference = reference
        self.notes = notes
    }

    /// Reads a status table in any of the layouts described on ``UNTCTable``.
    public static func parse(_ text: String) throws(UNTCParseError) -> UNTCTable {
        try UNTCReader(text: text).read()
    }
}

/// Why a UNTC status table could not be read; each case names the line and the text.
public enum UNTCParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No header row starting with `Participant` was found.
    case noTable
    /// A cell that is not a readable date: a date that does not exist, an unknown month or action letter, stray text.
    case badCell(line: Int, column: String, value: String, reason: String)
    /// A line inside the table that cannot be a participant's row: dates without a name, more dates than columns.
    case badRow(line: Int, value: String, reason: String)
    /// The header row or the header block above it cannot be read, e.g. an impossible `STATUS AS AT` date.
    case badHeader(line: Int, value: String, reason: String)
    /// The file is neither XML, HTML nor UTF-8 text.
    case notText
    /// A saved page (HTML) holds no table whose first cell is `Participant`.
    case noTableInPage
    /// An XML status file that cannot be read as one: not UNTC's `Document`, or cut short.
    case badXML(line: Int, reason: String)
    /// Rows of an XML file or saved page that cannot be read as rows, every one of them (line, text, why).
    case unreadableRows([RowProblem])

    /// One row that cannot be read: its line in the file, its text and why.
    public struct RowProblem: Sendable, Hashable, CustomStringConvertible {
        public let line: Int
        public let value: String
        public let reason: String

        public init(line: Int, value: String, reason: String) {
            self.line = line
            self.value = value
            self.reason = reason
        }

        public var description: String { "line \(line): \"\(value)\": \(reason)" }
    }

    public var description: String {
        switch self {
        case .noTable:
            "No UNTC status table found: no line starts with \"Participant\". "
                + "Copy the table together with its header row (Participant, Signature, Ratification, …) and try again."
        case .badCell(let line, let column, let value, let reason):
            "Line \(line), column \"\(column)\": the cell \"\(value)\" cannot be read: \(reason). Correct the cell and try again."
        case .badRow(let line, let value, let reason):
            "Line \(line): \"\(value)\" cannot be read as a participant's row: \(reason). Correct the line and try again."
        case .badHeader(let line, let value, let reason):
            "Line \(line): \"\(value)\" cannot be read as the table's header: \(reason). Correct the line and try again."
        case .notText:
            "The file is not UTF-8 text, XML or a saved HTML page; save the copied table as UTF-8 text and try again."
        case .noTableInPage:
            "The saved page holds no status table: no table's first cell is \"Participant\". "
                + "Save the treaty's status page (View Details) from treaties.un.org, with its participant table, and try again."
        case .badXML(let line, let reason):
            "Line \(line): the file cannot be read as a UNTC XML status file: \(reason). "
                + "Download it again from treaties.un.org/doc/Publication/MTDSG and try again."
        case .unreadableRows(let rows):
            "\(rows.count) row\(rows.count == 1 ? "" : "s") cannot be read: "
                + rows.prefix(100).map(\.description).joined(separator: "; ") + (rows.count > 100 ? "; …" : "")
                + ". Nothing was read; correct the file and try again."
        }
    }
}

// MARK: - Reading

private struct TextLine {
    let number: Int
    let chars: [Character]
    var isBlank: Bool { chars.allSatisfy(\.isWhitespace) }
    var trimmed: String { String(trim(chars[...])) }
}

private struct Column {
    let header: String
    let isSignature: Bool
    /// Where the header cell starts in the header line, for aligned space-separated text.
    let start: Int?

    init(header: String, start: Int?) {
        self.header = header
        self.isSignature = header.lowercased().hasPrefix("signature")
        self.start = start
    }
}

/// A date cell as found in the text, before it is placed in a column and checked.
private struct DateCell {
    let text: String
    let line: Int
    /// Where the date starts in its line, for cells on a participant's name line.
    let offset: Int?
    let day: Int
    let month: String
    let year: Int
    let letter: String?

    /// A letter other than `d` cannot follow a signature.
    var fitsSignature: Bool { letter == nil || letter == "d" }
}

/// A problem found while scanning cells, before its column is known.
private struct CellIssue: Error {
    let value: String
    let reason: String
    /// How many cells of the scanned text came before the problem.
    let index: Int
    let offset: Int
}

private struct RawRow {
    let line: Int
    let name: String
    /// The dates on the name line (every date of a CSV or tab row).
    var cells: [DateCell]
    /// For CSV and tab rows with a cell for every column: the column of each of `cells`.
    var columnsByIndex: [Int]?
    /// One-cell-per-line text: the dates of the following lines, nil for an empty line.
    var continuation: [DateCell?] = []

    var cellCount: Int { cells.count + continuation.count(where: { $0 != nil }) }
}

private enum Shape { case csv, tab, text }

private struct Header {
    let shape: Shape
    let columns: [Column]
    /// Index in the lines of the first line after the header.
    let next: Int
}

private let notADate = "it is not a date written like \"14 Dec 1990\" (day, month, four-digit year, then an optional action letter)"

private struct UNTCReader {
    let lines: [TextLine]

    init(text: String) {
        var body = Substring(text)
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
        let rows = try place(raw, columns: header.columns)
        return UNTCTable(statusAsAt: block.asAt, declaredSignatories: block.signatories, declaredParties: block.parties, rows: rows)
    }

    // MARK: Header row

    private func findHeader() throws(UNTCParseError) -> (Int, Header)? {
        for (index, line) in lines.enumerated() {
            let text = trim(line.chars[...])
            let unquoted = text.first == "\"" ? text.dropFirst() : text
            guard unquoted.count >= 11, String(unquoted.prefix(11)).lowercased() == "participant" else { continue }
            // Footnote marks after the word (`Participant 2, 3`, `Participant¹`) belong to no column.
            let after = droppingFootnoteMarks(unquoted.dropFirst(11))
            var columns: [Column] = []
            let shape: Shape
            var next = index + 1
            if trim(after).isEmpty || after.allSatisfy({ $0 == "\"" }) {
                // One cell per line: the column headers follow, each on its own line.
                shape = .text
                while next < lines.count {
                    if lines[next].isBlank {
                        next += 1
                        continue
                    }
                    let cell = lines[next].trimmed
                    guard isColumnHeader(cell) else { break }
                    columns.append(Column(header: cell, start: nil))
                    next += 1
                }
            } else if line.chars.contains("\t") {
                shape = .tab
                columns = line.chars.split(separator: "\t", omittingEmptySubsequences: false).dropFirst()
                    .map { Column(header: String(trim($0)), start: nil) }
            } else if text.first == "\"" || after.first == "," {
                shape = .csv
                let record = try csvRecord(at: index)
                columns = record.fields.dropFirst().map { Column(header: $0, start: nil) }
                next = record.next
            } else if after.first!.isWhitespace {
                shape = .text
                let segments = columnSegments(line.chars)
                if segments.count > 1 {
                    columns = segments.dropFirst().map { Column(header: $0.text, start: $0.start) }
                } else {
                    // Header cells separated by single spaces: cut where a column's first word stands.
                    columns = splitHeaderWords(String(trim(after))).map { Column(header: $0, start: nil) }
                    if columns.isEmpty { continue }
                }
            } else {
                continue  // "Participants", "Participant:" and the like are not the header row.
            }
            columns = columns.map { Column(header: withoutTrailingMarks($0.header), start: $0.start) }
            while let last = columns.last, last.header.isEmpty { columns.removeLast() }
            columns = columns.enumerated().map { index, column in
                column.header.isEmpty ? Column(header: "column \(index + 2)", start: column.start) : column
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

    private func readHeaderBlock(_ block: ArraySlice<TextLine>) throws(UNTCParseError) -> (asAt: ISODate?, signatories: Int?, parties: Int?)
    {
        var asAt: ISODate?
        var signatories: Int?
        var parties: Int?
        for line in block {
            let text = collapsedLowercase(line.chars)
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
    private func value(after keyword: String, in text: [Character]) -> ([Character], Bool)? {
        let key = Array(keyword)
        var found: ([Character], Bool)?
        var i = 0
        while i + key.count <= text.count {
            if text[i..<(i + key.count)].elementsEqual(key), i == 0 || !text[i - 1].isLetter,
                i + key.count == text.count || !text[i + key.count].isLetter
            {
                var j = i + key.count
                while j < text.count, text[j] == " " { j += 1 }
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
    private func headerDate(_ text: [Character]) -> ISODate?? {
        if let date = matchDate(text, at: 0) {
            guard let month = monthNumber(date.month) else { return .some(nil) }
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

    private func leadingNumber(_ text: [Character]) -> Int? {
        let digits = text.prefix { $0.asciiDigit != nil }
        return digits.isEmpty || digits.count > 9 ? nil : Int(String(digits))
    }

    // MARK: CSV and tab rows

    private func readDelimitedRows(_ header: Header) throws(UNTCParseError) -> [RawRow] {
        let columns = header.columns
        var rows: [RawRow] = []
        var index = header.next
        while index < lines.count {
            let line = lines[index]
            let fields: [String]
            if header.shape == .csv {
                let record = try csvRecord(at: index)
                fields = record.fields
                index = record.next
            } else {
                fields = line.chars.split(separator: "\t", omittingEmptySubsequences: false).map { String(trim($0)) }
                index += 1
            }
            if fields.allSatisfy(\.isEmpty) { continue }
            let first = fields[0]
            if first.isEmpty {
                throw .badRow(line: line.number, value: line.trimmed, reason: "it has dates but no participant name before them")
            }
            if isRule(first) {
                if rows.isEmpty { continue } else { break }
            }
            if endsTable(first) { break }
            let name = try participantName(first, line: line)
            let dateFields = Array(fields.dropFirst())
            if dateFields.count > columns.count, let extra = dateFields[columns.count...].first(where: { !$0.isEmpty }) {
                throw .badRow(
                    line: line.number, value: extra,
                    reason: "this cell stands after the last of the header's \(columns.count + 1) columns")
            }
            var cells: [DateCell] = []
            var used: [Int] = []
            for (position, field) in dateFields.enumerated() where !field.isEmpty {
                let column = columns[min(position, columns.count - 1)].header
                cells.append(try scanField(field, line: line.number, column: column))
                used.append(position)
            }
            rows.append(
                RawRow(line: line.number, name: name, cells: cells, columnsByIndex: dateFields.count >= columns.count ? used : nil))
        }
        return rows
    }

    /// Reads the RFC 4180 record that starts on line `index`: its fields, unquoted and trimmed, and the index of the line after it.
    private func csvRecord(at index: Int) throws(UNTCParseError) -> (fields: [String], next: Int) {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var lineIndex = index
        var chars = lines[index].chars
        var k = 0
        while true {
            if k == chars.count {
                if inQuotes {
                    lineIndex += 1
                    guard lineIndex < lines.count else {
                        throw .badRow(
                            line: lines[index].number, value: lines[index].trimmed,
                            reason: "a quoted cell opened on this line is never closed")
                    }
                    field.append("\n")
                    chars = lines[lineIndex].chars
                    k = 0
                    continue
                }
                fields.append(String(trim(Array(field)[...])))
                return (fields, lineIndex + 1)
            }
            let c = chars[k]
            k += 1
            if inQuotes {
                if c == "\"" {
                    if k < chars.count, chars[k] == "\"" {
                        field.append("\"")
                        k += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "," {
                fields.append(String(trim(Array(field)[...])))
                field = ""
            } else if c == "\"", field.allSatisfy(\.isWhitespace) {
                field = ""
                inQuotes = true
            } else {
                field.append(c)
            }
        }
    }

    /// One CSV or tab cell, which must hold exactly one date.
    private func scanField(_ field: String, line: Int, column: String) throws(UNTCParseError) -> DateCell {
        let chars = Array(field)
        guard matchDate(chars, at: 0) != nil else { throw .badCell(line: line, column: column, value: field, reason: notADate) }
        let cells: [DateCell]
        do throws(CellIssue) {
            cells = try scanCells(chars, from: 0, line: line, withOffsets: false)
        } catch {
            throw .badCell(line: line, column: column, value: field, reason: error.reason)
        }
        guard cells.count == 1 else {
            throw .badCell(line: line, column: column, value: field, reason: "it holds \(cells.count) dates where a cell holds one")
        }
        return cells[0]
    }

    // MARK: Space-separated and one-cell-per-line rows

    private func readTextRows(_ header: Header) throws(UNTCParseError) -> [RawRow] {
        let columns = header.columns
        var rows: [RawRow] = []
        for line in lines[header.next...] {
            if line.isBlank {
                if !rows.isEmpty { rows[rows.count - 1].continuation.append(nil) }
                continue
            }
            let chars = line.chars
            let start = firstDateStart(chars)
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
            if isRule(first) {
                if rows.isEmpty { continue } else { break }
            }
            if endsTable(first) { break }
            if let gap = columnGap(chars, low..<high) {
                throw .badCell(
                    line: line.number, column: guessColumn(offset: gap, index: 0, columns),
                    value: String(chars[gap..<high]), reason: notADate)
            }
            let name = try participantName(first, line: line)
            let cells = try scanText(chars, from: start, line: line.number, withOffsets: true, before: 0, columns)
            rows.append(RawRow(line: line.number, name: name, cells: cells, columnsByIndex: nil))
        }
        return rows
    }

    private func scanText(
        _ chars: [Character], from start: Int, line: Int, withOffsets: Bool, before: Int, _ columns: [Column]
    ) throws(UNTCParseError) -> [DateCell] {
        do throws(CellIssue) {
            return try scanCells(chars, from: start, line: line, withOffsets: withOffsets)
        } catch {
            throw .badCell(
                line: line, column: guessColumn(offset: withOffsets ? error.offset : nil, index: before + error.index, columns),
                value: error.value, reason: error.reason)
        }
    }

    /// The start of the first run of two or more spaces (or a tab) inside `range`, and so of text in a further column.
    private func columnGap(_ chars: [Character], _ range: Range<Int>) -> Int? {
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
    private func guessColumn(offset: Int?, index: Int, _ columns: [Column]) -> String {
        if let offset {
            let starts = columns.compactMap { column in column.start.map { (column.header, abs($0 - offset)) } }
            if starts.count == columns.count, let nearest = starts.min(by: { $0.1 < $1.1 }) { return nearest.0 }
        }
        return columns[min(max(index, 0), columns.count - 1)].header
    }

    // MARK: Placing dates in columns

    private func place(_ raw: [RawRow], columns: [Column]) throws(UNTCParseError) -> [UNTCTable.Row] {
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
            var placed: [(DateCell, Int)]?
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
                if placed == nil { placed = byContent(row.cells + items.compactMap { $0 }, columns) }
            } else {
                if aligned { placed = byPosition(row.cells, columns) }
                if placed == nil { placed = byContent(row.cells, columns) }
            }
            guard let placed else {
                throw .badRow(
                    line: row.line, value: row.name,
                    reason: "it has \(row.cellCount) dates but the table has \(columns.count) date column\(columns.count == 1 ? "" : "s")")
            }
            var actions: [UNTCTable.Action] = []
            for (cell, column) in placed { actions.append(try action(cell, in: columns[column])) }
            rows.append(UNTCTable.Row(line: row.line, participant: row.name, actions: actions))
        }
        return rows
    }

    /// Each date in the column whose header starts within two characters of it, or nil if the row is not aligned.
    private func byPosition(_ cells: [DateCell], _ columns: [Column]) -> [(DateCell, Int)]? {
        var placed: [(DateCell, Int)] = []
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
    private func byContent(_ cells: [DateCell], _ columns: [Column]) -> [(DateCell, Int)]? {
        guard cells.count <= columns.count else { return nil }
        if cells.count == columns.count { return Array(zip(cells, columns.indices)) }
        var placed: [(DateCell, Int)] = []
        var next = 0
        for (index, cell) in cells.enumerated() {
            let last = columns.count - (cells.count - index)
            let column = (next...last).first { cell.letter == nil || !columns[$0].isSignature } ?? next
            placed.append((cell, column))
            next = column + 1
        }
        return placed
    }

    private func action(_ cell: DateCell, in column: Column) throws(UNTCParseError) -> UNTCTable.Action {
        func bad(_ reason: String) -> UNTCParseError {
            .badCell(line: cell.line, column: column.header, value: cell.text, reason: reason)
        }
        guard let month = monthNumber(cell.month) else {
            throw bad("\"\(cell.month)\" is not a month (write Jan, Feb, … or January, February, …)")
        }
        guard let date = ISODate(year: cell.year, month: month, day: cell.day) else {
            throw bad(cell.year == 0 ? "there is no year 0000" : "there is no day \(cell.day) in \(monthNames[month - 1]) \(cell.year)")
        }
        let kind: TreatyActionKind
        if column.isSignature {
            guard cell.fitsSignature else {
                throw bad("only \"d\" (succession to signature) may follow a date in the signature column, not \"\(cell.letter ?? "")\"")
            }
            kind = .signature
        } else {
            switch cell.letter {
            case nil: kind = .ratification
            case "a": kind = .accession
            case "A": kind = .acceptance
            case "AA": kind = .approval
            case "c": kind = .formalConfirmation
            case "d": kind = .succession
            case "s": kind = .definitiveSignature
            case let letter?:
                throw bad(
                    "\"\(letter)\" is not an action letter (none for ratification, a accession, A acceptance, AA approval, "
                        + "c formal confirmation, d succession, s definitive signature)")
            }
        }
        return UNTCTable.Action(kind: kind, date: date, cell: cell.text)
    }

    // MARK: Names

    private func participantName(_ cell: String, line: TextLine) throws(UNTCParseError) -> String {
        var chars = Array(cell)
        while let last = chars.last, last.asciiDigit != nil || last == "," || last.isWhitespace || superscriptDigits.contains(last) {
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

// MARK: - Text helpers

private let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
]

private let superscriptDigits: Set<Character> = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

private let trailerWords: Set<String> = [
    "declaration", "declarations", "reservation", "reservations", "objection", "objections", "note", "notes",
    "notification", "notifications", "communication", "communications", "footnote", "footnotes", "participant", "participants",
]

/// `Dec`, `December`, `dec.` or `Sept` as 1...12.
private func monthNumber(_ word: String) -> Int? {
    let lower = word.lowercased()
    if lower == "sept" { return 9 }
    return monthNames.firstIndex { name in
        let full = name.lowercased()
        return lower == full || lower == String(full.prefix(3))
    }.map { $0 + 1 }
}

/// `after` without the footnote marks that open it (` 2, 3` of `Participant 2, 3`), keeping the
/// separator that follows them; unchanged when it does not open with a mark.
private func droppingFootnoteMarks(_ after: ArraySlice<Character>) -> ArraySlice<Character> {
    var i = after.startIndex
    while i < after.endIndex, after[i] == " " { i += 1 }
    guard i < after.endIndex, after[i].asciiDigit != nil || superscriptDigits.contains(after[i]) else { return after }
    var end = i
    while end < after.endIndex {
        let c = after[end]
        if c.asciiDigit != nil || superscriptDigits.contains(c) || c == "," {
            end += 1
        } else if c == " ", end + 1 < after.endIndex, after[end + 1].asciiDigit != nil || superscriptDigits.contains(after[end + 1]) {
            end += 1  // `2, 3`: a single space between two marks
        } else {
            break
        }
    }
    return after[end...]
}

/// A header cell without the footnote marks after it (`Signature 4` gives `Signature`).
private func withoutTrailingMarks(_ header: String) -> String {
    var chars = Array(header)
    while let last = chars.last, last.asciiDigit != nil || last == "," || last.isWhitespace || superscriptDigits.contains(last) {
        chars.removeLast()
    }
    return String(chars)
}

private func isColumnHeader(_ text: String) -> Bool {
    let lower = text.lowercased()
    return lower.hasPrefix("signature")
        || ["ratification", "accession", "succession", "acceptance", "approval", "confirmation", "definitive signature", "participation"]
            .contains { lower.contains($0) }
}

/// Header cells after `Participant` separated by single spaces: a new column starts at a column
/// word (`Signature`, `Ratification`, …) that does not follow a comma.
private func splitHeaderWords(_ text: String) -> [String] {
    let starts = [
        "Signature", "Ratification", "Accession", "Acceptance", "Approval", "Formal", "Definitive", "Succession", "Participation",
    ]
    var columns: [[Substring]] = []
    var previous: Substring?
    for word in text.split(whereSeparator: \.isWhitespace) {
        if starts.contains(where: { word.hasPrefix($0) }), !(previous?.hasSuffix(",") ?? false) {
            columns.append([word])
        } else if columns.isEmpty {
            return []
        } else {
            columns[columns.count - 1].append(word)
        }
        previous = word
    }
    return columns.map { $0.joined(separator: " ") }
}

/// A line's cells separated by two or more spaces or by a tab, with where each starts.
private func columnSegments(_ chars: [Character]) -> [(start: Int, text: String)] {
    var segments: [(start: Int, text: String)] = []
    var start: Int?
    var i = 0
    while i < chars.count {
        if chars[i].isWhitespace {
            var j = i
            while j < chars.count, chars[j].isWhitespace { j += 1 }
            if let s = start, j - i >= 2 || chars[i..<j].contains("\t") || j == chars.count {
                segments.append((s, String(chars[s..<i])))
                start = nil
            }
            i = j
        } else {
            if start == nil { start = i }
            i += 1
        }
    }
    if let s = start { segments.append((s, String(chars[s...]))) }
    return segments
}

private func collapsedLowercase(_ chars: [Character]) -> [Character] {
    var result: [Character] = []
    for c in chars {
        if c.isWhitespace {
            if result.last != " " { result.append(" ") }
        } else {
            result.append(contentsOf: c.lowercased())
        }
    }
    return result
}

private func trim(_ chars: ArraySlice<Character>) -> ArraySlice<Character> {
    var slice = chars
    while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
    while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
    return slice
}

/// A line of dashes or other marks with no letter or digit, as under a header row.
private func isRule(_ text: String) -> Bool {
    !text.contains { $0.isLetter || $0.isNumber }
}

/// Whether a participant cell is clearly not a name, and so ends the table.
private func endsTable(_ text: String) -> Bool {
    guard let first = text.first, first.isLetter else { return true }
    if text.contains(":") || text.last == "." || text.count > 100 { return true }
    let lower = text.lowercased()
    let firstWord = String(lower.prefix { $0.isLetter })
    return trailerWords.contains(firstWord) || lower.hasPrefix("territorial application") || lower.hasPrefix("end note")
}

/// If a date `D Mon YYYY` starts at `i`, its parts and the index after the year.
private func matchDate(_ c: [Character], at i: Int) -> (day: Int, month: String, year: Int, end: Int)? {
    guard i < c.count, let firstDigit = c[i].asciiDigit else { return nil }
    if i > 0, c[i - 1].isASCIIDigitOrLetter { return nil }
    var j = i + 1
    var day = firstDigit
    if j < c.count, let digit = c[j].asciiDigit {
        day = day * 10 + digit
        j += 1
    }
    func skipSpaces() -> Bool {
        let from = j
        while j < c.count, c[j].isWhitespace, c[j] != "\t" { j += 1 }
        return j > from
    }
    guard skipSpaces() else { return nil }
    let monthStart = j
    while j < c.count, c[j].isLetter { j += 1 }
    guard j > monthStart else { return nil }
    let month = String(c[monthStart..<j])
    if j < c.count, c[j] == "." { j += 1 }
    guard skipSpaces() else { return nil }
    var year = 0
    let yearStart = j
    while j < c.count, let digit = c[j].asciiDigit {
        // Only four digits make a year; a longer run is refused below (accumulating it overflowed).
        if j - yearStart < 4 { year = year * 10 + digit }
        j += 1
    }
    guard j - yearStart == 4 else { return nil }
    return (day, month, year, j)
}

private func firstDateStart(_ chars: [Character]) -> Int {
    chars.indices.first { matchDate(chars, at: $0) != nil } ?? chars.count
}

/// The next run of non-space characters from `i`, if any.
private func nextToken(_ c: [Character], _ i: Int) -> Range<Int>? {
    var start = i
    while start < c.count, c[start].isWhitespace { start += 1 }
    guard start < c.count else { return nil }
    var end = start
    while end < c.count, !c[end].isWhitespace { end += 1 }
    return start..<end
}

/// The date cells from `start` (where a date begins) to the end of the line: each a date, an optional
/// action letter, then optional footnote numbers that cannot be the day of a next date.
private func scanCells(_ c: [Character], from start: Int, line: Int, withOffsets: Bool) throws(CellIssue) -> [DateCell] {
    var cells: [DateCell] = []
    var i = start
    while let token = nextToken(c, i) {
        i = token.lowerBound
        guard let date = matchDate(c, at: i) else {
            throw CellIssue(value: String(trim(c[i...])), reason: notADate, index: cells.count, offset: i)
        }
        var j = date.end
        var letter: String?
        if j < c.count, !c[j].isWhitespace {
            // Letters written against the year, as in `27 Jun 2001a`.
            let glued = nextToken(c, j)!
            if c[glued].allSatisfy(\.isLetter) {
                letter = String(c[glued])
                j = glued.upperBound
            }
        } else if let next = nextToken(c, j), c[next].allSatisfy(\.isLetter) {
            letter = String(c[next])
            j = next.upperBound
        }
        while let next = nextToken(c, j), c[next].allSatisfy({ $0.asciiDigit != nil || $0 == "," }),
            matchDate(c, at: next.lowerBound) == nil
        {
            j = next.upperBound
        }
        if let next = nextToken(c, j), next.lowerBound == j || matchDate(c, at: next.lowerBound) == nil {
            throw CellIssue(
                value: String(c[i..<next.upperBound]),
                reason: "\"\(String(c[next]))\" after the date is neither an action letter nor a footnote number",
                index: cells.count, offset: i)
        }
        cells.append(
            DateCell(
                text: String(c[i..<j]), line: line, offset: withOffsets ? i : nil, day: date.day, month: date.month, year: date.year,
                letter: letter))
        i = j
    }
    return cells
}

extension Character {
    fileprivate var asciiDigit: Int? {
        guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
        return Int(ascii - 48)
    }

    fileprivate var isASCIIDigitOrLetter: Bool { asciiDigit != nil || isLetter }
}
