/// The root of a log's tree kept while its leaves stream by, oldest first, without storing them:
/// the hashes of the complete subtrees the leaves so far make (at most log₂(n) + 1), folded right to
/// left into the RFC 6962 root. `verify` and `mirror` use it to check each checkpoint's root against
/// the tree they compute themselves from the events' chain hashes.
public struct RootAccumulator: Sendable {
    /// Complete subtrees, largest (leftmost) first, with their number of leaves.
    private var subtrees: [(hash: LogHash, size: Int64)] = []
    /// The number of leaves added.
    public private(set) var size: Int64 = 0

    public init() {}

    /// Adds the next leaf (its data: for the ledger, an event's 32-byte chain hash).
    public mutating func append(leaf: some Sequence<UInt8>) {
        var hash = MerkleTree.leafHash(leaf)
        var width: Int64 = 1
        while let last = subtrees.last, last.size == width {
            subtrees.removeLast()
            hash = MerkleTree.nodeHash(last.hash, hash)
            width *= 2
        }
        subtrees.append((hash, width))
        size += 1
    }

    /// The root of the leaves added so far (the empty tree's root before any).
    public var root: LogHash {
        guard var hash = subtrees.last?.hash else { return MerkleTree.emptyRoot }
        for subtree in subtrees.dropLast().reversed() { hash = MerkleTree.nodeHash(subtree.hash, hash) }
        return hash
    }

    /// The tree so far.
    public var head: TreeHead { TreeHead(size: size, root: root) }
}
