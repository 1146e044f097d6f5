import Foundation
import GRDB
import TransparencyLog

extension Ledger {
    /// The Merkle tree head of the first `size` events (nil: the head): its size and RFC 6962 root.
    /// A size below 0 or beyond the head is ``LedgerError/outsideLog(_:head:)``.
    public func logTree(size: Int64? = nil) throws -> TreeHead {
        try pool.read(Self.readingLogTree(size: size))
    }

    /// The proof that event `seq` is in the tree of the first `size` events (nil: the head). `seq`
    /// outside `1...size`, or a size beyond the head, is ``LedgerError/outsideLog(_:head:)``.
    public func inclusionProof(seq: Int64, size: Int64? = nil) throws -> InclusionProof {
        try pool.read(Self.readingInclusionProof(seq: seq, size: size))
    }

    /// The proof that the tree of the first `to` events (nil: the head) extends the tree of the first
    /// `from`. `from` below 1 or above `to`, or `to` beyond the head, is ``LedgerError/outsideLog(_:head:)``.
    public func consistencyProof(from: Int64, to: Int64? = nil) throws -> ConsistencyProof {
        try pool.read(Self.readingConsistencyProof(from: from, to: to))
    }

    /// The tree head of the first `size` events, inside a transaction the caller holds (a checkpoint
    /// signed in the transaction that reads the head). `size` must be from 0 to the head.
    static func logTree(_ db: Database, size: Int64) throws -> TreeHead {
        let head = try readingHeadSeq(db)
        guard 0 <= size, size <= head else { throw LedgerError.outsideLog(.tree(size: size), head: head) }
        return TreeHead(size: size, root: try MerkleTree.rootHash(size: size, subtree: reader(db)))
    }

    /// The read of ``logTree(size:)``, for a synchronous or an async read.
    static func readingLogTree(size: Int64?) -> @Sendable (Database) throws -> TreeHead {
        { db in
            guard let size else { return try logTree(db, size: try readingHeadSeq(db)) }
            return try logTree(db, size: size)
        }
    }

    /// The read of ``inclusionProof(seq:size:)``.
    static func readingInclusionProof(seq: Int64, size: Int64?) -> @Sendable (Database) throws -> InclusionProof {
        { db in
            let head = try readingHeadSeq(db)
            let size = size ?? head
            guard 0 <= size, size <= head, 1 <= seq, seq <= size else { throw LedgerError.outsideLog(.inclusion(seq: seq, size: size), head: head) }
            let subtree = reader(db)
            return InclusionProof(
                seq: seq, size: size, leaf: EventHasher.hex(try LogSubtrees.chainHash(db, seq: seq)), root: try MerkleTree.rootHash(size: size, subtree: subtree),
                proof: try MerkleTree.inclusionProof(index: seq - 1, size: size, subtree: subtree))
        }
    }

    /// The read of ``consistencyProof(from:to:)``.
    static func readingConsistencyProof(from: Int64, to: Int64?) -> @Sendable (Database) throws -> ConsistencyProof {
        { db in
            let head = try readingHeadSeq(db)
            let to = to ?? head
            guard 1 <= from, from <= to, to <= head else { throw LedgerError.outsideLog(.consistency(from: from, to: to), head: head) }
            let subtree = reader(db)
            return ConsistencyProof(
                from: from, to: to, oldRoot: try MerkleTree.rootHash(size: from, subtree: subtree),
                newRoot: try MerkleTree.rootHash(size: to, subtree: subtree),
                proof: try MerkleTree.consistencyProof(from: from, to: to, subtree: subtree))
        }
    }

    /// The stored complete subtrees, as ``MerkleTree`` reads them.
    static func reader(_ db: Database) -> MerkleTree.SubtreeReader {
        { level, index in try LogSubtrees.subtree(db, level: level, index: index) }
    }
}

extension NonblockingLedger {
    /// See ``Ledger/logTree(size:)``.
    package func logTree(size: Int64? = nil) async throws -> TreeHead {
        try await ledger.pool.read(Ledger.readingLogTree(size: size))
    }

    /// See ``Ledger/inclusionProof(seq:size:)``.
    package func inclusionProof(seq: Int64, size: Int64? = nil) async throws -> InclusionProof {
        try await ledger.pool.read(Ledger.readingInclusionProof(seq: seq, size: size))
    }

    /// See ``Ledger/consistencyProof(from:to:)``.
    package func consistencyProof(from: Int64, to: Int64? = nil) async throws -> ConsistencyProof {
        try await ledger.pool.read(Ledger.readingConsistencyProof(from: from, to: to))
    }
}
