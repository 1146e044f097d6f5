import LedgerModel

/// What a report cell is written as in a workbook: the text of the table read back into a date,
/// a number or a percentage where it is exactly one, otherwise the text itself (codes such as ISO3
/// or UNTC ids, and numbers with leading zeros, stay text).
enum XLSXCell {
    case empty
    case date(ISODate)
    case number(Double)
    case percent(Double)
    case text(String)

    init(_ text: String) {
        if text.isEmpty {
            self = .empty
        } else if text.utf8.count == 10, let day = ISODate(text), day.year >= 1900 {
            // Excel's dates start in 1900.
            self = .date(day)
        } else if Self.isPlainNumber(text), let value = Double(text) {
            self = .number(value)
        } else if text.hasSuffix("%"), Self.isPlainNumber(String(text.dropLast())), let value = Double(text.dropLast()) {
            self = .percent(value / 100)
        } else {
            self = .text(text)
        }
    }

    /// `12`, `-3`, `0.75`: digits with at most one point, no leading zero before another digit, at most 15 digits.
    static func isPlainNumber(_ text: String) -> Bool {
        var digits = 0
        var points = 0
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard let first = body.first, first.isASCII, first.isNumber else { return false }
        if first == "0", body.count > 1, body.dropFirst().first != "." { return false }
        for character in body {
            if character == "." { points += 1; continue }
            guard character.isASCII, character.isNumber else { return false }
            digits += 1
        }
        return points <= 1 && digits <= 15 && body.last != "."
    }
}
