/// Renders rows as a plain-text table with aligned columns: numeric columns right-aligned, text left.
/// Widths are display widths (a Chinese character takes two columns, an Arabic vowel mark none), so
/// tables line up in a terminal in every language.
public enum TextTable {
    public static func render(headers: [String], rows: [[String]]) -> String {
        var widths = headers.map(displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], displayWidth(cell)) }
        }
        let numeric = headers.indices.map { column in
            !rows.isEmpty && rows.allSatisfy { row in
                column < row.count && isNumber(row[column])
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, widths[index] - displayWidth(cell)))
                return numeric[index] ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        var out = line(headers)
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) }
        return out
    }

    /// A number as a report prints it in any language: digits with a dot or a comma for decimals, or the dash of "no value".
    static func isNumber(_ cell: String) -> Bool {
        if cell == "–" { return true }
        let body = cell.hasPrefix("-") ? cell.dropFirst() : Substring(cell)
        guard let first = body.first, first.isASCII, first.isNumber else { return false }
        var separators = 0
        for character in body {
            if character == "." || character == "," {
                separators += 1
            } else if !(character.isASCII && character.isNumber) {
                return false
            }
        }
        return separators <= 1
    }

    /// The columns `text` takes in a terminal: East Asian wide and fullwidth characters two, combining
    /// marks and zero-width characters none, everything else one (Unicode's East Asian Width, UAX #11).
    public static func displayWidth(_ text: String) -> Int {
        // ASCII text (every English table, and the codes, dates and numbers of every language) is one
        // column a byte: Unicode's property lookup below was a quarter of `history`'s instructions (issue 23).
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        var width = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            // Latin-1 and Latin Extended: one column, but for the soft hyphen (a format character).
            if value < 0x300, value != 0xAD {
                width += 1
                continue
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: continue
            default: break
            }
            if value == 0x200B { continue }
            width += isWide(value) ? 2 : 1
        }
        return width
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x20000...0x3FFFD).contains(v)
    }
}

extension String {
    /// The text without the spaces at its end, found by bytes: `last` and `removeLast()` walk grapheme
    /// clusters backwards, which was half of a text table's rendering (issue 23).
    func trimmingTrailingSpaces() -> String {
        let bytes = utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: " ") { end = bytes.index(before: end) }
        return end == bytes.endIndex ? self : String(decoding: bytes[..<end], as: UTF8.self)
    }
}
