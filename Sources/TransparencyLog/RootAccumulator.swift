/// The tree of a log kept while its leaves stream by, oldest first, without storing them: its right
/// edge, the complete subtree that waits for a right sibling at each level (one per set bit of the
/// size, about 20 at a million leaves), folded right to left into the RFC 6962 root.
///
/// It is the one fold of the project: `verify` and `mirror` check each checkpoint's root with it, the
/// ledger grows its stored tree with it (``append(leafHash:completed:)`` hands over every complete
/// subtree a leaf closes, to store or compare), and `verify` recomputes the stored tree with it.
public struct RootAccumulator: Sendable {
    /// The waiting subtree of each level (index: level), nil where bit `level` of `size` is clear.
    private var edge: [LogHash?] = Array(repeating: nil, count: 64)
    /// The number of leaves added.
    public private(set) var size: Int64 = 0

    public init() {}

    /// The tree of `size` leaves whose right edge is given: `subtree(level, index)` is read for each set
    /// bit of `size`, the complete subtree over leaves `index·2^level ..< (index+1)·2^level`.
    public init(size: Int64, subtree: MerkleTree.SubtreeReader) throws {
        precondition(size >= 0, "a tree size is never negative")
        self.size = size
        for level in 0..<63 where (size >> level) & 1 == 1 {
            edge[level] = try subtree(level, (size >> level) - 1)
        }
    }

    /// Adds the next leaf (its data: for the ledger, an event's 32-byte chain hash).
    public mutating func append(leaf: some Sequence<UInt8>) {
        append(leafHash: MerkleTree.leafHash(leaf)) { _, _, _ in }
    }

    /// Adds the next leaf by its hash; `completed` is called with every subtree it closes, level 1 and up,
    /// lowest first, as `(level, index, hash)`.
    public mutating func append(leafHash: LogHash, completed: (_ level: Int, _ index: Int64, _ hash: LogHash) throws -> Void) rethrows {
        var hash = leafHash
        var level = 0
        var index = size
        // Each odd index closes its parent with the left sibling waiting at its level.
        while index & 1 == 1 {
            guard let left = edge[level] else { preconditionFailure("the right edge holds a subtree at every set bit of the size") }
            edge[level] = nil
            hash = MerkleTree.nodeHash(left, hash)
            level += 1
            index >>= 1
            try completed(level, index, hash)
        }
        edge[level] = hash
        size += 1
    }

    /// The root of the leaves added so far (the empty tree's root before any).
    public var root: LogHash {
        var hash: LogHash?
        for level in 0..<64 {
            guard let subtree = edge[level] else { continue }
            hash = hash.map { MerkleTree.nodeHash(subtree, $0) } ?? subtree
        }
        return hash ?? MerkleTree.emptyRoot
    }

    /// The tree so far.
    public var head: TreeHead { TreeHead(size: size, root: root) }
}
