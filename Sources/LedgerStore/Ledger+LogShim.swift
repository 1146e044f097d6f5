// TEMPORARY until the `merkle` branch is merged (it defines these for real over stored subtrees).
import Foundation
import GRDB
import TransparencyLog

extension Ledger {
    static func logTree(_ db: Database, size: Int64) throws -> TreeHead {
        TreeHead(size: size, root: try MerkleTree.rootHash(size: size, subtree: shimReader(db)))
    }

    static func readingInclusionProof(seq: Int64, size: Int64?) -> @Sendable (Database) throws -> InclusionProof {
        { db in
            let size = try size ?? readingHeadSeq(db)
            let subtree = shimReader(db)
            let leaf = try Row.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [seq])!
            return InclusionProof(
                seq: seq, size: size, leaf: EventHasher.hex(stored: leaf[0]), root: try MerkleTree.rootHash(size: size, subtree: subtree),
                proof: try MerkleTree.inclusionProof(index: seq - 1, size: size, subtree: subtree))
        }
    }

    static func shimReader(_ db: Database) -> MerkleTree.SubtreeReader {
        { level, index in
            let lo = index << level, hi = (index + 1) << level
            let rows = try Row.fetchAll(db, sql: "SELECT hash FROM events WHERE seq > ? AND seq <= ? ORDER BY seq", arguments: [lo, hi])
            var hashes = rows.map { MerkleTree.leafHash(EventHasher.blob(ofHex: EventHasher.hex(stored: $0[0]))) }
            while hashes.count > 1 { hashes = stride(from: 0, to: hashes.count, by: 2).map { MerkleTree.nodeHash(hashes[$0], hashes[$0 + 1]) } }
            return hashes[0]
        }
    }
}
