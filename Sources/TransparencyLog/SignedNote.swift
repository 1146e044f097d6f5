import Foundation

/// A C2SP signed note (https://c2sp.org/signed-note, Go's `golang.org/x/mod/sumdb/note`): text of
/// one or more newline-terminated lines, a blank line, then one or more signature lines.
public struct SignedNote: Hashable, Sendable {
    /// The signed text, ending in a newline.
    public let text: String
    /// Every signature line, in order, known keys or not.
    public var signatures: [NoteSignature]

    public init(text: String, signatures: [NoteSignature] = []) {
        self.text = text
        self.signatures = signatures
    }

    /// Parses a note strictly: valid UTF-8 text without control characters other than newline,
    /// the last blank line separating text from signatures, and at least one well-formed signature line.
    public init(parsing note: String) throws {
        if let bad = note.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\n" }) {
            throw NoteError.malformedNote(reason: "it holds the control character U+\(String(bad.value, radix: 16, uppercase: true).leftPadded(4)); a note has no control characters but newlines.")
        }
        guard let split = note.range(of: "\n\n", options: .backwards) else {
            throw NoteError.malformedNote(reason: "there is no blank line between the text and the signature lines.")
        }
        let text = String(note[..<note.index(after: split.lowerBound)])
        let block = note[split.upperBound...]
        guard !block.isEmpty else { throw NoteError.malformedNote(reason: "there is no signature line after the blank line.") }
        guard block.hasSuffix("\n") else { throw NoteError.malformedNote(reason: "the last signature line does not end with a newline.") }
        let first = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        var signatures: [NoteSignature] = []
        for (offset, line) in block.dropLast().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            signatures.append(try NoteSignature(line: line, number: first + offset))
        }
        guard signatures.count <= 100 else { throw NoteError.malformedNote(reason: "it has \(signatures.count) signature lines; at most 100 are read.") }
        self.init(text: text, signatures: signatures)
    }

    /// The note as text: the text, a blank line, the signature lines.
    public var serialized: String { text + "\n" + signatures.map(\.line).joined() }

    /// Checks the note's signature by `verifier`; throws ``NoteError/notSigned(by:)`` when it has none,
    /// ``NoteError/invalidSignature(by:)`` when it has one that does not verify.
    public func verify(_ verifier: NoteVerifier) throws {
        let lines = signatures.filter { $0.name == verifier.name && $0.keyID == verifier.keyID }
        guard !lines.isEmpty else { throw NoteError.notSigned(by: verifier.verifierKey) }
        for line in lines where !verifier.isValid(line, over: text) { throw NoteError.invalidSignature(by: verifier.verifierKey) }
    }

    /// True when the note carries a valid signature by `verifier`.
    public func isSigned(by verifier: NoteVerifier) -> Bool { (try? verify(verifier)) != nil }

    /// The note with `signature` added (a line already present is not repeated).
    public func adding(_ signature: NoteSignature) -> SignedNote {
        var copy = self
        if !copy.signatures.contains(signature) { copy.signatures.append(signature) }
        return copy
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
