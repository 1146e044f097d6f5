import Crypto
import Foundation
import LedgerModel

/// Reads an RFC 4180 CSV file row by row in fixed-size chunks, so memory stays flat whatever the
/// file's size; ``CSVTokenizer`` splits the records (quoted commas, doubled quotes and line breaks,
/// CRLF, a UTF-8 byte-order mark). It also hashes the bytes it reads (SHA-256).
final class CSVReader {
    struct Row {
        /// The line the row starts on (1-based).
        let line: Int
        let fields: [String]
    }

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var hasher = SHA256()
    private var tokenizer = CSVTokenizer()
    /// 256 KiB: the buffer and the chunk being appended are in memory together, on the import's 64 MB budget.
    static let chunkSize = 1 << 18

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
        return true
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
        while true {
            switch try tokenizer.next(in: buffer, at: &position, isFinal: atEnd) {
            case .record(let record): return Row(line: record.line, fields: record.fields)
            case .end: return nil
            case .needsMoreBytes:
                _ = try fill()
            }
        }
    }
}
