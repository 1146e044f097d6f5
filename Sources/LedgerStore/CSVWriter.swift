import Foundation

/// Writes CSV fields, quoting only where needed, and neutralises cells a spreadsheet would run as a
/// formula (OWASP "CSV injection"): a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading `'`. Every CSV the tool writes (exports and reports) goes through it, and
/// every CSV import undoes it with ``CSVWriter/restore(_:)``, so a value imports back unchanged.
package enum CSVWriter {
    /// The first characters that make a spreadsheet read a cell as a formula.
    package static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// One CSV line (with its newline) of `fields`; nil is an empty cell.
    package static func line(_ fields: [String?]) -> String {
        fields.map { field in field.map(cell) ?? "" }.joined(separator: ",") + "\n"
    }

    /// One field, neutralised and quoted where needed.
    package static func cell(_ field: String) -> String {
        let field = neutralised(field)
        // Bytes, not Characters: "\r\n" is one Character, equal neither to "\r" nor to "\n".
        if field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }

    /// `'` + the value when it begins, after any run of `'`, with a formula start; else the value.
    /// Values already beginning with `'` before a formula start get one more, so ``restore(_:)``
    /// takes off exactly what was added.
    package static func neutralised(_ value: String) -> String {
        needsMark(value, marks: 0) ? "'" + value : value
    }

    /// The value a neutralised cell stood for: one leading `'` fewer when the cell is one or more `'`
    /// followed by a formula start; any other value as it is.
    package static func restore(_ value: String) -> String {
        needsMark(value, marks: 1) ? String(value.dropFirst()) : value
    }

    /// Whether `value` is at least `marks` quotes followed by (more quotes and) a formula start.
    private static func needsMark(_ value: String, marks: Int) -> Bool {
        // Unicode scalars, not Characters: a "\r\n" cell begins with "\r" all the same.
        let scalars = value.unicodeScalars
        guard let first = scalars.first, first == "'" || (marks == 0 && formulaStarts.contains(first)) else { return false }
        let quotes = scalars.prefix { $0 == "'" }.count
        guard quotes >= marks, let start = scalars.dropFirst(quotes).first else { return false }
        return formulaStarts.contains(start)
    }
}
