import Foundation
import GRDB
import LedgerModel

/// Appends events to the hash chain inside one write transaction, and each event's leaf to the log's
/// Merkle tree (``LogSubtrees``) in the same transaction.
struct EventAppender {
    private(set) var lastSeq: Int64
    /// The head's hash in hex (what the next event hashes and checkpoints sign).
    private(set) var lastHash: String
    let recordedAt: String
    let actor: String
    private let insert: Statement
    /// The log's Merkle tree, grown with each event; nil in a migration older than `v0016_log_subtrees`
    /// (whose own step builds the tree of every event before it).
    private var tree: LogSubtrees?

    /// Starts appending after the ledger's head, stamping events with `clock`'s time (never before the
    /// head's: see ``LedgerClock``); `actor` must obey ``TextRule/name`` (it is hashed into every event).
    /// `growsTree` is false only in a migration that runs before the tree's table exists.
    init(_ db: Database, actor: String, clock: LedgerClock, growsTree: Bool = true) throws {
        try Ledger.check(actor, field: "actor", rule: .name)
        if actor.isEmpty {
            throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(field: "actor", value: "", message: "is required: every event names who wrote it")]))
        }
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash, recorded_at FROM events ORDER BY seq DESC LIMIT 1")
        lastSeq = head?["seq"] ?? 0
        lastHash = head.map { EventHasher.hex(stored: $0["hash"]) } ?? EventHasher.genesis
        self.actor = actor
        self.recordedAt = try clock.stamp(after: head.map { (seq: $0["seq"] as Int64, recordedAt: $0["recorded_at"] as String) })
        insert = try db.makeStatement(
            sql: "INSERT INTO events (seq, recorded_at, actor, kind, payload, hash) VALUES (?, ?, ?, ?, ?, ?)")
        insert.prepareForPositionalBinding()
        if growsTree { tree = try LogSubtrees(db, size: lastSeq) }
    }

    /// The sequence number the next event will get.
    var nextSeq: Int64 { lastSeq + 1 }

    /// Appends one event and returns its sequence number.
    @discardableResult
    mutating func append(_ kind: EventKind, _ payload: JSONValue) throws -> Int64 {
        try append(kind, text: payload.canonicalText)
    }

    /// Appends one event whose payload is already canonical JSON text.
    @discardableResult
    mutating func append(_ kind: EventKind, text: String) throws -> Int64 {
        let seq = lastSeq + 1
        let digest = EventHasher.digest(prev: lastHash, seq: seq, recordedAt: recordedAt, actor: actor, kind: kind.rawValue, payload: text)
        // Bound by position: an import appends a million events through here.
        insert.resetForBinding()
        try insert.bind(seq, at: 1)
        try insert.bind(recordedAt, at: 2)
        try insert.bind(actor, at: 3)
        try insert.bind(kind.rawValue, at: 4)
        try insert.bind(text, at: 5)
        try insert.bind(Data(digest), at: 6)
        try insert.execute()
        try tree?.append(chainHash: digest)
        lastSeq = seq
        lastHash = EventHasher.hex(digest)
        return seq
    }
}
