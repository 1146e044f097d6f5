import Foundation

/// One signature line of a signed note, `— NAME BASE64` where BASE64 holds a 4-byte key id and the
/// signature bytes (C2SP signed-note). Lines of keys the reader does not know are kept and ignored.
public struct NoteSignature: Hashable, Sendable {
    /// The key's name (for a checkpoint's own signature: the log's origin).
    public let name: String
    /// The key id: the first 4 bytes of SHA-256(name || 0x0A || key type || public key), big-endian.
    public let keyID: UInt32
    /// The bytes after the key id (a 64-byte Ed25519 signature; for a cosignature, an 8-byte timestamp first).
    public let signature: [UInt8]

    public init(name: String, keyID: UInt32, signature: [UInt8]) {
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    /// The line, with its newline.
    public var line: String {
        let id: [UInt8] = [UInt8(keyID >> 24), UInt8(keyID >> 16 & 0xff), UInt8(keyID >> 8 & 0xff), UInt8(keyID & 0xff)]
        return "\u{2014} \(name) \(Data(id + signature).base64EncodedString())\n"
    }

    /// Reads one signature line, with or without its newline.
    public init(parsing line: String) throws {
        var text = Substring(line)
        if text.hasSuffix("\n") { text = text.dropLast() }
        guard !text.contains("\n") else { throw NoteError.malformedSignature(line: 1, reason: "it spans more than one line.") }
        try self.init(line: text, number: 1)
    }

    /// Reads one line (without its newline); `number` is its line number in the note, for errors.
    init(line text: Substring, number: Int) throws {
        guard text.hasPrefix("\u{2014} ") else {
            throw NoteError.malformedSignature(line: number, reason: "it does not start with an em dash (U+2014) and a space.")
        }
        let rest = text.dropFirst(2)
        guard let space = rest.firstIndex(of: " ") else {
            throw NoteError.malformedSignature(line: number, reason: "there is no space between the key name and the signature.")
        }
        let name = String(rest[..<space])
        guard NoteSigner.isValidName(name) else { throw NoteError.malformedSignature(line: number, reason: "'\(name)' is not a key name.") }
        let encoded = String(rest[rest.index(after: space)...])
        guard let data = Data(base64Encoded: encoded) else {
            throw NoteError.malformedSignature(line: number, reason: "the signature is not standard base64.")
        }
        guard data.count >= 5 else {
            throw NoteError.malformedSignature(line: number, reason: "the signature has \(data.count) bytes, fewer than a key id and a signature.")
        }
        let bytes = [UInt8](data)
        self.init(
            name: name, keyID: UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3]),
            signature: Array(bytes[4...]))
    }
}
