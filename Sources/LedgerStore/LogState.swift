import Foundation
import GRDB
import LedgerModel
import TransparencyLog

/// The transparency log as one read of the ledger saw it: the Merkle tree over every event up to
/// the read's head, and the latest checkpoint signed by then. Every report states it, so that a
/// published figure can later be tied to the exact events it rests on (`cpsledger proof event`,
/// `cpsledger verify-proof`).
public struct LogState: Sendable, Hashable, Encodable {
    /// The tree size: how many events the read saw (the seq of its head).
    public let size: Int64
    /// The RFC 6962 root of the tree of those events.
    public let root: LogHash
    /// The latest checkpoint signed at or before the read (its tree is a prefix of this one); nil
    /// when the ledger has none.
    public let checkpoint: SignedTree?

    /// A signed checkpoint as a report names it.
    public struct SignedTree: Sendable, Hashable, Encodable {
        /// The tree size it signs: the head when it was signed (events 1...size).
        public let size: Int64
        /// The root of that tree.
        public let root: LogHash
        /// The log's origin in the checkpoint's signed note; nil for a checkpoint signed before the
        /// log had signed notes.
        public let origin: String?
        /// When it was signed (ISO 8601, UTC).
        public let signedAt: String
        /// The signed note (C2SP tlog-checkpoint text and its signature lines); nil for a checkpoint
        /// signed before the log had signed notes. Not part of a report's JSON: `report --proof` writes it.
        public let note: String?

        enum CodingKeys: String, CodingKey {
            case size, root, origin
            case signedAt = "signed_at"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(size, forKey: .size)
            try container.encode(root, forKey: .root)
            try container.encode(origin, forKey: .origin)
            try container.encode(signedAt, forKey: .signedAt)
        }
    }

    public init(size: Int64, root: LogHash, checkpoint: SignedTree?) {
        self.size = size
        self.root = root
        self.checkpoint = checkpoint
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(size, forKey: .size)
        try container.encode(root, forKey: .root)
        try container.encode(checkpoint, forKey: .checkpoint)  // null when none, not left out
    }

    enum CodingKeys: String, CodingKey { case size, root, checkpoint }

    /// One sentence for a report's footer: the tree size and root, and the latest checkpoint.
    public var line: String {
        let tree = "Transparency log: computed at tree size \(size) (events 1 to \(size)), root \(root.base64)"
        guard let checkpoint else { return tree + "; no checkpoint signed yet." }
        let origin = checkpoint.origin.map { " of \($0)" } ?? ""
        return tree + "; latest signed checkpoint\(origin): tree size \(checkpoint.size), root \(checkpoint.root.base64), signed \(checkpoint.signedAt)."
    }

    /// The log state inside a read transaction at head `head`.
    static func read(_ db: Database, head: Int64) throws -> LogState {
        let tree = try Ledger.logTree(db, size: head)
        var signed: SignedTree?
        if let checkpoint = try Ledger.readingLatestCheckpoint(db)?.checkpoint, checkpoint.seq <= head {
            let note = checkpoint.note
            let origin = note.flatMap { $0.split(separator: "\n", maxSplits: 1).first.map(String.init) }
            signed = SignedTree(
                size: checkpoint.seq, root: try Ledger.logTree(db, size: checkpoint.seq).root, origin: origin, signedAt: checkpoint.time, note: note)
        }
        return LogState(size: tree.size, root: tree.root, checkpoint: signed)
    }
}

extension LedgerSnapshot {
    /// The transparency log at this snapshot's head: the tree size and root, and the latest checkpoint.
    public func logState() throws -> LogState {
        try LogState.read(db, head: head)
    }
}

extension LedgerSnapshot {
    /// The proof that event `seq` is in the tree of the first `size` events, as this snapshot sees
    /// the log (see ``Ledger/inclusionProof(seq:size:)``).
    public func inclusionProof(seq: Int64, size: Int64) throws -> InclusionProof {
        try Ledger.readingInclusionProof(seq: seq, size: size)(db)
    }

    /// The treaty actions dated on or before `asOf` (and recorded by `knownAt`): the events treaty
    /// status rests on, with the State and treaty of each, in event order.
    public func treatyActionEvents(asOf: ISODate, knownAt: KnownAt? = nil) throws -> [(seq: Int64, state: String, treaty: String)] {
        let rows = try SQLRequest<Row>("""
            SELECT seq, state, treaty FROM treaty_actions WHERE date <= \(asOf.description)
            \(Ledger.knownFilter(knownAt, kind: .treatyActionRecorded, prefix: "AND"))
            ORDER BY seq
            """).fetchAll(db)
        return rows.map { row in (seq: row[0] as Int64, state: row[1] as String, treaty: row[2] as String) }
    }
}
