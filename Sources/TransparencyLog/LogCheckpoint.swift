/// The text of a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the log's origin, the tree
/// size in decimal and the root hash in base64, one per line, then optional extension lines. Signed
/// as a ``SignedNote`` whose signature key is named after the origin.
public struct LogCheckpoint: Hashable, Sendable {
    /// The log's name, e.g. `cpsledger.example.org/ledger` (non-empty, one line).
    public let origin: String
    public let tree: TreeHead
    /// Extension lines after the root (each non-empty), kept as read.
    public let extensions: [String]

    public init(origin: String, tree: TreeHead, extensions: [String] = []) throws {
        try Self.checkOrigin(origin)
        if let bad = extensions.firstIndex(where: { $0.isEmpty || $0.contains("\n") }) {
            throw NoteError.malformedCheckpoint(line: 4 + bad, reason: "an extension line is empty or spans lines.")
        }
        self.origin = origin
        self.tree = tree
        self.extensions = extensions
    }

    /// Checks an origin: not empty, no newline (C2SP); throws a sentence saying which rule failed.
    public static func checkOrigin(_ origin: String) throws {
        guard !origin.isEmpty else { throw NoteError.malformedCheckpoint(line: 1, reason: "the origin is empty; it names the log, e.g. cpsledger.example.org/ledger.") }
        guard !origin.contains("\n") else { throw NoteError.malformedCheckpoint(line: 1, reason: "the origin spans more than one line.") }
    }

    /// Reads a checkpoint's text strictly: the three lines, a size without sign or leading zeros, a
    /// root that is base64 of 32 bytes.
    public init(text: String) throws {
        guard text.hasSuffix("\n") else { throw NoteError.malformedCheckpoint(line: 1, reason: "the text does not end with a newline.") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3 else {
            throw NoteError.malformedCheckpoint(line: lines.count + 1, reason: "a checkpoint has at least three lines (origin, tree size, root hash); this one has \(lines.count).")
        }
        let sizeText = lines[1]
        guard let size = Int64(sizeText), size >= 0, String(size) == sizeText else {
            throw NoteError.malformedCheckpoint(line: 2, reason: "'\(sizeText)' is not a tree size (a decimal number without sign or leading zeros).")
        }
        guard let root = LogHash(base64: lines[2]) else {
            throw NoteError.malformedCheckpoint(line: 3, reason: "'\(lines[2])' is not a root hash (standard base64 of 32 bytes).")
        }
        try self.init(origin: lines[0], tree: TreeHead(size: size, root: root), extensions: Array(lines.dropFirst(3)))
    }

    /// `origin\nsize\nroot\n` and the extension lines.
    public var text: String {
        ([origin, String(tree.size), tree.root.base64] + extensions).map { $0 + "\n" }.joined()
    }

    /// Reads a signed checkpoint note and checks its signature by `verifier`, whose name must be the
    /// origin (signed-note: a log's key is named after it).
    public static func open(_ note: String, verifier: NoteVerifier) throws -> (checkpoint: LogCheckpoint, note: SignedNote) {
        let signed = try SignedNote(parsing: note)
        let checkpoint = try LogCheckpoint(text: signed.text)
        guard checkpoint.origin == verifier.name else {
            throw NoteError.malformedCheckpoint(line: 1, reason: "the origin is '\(checkpoint.origin)', but the key given is named '\(verifier.name)'; a log's key is named after its origin.")
        }
        try signed.verify(verifier)
        return (checkpoint, signed)
    }
}
