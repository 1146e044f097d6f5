import Foundation
import GRDB
import LedgerModel
@testable import LedgerStore
import Testing
import TransparencyLog

/// The log's Merkle tree as the ledger stores it (`log_subtrees`, migration v0016): its roots are the
/// RFC 6962 roots of the events' chain hashes at every size, its proofs check against them, the
/// migration builds it for an existing ledger, `verify` names a row changed behind the ledger's back
/// and `rebuild` puts it right.
@Suite struct LogTreeTests {
    /// A ledger with its creation events and `measures` imported measures (one event each).
    static func ledger(measures: Int) throws -> TemporaryLedger {
        let temp = try TemporaryLedger()
        let rows = (1...measures).map { "FRA,art8.record-keeping,implemented,1990-07-12,Example law \($0) (test data),legislation,,\n" }
        let path = try temp.file("measures.csv", "state,obligation,status,effective_date,title,kind,source,note\n" + rows.joined())
        _ = try temp.ledger.importMeasures(path: path, actor: "importer")
        return temp
    }

    /// The leaves as RFC 6962 defines the log's: each event's 32-byte chain hash, in seq order.
    static func leaves(_ ledger: Ledger) throws -> [[UInt8]] {
        try ledger.events(after: 0, limit: 100_000).map { Array(EventHasher.blob(ofHex: $0.hash)) }
    }

    /// MTH of RFC 6962 §2.1, straight from its definition over the leaves.
    static func definitionRoot(_ leaves: ArraySlice<[UInt8]>) -> LogHash {
        if leaves.isEmpty { return MerkleTree.emptyRoot }
        if leaves.count == 1 { return MerkleTree.leafHash(leaves.first!) }
        var k = 1
        while k * 2 < leaves.count { k *= 2 }
        let lo = leaves.startIndex
        return MerkleTree.nodeHash(definitionRoot(leaves[lo..<lo + k]), definitionRoot(leaves[(lo + k)...]))
    }

    /// The table's rows, in key order.
    static func rows(_ path: String) throws -> [Row] {
        try DatabaseQueue(path: path).read { db in try Row.fetchAll(db, sql: "SELECT level, idx, hash FROM log_subtrees ORDER BY level, idx") }
    }

    @Test func everyRootIsTheRootOfTheEventsChainHashes() throws {
        let temp = try Self.ledger(measures: 70)
        let leaves = try Self.leaves(temp.ledger)
        let head = try temp.ledger.headSeq()
        #expect(leaves.count == Int(head) && head > 64)
        for size in 0...head {
            #expect(try temp.ledger.logTree(size: size) == TreeHead(size: size, root: Self.definitionRoot(leaves[0..<Int(size)])), "size \(size)")
        }
        #expect(try temp.ledger.logTree() == temp.ledger.logTree(size: head))
        // Every complete subtree of 16 leaves and more is stored, none smaller: one row per 8 events or fewer.
        let rows = try Self.rows(temp.path)
        #expect(rows.count == (4..<20).map { Int(head >> $0) }.reduce(0, +) && rows.count <= Int(head) / 8)
        #expect(rows.allSatisfy { ($0["level"] as Int) >= 4 })
    }

    @Test func proofsCheckAgainstTheRootsTheLedgerComputes() throws {
        let temp = try Self.ledger(measures: 40)
        let ledger = temp.ledger
        let head = try ledger.headSeq()
        let events = try ledger.events(after: 0, limit: 1000)
        for seq in 1...head {
            for size in Set([seq, (seq + head) / 2, head]) {
                let proof = try ledger.inclusionProof(seq: seq, size: size)
                #expect(proof.isValid, "seq \(seq), size \(size)")
                let root = try ledger.logTree(size: size).root
                #expect(proof.root == root && proof.leaf == events[Int(seq - 1)].hash && proof.index == seq - 1)
            }
        }
        #expect(try ledger.inclusionProof(seq: 3) == ledger.inclusionProof(seq: 3, size: head))
        for from in 1...head {
            for to in Set([from, from + 1, (from + head) / 2, head]) where to <= head {
                let proof = try ledger.consistencyProof(from: from, to: to)
                #expect(proof.isValid, "from \(from) to \(to)")
                let (old, new) = (try ledger.logTree(size: from).root, try ledger.logTree(size: to).root)
                #expect(proof.oldRoot == old && proof.newRoot == new)
            }
        }
        #expect(try ledger.consistencyProof(from: 5) == ledger.consistencyProof(from: 5, to: head))
        // A proof holds for its own tree only: against the root of a later size it fails.
        let proof = try ledger.inclusionProof(seq: 7, size: 20)
        let later = try ledger.logTree(size: 21)
        #expect(!MerkleTree.verifyInclusion(leafHash: proof.leafHash, index: proof.index, size: 20, proof: proof.proof, root: later.root))
        #expect(!MerkleTree.verifyInclusion(leafHash: proof.leafHash, index: proof.index, size: 21, proof: proof.proof, root: later.root))
    }

    @Test func anEventWrittenLaterGrowsTheTreeAndKeepsTheOldRoots() throws {
        let temp = try Self.ledger(measures: 5)
        let before = try temp.ledger.logTree()
        _ = try temp.ledger.recordMeasure(try temp.measure("DEU"), actor: "test")
        let after = try temp.ledger.logTree()
        #expect(after.size == before.size + 1 && after.root != before.root)
        #expect(try temp.ledger.logTree(size: before.size) == before)
        let proof = try temp.ledger.consistencyProof(from: before.size)
        #expect(proof.isValid && proof.oldRoot == before.root && proof.newRoot == after.root)
        #expect(try after.root == Self.definitionRoot(Self.leaves(temp.ledger)[...]))
    }

    @Test(arguments: [
        (LogRequest.tree(size: 500), "There is no tree of size 500"),
        (.tree(size: -1), "There is no tree of size -1"),
        (.inclusion(seq: 0, size: 10), "Event 0 is not in the tree of size 10, which holds events 1 to 10"),
        (.inclusion(seq: 11, size: 10), "Event 11 is not in the tree of size 10"),
        (.inclusion(seq: 5, size: 500), "There is no tree of size 500 to prove event 5 in"),
        (.consistency(from: 0, to: 10), "not from size 0 to size 10"),
        (.consistency(from: 11, to: 10), "not from size 11 to size 10"),
        (.consistency(from: 5, to: 500), "There is no tree of size 500 to prove consistent with size 5"),
    ])
    func askingOutsideTheLogIsRefusedWithTheNumbersAndTheHead(request: LogRequest, sentence: String) throws {
        let temp = try Self.ledger(measures: 20)
        let head = try temp.ledger.headSeq()
        do {
            switch request {
            case .tree(let size): _ = try temp.ledger.logTree(size: size)
            case .inclusion(let seq, let size): _ = try temp.ledger.inclusionProof(seq: seq, size: size)
            case .consistency(let from, let to): _ = try temp.ledger.consistencyProof(from: from, to: to)
            }
            Issue.record("\(request) was answered")
        } catch LedgerError.outsideLog(let refused, let reportedHead) {
            #expect(refused == request && reportedHead == head)
            let text = LedgerError.outsideLog(refused, head: reportedHead).description
            #expect(text.contains(sentence) && text.contains("the log holds \(head) events, so its trees have sizes 0 to \(head)"), "\(text)")
        }
    }

    @Test func theMigrationBuildsTheTreeOfAnExistingLedger() throws {
        let temp = try Self.ledger(measures: 50)
        let stored = try Self.rows(temp.path)
        let root = try temp.ledger.logTree()
        // The ledger as a build before v0016 left it: no table, no migration recorded.
        try DatabaseQueue(path: temp.path).writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE log_subtrees; DELETE FROM grdb_migrations WHERE identifier = 'v0016_log_subtrees'")
        }
        let reopened = try Ledger.open(path: temp.path, actor: "test", withStatusData: false)
        #expect(try Self.rows(temp.path) == stored)
        #expect(try reopened.logTree() == root)
        #expect(try reopened.verify().isSound)
    }

    /// Runs `sql` on the file with the table's triggers dropped, and puts them back as they were.
    static func tamper(_ path: String, _ sql: String) throws {
        try DatabaseQueue(path: path).writeWithoutTransaction { db in
            let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'log_subtrees'")
            #expect(triggers.count == 2)
            try db.execute(sql: "DROP TRIGGER log_subtrees_reject_update; DROP TRIGGER log_subtrees_reject_delete")
            try db.execute(sql: sql)
            for trigger in triggers { try db.execute(sql: trigger) }
        }
    }

    @Test(arguments: [
        ("UPDATE log_subtrees SET hash = zeroblob(32) WHERE level = 4 AND idx = 2",
         "The log_subtrees row of level 4, index 2 is not the hash of the Merkle subtree of events 33 to 48: it was changed behind the ledger's back"),
        ("DELETE FROM log_subtrees WHERE level = 5 AND idx = 1",
         "The log_subtrees table lacks the row of level 5, index 1 (the Merkle subtree of events 33 to 64): it was deleted behind the ledger's back"),
        ("INSERT INTO log_subtrees (level, idx, hash) VALUES (4, 1000, zeroblob(32))",
         "The log_subtrees row of level 4, index 1000 is no complete subtree of the ledger's 90 events: it was added behind the ledger's back"),
        ("INSERT INTO log_subtrees (level, idx, hash) VALUES (9, 0, zeroblob(32))",
         "The log_subtrees row of level 9, index 0 is no complete subtree of the ledger's 90 events"),
    ])
    func verifyNamesASubtreeRowChangedBehindTheLedgersBackAndRebuildRepairsIt(sql: String, problem: String) throws {
        let temp = try Self.ledger(measures: 88)
        #expect(try temp.ledger.headSeq() == 90)
        let stored = try Self.rows(temp.path)
        let root = try temp.ledger.logTree()
        try Self.tamper(temp.path, sql)
        let report = try temp.ledger.verify()
        #expect(report.problems.count == 1 && report.problems[0].hasPrefix(problem), "\(report.problems)")
        #expect(report.firstBadSeq == nil)
        try temp.ledger.rebuild()
        #expect(try temp.ledger.verify().isSound)
        #expect(try Self.rows(temp.path) == stored)
        #expect(try temp.ledger.logTree() == root)
    }

    @Test func aProofThatNeedsAMissingRowNamesIt() throws {
        let temp = try Self.ledger(measures: 30)
        try Self.tamper(temp.path, "DELETE FROM log_subtrees WHERE level = 4 AND idx = 0")
        #expect {
            try temp.ledger.logTree(size: 20)
        } throws: { error in
            "\(error)".contains("Row level 4, idx 0 of the log_subtrees table holds 'nothing (the row is missing)'")
        }
    }

    @Test func theTableIsAppendOnly() throws {
        let temp = try Self.ledger(measures: 20)
        let queue = try DatabaseQueue(path: temp.path)
        for sql in ["UPDATE log_subtrees SET hash = zeroblob(32)", "DELETE FROM log_subtrees"] {
            #expect { try queue.write { db in try db.execute(sql: sql) } } throws: { error in
                "\(error)".contains("log_subtrees is append-only")
            }
        }
    }
}
