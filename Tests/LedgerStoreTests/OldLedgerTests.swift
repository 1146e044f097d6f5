import Foundation
import GRDB
import LedgerModel
import LedgerStore
import Testing

/// Ledgers written by earlier builds (`OldLedgers/`, each named with the commit that wrote it) open
/// with this build: every migration since runs, the events stay as they were written, `verify` is
/// sound, and the measures read as the old build listed them.
@Suite struct OldLedgerTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("OldLedgers")

    /// The kept ledgers, by file name (`v0002-8e13c16.sqlite`: schema v0002, written by commit 8e13c16).
    static let ledgers = ["v0002-8e13c16"]

    /// A copy of the kept file in a new folder (the kept file itself is never opened for writing).
    static func copy(_ name: String) throws -> (folder: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cpsledger-old-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("ledger.sqlite").path
        try FileManager.default.copyItem(atPath: folder.appendingPathComponent(name + ".sqlite").path, toPath: path)
        return (directory, path)
    }

    @Test(arguments: ledgers) func anOldLedgerMigratesKeepsItsEventsAndIsSound(name: String) throws {
        let (directory, path) = try Self.copy(name)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The events as the old build wrote them: hex hashes with prev_hash, before v0011.
        let written = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT seq, recorded_at, actor, kind, payload, prev_hash, hash FROM events ORDER BY seq")
        }
        #expect(written.count > 10)

        let ledger = try Ledger.open(path: path, actor: "test")
        let head = try #require(written.last)
        let report = try ledger.verify(expecting: [ExpectedHead(seq: head["seq"], hash: head["hash"], origin: "the old build's head")])
        #expect(report.isSound, "\(report.problems)")

        // Every migration of this build ran, as on a new ledger.
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("cpsledger-old-fresh-" + UUID().uuidString + ".sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fresh + suffix) } }
        _ = try Ledger.open(path: fresh, actor: "test", withStatusData: false)
        let migrations = { (file: String) in try DatabaseQueue(path: file).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") } }
        #expect(try migrations(path) == migrations(fresh))

        // The old events, byte for byte, first among the events (a migration may add its own after them).
        let events = try ledger.events(after: 0, limit: 1_000)
        for (old, new) in zip(written, events) {
            #expect(new.seq == old["seq"] as Int64)
            #expect(new.recordedAt == old["recorded_at"] as String)
            #expect(new.actor == old["actor"] as String)
            #expect(new.kind == old["kind"] as String)
            #expect(new.payload == old["payload"] as String)
            #expect(new.prevHash == old["prev_hash"] as String)
            #expect(new.hash == old["hash"] as String)
        }
        #expect(events.count >= written.count)

        // The measures in force, as the old build's `measure list --format json` gave them.
        let listed = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.folder.appendingPathComponent(name + ".measure-list.json"))) as? [NSDictionary])
        let measures = try ledger.measures().map { try JSONSerialization.jsonObject(with: Data($0.json.canonicalText.utf8)) as? NSDictionary }
        #expect(Set(measures.compactMap { $0 }) == Set(listed))
        #expect(try ledger.measures(includeRetracted: true).count == listed.count + 1)
    }
}
