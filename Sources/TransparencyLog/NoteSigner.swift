import Crypto
import Foundation

/// A private key that signs notes: a name, a key type and an Ed25519 key. Its text is Go's
/// `PRIVATE+KEY+NAME+KEYID+BASE64(type || 32-byte seed)`.
public struct NoteSigner: Sendable {
    public let name: String
    public let type: NoteKeyType
    private let key: Curve25519.Signing.PrivateKey

    /// A signer of `name` with a new random key, or with `seed` (32 bytes).
    public init(name: String, type: NoteKeyType = .ed25519, seed: [UInt8]? = nil) throws {
        guard Self.isValidName(name) else { throw NoteError.invalidName(name) }
        self.name = name
        self.type = type
        if let seed {
            guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
                throw NoteError.malformedSignerKey(reason: "an Ed25519 private key has 32 bytes, not \(seed.count).")
            }
            self.key = key
        } else {
            key = Curve25519.Signing.PrivateKey()
        }
    }

    /// Reads `PRIVATE+KEY+NAME+KEYID+BASE64KEY`, checking the key id.
    public init(signerKey text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw NoteError.malformedSignerKey(reason: "it does not start with PRIVATE+KEY+ and have five parts separated by '+'.")
        }
        guard parts[3].count == 8, let id = UInt32(parts[3], radix: 16) else { throw NoteError.malformedSignerKey(reason: "the key id '\(parts[3])' is not 8 hex digits.") }
        guard let data = Data(base64Encoded: String(parts[4])), data.count == 33, let type = NoteKeyType(rawValue: data[data.startIndex]) else {
            throw NoteError.malformedSignerKey(reason: "the key is not the base64 of a type byte (1 or 4) and a 32-byte seed.")
        }
        try self.init(name: String(parts[2]), type: type, seed: Array(data.dropFirst()))
        guard id == verifier.keyID else { throw NoteError.malformedSignerKey(reason: "the key id \(parts[3]) is not the one of this name and key.") }
    }

    /// `PRIVATE+KEY+NAME+KEYID+BASE64(type || seed)`: keep it secret.
    public var signerKey: String {
        "PRIVATE+KEY+\(name)+\(String(verifier.keyID, radix: 16).leftPadded(8))+\(Data([type.rawValue] + Array(key.rawRepresentation)).base64EncodedString())"
    }

    /// The public half.
    public var verifier: NoteVerifier {
        // The name was checked and the key is 32 bytes, so this cannot fail.
        try! NoteVerifier(name: name, type: type, publicKey: Array(key.publicKey.rawRepresentation))
    }

    /// The signature line over `text` (for a cosignature key, made at `time`, seconds since 1970 UTC).
    public func sign(_ text: String, time: UInt64 = UInt64(Date().timeIntervalSince1970)) throws -> NoteSignature {
        guard !text.isEmpty, text.hasSuffix("\n") else { throw NoteError.malformedNote(reason: "the text to sign does not end with a newline.") }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            throw NoteError.malformedNote(reason: "the text to sign holds a control character other than newline.")
        }
        switch type {
        case .ed25519:
            return NoteSignature(name: name, keyID: verifier.keyID, signature: Array(try key.signature(for: Array(text.utf8))))
        case .cosignatureV1:
            let stamp = (0..<8).map { UInt8(time >> (56 - 8 * UInt64($0)) & 0xff) }
            return NoteSignature(name: name, keyID: verifier.keyID, signature: stamp + Array(try key.signature(for: Self.cosignedMessage(text: text, time: time))))
        }
    }

    /// What a tlog-cosignature v1 signs: `cosignature/v1\ntime T\n` then the checkpoint's text.
    static func cosignedMessage(text: String, time: UInt64) -> [UInt8] {
        Array("cosignature/v1\ntime \(time)\n\(text)".utf8)
    }

    /// A key name: not empty, no Unicode spaces, no '+' (Go's `isValidName`).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("+") && !name.unicodeScalars.contains { $0.properties.isWhitespace }
    }
}
