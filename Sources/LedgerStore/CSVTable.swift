import Foundation
import LedgerModel

/// A CSV input file read as records of field name → text, after checking its header: the part every
/// CSV import shares (measures, treaty actions).
struct CSVTable {
    /// One data row: its fields by name, or why its shape is wrong.
    enum Record {
        case row(line: Int, fields: [String: String])
        case malformed(LineIssue)
    }

    /// One data row by position (`values[i]` is the text of the column ``names``[i]), or why its shape is wrong.
    enum PositionalRecord {
        case row(line: Int, values: [String])
        case malformed(LineIssue)
    }

    let file: String
    let reader: CSVReader
    /// The header's column names, trimmed and lowercased, in file order.
    let names: [String]

    /// Opens `path` and checks that its header has every `required` column and nothing outside
    /// `required + optional` (case and surrounding spaces aside).
    init(path: String, required: [String], optional: [String] = []) throws {
        reader = try CSVReader(path: path)
        file = URL(fileURLWithPath: path).lastPathComponent
        try Ledger.check(file, field: "file", rule: .name)
        guard let header = try Self.read(reader, file: file) else {
            throw LedgerError.badHeader(file: file, missing: required, unknown: [], expected: required)
        }
        names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        // A column named twice would let one of two values win silently.
        let repeated = names.enumerated().filter { names[..<$0.offset].contains($0.element) }.map(\.element)
        if !repeated.isEmpty { throw LedgerError.repeatedColumns(file: file, columns: Array(Set(repeated)).sorted()) }
        let missing = required.filter { !names.contains($0) }
        let unknown = names.filter { !(required + optional).contains($0) }
        if !missing.isEmpty || !unknown.isEmpty {
            throw LedgerError.badHeader(file: file, missing: missing, unknown: unknown, expected: required)
        }
    }

    /// The next record, or nil at the end of the file.
    func next() throws -> Record? {
        switch try nextPositional() {
        case nil: return nil
        case .malformed(let issue): return .malformed(issue)
        case .row(let line, let values):
            return .row(line: line, fields: Dictionary(uniqueKeysWithValues: zip(names, values)))
        }
    }

    /// The next record by position, or nil at the end of the file.
    func nextPositional() throws -> PositionalRecord? {
        guard let row = try Self.read(reader, file: file) else { return nil }
        guard row.fields.count == names.count else {
            return .malformed(LineIssue(line: row.line, issues: [FieldIssue(
                field: "(row)", value: "", message: "has \(row.fields.count) fields; the header has \(names.count)")]))
        }
        // Undo the formula neutralisation of our own exports (`'=...` → `=...`).
        return .row(line: row.line, values: row.fields.map(CSVWriter.restore))
    }

    static func read(_ reader: CSVReader, file: String) throws -> CSVReader.Row? {
        do {
            return try reader.next()
        } catch CSVTokenizer.Failure.unterminatedQuote(let line) {
            throw LedgerError.importRejected(file: file, problems: [LineIssue(line: line, issues: [FieldIssue(
                field: "(row)", value: "", message: "opens a quoted field that is never closed")])], truncated: false)
        } catch CSVTokenizer.Failure.invalidUTF8(let line) {
            throw LedgerError.importRejected(file: file, problems: [LineIssue(line: line, issues: [FieldIssue(
                field: "(row)", value: "", message: "is not valid UTF-8; save the file as UTF-8")])], truncated: false)
        }
    }
}

/// The bad lines of one import, up to ``Ledger/importIssueLimit``: every input path lists them the same way.
struct LineIssues: Sendable {
    private(set) var items: [LineIssue] = []
    /// True once a line past the limit was found bad.
    private(set) var truncated = false

    var isEmpty: Bool { items.isEmpty }

    /// Adds a bad line; false when the limit is passed and reading may stop.
    mutating func add(_ issue: LineIssue) -> Bool {
        guard items.count < Ledger.importIssueLimit else {
            truncated = true
            return false
        }
        items.append(issue)
        return true
    }

    func rejection(file: String) -> LedgerError {
        .importRejected(file: file, problems: items, truncated: truncated)
    }
}
