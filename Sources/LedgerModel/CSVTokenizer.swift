/// Splits RFC 4180 CSV bytes into records, without I/O: the measure CSV (read from a file in chunks)
/// and the CSV form of a UNTC status table both read their records through it.
///
/// A quoted field may hold commas, doubled quotes (`""` reads as `"`) and line breaks; a line ends at
/// LF or CRLF (a CR that is not before an LF is kept in the field); a UTF-8 byte-order mark before
/// the first record of line 1 is skipped. Fields are returned as written otherwise: not trimmed.
///
/// ``next(in:at:isFinal:)`` reads one record from a buffer and says when the buffer ends before the
/// record does, so a caller that reads a file in chunks appends the next chunk and asks again.
public struct CSVTokenizer: Sendable {
    /// One record: the line it starts on and its fields, unquoted.
    public struct Record: Sendable, Hashable {
        /// The 1-based line the record starts on.
        public let line: Int
        public let fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// Why bytes cannot be read as CSV records; each case names the line the record starts on.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// A quoted field opened on this line is not closed before the end of the input.
        case unterminatedQuote(line: Int)
        /// A field of the record that starts on this line is not valid UTF-8.
        case invalidUTF8(line: Int)

        public var description: String {
            switch self {
            case .unterminatedQuote(let line): "Line \(line): a quoted field opened on this line is never closed."
            case .invalidUTF8(let line): "Line \(line): the record is not valid UTF-8."
            }
        }
    }

    /// What one call of ``next(in:at:isFinal:)`` found.
    public enum Step: Sendable, Hashable {
        /// A whole record; the position is after it.
        case record(Record)
        /// The bytes end before the record does: append more and call again (the position did not move).
        case needsMoreBytes
        /// No record is left: the input is final and nothing but a byte-order mark remains.
        case end
    }

    /// The line the next record starts on.
    public private(set) var line: Int
    private let quoteAfterWhitespace: Bool
    private var atStart: Bool

    /// A tokenizer whose first record starts on `firstLine`. With `quoteAfterWhitespace`, a quote
    /// after only whitespace opens a quoted field and the whitespace is dropped (`a,  "b, c"`), as
    /// UNTC tables scraped by hand are written; otherwise only a quote that opens the field does.
    public init(firstLine: Int = 1, quoteAfterWhitespace: Bool = false) {
        line = firstLine
        self.quoteAfterWhitespace = quoteAfterWhitespace
        atStart = firstLine == 1
    }

    /// Reads the record that starts at `position` in `bytes`. When `isFinal` is false and the bytes
    /// end inside the record, it returns ``Step/needsMoreBytes`` and leaves `position` where it was.
    public mutating func next(in bytes: [UInt8], at position: inout Int, isFinal: Bool) throws(Failure) -> Step {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = position
        if atStart {
            let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
            let head = bytes[i..<min(bytes.count, i + 3)]
            if head.count < 3, !isFinal, mark.starts(with: head) { return .needsMoreBytes }
            if head.elementsEqual(mark) { i += 3 }
        }
        guard i < bytes.count else {
            if !isFinal { return .needsMoreBytes }
            position = i
            atStart = false
            return .end
        }
        let startLine = line
        var lines = line
        var fields: [String] = []
        fields.reserveCapacity(10)
        var field: [UInt8] = []
        field.reserveCapacity(128)
        var inQuotes = false
        func finish() throws(Failure) {
            guard let text = String(validating: field, as: UTF8.self) else { throw .invalidUTF8(line: startLine) }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
        }
        while true {
            guard i < bytes.count else {
                if !isFinal { return .needsMoreBytes }
                if inQuotes { throw .unterminatedQuote(line: startLine) }
                try finish()
                break
            }
            let byte = bytes[i]
            i += 1
            if inQuotes {
                if byte == quote {
                    if i == bytes.count, !isFinal { return .needsMoreBytes }
                    if i < bytes.count, bytes[i] == quote {
                        i += 1
                        field.append(quote)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == newline { lines += 1 }
                    field.append(byte)
                }
                continue
            }
            if byte == comma {
                try finish()
            } else if byte == quote, field.isEmpty || (quoteAfterWhitespace && Self.isWhitespace(field)) {
                field.removeAll(keepingCapacity: true)
                inQuotes = true
            } else if byte == cr {
                if i == bytes.count, !isFinal { return .needsMoreBytes }
                if i == bytes.count || bytes[i] != newline { field.append(byte) }
            } else if byte == newline {
                lines += 1
                try finish()
                break
            } else {
                field.append(byte)
            }
        }
        position = i
        line = lines
        atStart = false
        return .record(Record(line: startLine, fields: fields))
    }

    /// Every record of `text`, blank lines included (as one empty field).
    public static func records(in text: String) throws(Failure) -> [Record] {
        let bytes = Array(text.utf8)
        var tokenizer = CSVTokenizer()
        var position = 0
        var records: [Record] = []
        while case .record(let record) = try tokenizer.next(in: bytes, at: &position, isFinal: true) { records.append(record) }
        return records
    }

    private static func isWhitespace(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes, as: UTF8.self).allSatisfy(\.isWhitespace)
    }
}
