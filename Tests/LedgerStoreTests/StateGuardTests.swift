import Foundation
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// A write limited to one State (a focal point's) is checked inside its write transaction.
@Suite struct StateGuardTests {
    @Test func aMeasureMovedToAnotherStateCannotBeCorrectedOrRetractedByTheOldStatesFocalPoint() throws {
        let temp = try TemporaryLedger()
        let id = try #require(try temp.ledger.recordMeasure(try temp.measure("FRA"), actor: "t").seq)
        // The focal point read the measure as French; an editor moves it to Germany before the focal point writes.
        _ = try temp.ledger.correctMeasure(id, changes: ["state": "DEU"], reason: "recorded against the wrong State", actor: "editor")
        let head = try temp.ledger.headSeq()
        #expect {
            try temp.ledger.correctMeasure(id, changes: ["note": "EXAMPLE"], reason: nil, actor: "focal", onlyState: "FRA")
        } throws: { error in
            guard case LedgerError.outsideState(let measure, let state, let allowed) = error else { return false }
            return measure == id && state == "DEU" && allowed == "FRA"
        }
        #expect(throws: LedgerError.self) { try temp.ledger.retractMeasure(id, reason: "EXAMPLE", actor: "focal", onlyState: "FRA") }
        #expect(try temp.ledger.headSeq() == head)
        // Germany's focal point may.
        #expect(try temp.ledger.retractMeasure(id, reason: "EXAMPLE", actor: "focal", onlyState: "DEU") == head + 1)
    }

    @Test func aFocalPointCannotMoveItsMeasureToAnotherState() throws {
        let temp = try TemporaryLedger()
        let id = try #require(try temp.ledger.recordMeasure(try temp.measure("FRA"), actor: "t").seq)
        let head = try temp.ledger.headSeq()
        #expect(throws: LedgerError.self) { try temp.ledger.correctMeasure(id, changes: ["state": "DEU"], reason: nil, actor: "focal", onlyState: "FRA") }
        #expect(try temp.ledger.headSeq() == head)
        #expect(try temp.ledger.correctMeasure(id, changes: ["note": "EXAMPLE"], reason: nil, actor: "focal", onlyState: "FRA") == head + 1)
    }
}
