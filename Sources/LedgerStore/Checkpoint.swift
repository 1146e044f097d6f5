import Crypto
import Foundation
import LedgerModel

/// A signed statement that the ledger's head was event `seq` with hash `hash` at `time`: an anchor
/// outside the ledger file. With one, `verify` proves that the file still holds that head and,
/// through the hash chain, every event before it (truncation and rewrites are found).
///
/// The signature is Ed25519 over the bytes `cpsledger-checkpoint\n` followed by the canonical JSON
/// `{"hash":HASH,"seq":SEQ,"time":TIME}`; `public_key` and `signature` are hex.
public struct Checkpoint: Sendable, Hashable, Codable {
    public let seq: Int64
    public let hash: String
    /// When it was signed, UTC (`2026-11-29T10:41:07.123Z`).
    public let time: String
    /// The signer's Ed25519 public key, 32 bytes in hex.
    public let publicKey: String
    /// The Ed25519 signature, 64 bytes in hex.
    public let signature: String

    enum CodingKeys: String, CodingKey {
        case seq, hash, time, signature
        case publicKey = "public_key"
    }

    public init(seq: Int64, hash: String, time: String, publicKey: String, signature: String) {
        self.seq = seq
        self.hash = hash
        self.time = time
        self.publicKey = publicKey
        self.signature = signature
    }

    /// The bytes the signature covers.
    static func message(seq: Int64, hash: String, time: String) -> Data {
        Data(("cpsledger-checkpoint\n" + JSONValue.object(["seq": .int(Int(seq)), "hash": .string(hash), "time": .string(time)]).canonicalText).utf8)
    }

    /// True when the signature is the public key's over `(seq, hash, time)`, and, when `trustedKey`
    /// (hex) is given, the public key is that one.
    public func isValid(trustedKey: String? = nil) -> Bool {
        if let trustedKey, trustedKey.lowercased() != publicKey.lowercased() { return false }
        guard let keyBytes = Self.bytes(hex: publicKey), let signatureBytes = Self.bytes(hex: signature),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
        else { return false }
        return key.isValidSignature(signatureBytes, for: Self.message(seq: seq, hash: hash, time: time))
    }

    /// The checkpoint as canonical JSON (the form written to files, events and `/api/checkpoints/latest`).
    public var json: JSONValue {
        .object([
            "seq": .int(Int(seq)), "hash": .string(hash), "time": .string(time), "public_key": .string(publicKey),
            "signature": .string(signature),
        ])
    }

    /// Reads a checkpoint from its JSON text.
    public static func decode(_ data: Data) throws -> Checkpoint {
        try JSONDecoder().decode(Checkpoint.self, from: data)
    }

    static func bytes(hex: String) -> Data? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out = Data(capacity: digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// An Ed25519 signing key for checkpoints, kept in a file outside the ledger (never in it): one
/// line, `ed25519-private-key:` and the 32-byte private key in hex.
public struct CheckpointKey: Sendable {
    private let key: Curve25519.Signing.PrivateKey
    static let prefix = "ed25519-private-key:"

    /// A new random key.
    public init() { key = Curve25519.Signing.PrivateKey() }

    /// Reads a key file written by ``write(to:)``.
    public init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw LedgerError.unreadableFile(path: path, reason: "no signing key can be read there")
        }
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix(Self.prefix), let bytes = Checkpoint.bytes(hex: String(line.dropFirst(Self.prefix.count))),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
        else {
            throw LedgerError.unreadableFile(path: path, reason: "it is not a signing key (one line: \(Self.prefix) and 64 hex digits)")
        }
        self.key = key
    }

    /// The public key, hex: give it to whoever checks the checkpoints (`verify --checkpoint-key`, `mirror --checkpoint-key`).
    public var publicKey: String { EventHasher.hex(key.publicKey.rawRepresentation) }

    /// Writes the key to a new file readable by its owner only; never overwrites.
    public func write(to path: String) throws {
        if FileManager.default.fileExists(atPath: path) { throw LedgerError.keyFileExists(path: path) }
        let text = Self.prefix + EventHasher.hex(key.rawRepresentation) + "\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw LedgerError.unreadableFile(path: path, reason: "the key file cannot be created")
        }
    }

    /// Signs `(seq, hash, time)`.
    public func sign(seq: Int64, hash: String, time: String) throws -> Checkpoint {
        let signature = try key.signature(for: Checkpoint.message(seq: seq, hash: hash, time: time))
        return Checkpoint(seq: seq, hash: hash, time: time, publicKey: publicKey, signature: EventHasher.hex(signature))
    }
}
