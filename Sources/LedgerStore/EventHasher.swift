import Crypto
import Foundation
import GRDB
import LedgerModel

/// Computes the hash chain of the ledger:
/// `hash = SHA-256(hex(previous hash) + "\n" + [seq, recorded_at, actor, kind] + "\n" + payload)`.
/// The ledger stores each hash as its 32 bytes; what is hashed, and every output, uses its lowercase hex.
enum EventHasher {
    static let genesis = String(repeating: "0", count: 64)

    /// The hash of one event, in hex.
    static func hash(prev: String, seq: Int64, recordedAt: String, actor: String, kind: String, payload: String) -> String {
        hex(digest(prev: prev, seq: seq, recordedAt: recordedAt, actor: actor, kind: kind, payload: payload))
    }

    /// The hash of one event, as the ledger stores it.
    static func digest(prev: String, seq: Int64, recordedAt: String, actor: String, kind: String, payload: String) -> SHA256.Digest {
        var message: [UInt8] = []
        message.reserveCapacity(prev.utf8.count + payload.utf8.count + 128)
        message.append(contentsOf: prev.utf8)
        message.append(0x0A)
        JSONValue.array([.int(Int(seq)), .string(recordedAt), .string(actor), .string(kind)]).write(into: &message)
        message.append(0x0A)
        message.append(contentsOf: payload.utf8)
        return SHA256.hash(data: message)
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a stored hash: 64 lowercase hex digits become their 32 bytes; any other text
    /// keeps its UTF-8 bytes (a hash that was edited stays one that matches no event).
    static func blob(ofHex text: String) -> Data {
        let utf8 = Array(text.utf8)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        guard utf8.count == 64 else { return Data(utf8) }
        var out = Data(capacity: 32)
        for i in stride(from: 0, to: 64, by: 2) {
            guard let high = nibble(utf8[i]), let low = nibble(utf8[i + 1]) else { return Data(utf8) }
            out.append(high << 4 | low)
        }
        return out
    }

    /// A stored hash as outputs show it: lowercase hex of its bytes (NULL: the empty text).
    static func hex(stored value: DatabaseValue) -> String {
        switch value.storage {
        case .blob(let data): hex(data)
        case .string(let text): text
        default: ""
        }
    }

    /// `cpsledger_hash_blob(text)`: ``blob(ofHex:)`` for migration v0011, which SQLite 3.40 cannot do in SQL.
    static let hashBlobFunction = DatabaseFunction("cpsledger_hash_blob", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map { blob(ofHex: $0) }
    }

    /// The first 16 bytes of SHA-256 of a measure's identity text, the key duplicates are found by.
    static func identity(of fields: MeasureFields) -> Data {
        identity(ofText: fields.identityText)
    }

    static func identity(ofText text: String) -> Data {
        identity(ofBytes: Array(text.utf8))
    }

    /// ``identity(ofText:)`` of the text's UTF-8 bytes.
    static func identity(ofBytes bytes: [UInt8]) -> Data {
        Data(SHA256.hash(data: bytes).prefix(16))
    }

    static func sha256Hex(_ data: Data) -> String { hex(SHA256.hash(data: data)) }
}
