import Foundation
import GRDB
import LedgerSchema
import TransparencyLog

/// The stored Merkle tree of the log (the `log_subtrees` table, `Schema/v0016_log_subtrees.sql`) as
/// events are appended: leaf `i` is event `seq = i + 1`, its data the event's 32-byte chain hash.
///
/// The table holds every complete subtree of level ``lowestStoredLevel`` (16 leaves) and above:
/// about one row per 8 events. A subtree below that level is recomputed when read, from at most 8
/// consecutive events' hashes (one range read of `events`). So an append costs two SHA-256 and an
/// eighth of a row on average (the import's throughput and the file's bytes per event barely move),
/// and a root or proof reads about 2·log₂(n) rows by key plus a few short ranges of events.
///
/// It keeps the tree's right edge in memory (a ``RootAccumulator``, the project's one fold):
/// appending a leaf folds it with the waiting subtrees it completes, and each completed subtree of a
/// stored level is inserted with one prepared statement bound by position.
struct LogSubtrees {
    /// The lowest level stored: 4, subtrees of 16 leaves. Part of the schema (its CHECK): a ledger's
    /// table holds exactly the complete subtrees from this level up, which `verify` checks.
    static let lowestStoredLevel = 4

    private var fold: RootAccumulator
    private let insert: Statement

    /// The number of leaves (events) the tree holds.
    var size: Int64 { fold.size }

    /// The tree of the first `size` events as stored, ready to grow: reads the right edge (one row
    /// or a few events per set bit of `size`).
    init(_ db: Database, size: Int64) throws {
        fold = try RootAccumulator(size: size) { level, index in try Self.subtree(db, level: level, index: index) }
        insert = try db.makeStatement(sql: "INSERT INTO log_subtrees (level, idx, hash) VALUES (?, ?, ?)")
        insert.prepareForPositionalBinding()
    }

    /// Appends the next leaf: `chainHash` is the stored hash of event `size + 1`.
    mutating func append(chainHash: some Sequence<UInt8>) throws {
        let insert = insert
        try fold.append(leafHash: MerkleTree.leafHash(chainHash)) { level, index, hash in
            guard level >= Self.lowestStoredLevel else { return }
            insert.resetForBinding()
            try insert.bind(Int64(level), at: 1)
            try insert.bind(index, at: 2)
            try insert.bind(Data(hash.bytes), at: 3)
            try insert.execute()
        }
    }

    // MARK: - Reading

    /// The hash of the complete subtree at `level`, `index` (leaves `index·2^level ..< (index+1)·2^level`):
    /// a stored row, or below ``lowestStoredLevel`` the subtree recomputed from its events' chain
    /// hashes. A row that is missing or not 32 bytes, or a missing event, is
    /// ``LedgerError/badStoredValue(table:key:column:value:expected:)``.
    static func subtree(_ db: Database, level: Int, index: Int64) throws -> LogHash {
        if level < lowestStoredLevel { return try computed(db, level: level, index: index) }
        let statement = try db.cachedStatement(sql: "SELECT hash FROM log_subtrees WHERE level = ? AND idx = ?")
        let data = try Data.fetchOne(statement, arguments: [level, index])
        guard let data, let hash = LogHash(data) else {
            throw LedgerError.badStoredValue(
                table: "log_subtrees", key: "level \(level), idx \(index)", column: "hash",
                value: data.map { "\($0.count) bytes" } ?? "nothing (the row is missing)",
                expected: "the 32-byte hash of events \(index << level + 1) to \((index + 1) << level)")
        }
        return hash
    }

    /// A subtree below the stored levels, from its (at most 8) events.
    static func computed(_ db: Database, level: Int, index: Int64) throws -> LogHash {
        let first = index << level + 1, count = Int64(1) << level
        let statement = try db.cachedStatement(sql: "SELECT hash FROM events WHERE seq >= ? AND seq < ? ORDER BY seq")
        var hashes: [LogHash] = []
        hashes.reserveCapacity(Int(count))
        let rows = try Row.fetchCursor(statement, arguments: [first, first + count])
        while let row = try rows.next() { hashes.append(try row.withUnsafeData(atIndex: 0) { MerkleTree.leafHash($0 ?? Data()) }) }
        guard hashes.count == count else { throw missingEvent(first..<first + count) }
        while hashes.count > 1 {
            hashes = stride(from: 0, to: hashes.count, by: 2).map { MerkleTree.nodeHash(hashes[$0], hashes[$0 + 1]) }
        }
        return hashes[0]
    }

    /// The stored chain hash of event `seq` (a leaf's data).
    static func chainHash(_ db: Database, seq: Int64) throws -> Data {
        let statement = try db.cachedStatement(sql: "SELECT hash FROM events WHERE seq = ?")
        guard let data = try Data.fetchOne(statement, arguments: [seq]) else { throw missingEvent(seq..<seq + 1) }
        return data
    }

    /// A gap in the events under the tree: sequence numbers run from 1 to the head without one.
    static func missingEvent(_ range: Range<Int64>) -> LedgerError {
        .badStoredValue(
            table: "events", key: range.count == 1 ? "seq \(range.lowerBound)" : "seq \(range.lowerBound) to \(range.upperBound - 1)", column: "hash",
            value: "nothing (a row is missing)", expected: "an event: sequence numbers run from 1 to the head without gaps")
    }

    // MARK: - Building

    /// Fills an empty `log_subtrees` from the events, streamed in seq order (the migration of an
    /// existing ledger, and `rebuild`).
    static func fill(_ db: Database) throws {
        var tree = try LogSubtrees(db, size: 0)
        let cursor = try Row.fetchCursor(db, sql: "SELECT hash FROM events ORDER BY seq")
        while let row = try cursor.next() {
            try row.withUnsafeData(atIndex: 0) { data in try tree.append(chainHash: data ?? Data()) }
        }
    }

    /// Recomputes the table from the events (`rebuild`): drops it (DROP TABLE fires no trigger and
    /// drops the table's own), makes it again with its triggers as `Schema/v0016_log_subtrees.sql`
    /// does, and fills it.
    static func recompute(_ db: Database) throws {
        guard let migration = LedgerSchema.migrations.first(where: { $0.name == migrationName }) else {
            preconditionFailure("\(migrationName) is one of the embedded migrations")
        }
        try db.execute(sql: "DROP TABLE IF EXISTS main.log_subtrees")
        try db.execute(sql: migration.sql)
        try fill(db)
    }

    /// The migration that makes the table (and whose Swift step fills it for an existing ledger).
    static let migrationName = "v0016_log_subtrees"
}
