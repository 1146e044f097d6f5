import Crypto
import Foundation

/// Computes the hash chain of the ledger:
/// `hash = SHA-256(prev_hash + "\n" + [seq, recorded_at, actor, kind] + "\n" + payload)`, hex encoded.
enum EventHasher {
    static let genesis = String(repeating: "0", count: 64)

    static func hash(prev: String, seq: Int64, recordedAt: String, actor: String, kind: String, payload: String) -> String {
        var message: [UInt8] = []
        message.reserveCapacity(prev.utf8.count + payload.utf8.count + 128)
        message.append(contentsOf: prev.utf8)
        message.append(0x0A)
        var header: [UInt8] = []
        JSONValue.array([.int(Int(seq)), .string(recordedAt), .string(actor), .string(kind)]).write(into: &header)
        message.append(contentsOf: header)
        message.append(0x0A)
        message.append(contentsOf: payload.utf8)
        return hex(SHA256.hash(data: message))
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

import LedgerModel
