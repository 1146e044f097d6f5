import Foundation
import GRDB
import LedgerModel
@testable import LedgerStore
import LedgerTestSupport
import Testing
import TransparencyLog

/// Checkpoints carry a C2SP signed note of (origin, size, Merkle root), and `verify` checks it.
@Suite struct CheckpointNoteTests {
    /// The root over the chain hashes of events 1...size, streamed from the ledger's events.
    static func root(_ ledger: Ledger, size: Int64) throws -> LogHash {
        var tree = RootAccumulator()
        for event in try ledger.events(after: 0, limit: Int(size)) {
            tree.append(leaf: try #require(InclusionProofHex.bytes(event.hash)))
        }
        return tree.root
    }

    @Test func aRecordedCheckpointCarriesASignedNoteOfTheTreeThatVerifyChecks() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        _ = try ledger.recordMeasure(try temporary.measure("FRA"), actor: "test")
        _ = try ledger.recordMeasure(try temporary.measure("DEU"), actor: "test")
        let key = try CheckpointKey(origin: "ledger.example.org/test")
        let first = try ledger.recordCheckpoint(key: key, actor: "test")
        _ = try ledger.recordMeasure(try temporary.measure("ITA"), actor: "test")
        let second = try ledger.recordCheckpoint(key: key, actor: "test")

        for checkpoint in [first, second] {
            let note = try #require(checkpoint.note)
            let (body, _) = try LogCheckpoint.open(note, verifier: key.noteSigner.verifier)
            #expect(body.origin == "ledger.example.org/test")
            #expect(body.tree.size == checkpoint.seq)
            let root = try Self.root(ledger, size: checkpoint.seq)
            #expect(body.tree.root == root)
        }
        #expect(try ledger.noteCheckpoints(limit: 5).map(\.seq) == [second.seq, first.seq])
        let report = try ledger.verify(trustedKey: key.publicKey)
        #expect(report.isSound, "\(report.problems)")
    }

    @Test func aCheckpointWhoseNoteStatesAnotherRootIsFoundByVerify() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        _ = try ledger.recordMeasure(try temporary.measure("FRA"), actor: "test")
        let key = CheckpointKey()
        // Signed by the right key, chained right, but stating a root the events do not give.
        let wrong = MerkleTree.leafHash([0x2a])
        let seq = try ledger.write { db in
            var appender = try EventAppender(db, actor: "test", clock: ledger.clock)
            let checkpoint = try key.sign(seq: appender.lastSeq, hash: appender.lastHash, time: appender.recordedAt, root: wrong)
            try appender.append(.checkpointRecorded, checkpoint.json)
            return appender.lastSeq
        }
        let report = try ledger.verify()
        #expect(!report.isSound)
        #expect(report.firstBadSeq == seq)
        #expect(report.problems.contains { $0.contains("signed note states root \(wrong.base64) at size \(seq - 1), but the events give root") }, "\(report.problems)")
    }

    @Test func anOldKeyFileWithoutAnOriginSignsUnderTheDefaultOne() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("old.key")
        try Data("ed25519-private-key:\(String(repeating: "07", count: 32))\n".utf8).write(to: URL(fileURLWithPath: path))
        let key = try CheckpointKey(path: path)
        #expect(key.origin == "cpsledger/" + key.publicKey.prefix(16))
        let named = folder.path("named.key")
        let created = try CheckpointKey(origin: "ledger.example.org/cps")
        try created.write(to: named)
        let read = try CheckpointKey(path: named)
        #expect(read.origin == "ledger.example.org/cps" && read.verifierKey == created.verifierKey)
        #expect(throws: NoteError.invalidName("two words")) { try CheckpointKey(origin: "two words") }
    }
}

/// Hex of an event's chain hash to its bytes.
enum InclusionProofHex {
    static func bytes(_ hex: String) -> [UInt8]? {
        guard hex.count == 64 else { return nil }
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            out.append(byte)
            index = next
        }
        return out
    }
}
