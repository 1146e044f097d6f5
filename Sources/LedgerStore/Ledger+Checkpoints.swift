import Foundation
import GRDB
import LedgerModel
import TransparencyLog

extension Ledger {
    /// Signs `(seq, hash, time)` of the head with `key`, and the signed-note checkpoint (origin, size,
    /// Merkle root) of the same head, and records both as one `checkpoint.recorded` event (so the feed,
    /// `/api/checkpoints/latest` and `/api/log/checkpoint` publish it); returns it.
    /// Keep a copy outside the ledger too: only a copy elsewhere proves anything if the file is rewritten.
    @discardableResult
    public func recordCheckpoint(key: CheckpointKey, actor: String) throws -> Checkpoint {
        try write { db in
            var appender = try EventAppender(db, actor: actor, clock: clock)
            let checkpoint = try key.sign(
                seq: appender.lastSeq, hash: appender.lastHash, time: appender.recordedAt, root: try Ledger.checkpointRoot(db, size: appender.lastSeq))
            try appender.append(.checkpointRecorded, checkpoint.json)
            return checkpoint
        }
    }

    /// The latest checkpoint recorded in the ledger, with the sequence number of its event; nil when none.
    public func latestCheckpoint() throws -> (checkpoint: Checkpoint, eventSeq: Int64)? {
        try pool.read(Self.readingLatestCheckpoint)
    }

    /// The transaction that signs a checkpoint when at least `every` events were written since the
    /// last one (checked and written in one transaction, so two writers never both sign); nil when none was due.
    static func checkpointingIfDue(key: CheckpointKey, every: Int, actor: String, clock: LedgerClock) -> @Sendable (Database) throws -> Checkpoint? {
        { db in
            let last = try readingLatestCheckpoint(db)?.eventSeq ?? 0
            var appender = try EventAppender(db, actor: actor, clock: clock)
            guard appender.lastSeq - last >= Int64(every) else { return nil }
            let checkpoint = try key.sign(
                seq: appender.lastSeq, hash: appender.lastHash, time: appender.recordedAt, root: try Ledger.checkpointRoot(db, size: appender.lastSeq))
            try appender.append(.checkpointRecorded, checkpoint.json)
            return checkpoint
        }
    }

    /// The Merkle root over events 1...`size` for a checkpoint's note, from the stored tree.
    static func checkpointRoot(_ db: Database, size: Int64) throws -> LogHash {
        try logTree(db, size: size).root
    }

    /// The read of ``latestCheckpoint()``.
    static let readingLatestCheckpoint: @Sendable (Database) throws -> (checkpoint: Checkpoint, eventSeq: Int64)? = { db in
        guard let row = try Row.fetchOne(db, sql: """
            SELECT seq, payload FROM events
            WHERE kind IN ('token.created', 'token.revoked', 'checkpoint.recorded', 'reference_data.recorded')
            AND kind = 'checkpoint.recorded' ORDER BY seq DESC LIMIT 1
            """)
        else { return nil }
        return (try Checkpoint.decode(Data((row["payload"] as String).utf8)), row["seq"])
    }
}

/// A head the ledger must still hold, given to `verify` from outside the file: a signed checkpoint,
/// or a bare `SEQ:HASH` a person noted down.
public struct ExpectedHead: Sendable, Hashable {
    public let seq: Int64
    public let hash: String
    /// Where it comes from, for the report ("checkpoint FILE", "--expect-head").
    public let origin: String

    public init(seq: Int64, hash: String, origin: String) {
        self.seq = seq
        self.hash = hash.lowercased()
        self.origin = origin
    }

    /// Reads `SEQ:HASH`; nil when it is not of that form.
    public init?(_ text: String, origin: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, parts[1].count == 64,
            Checkpoint.bytes(hex: String(parts[1])) != nil
        else { return nil }
        self.init(seq: seq, hash: String(parts[1]), origin: origin)
    }
}

extension Ledger {
    /// The latest `limit` checkpoints recorded with a signed note, newest first (what the server serves
    /// at `/api/log/checkpoint` and accepts witness cosignatures over).
    public func noteCheckpoints(limit: Int) throws -> [Checkpoint] {
        try pool.read { db in try Self.readingNoteCheckpoints(db, limit: limit) }
    }

    static func readingNoteCheckpoints(_ db: Database, limit: Int) throws -> [Checkpoint] {
        // Checkpoints signed before the transparency log have no note; at most a few are skipped.
        try Row.fetchAll(db, sql: """
            SELECT payload FROM events
            WHERE kind IN ('token.created', 'token.revoked', 'checkpoint.recorded', 'reference_data.recorded')
            AND kind = 'checkpoint.recorded' AND payload LIKE '%"note":%' ORDER BY seq DESC LIMIT ?
            """, arguments: [limit])
            .compactMap { row in try? Checkpoint.decode(Data((row["payload"] as String).utf8)) }
            .filter { $0.note != nil }
    }
}

extension NonblockingLedger {
    /// See ``Ledger/noteCheckpoints(limit:)``.
    package func noteCheckpoints(limit: Int) async throws -> [Checkpoint] {
        try await ledger.pool.read { db in try Ledger.readingNoteCheckpoints(db, limit: limit) }
    }
}
