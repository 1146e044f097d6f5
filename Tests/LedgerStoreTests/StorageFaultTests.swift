import Foundation
import GRDB
import LedgerModel
@testable import LedgerStore
import LedgerTestSupport
import Testing

/// A disk that fills in the middle of a write, and storage that turns read-only, on a real ledger
/// file: SQLite's `max_page_count` on the ledger's own write connection is the full disk (no tmpfs
/// needs mounting), `query_only` the read-only storage. Nothing is half-written, the error is one
/// sentence, reads go on, and the next write works once the storage does, on the same open ledger.
@Suite struct StorageFaultTests {
    /// Caps the ledger file at its current size plus `pages` pages, as a disk with that much room
    /// left would; nil lifts the cap.
    func fillDisk(_ ledger: Ledger, leaving pages: Int?) throws {
        try ledger.pool.writeWithoutTransaction { db in
            let used = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages.map { used + $0 } ?? 1_073_741_823)")
        }
    }

    func synthetic(_ temporary: TemporaryLedger, rows: Int, seed: UInt64) throws -> String {
        var text = ""
        try SyntheticMeasures(catalogue: temporary.ledger.catalogue, states: temporary.ledger.states, seed: seed).write(events: rows) { text += $0 }
        return try temporary.file("synthetic-\(seed).csv", text)
    }

    @Test func aDiskThatFillsMidImportWritesNothingSaysSoAndTheImportWorksOnceThereIsRoom() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        let before = try ledger.headSeq()
        let file = try synthetic(temporary, rows: 2000, seed: 11)
        try fillDisk(ledger, leaving: 8)
        #expect {
            try ledger.importMeasures(path: file, actor: "test")
        } throws: { error in
            guard case .diskFull(let path) = error as? LedgerError else { return false }
            return path == ledger.path && String(describing: error) == "The disk holding \(ledger.path) is full; nothing was written and the ledger "
                + "is as it was before. Free space on that disk, then write again."
        }
        #expect(try ledger.headSeq() == before)
        #expect(try ledger.measures().isEmpty)
        #expect(ledger.storageFault?.isStorageFault == true)
        #expect(try ledger.verify().isSound)
        // The failed write gave its room back: the WAL was truncated behind it.
        let wal = try FileManager.default.attributesOfItem(atPath: ledger.path + "-wal")[.size] as? Int ?? -1
        #expect(wal == 0)
        // Space returns: the same open ledger imports the file, and the fault is forgotten.
        try fillDisk(ledger, leaving: nil)
        let summary = try ledger.importMeasures(path: file, actor: "test")
        #expect(summary.recorded + summary.duplicates == 2000)
        #expect(ledger.storageFault == nil)
        #expect(try ledger.verify().isSound)
    }

    @Test func aDiskThatFillsMidPublicationPublishesNothingAndTheRoundPublishesOnceThereIsRoom() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        let obligations = ledger.catalogue.obligations.filter { $0.kind != .accession }.prefix(30).map(\.id)
        try ledger.openRound(
            RoundDefinition(name: "example-round", due: try #require(ISODate("2099-12-31")), obligations: Array(obligations), states: ["FRA"]), actor: "admin")
        for obligation in obligations {
            let fields = try temporary.measure(
                "FRA", obligation, title: "EXAMPLE law for \(obligation) (test data)", note: "EXAMPLE note " + String(repeating: "x", count: 3000))
            _ = try ledger.draftMeasure(fields, round: "example-round", actor: "fra")
        }
        try ledger.submitRound("example-round", state: "FRA", actor: "fra")
        _ = try ledger.acceptAnswer("example-round", state: "FRA", obligation: nil, actor: "reviewer")
        let before = try ledger.headSeq()
        try fillDisk(ledger, leaving: 1)
        #expect {
            try ledger.publishRound("example-round", signingKey: CheckpointKey(), actor: "admin")
        } throws: { error in
            if case .diskFull = error as? LedgerError { return true }
            return false
        }
        // Nothing half-written: no measure, no publication, no checkpoint.
        #expect(try ledger.headSeq() == before)
        #expect(try ledger.measures().isEmpty)
        #expect(try ledger.round(named: "example-round").publications.isEmpty)
        #expect(try ledger.latestCheckpoint() == nil)
        #expect(try ledger.verify().isSound)
        try fillDisk(ledger, leaving: nil)
        let publication = try ledger.publishRound("example-round", signingKey: CheckpointKey(), actor: "admin")
        #expect(publication.events.count == obligations.count)
        #expect(publication.checkpoint != nil)
        #expect(try ledger.verify().isSound)
    }

    @Test func storageThatTurnsReadOnlyRefusesWritesInASentenceKeepsReadingAndRecovers() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        let seq = try #require(try ledger.recordMeasure(try temporary.measure("FRA"), actor: "test").seq)
        try ledger.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = ON") }
        #expect {
            try ledger.recordMeasure(try temporary.measure("DEU"), actor: "test")
        } throws: { error in
            guard case .readOnlyStorage = error as? LedgerError else { return false }
            return String(describing: error).contains("is read-only; nothing was written, and reading still works")
        }
        #expect(ledger.storageFault != nil)
        #expect(try ledger.measure(seq: seq) != nil)
        #expect(try ledger.verify().isSound)
        try ledger.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = OFF") }
        #expect(try ledger.recordMeasure(try temporary.measure("DEU"), actor: "test").seq == seq + 1)
        #expect(ledger.storageFault == nil)
    }

    @Test func everyWriteIsSyncedToDiskBeforeItIsAcknowledged() throws {
        let temporary = try TemporaryLedger()
        // 2 is FULL: a commit waits for the WAL to reach the disk (GRDB's default, NORMAL, is 1).
        let level = try temporary.ledger.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(level == 2)
    }
}
