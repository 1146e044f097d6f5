import Foundation
import GRDB
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// `history` reads the measure_changes projection (migration v0008) and the cell indexes instead of
/// scanning payloads.
@Suite struct HistoryTests {
    /// A ledger whose measures move between cells: FRA × art8.record-keeping gets a measure that is
    /// corrected and then retracted, an assessment, and a measure that a correction moves to DEU.
    struct Fixture {
        let temp: TemporaryLedger
        var ledger: Ledger { temp.ledger }
        let kept: Int64, assessment: Int64, keptCorrection: Int64, moved: Int64, move: Int64, retraction: Int64
        let otherCell: Int64, otherState: Int64, moveAgain: Int64

        init() throws {
            temp = try TemporaryLedger()
            let ledger = temp.ledger
            kept = try #require(try ledger.recordMeasure(try temp.measure(status: "partial"), actor: "alice").seq)
            otherCell = try #require(try ledger.recordMeasure(try temp.measure("FRA", "art8.bank-secrecy"), actor: "alice").seq)
            otherState = try #require(try ledger.recordMeasure(try temp.measure("DEU", title: "Another example law (test data)"), actor: "alice").seq)
            let raw = ["state": "FRA", "obligation": "art8.record-keeping", "rating": "partially_compliant", "assessed_on": "2010-01-01"]
            assessment = try ledger.recordAssessment(
                try AssessmentFields.validate(raw, catalogue: ledger.catalogue, states: ledger.states, today: ISODate("2026-01-01")!), actor: "rev")
            keptCorrection = try ledger.correctMeasure(kept, changes: ["status": "implemented"], reason: "law amended", actor: "bob")
            moved = try #require(try ledger.recordMeasure(try temp.measure(note: "recorded against the wrong State"), actor: "alice").seq)
            move = try ledger.correctMeasure(moved, changes: ["state": "DEU"], reason: "recorded against the wrong State", actor: "bob")
            retraction = try ledger.retractMeasure(kept, reason: "repealed", actor: "bob")
            moveAgain = try ledger.correctMeasure(moved, changes: ["obligation": "art8.bank-secrecy"], reason: "other obligation", actor: "bob")
        }

        func seqs(_ state: String, _ obligation: String) throws -> [Int64] {
            try ledger.history(state: state, obligation: obligation).map(\.seq)
        }
    }

    @Test func historyListsExactlyTheEventsOfTheCellIncludingCorrectionsAndRetractions() throws {
        let fixture = try Fixture()
        let f = fixture
        // Every cell a measure was ever in lists all of its events, whichever cell it is in now.
        #expect(try f.seqs("FRA", "art8.record-keeping") == [f.kept, f.assessment, f.keptCorrection, f.moved, f.move, f.retraction, f.moveAgain])
        #expect(try f.seqs("DEU", "art8.record-keeping") == [f.otherState, f.moved, f.move, f.moveAgain])
        #expect(try f.seqs("DEU", "art8.bank-secrecy") == [f.moved, f.move, f.moveAgain])
        #expect(try f.seqs("FRA", "art8.bank-secrecy") == [f.otherCell])
        #expect(try f.seqs("ITA", "art8.record-keeping").isEmpty)
        let kinds = try f.ledger.history(state: "FRA", obligation: "art8.record-keeping").map(\.kind)
        #expect(kinds == ["measure.recorded", "assessment.recorded", "measure.corrected", "measure.recorded", "measure.corrected", "measure.retracted", "measure.corrected"])
        #expect(try f.ledger.verify().isSound)
        // A rebuild makes the same lists from the events.
        let before = try f.ledger.history(state: "DEU", obligation: "art8.record-keeping")
        try f.ledger.rebuild()
        #expect(try f.ledger.history(state: "DEU", obligation: "art8.record-keeping") == before)
        #expect(try f.ledger.verify().isSound)
    }

    @Test(arguments: [
        "DELETE FROM measure_changes WHERE seq = (SELECT max(seq) FROM measure_changes)",
        "UPDATE measure_changes SET from_state = 'ITA' WHERE state = 'DEU' AND obligation = 'art8.record-keeping'",
        "UPDATE measure_changes SET state = 'ITA' WHERE from_state = 'FRA' AND state = 'FRA'",
        "INSERT INTO measure_changes (measure, seq, state, obligation, from_state, from_obligation) VALUES (3, 4, 'ITA', 'art8.bank-secrecy', 'FRA', 'art8.bank-secrecy')",
    ])
    func aChangeRowEditedBehindTheLedgersBackIsNamed(sql: String) throws {
        let fixture = try Fixture()
        let queue = try DatabaseQueue(path: fixture.temp.path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        let report = try fixture.ledger.verify()
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.contains("The measure_changes projection disagrees with event") && $0.contains("cpsledger rebuild") })
        try fixture.ledger.rebuild()
        #expect(try fixture.ledger.verify().isSound)
    }

    @Test func aLedgerFromBeforeMeasureChangesGetsThemOnUpgradeWithTheSameHistoryAndReports() throws {
        let fixture = try Fixture()
        let cells = [("FRA", "art8.record-keeping"), ("DEU", "art8.record-keeping"), ("DEU", "art8.bank-secrecy"), ("FRA", "art8.bank-secrecy")]
        let histories = try cells.map { try fixture.ledger.history(state: $0.0, obligation: $0.1) }
        let statuses = try fixture.ledger.cellStatuses()
        let asOf = try fixture.ledger.cellStatuses(asOf: ISODate("2000-01-01"))
        // The file as schema v0007 left it: v0008 only adds a table and its indexes, so without them
        // (and without its migration record) this is what an older cpsledger wrote.
        let queue = try DatabaseQueue(path: fixture.temp.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE measure_changes; DELETE FROM grdb_migrations WHERE identifier = 'v0008_measure_changes'")
        }
        let upgraded = try Ledger.open(path: fixture.temp.path, actor: "test", withStatusData: false)
        #expect(try upgraded.verify().isSound)
        #expect(try cells.map { try upgraded.history(state: $0.0, obligation: $0.1) } == histories)
        #expect(try upgraded.cellStatuses() == statuses)
        #expect(try upgraded.cellStatuses(asOf: ISODate("2000-01-01")) == asOf)
        // New writes after the upgrade keep the lists.
        let added = try #require(try upgraded.recordMeasure(try fixture.temp.measure("DEU", title: "A third example law (test data)"), actor: "alice").seq)
        #expect(try upgraded.history(state: "DEU", obligation: "art8.record-keeping").map(\.seq) == histories[1].map(\.seq) + [added])
        #expect(try upgraded.verify().isSound)
    }
}
