/// The proof that the log at one size extends the log at a smaller size: nothing of the older tree
/// was removed or rewritten, only leaves appended (RFC 6962 §2.1.2).
///
/// Its JSON (`GET /api/log/proof/consistency`, `cpsledger proof consistency`) is
/// `{"from":M,"to":N,"old_root":B64,"new_root":B64,"proof":[B64,...]}`.
public struct ConsistencyProof: Hashable, Sendable, Codable {
    /// The older tree's size (at least 1).
    public let from: Int64
    /// The newer tree's size (at least `from`).
    public let to: Int64
    public let oldRoot: LogHash
    public let newRoot: LogHash
    public let proof: [LogHash]

    enum CodingKeys: String, CodingKey {
        case from, to, proof
        case oldRoot = "old_root"
        case newRoot = "new_root"
    }

    public init(from: Int64, to: Int64, oldRoot: LogHash, newRoot: LogHash, proof: [LogHash]) {
        self.from = from
        self.to = to
        self.oldRoot = oldRoot
        self.newRoot = newRoot
        self.proof = proof
    }

    /// True when the proof shows that the tree `(to, newRoot)` extends `(from, oldRoot)`. Whether those
    /// roots are the log's is for signed checkpoints to say.
    public var isValid: Bool {
        MerkleTree.verifyConsistency(oldSize: from, newSize: to, oldRoot: oldRoot, newRoot: newRoot, proof: proof)
    }
}
