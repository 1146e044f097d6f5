import Crypto
import Foundation

/// Reads an RFC 4180 CSV file row by row in fixed-size chunks, so memory stays flat whatever the
/// file's size. Quoted fields may hold commas, doubled quotes and line breaks; CRLF and a UTF-8
/// byte-order mark are accepted. It also hashes the bytes it reads (SHA-256).
final class CSVReader {
    struct Row {
        /// The line the row starts on (1-based).
        let line: Int
        let fields: [String]
    }

    enum Failure: Error {
        case unterminatedQuote(line: Int)
        case invalidUTF8(line: Int)
    }

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var hasher = SHA256()
    private var started = false
    static let chunkSize = 1 << 20

    init(path: String) throws {
        let handle = try InputFile.open(path)
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The file's size in bytes, when known.
    var fileSize: Int {
        let current = (try? handle.offset()) ?? 0
        let end = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: current)
        return Int(end)
    }

    /// SHA-256 (hex) of the bytes read so far; the whole file's once `next()` has returned nil.
    var sha256: String { EventHasher.hex(hasher.finalize()) }

    private func fill() throws -> Bool {
        if atEnd { return false }
        let data = try handle.read(upToCount: Self.chunkSize) ?? Data()
        if data.isEmpty {
            atEnd = true
            return false
        }
        hasher.update(data: data)
        if position >= buffer.count {
            buffer = [UInt8](data)
        } else {
            buffer = Array(buffer[position...]) + data
        }
        position = 0
        if !started {
            started = true
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
        return true
    }

    @inline(__always)
    private func peek() throws -> UInt8? {
        // A loop, not an `if`: a chunk that is only the byte-order mark leaves nothing to read after it
        // (a file holding just a BOM trapped here).
        while position >= buffer.count {
            if try !fill() { return nil }
        }
        return buffer[position]
    }

    /// The next non-blank row, or nil at the end of the file.
    func next() throws -> Row? {
        while true {
            guard let row = try nextRaw() else { return nil }
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }
            return row
        }
    }

    private func nextRaw() throws -> Row? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var fields: [String] = []
        fields.reserveCapacity(10)
        var field: [UInt8] = []
        field.reserveCapacity(128)
        let startLine = line
        var inQuotes = false
        var sawAny = false
        func finish() throws {
            guard let text = String(validating: field, as: UTF8.self) else { throw Failure.invalidUTF8(line: startLine) }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
        }
        while true {
            guard let byte = try peek() else {
                if !sawAny { return nil }
                if inQuotes { throw Failure.unterminatedQuote(line: startLine) }
                try finish()
                return Row(line: startLine, fields: fields)
            }
            position += 1
            sawAny = true
            if inQuotes {
                if byte == quote {
                    if try peek() == quote {
                        position += 1
                        field.append(quote)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == newline { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case comma: try finish()
            case quote where field.isEmpty: inQuotes = true
            case cr: if try peek() != newline { field.append(byte) }
            case newline:
                line += 1
                try finish()
                return Row(line: startLine, fields: fields)
            default: field.append(byte)
            }
        }
    }
}
