import Foundation
import GRDB
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct LedgerCreationTests {
    @Test func aNewLedgerHoldsTheCatalogueAndStatesAndOneCreationEvent() throws {
        let temp = try TemporaryLedger()
        #expect(temp.ledger.catalogue.obligations.count == 39)
        #expect(temp.ledger.states.memberStates.count == 193)
        #expect(try temp.ledger.headSeq() == 1)
        let queue = try DatabaseQueue(path: temp.path)
        let kind = try queue.read { db in try String.fetchOne(db, sql: "SELECT kind FROM events WHERE seq = 1") }
        #expect(kind == "ledger.created")
        let counts = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM obligations")!, try Int.fetchOne(db, sql: "SELECT count(*) FROM states WHERE member = 1")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM state_aliases")!)
        }
        #expect(counts.0 == 39)
        #expect(counts.1 == 193)
        #expect(counts.2 > 10)
    }

    @Test func reopeningAddsNothing() throws {
        let temp = try TemporaryLedger()
        _ = try temp.ledger.recordMeasure(try temp.measure(), actor: "test")
        let again = try Ledger.open(path: temp.path)
        #expect(try again.headSeq() == 2)
        #expect(try again.verify().isSound)
    }

    @Test func theTriggersRejectUpdateAndDeleteOnEvents() throws {
        let temp = try TemporaryLedger()
        let queue = try DatabaseQueue(path: temp.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE events SET actor = 'mallory' WHERE seq = 1") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "DELETE FROM events") }
        }
        #expect(try temp.ledger.headSeq() == 1)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func aFileThatIsNotALedgerGetsAClearError() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("notes.txt", String(repeating: "not a database\n", count: 200))
        #expect(throws: LedgerError.self) { try Ledger.open(path: path) }
    }

    @Test func backupWritesACopyThatVerifies() throws {
        let temp = try TemporaryLedger()
        _ = try temp.ledger.recordMeasure(try temp.measure(), actor: "test")
        let copy = temp.directory.appendingPathComponent("copy.sqlite").path
        try temp.ledger.backup(to: copy)
        let restored = try Ledger.open(path: copy)
        #expect(try restored.headSeq() == 2)
        #expect(try restored.verify().isSound)
        #expect(throws: LedgerError.self) { try temp.ledger.backup(to: copy) }
    }
}
