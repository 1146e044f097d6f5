import Foundation

/// Reads the UN Treaty Collection's XML status file (`Document/Treaty/Header/ExternalData` for the
/// chapter, section and header counts; `Participants/Table/TGroup` for the table).
///
/// A well-formed file goes through ``XMLPullReader``. One that is not (the UNTC's files hold
/// stray control bytes in notes) is read again by ``MarkupScanner``, which is told apart in the
/// table's notes; a row that reading cannot make sense of is listed with its line, and nothing is read.
struct UNTCXMLReader {
    let data: Data

    func read() throws(UNTCParseError) -> UNTCTable {
        let (text, declaredLatin1) = decode(data)
        var notes: [String] = []
        var tokens: [MarkupScanner.Token]
        // A file declared ISO-8859-1 is read as decoded; any other must be UTF-8, or it is not well-formed.
        do {
            tokens = try Self.strictTokens(declaredLatin1 ? Array(text.utf8) : [UInt8](data))
        } catch {
            notes.append("The XML file is not well-formed (\(error)); it was read leniently, row by row.")
            tokens = MarkupScanner().tokens(text)
        }
        return try interpret(tokens, notes: notes)
    }

    /// ISO-8859-1 when the declaration says so (the UNTC's own files), else UTF-8, else ISO-8859-1.
    private func decode(_ data: Data) -> (text: String, declaredLatin1: Bool) {
        let head = String(decoding: data.prefix(200), as: UTF8.self).lowercased()
        if head.contains("iso-8859-1") || head.contains("latin1") { return (String(data: data, encoding: .isoLatin1) ?? "", true) }
        return (String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? "", false)
    }

    /// The whole file through ``XMLPullReader``, as the tokens ``MarkupScanner`` gives (names lowercased;
    /// the escaped markup inside a cell, `&lt;superscript&gt;`, comes back decoded, as the lenient path gives it).
    private static func strictTokens(_ bytes: [UInt8]) throws(XMLSyntaxError) -> [MarkupScanner.Token] {
        var reader = XMLPullReader(bytes: bytes)
        var tokens: [MarkupScanner.Token] = []
        while let event = try reader.next() {
            switch event {
            case .start(let name, _, let line): tokens.append(.start(name: name.lowercased(), attributes: "", selfClosing: false, line: line))
            case .end(let name, let line): tokens.append(.end(name: name.lowercased(), line: line))
            case .text(let text, let line): tokens.append(.text(text, line: line))
            }
        }
        return tokens
    }

    private func interpret(_ tokens: [MarkupScanner.Token], notes: [String]) throws(UNTCParseError) -> UNTCTable {
        var path: [String] = []
        var values: [String: String] = [:]  // element name → text, for the header fields
        var grid = UNTCGrid()
        var problems: [UNTCParseError.RowProblem] = []
        var sawDocument = false
        var sawTreatyHeader = false
        var section: String?  // "thead" or "tbody"
        var row: (line: Int, cells: [String])?
        var entry: String?
        let headerFields: Set<String> = ["header", "numsect", "subnumsect", "signatories", "parties", "titlesect", "subtitlesect", "conclusion"]

        /// A cell's text: most cells hold no markup; those with escaped tags (`<superscript>`) go through the scanner.
        func cellText(_ raw: String) -> String {
            raw.contains("<") || raw.contains("&") ? plainText(MarkupScanner().tokens(raw)) : collapseSpaces(raw)
        }

        func closeRow(at line: Int) {
            guard let open = row else { return }
            if let entry { row!.cells.append(cellText(entry)) }
            entry = nil
            let cells = row!.cells
            row = nil
            if section == "thead" {
                guard let first = cells.first, first.lowercased().hasPrefix("participant") else {
                    problems.append(.init(line: open.line, value: cells.joined(separator: " | "), reason: "the header row does not start with Participant"))
                    return
                }
                grid.columns = Array(cells.dropFirst())
            } else if cells.isEmpty || cells.allSatisfy(\.isEmpty) {
                problems.append(.init(line: open.line, value: "", reason: "the row holds no cell"))
            } else {
                grid.rows.append(.init(line: open.line, cells: cells))
            }
        }

        for token in tokens {
            switch token {
            case .start(let name, _, let selfClosing, let line):
                if name == "document" { sawDocument = true }
                if name == "externaldata" { sawTreatyHeader = true }
                if name == "thead" || name == "tbody" { section = name }
                if section != nil, name == "row" {
                    if row != nil {
                        problems.append(.init(line: row!.line, value: (row!.cells + [entry ?? ""]).joined(separator: " | "), reason: "the row is not closed before the next one starts"))
                        row = nil
                        entry = nil
                    }
                    row = (line, [])
                } else if row != nil, name == "entry" {
                    if let open = entry { row!.cells.append(cellText(open)) }
                    entry = selfClosing ? nil : ""
                    if selfClosing { row!.cells.append("") }
                } else if row == nil, section != nil, name == "entry" {
                    problems.append(.init(line: line, value: "", reason: "a cell (Entry) stands outside any row"))
                }
                if !selfClosing { path.append(name) }
            case .end(let name, let line):
                if name == "entry", row != nil, let open = entry {
                    row!.cells.append(cellText(open))
                    entry = nil
                } else if name == "row", row != nil {
                    closeRow(at: line)
                } else if name == "thead" || name == "tbody" {
                    if row != nil {
                        problems.append(.init(line: row!.line, value: row!.cells.joined(separator: " | "), reason: "the row is not closed"))
                        row = nil
                    }
                    section = nil
                }
                if let index = path.lastIndex(of: name) { path.removeSubrange(index...) }
            case .text(let value, _):
                if entry != nil {
                    entry! += value
                } else if let current = path.last, headerFields.contains(current),
                    path.contains("externaldata") || (current == "header" && path.contains("chapter"))
                {
                    // A parser may hand over an element's text in pieces.
                    values[current, default: ""] += value
                }
            }
        }
        let lastLine = tokens.last.map { token -> Int in
            switch token {
            case .start(_, _, _, let line), .end(_, let line), .text(_, let line): line
            }
        } ?? 1
        guard sawDocument, sawTreatyHeader else {
            throw .badXML(line: 1, reason: "it has no Document/Treaty/Header/ExternalData element, which every UNTC status file has")
        }
        if let open = row {
            problems.append(.init(line: open.line, value: open.cells.joined(separator: " | "), reason: "the file ends inside this row (cut short?)"))
        }
        if path.contains("document"), problems.isEmpty {
            throw .badXML(
                line: lastLine,
                reason: "the file ends before its Document is closed (\(path.map { "<\($0)>" }.joined(separator: " ")) still open): it is cut short")
        }
        if !problems.isEmpty { throw .unreadableRows(problems) }
        values = values.mapValues(collapseSpaces)
        let reference = Self.reference(chapter: values["header"], section: values["numsect"], subsection: values["subnumsect"])
        // A count may carry a footnote mark (`176<superscript>2</superscript>`, or `176 2` once the markup is gone).
        func count(_ text: String?) -> Int? {
            guard let text else { return nil }
            let plain = text.contains("<") || text.contains("&") ? plainText(MarkupScanner().tokens(text)) : text
            let digits = plain.drop(while: \.isWhitespace).prefix { $0.asciiDigit != nil }
            return digits.isEmpty || digits.count > 9 ? nil : Int(digits)
        }
        let title = (values["subtitlesect"] ?? values["titlesect"]).map { cellText($0) }.flatMap { $0.isEmpty ? nil : $0 }
        var table = try grid.table(
            form: .xml, reference: reference, notes: notes,
            declaredSignatories: count(values["signatories"]), declaredParties: count(values["parties"]), title: title)
        if let conclusion = values["conclusion"] { table.concluded = Self.date(inConclusion: cellText(conclusion)) }
        return table
    }

    /// `1979-12-17` from a conclusion such as `New York, 17 December 1979`.
    static func date(inConclusion text: String) -> ISODate? {
        let chars = Array(text)
        for start in chars.indices {
            if let found = UNTCCellScanner.matchDate(chars, at: start), let month = UNTCCellScanner.monthNumber(found.month) {
                return ISODate(year: found.year, month: month, day: found.day)
            }
        }
        return nil
    }

    /// `XVIII-12-a` from `CHAPTER XVIII`, `12` and `a`.
    static func reference(chapter: String?, section: String?, subsection: String?) -> String? {
        guard let chapter, let section, !section.isEmpty else { return nil }
        let roman = chapter.split(separator: " ").last.map(String.init) ?? chapter
        guard !roman.isEmpty, roman.allSatisfy({ "IVXLC".contains($0) }) else { return nil }
        return "\(roman)-\(section)" + (subsection.map { $0.isEmpty ? "" : "-\($0)" } ?? "")
    }
}
