import Crypto

/// The Merkle tree of RFC 6962 / RFC 9162 over a log of leaves: its hashes, and the inclusion and
/// consistency proofs a reader checks without the log.
///
/// A leaf hashes as `SHA-256(0x00 || leaf)`, an interior node as `SHA-256(0x01 || left || right)`.
/// Proofs are built from the hashes of *complete subtrees*, which the caller stores: the subtree at
/// `level` L and `index` K covers leaves `K·2^L ..< (K+1)·2^L` (level 0 is the leaf hashes). A tree of
/// any size is a fold of such subtrees, so a proof needs at most about 2·log₂(n) of them.
public enum MerkleTree {
    /// The hash of one leaf: `SHA-256(0x00 || leaf)`.
    public static func leafHash(_ leaf: some Sequence<UInt8>) -> LogHash {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: Array(leaf))
        return LogHash(hasher.finalize())
    }

    /// The hash of an interior node: `SHA-256(0x01 || left || right)`.
    public static func nodeHash(_ left: LogHash, _ right: LogHash) -> LogHash {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left.bytes)
        hasher.update(data: right.bytes)
        return LogHash(hasher.finalize())
    }

    /// The root of the empty tree: SHA-256 of no bytes (RFC 6962 §2.1).
    public static let emptyRoot = LogHash(SHA256.hash(data: [UInt8]()))

    /// Reads the stored hash of a complete subtree: `level` and `index` as described on ``MerkleTree``.
    public typealias SubtreeReader = (_ level: Int, _ index: Int64) throws -> LogHash

    /// The root of the first `size` leaves.
    public static func rootHash(size: Int64, subtree: SubtreeReader) throws -> LogHash {
        precondition(size >= 0, "a tree size is never negative")
        if size == 0 { return emptyRoot }
        return try hash(0, size, subtree)
    }

    /// The audit path of leaf `index` in the tree of the first `size` leaves (RFC 6962 §2.1.1, PATH),
    /// from the leaf's sibling up. `0 <= index < size`.
    public static func inclusionProof(index: Int64, size: Int64, subtree: SubtreeReader) throws -> [LogHash] {
        precondition(0 <= index && index < size, "the leaf must be inside the tree")
        var proof: [LogHash] = []
        try path(index, 0, size, subtree, into: &proof)
        return proof
    }

    /// The proof that the tree of the first `newSize` leaves extends the tree of the first `oldSize`
    /// (RFC 6962 §2.1.2, PROOF). `1 <= oldSize <= newSize`; equal sizes give an empty proof.
    public static func consistencyProof(from oldSize: Int64, to newSize: Int64, subtree: SubtreeReader) throws -> [LogHash] {
        precondition(1 <= oldSize && oldSize <= newSize, "the old tree must be a non-empty prefix of the new")
        var proof: [LogHash] = []
        if oldSize < newSize { try subproof(oldSize, 0, newSize, true, subtree, into: &proof) }
        return proof
    }

    /// True when `proof` shows that the leaf whose hash is `leafHash`, at `index`, is in the tree of
    /// `size` leaves whose root is `root` (RFC 9162 §2.1.3.2).
    public static func verifyInclusion(leafHash: LogHash, index: Int64, size: Int64, proof: [LogHash], root: LogHash) -> Bool {
        guard 0 <= index, index < size else { return false }
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// True when `proof` shows that the tree of `newSize` leaves with root `newRoot` extends the tree
    /// of `oldSize` leaves with root `oldRoot` (RFC 9162 §2.1.4.2). `oldSize` must be at least 1.
    public static func verifyConsistency(oldSize: Int64, newSize: Int64, oldRoot: LogHash, newRoot: LogHash, proof: [LogHash]) -> Bool {
        guard 1 <= oldSize, oldSize <= newSize else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        guard let first = path.first else { return false }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = first
        var sr = first
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }

    // MARK: - RFC 6962 recursions over leaf ranges [lo, hi)

    /// The largest power of two strictly less than `n` (n ≥ 2).
    static func split(_ n: Int64) -> Int64 {
        var k: Int64 = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// MTH(D[lo..<hi]): a stored complete subtree when the range is one, else the RFC's split.
    static func hash(_ lo: Int64, _ hi: Int64, _ subtree: SubtreeReader) throws -> LogHash {
        let n = hi - lo
        if n & (n - 1) == 0 && lo % n == 0 {
            return try subtree(n.trailingZeroBitCount, lo / n)
        }
        let k = split(n)
        return nodeHash(try hash(lo, lo + k, subtree), try hash(lo + k, hi, subtree))
    }

    static func path(_ m: Int64, _ lo: Int64, _ hi: Int64, _ subtree: SubtreeReader, into proof: inout [LogHash]) throws {
        let n = hi - lo
        if n <= 1 { return }
        let k = split(n)
        if m - lo < k {
            try path(m, lo, lo + k, subtree, into: &proof)
            proof.append(try hash(lo + k, hi, subtree))
        } else {
            try path(m, lo + k, hi, subtree, into: &proof)
            proof.append(try hash(lo, lo + k, subtree))
        }
    }

    /// SUBPROOF(m, D[lo..<hi], b), `m` counted from `lo`.
    static func subproof(_ m: Int64, _ lo: Int64, _ hi: Int64, _ complete: Bool, _ subtree: SubtreeReader, into proof: inout [LogHash]) throws {
        let n = hi - lo
        if m == n {
            if !complete { proof.append(try hash(lo, hi, subtree)) }
            return
        }
        let k = split(n)
        if m <= k {
            try subproof(m, lo, lo + k, complete, subtree, into: &proof)
            proof.append(try hash(lo + k, hi, subtree))
        } else {
            try subproof(m - k, lo + k, hi, false, subtree, into: &proof)
            proof.append(try hash(lo, lo + k, subtree))
        }
    }
}
