import Crypto
import Foundation

/// A public key that checks note signatures: a name, a key type and an Ed25519 public key. Its text,
/// `NAME+KEYID+BASE64(type || public key)`, is what Go's `note.NewVerifier` reads (for type 0x01).
public struct NoteVerifier: Hashable, Sendable {
    public let name: String
    public let type: NoteKeyType
    /// The 32-byte Ed25519 public key.
    public let publicKey: [UInt8]

    public init(name: String, type: NoteKeyType = .ed25519, publicKey: [UInt8]) throws {
        guard NoteSigner.isValidName(name) else { throw NoteError.invalidName(name) }
        guard publicKey.count == 32 else { throw NoteError.malformedVerifierKey(reason: "an Ed25519 public key has 32 bytes, not \(publicKey.count).") }
        self.name = name
        self.type = type
        self.publicKey = publicKey
    }

    /// Reads `NAME+KEYID+BASE64KEY`, checking the key id against the name and key.
    public init(verifierKey text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // NAME+KEYID+KEY: the key's base64 may hold '+' itself (Go's chop splits at the first two).
        let parts = trimmed.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw NoteError.malformedVerifierKey(reason: "'\(trimmed)' has \(parts.count) parts separated by '+', not 3.") }
        guard parts[1].count == 8, let id = UInt32(parts[1], radix: 16) else {
            throw NoteError.malformedVerifierKey(reason: "the key id '\(parts[1])' is not 8 hex digits.")
        }
        guard let data = Data(base64Encoded: String(parts[2])), data.count == 33 else {
            throw NoteError.malformedVerifierKey(reason: "the key '\(parts[2])' is not the base64 of a type byte and a 32-byte Ed25519 key.")
        }
        guard let type = NoteKeyType(rawValue: data[data.startIndex]) else {
            throw NoteError.malformedVerifierKey(reason: "key type \(data[data.startIndex]) is neither 1 (Ed25519) nor 4 (cosignature/v1).")
        }
        try self.init(name: String(parts[0]), type: type, publicKey: Array(data.dropFirst()))
        guard id == keyID else {
            throw NoteError.malformedVerifierKey(reason: "the key id \(parts[1]) is not the one of this name and key (\(String(keyID, radix: 16).leftPadded(8))).")
        }
    }

    /// First 4 bytes of SHA-256(name || 0x0A || type || public key), big-endian.
    public var keyID: UInt32 { Self.keyID(name: name, key: [type.rawValue] + publicKey) }

    /// `NAME+KEYID+BASE64(type || public key)`.
    public var verifierKey: String {
        "\(name)+\(String(keyID, radix: 16).leftPadded(8))+\(Data([type.rawValue] + publicKey).base64EncodedString())"
    }

    static func keyID(name: String, key: [UInt8]) -> UInt32 {
        let digest = Array(SHA256.hash(data: Array(name.utf8) + [0x0A] + key))
        return UInt32(digest[0]) << 24 | UInt32(digest[1]) << 16 | UInt32(digest[2]) << 8 | UInt32(digest[3])
    }

    /// True when `line` is this key's and its signature verifies over `text`.
    public func isValid(_ line: NoteSignature, over text: String) -> Bool {
        guard line.name == name, line.keyID == keyID, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        switch type {
        case .ed25519:
            return line.signature.count == 64 && key.isValidSignature(line.signature, for: Array(text.utf8))
        case .cosignatureV1:
            guard line.signature.count == 72, let time = Self.timestamp(of: line) else { return false }
            return key.isValidSignature(Array(line.signature[8...]), for: NoteSigner.cosignedMessage(text: text, time: time))
        }
    }

    /// The time (seconds since 1970, UTC) a cosignature line says it was made; nil when it is not one.
    public static func timestamp(of line: NoteSignature) -> UInt64? {
        guard line.signature.count == 72 else { return nil }
        return line.signature[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
