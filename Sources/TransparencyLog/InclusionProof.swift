/// The proof that one event is in the log at a given size: its leaf (the event's 32-byte chain hash),
/// the tree it is in, and the audit path between them (RFC 6962 §2.1.1).
///
/// Its JSON (`GET /api/log/proof/inclusion`, `cpsledger proof event`) is
/// `{"seq":17,"index":16,"size":100,"leaf":HEX,"leaf_hash":B64,"root":B64,"proof":[B64,...]}`.
public struct InclusionProof: Hashable, Sendable, Codable {
    /// The event's sequence number (its leaf index plus one).
    public let seq: Int64
    /// The leaf's 0-based index in the tree (`seq - 1`).
    public let index: Int64
    /// The size of the tree the proof is for.
    public let size: Int64
    /// The event's chain hash (the leaf's data), lowercase hex as the ledger shows it.
    public let leaf: String
    /// `SHA-256(0x00 || leaf)`.
    public let leafHash: LogHash
    /// The root of the tree of `size` leaves.
    public let root: LogHash
    /// The audit path, from the leaf's sibling up.
    public let proof: [LogHash]

    enum CodingKeys: String, CodingKey {
        case seq, index, size, leaf, root, proof
        case leafHash = "leaf_hash"
    }

    public init(seq: Int64, size: Int64, leaf: String, root: LogHash, proof: [LogHash]) {
        self.seq = seq
        self.index = seq - 1
        self.size = size
        self.leaf = leaf
        self.leafHash = MerkleTree.leafHash(Self.bytes(hex: leaf) ?? [])
        self.root = root
        self.proof = proof
    }

    /// True when the proof holds on its own terms: `leaf` hashes to `leafHash`, `index` is `seq - 1`, and
    /// the path leads from the leaf to `root`. Whether `root` is the log's is for a signed checkpoint to say.
    public var isValid: Bool {
        guard let bytes = Self.bytes(hex: leaf), bytes.count == 32, MerkleTree.leafHash(bytes) == leafHash, index == seq - 1 else { return false }
        return MerkleTree.verifyInclusion(leafHash: leafHash, index: index, size: size, proof: proof, root: root)
    }

    static func bytes(hex: String) -> [UInt8]? { Hex.bytes(hex, uppercase: false) }
}
