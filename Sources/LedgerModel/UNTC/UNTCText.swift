/// The text rules of a status table that are not about dates: footnote marks, column headers,
/// separators and the lines that end the table.
enum UNTCText {
    static let superscriptDigits: Set<Character> = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    static let trailerWords: Set<String> = [
        "declaration", "declarations", "reservation", "reservations", "objection", "objections", "note", "notes",
        "notification", "notifications", "communication", "communications", "footnote", "footnotes", "participant", "participants",
    ]

    /// `after` without the footnote marks that open it (` 2, 3` of `Participant 2, 3`), keeping the
    /// separator that follows them; unchanged when it does not open with a mark.
    static func droppingFootnoteMarks(_ after: ArraySlice<Character>) -> ArraySlice<Character> {
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
    static func withoutTrailingMarks(_ header: String) -> String {
        var chars = Array(header)
        while let last = chars.last, last.asciiDigit != nil || last == "," || last.isWhitespace || superscriptDigits.contains(last) {
            chars.removeLast()
        }
        return String(chars)
    }

    static func isColumnHeader(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("signature")
            || ["ratification", "accession", "succession", "acceptance", "approval", "confirmation", "definitive signature", "participation",
                "provisional application"]
                .contains { lower.contains($0) }
    }

    /// Header cells after `Participant` separated by single spaces: a new column starts at a column
    /// word (`Signature`, `Ratification`, …) that does not follow a comma.
    static func splitHeaderWords(_ text: String) -> [String] {
        let starts = [
            "Signature", "Ratification", "Accession", "Acceptance", "Approval", "Formal", "Definitive", "Succession", "Participation",
            "Provisional",
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
    static func columnSegments(_ chars: [Character]) -> [(start: Int, text: String)] {
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

    static func collapsedLowercase(_ chars: [Character]) -> [Character] {
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

    /// A CSV or tab cell as one line: `&nbsp;` (as copied from a page's source), no-break spaces
    /// and tabs inside it read as spaces, runs of spaces as one.
    static func cellText(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "&" || $0 == "\t" || $0 == "\u{A0}" }) || cell.contains("  ") else { return cell }
        let decoded = cell.replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&#160;", with: " ")
        return decoded.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }).joined(separator: " ")
    }

    /// Tab-separated cells with a date a tab split in two (`14 Jan`, `1993`, as a page that puts a
    /// tab inside its date cells gives them) joined again.
    static func joiningSplitDates(_ fields: [String]) -> [String] {
        guard fields.count > 2 else { return fields }
        var out: [String] = [fields[0]]
        var i = 1
        while i < fields.count {
            let field = fields[i]
            if i + 1 < fields.count, !field.isEmpty, UNTCCellScanner.matchDate(Array(field), at: 0) == nil,
                UNTCCellScanner.matchDate(Array(field + " " + fields[i + 1]), at: 0) != nil
            {
                out.append(field + " " + fields[i + 1])
                i += 2
            } else {
                out.append(field)
                i += 1
            }
        }
        return out
    }

    /// `text` without whitespace at either end.
    static func trimmed(_ text: String) -> String { String(trim(Array(text)[...])) }

    static func trim(_ chars: ArraySlice<Character>) -> ArraySlice<Character> {
        var slice = chars
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }

    /// A line of dashes or other marks with no letter or digit, as under a header row.
    static func isRule(_ text: String) -> Bool {
        !text.contains { $0.isLetter || $0.isNumber }
    }

    /// Whether a participant cell is clearly not a name, and so ends the table.
    static func endsTable(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter else { return true }
        if text.contains(":") || text.last == "." || text.count > 100 { return true }
        let lower = text.lowercased()
        let firstWord = String(lower.prefix { $0.isLetter })
        return trailerWords.contains(firstWord) || lower.hasPrefix("territorial application") || lower.hasPrefix("end note")
    }
}
