import Crypto
import Foundation
import LedgerModel
import TransparencyLog

/// A signed statement that the ledger's head was event `seq` with hash `hash` at `time`: an anchor
/// outside the ledger file. With one, `verify` proves that the file still holds that head and,
/// through the hash chain, every event before it (truncation and rewrites are found).
///
/// The signature is Ed25519 over the bytes `cpsledger-checkpoint\n` followed by the canonical JSON
/// `{"hash":HASH,"seq":SEQ,"time":TIME}`; `public_key` and `signature` are hex.
///
/// Checkpoints signed since the transparency log also carry `note`: the same head as a C2SP
/// tlog-checkpoint signed note (origin, tree size = `seq`, the Merkle root over events 1...`seq`),
/// signed with the same key under the log's origin. Older checkpoints have none and still verify.
public struct Checkpoint: Sendable, Hashable, Codable {
    public let seq: Int64
    public let hash: String
    /// When it was signed, UTC (`2026-11-29T10:41:07.123Z`).
    public let time: String
    /// The signer's Ed25519 public key, 32 bytes in hex.
    public let publicKey: String
    /// The Ed25519 signature, 64 bytes in hex.
    public let signature: String
    /// The signed-note checkpoint of the same head (text with its signature line); nil in checkpoints
    /// signed before the transparency log.
    public let note: String?

    enum CodingKeys: String, CodingKey {
        case seq, hash, time, signature, note
        case publicKey = "public_key"
    }

    public init(seq: Int64, hash: String, time: String, publicKey: String, signature: String, note: String? = nil) {
        self.seq = seq
        self.hash = hash
        self.time = time
        self.publicKey = publicKey
        self.signature = signature
        self.note = note
    }

    /// The note's verifier: the checkpoint's public key under the note's origin; nil without a note.
    public var noteVerifier: NoteVerifier? {
        guard let note, let origin = note.split(separator: "\n", maxSplits: 1).first,
            let key = Self.bytes(hex: publicKey)
        else { return nil }
        return try? NoteVerifier(name: String(origin), publicKey: Array(key))
    }

    /// Checks the note: signed by this checkpoint's key under its origin, of tree size `seq`. Returns
    /// the checkpoint it states; throws a sentence when it is not so; nil when there is no note.
    public func checkedNote() throws -> LogCheckpoint? {
        guard let note else { return nil }
        let signed = try SignedNote(parsing: note)
        let body = try LogCheckpoint(text: signed.text)
        guard let key = Self.bytes(hex: publicKey) else { throw NoteError.malformedVerifierKey(reason: "the checkpoint's public key is not hex.") }
        try signed.verify(try NoteVerifier(name: body.origin, publicKey: Array(key)))
        guard body.tree.size == seq else {
            throw NoteError.malformedCheckpoint(line: 2, reason: "the note's tree size \(body.tree.size) is not the checkpoint's event \(seq).")
        }
        return body
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
        var members: [String: JSONValue] = [
            "seq": .int(Int(seq)), "hash": .string(hash), "time": .string(time), "public_key": .string(publicKey),
            "signature": .string(signature),
        ]
        if let note { members["note"] = .string(note) }
        return .object(members)
    }

    /// Reads a checkpoint from its JSON text.
    public static func decode(_ data: Data) throws -> Checkpoint {
        try JSONDecoder().decode(Checkpoint.self, from: data)
    }

    static func bytes(hex: String) -> Data? {
        Hex.bytes(hex).map { Data($0) }
    }
}

/// An Ed25519 signing key for checkpoints, kept in a file outside the ledger (never in it): a
/// line `ed25519-private-key:` and the 32-byte private key in hex, then (since the transparency log)
/// a line `origin:` and the log's name, under which it signs the signed-note checkpoints. A key
/// file without that line signs as `cpsledger/` and the first 16 hex digits of its public key.
public struct CheckpointKey: Sendable {
    private let key: Curve25519.Signing.PrivateKey
    /// The log's name in signed-note checkpoints (C2SP tlog-checkpoint origin).
    public let origin: String
    static let prefix = "ed25519-private-key:"
    static let originPrefix = "origin:"

    /// A new random key, for the log named `cpsledger/` and 16 hex digits of its public key.
    public init() {
        key = Curve25519.Signing.PrivateKey()
        origin = "cpsledger/" + String(EventHasher.hex(key.publicKey.rawRepresentation).prefix(16))
    }

    /// A new random key, for the log named `origin` (nil: the default of ``init()``).
    public init(origin: String?) throws {
        key = Curve25519.Signing.PrivateKey()
        self.origin = try Self.checkedOrigin(origin, key: key)
    }

    /// The origin given, checked (C2SP: not empty, one line; signed-note: no space and no '+', since
    /// it names the key), or the default one of `key`.
    static func checkedOrigin(_ origin: String?, key: Curve25519.Signing.PrivateKey) throws -> String {
        guard let origin else { return "cpsledger/" + String(EventHasher.hex(key.publicKey.rawRepresentation).prefix(16)) }
        guard NoteSigner.isValidName(origin) else { throw NoteError.invalidName(origin) }
        return origin
    }

    /// Reads a key file written by ``write(to:)``.
    public init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw LedgerError.unreadableFile(path: path, reason: "no signing key can be read there")
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let line = lines.first, line.hasPrefix(Self.prefix), let bytes = Checkpoint.bytes(hex: String(line.dropFirst(Self.prefix.count))),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
        else {
            throw LedgerError.unreadableFile(path: path, reason: "it is not a signing key (one line: \(Self.prefix) and 64 hex digits)")
        }
        self.key = key
        let named = lines.dropFirst().first { $0.hasPrefix(Self.originPrefix) }
        origin = try Self.checkedOrigin(named.map { String($0.dropFirst(Self.originPrefix.count)).trimmingCharacters(in: .whitespaces) }, key: key)
    }

    /// The key as a signer of signed notes under the origin.
    public var noteSigner: NoteSigner {
        // The origin was checked as a key name and the key is 32 bytes: this cannot fail.
        try! NoteSigner(name: origin, seed: Array(key.rawRepresentation))
    }

    /// The verifier key text of the signed-note checkpoints (`origin+keyid+base64`), what a reader
    /// passes to `verify-proof --key` and Go's `note.NewVerifier` reads.
    public var verifierKey: String { noteSigner.verifier.verifierKey }

    /// The public key, hex: give it to whoever checks the checkpoints (`verify --checkpoint-key`, `mirror --checkpoint-key`).
    public var publicKey: String { EventHasher.hex(key.publicKey.rawRepresentation) }

    /// Writes the key to a new file readable by its owner only; never overwrites.
    public func write(to path: String) throws {
        if FileManager.default.fileExists(atPath: path) { throw LedgerError.keyFileExists(path: path) }
        let text = Self.prefix + EventHasher.hex(key.rawRepresentation) + "\n" + Self.originPrefix + " " + origin + "\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw LedgerError.unreadableFile(path: path, reason: "the key file cannot be created")
        }
    }

    /// Signs `(seq, hash, time)`, and, when `root` (the Merkle root over events 1...`seq`) is given,
    /// the signed-note checkpoint `(origin, seq, root)`.
    public func sign(seq: Int64, hash: String, time: String, root: LogHash? = nil) throws -> Checkpoint {
        let signature = try key.signature(for: Checkpoint.message(seq: seq, hash: hash, time: time))
        var note: String?
        if let root {
            let text = try LogCheckpoint(origin: origin, tree: TreeHead(size: seq, root: root)).text
            note = SignedNote(text: text, signatures: [try noteSigner.sign(text)]).serialized
        }
        return Checkpoint(seq: seq, hash: hash, time: time, publicKey: publicKey, signature: EventHasher.hex(signature), note: note)
    }
}
