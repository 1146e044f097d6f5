import Foundation
import Testing
@testable import TransparencyLog

/// Signed notes, checkpoints and cosignatures against the published vectors of Go's
/// golang.org/x/mod/sumdb/note (the signed-note spec's example key "PeterNeumann") and a note Go signed.
struct SignedNoteTests {
    static let peterVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let peterSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let peterText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let peterNote = peterText + "\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
    static let enochLine = "\u{2014} EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"

    /// Signed by Go (Tests/TransparencyLogTests/go/notecheck.go sign, a key from note.GenerateKey).
    static let goVerifier = "cpsledger.example.org/ledger+c9ff42cb+AWgzlg3qgcKFHFzyxCK6zt0dbWfGn/h69DfD/BOxj/gy"
    static let goNote = """
        cpsledger.example.org/ledger
        3
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=

        \u{2014} cpsledger.example.org/ledger yf9Cy481kkzVY7dS83ZWesgUyxqC6FTzX/TJUKV/g6zTBbYAjLkKa+/Bc5ryWmEAeMsTOidpMs4GwF2FhwN0tbNIOg8=

        """

    @Test func theSpecExampleSignsAndVerifiesByteForByte() throws {
        let signer = try NoteSigner(signerKey: Self.peterSigner)
        #expect(signer.verifier.verifierKey == Self.peterVerifier)
        #expect(signer.signerKey == Self.peterSigner)
        let note = SignedNote(text: Self.peterText, signatures: [try signer.sign(Self.peterText)])
        #expect(note.serialized == Self.peterNote)
        let parsed = try SignedNote(parsing: Self.peterNote)
        try parsed.verify(try NoteVerifier(verifierKey: Self.peterVerifier))
    }

    @Test func unknownSignatureLinesAreKeptAndIgnored() throws {
        let parsed = try SignedNote(parsing: Self.peterNote + Self.enochLine)
        #expect(parsed.signatures.map(\.name) == ["PeterNeumann", "EnochRoot"])
        try parsed.verify(try NoteVerifier(verifierKey: Self.peterVerifier))
        #expect(parsed.serialized == Self.peterNote + Self.enochLine)
    }

    @Test func aNoteGoSignedVerifies() throws {
        let verifier = try NoteVerifier(verifierKey: Self.goVerifier)
        let (checkpoint, _) = try LogCheckpoint.open(Self.goNote, verifier: verifier)
        #expect(checkpoint.origin == "cpsledger.example.org/ledger")
        #expect(checkpoint.tree.size == 3)
        // One bit of the root altered: refused.
        let altered = Self.goNote.replacingOccurrences(of: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", with: "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        #expect(throws: NoteError.invalidSignature(by: Self.goVerifier)) { try LogCheckpoint.open(altered, verifier: verifier) }
    }

    @Test func alteredTextOrSignatureIsRefused() throws {
        let verifier = try NoteVerifier(verifierKey: Self.peterVerifier)
        let text = try SignedNote(parsing: Self.peterNote.replacingOccurrences(of: "problem,", with: "problem;"))
        #expect(throws: NoteError.invalidSignature(by: Self.peterVerifier)) { try text.verify(verifier) }
        let signature = try SignedNote(parsing: Self.peterNote.replacingOccurrences(of: "ZJkuBS9UG", with: "ZJkuBS9UH"))
        #expect(throws: NoteError.invalidSignature(by: Self.peterVerifier)) { try signature.verify(verifier) }
        let other = try SignedNote(parsing: Self.peterText + "\n" + Self.enochLine)
        #expect(throws: NoteError.notSigned(by: Self.peterVerifier)) { try other.verify(verifier) }
    }

    @Test func malformedNotesNameTheLine() {
        #expect(throws: NoteError.malformedNote(reason: "there is no blank line between the text and the signature lines.")) {
            try SignedNote(parsing: Self.peterText)
        }
        #expect(throws: NoteError.malformedSignature(line: 4, reason: "it does not start with an em dash (U+2014) and a space.")) {
            try SignedNote(parsing: Self.peterText + "\n- PeterNeumann x08go/ZJku\n")
        }
        #expect(throws: NoteError.malformedSignature(line: 4, reason: "the signature is not standard base64.")) {
            try SignedNote(parsing: Self.peterText + "\n\u{2014} PeterNeumann not*base64\n")
        }
        #expect(throws: NoteError.malformedNote(reason: "the last signature line does not end with a newline.")) {
            try SignedNote(parsing: String(Self.peterNote.dropLast()))
        }
        #expect(throws: (any Error).self) { try SignedNote(parsing: "a\tb\n\n" + Self.enochLine) }
    }

    @Test func verifierKeysAreChecked() {
        #expect(throws: (any Error).self) { try NoteVerifier(verifierKey: "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW") }
        #expect(throws: (any Error).self) { try NoteVerifier(verifierKey: "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW") }
        #expect(throws: NoteError.invalidName("a b")) { try NoteSigner(name: "a b") }
    }

    @Test func checkpointsAreReadStrictly() throws {
        let root = MerkleTree.leafHash([1])
        let checkpoint = try LogCheckpoint(origin: "example.org/log", tree: TreeHead(size: 12, root: root), extensions: ["ext one"])
        #expect(checkpoint.text == "example.org/log\n12\n\(root.base64)\next one\n")
        #expect(try LogCheckpoint(text: checkpoint.text) == checkpoint)
        #expect(throws: NoteError.malformedCheckpoint(line: 2, reason: "'012' is not a tree size (a decimal number without sign or leading zeros).")) {
            try LogCheckpoint(text: "example.org/log\n012\n\(root.base64)\n")
        }
        #expect(throws: NoteError.malformedCheckpoint(line: 3, reason: "'AAAA' is not a root hash (standard base64 of 32 bytes).")) {
            try LogCheckpoint(text: "example.org/log\n12\nAAAA\n")
        }
        #expect(throws: (any Error).self) { try LogCheckpoint(origin: "", tree: TreeHead(size: 1, root: root)) }
    }

    @Test func cosignaturesAreTimestampedAndBoundToTheirKeyType() throws {
        let witness = try NoteSigner(name: "witness.example.org", type: .cosignatureV1)
        let log = try NoteSigner(name: "example.org/log")
        let text = try LogCheckpoint(origin: "example.org/log", tree: TreeHead(size: 5, root: MerkleTree.leafHash([5]))).text
        let note = SignedNote(text: text, signatures: [try log.sign(text)])
        let line = try witness.sign(text, time: 1_700_000_000)
        #expect(NoteVerifier.timestamp(of: line) == 1_700_000_000)
        #expect(line.signature.count == 72)
        let cosigned = try SignedNote(parsing: note.adding(line).serialized)
        try cosigned.verify(witness.verifier)
        try cosigned.verify(log.verifier)
        // The key type is part of the key id: the same key as an Ed25519 note key has another id.
        let same = try NoteVerifier(name: "witness.example.org", type: .ed25519, publicKey: witness.verifier.publicKey)
        #expect(same.keyID != witness.verifier.keyID)
        // A cosignature over another time does not verify.
        var bytes = line.signature
        bytes[7] ^= 1
        #expect(!witness.verifier.isValid(NoteSignature(name: line.name, keyID: line.keyID, signature: bytes), over: text))
        #expect(try NoteVerifier(verifierKey: witness.verifier.verifierKey) == witness.verifier)
    }

    static let goPath = "/usr/bin/go"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: goPath)))
    func goOpensANoteSignedHere() throws {
        let signer = try NoteSigner(name: "cpsledger.example.org/ledger")
        let text = try LogCheckpoint(origin: signer.name, tree: TreeHead(size: 7, root: MerkleTree.leafHash([7]))).text
        let note = SignedNote(text: text, signatures: [try signer.sign(text)]).serialized
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("notecheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("note.txt")
        try note.write(to: file, atomically: true, encoding: .utf8)
        let program = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("go/notecheck.go").path
        func run(_ note: String) throws -> Int32 {
            try note.write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.goPath)
            process.arguments = ["run", program, "open", signer.verifier.verifierKey, file.path]
            var environment = ProcessInfo.processInfo.environment
            environment["GO111MODULE"] = "off"
            environment["GOPATH"] = "/usr/share/gocode"
            environment["GOCACHE"] = dir.appendingPathComponent("cache").path
            process.environment = environment
            process.standardError = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(try run(note) == 0)
        #expect(try run(note.replacingOccurrences(of: "\n7\n", with: "\n8\n")) == 1)
    }
}

