import Foundation
import GRDB
import TransparencyLog

/// Checks the `log_subtrees` table (the log's stored Merkle tree) against the events while `verify`
/// streams them, without writing: every complete subtree of a stored level is recomputed from the
/// events' chain hashes as the stream completes it, and compared with the stored row of that level,
/// each level's rows walked in index order beside the stream. A row that is missing, altered or that
/// no complete subtree of the events makes is named by its level and index; no event is at fault.
struct LogTreeCheck {
    /// The problems found, one sentence each (no sequence number: the events are not at fault).
    private(set) var section = Findings.Section()
    private let db: Database
    /// The tree the events make, recomputed (the fold ``LogSubtrees`` grows the table with).
    private var fold = RootAccumulator()
    private var size: Int64 { fold.size }
    /// The walk of each stored level's rows (index 0: ``LogSubtrees/lowestStoredLevel``), opened when the stream first completes one.
    private var levels: [Lockstep] = []
    /// False when the table is gone (the schema check names that): nothing to compare.
    private let present: Bool

    init(_ db: Database) throws {
        self.db = db
        present = try db.tableExists("log_subtrees")
    }

    /// Adds the next event's leaf: `chainHash` is its stored hash, as the tree hashes it.
    mutating func add(chainHash: some Sequence<UInt8>) throws {
        guard present else { return }
        // The completed subtrees of stored levels (one leaf in 16 completes any), compared once the fold is done.
        var stored: [(level: Int, index: Int64, hash: LogHash)] = []
        fold.append(leafHash: MerkleTree.leafHash(chainHash)) { level, index, hash in
            if level >= LogSubtrees.lowestStoredLevel { stored.append((level, index, hash)) }
        }
        for subtree in stored { try compare(level: subtree.level, index: subtree.index, hash: subtree.hash) }
    }

    /// Names the rows beyond the tree the events make: at the levels walked, those left over; at
    /// the levels above, any.
    mutating func finish() throws {
        guard present else { return }
        for (offset, walk) in levels.enumerated() {
            for row in try walk.remaining() { flagExtra(level: offset + LogSubtrees.lowestStoredLevel, index: walk.key(of: row)) }
        }
        let rows = try Row.fetchAll(
            db, sql: "SELECT level, idx FROM log_subtrees WHERE level < ? OR level >= ? ORDER BY level, idx LIMIT ?",
            arguments: [LogSubtrees.lowestStoredLevel, LogSubtrees.lowestStoredLevel + levels.count, ProjectionCheck.problemLimit])
        for row in rows { flagExtra(level: row[0], index: row[1]) }
    }

    private mutating func compare(level: Int, index: Int64, hash: LogHash) throws {
        let offset = level - LogSubtrees.lowestStoredLevel
        while levels.count <= offset {
            let walked = LogSubtrees.lowestStoredLevel + levels.count
            levels.append(try Lockstep(db, table: "log_subtrees", key: "idx", query: "SELECT idx, hash FROM log_subtrees WHERE level = \(walked)"))
        }
        let (row, orphans) = try levels[offset].take(index)
        for orphan in orphans { flagExtra(level: level, index: orphan) }
        let events = "the Merkle subtree of events \(index << level + 1) to \((index + 1) << level)"
        guard let row else {
            return section.flag(nil, "The log_subtrees table lacks the row of level \(level), index \(index) (\(events)): it was deleted behind the ledger's back, "
                + "and proofs that need it fail; run `cpsledger rebuild`.")
        }
        if (row[1] as Data?) != Data(hash.bytes) {
            section.flag(nil, "The log_subtrees row of level \(level), index \(index) is not the hash of \(events): it was changed behind the ledger's back, "
                + "and proofs built on it fail; run `cpsledger rebuild`.")
        }
    }

    private mutating func flagExtra(level: Int, index: Int64) {
        section.flag(nil, "The log_subtrees row of level \(level), index \(index) is no complete subtree of the ledger's \(size) events: "
            + "it was added behind the ledger's back; run `cpsledger rebuild`.")
    }
}
