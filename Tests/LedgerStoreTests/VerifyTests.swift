import Foundation
import GRDB
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// Changes made behind the tool's back, even with the triggers dropped, are found and named.
@Suite struct VerifyTests {
    func ledgerWithFiveMeasures() throws -> TemporaryLedger {
        let temp = try TemporaryLedger()
        for state in ["FRA", "DEU", "ITA", "ESP", "PRT"] {
            _ = try temp.ledger.recordMeasure(try temp.measure(state), actor: "a")
        }
        #expect(try temp.ledger.verify().isSound)
        return temp
    }

    func tamper(_ temp: TemporaryLedger, _ sql: String) throws {
        try BehindTheLedger.edit(temp.path, sql)
    }

    @Test(arguments: [
        ("UPDATE events SET payload = replace(payload, 'implemented', 'partial') WHERE seq = 4", Int64(4)),
        ("UPDATE events SET actor = 'mallory' WHERE seq = 3", Int64(3)),
        ("UPDATE events SET recorded_at = '2001-01-01T00:00:00.000Z' WHERE seq = 5", Int64(5)),
        ("DELETE FROM events WHERE seq = 3", Int64(3)),
    ])
    func anAlteredOrMissingEventIsNamed(sql: String, bad: Int64) throws {
        let temp = try ledgerWithFiveMeasures()
        try tamper(temp, sql)
        let report = try Ledger.open(path: temp.path).verify()
        #expect(!report.isSound)
        #expect(report.firstBadSeq == bad)
    }

    @Test func rewritingTheWholeChainTailIsStillCaughtByTheProjections() throws {
        let temp = try ledgerWithFiveMeasures()
        // Delete the last event: the chain that is left is sound, but the measure it made is not explained.
        try tamper(temp, "DELETE FROM events WHERE seq = 6")
        let report = try Ledger.open(path: temp.path).verify()
        #expect(report.firstBadSeq == 6)
    }

    @Test func aChangedProjectionIsFoundAndRebuildMendsIt() throws {
        let temp = try ledgerWithFiveMeasures()
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in try db.execute(sql: "UPDATE measures SET status = 'partial' WHERE id = 4") }
        let report = try temp.ledger.verify()
        #expect(report.firstBadSeq == 4)
        #expect(report.problems.first?.contains("rebuild") == true)
        #expect(try temp.ledger.rebuild() == 6)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func alteredEvidenceBytesAreFound() throws {
        let temp = try TemporaryLedger()
        let file = EvidenceFile(filename: "a.txt", content: Array("original".utf8), documentDate: nil)
        _ = try temp.ledger.recordMeasure(try temp.measure(), evidence: [file], actor: "a")
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in try db.execute(sql: "UPDATE evidence SET content = X'00'") }
        let report = try temp.ledger.verify()
        #expect(!report.isSound)
        #expect(report.firstBadSeq == 2)
    }

    @Test(arguments: [
        ("UPDATE measures SET retracted_seq = NULL WHERE id = 3", Int64(8)),  // undo the retraction
        ("UPDATE measures SET status = 'implemented', last_seq = 4 WHERE id = 4", Int64(4)),  // hide correction 7 (identity no longer fits either)
        ("UPDATE measures SET status = 'partial' WHERE id = 5", Int64(5)),  // content no longer matches its identity
        ("UPDATE cells SET status = 'planned' WHERE state = 'ESP'", Int64(5)),
        ("DELETE FROM measures WHERE id = 6", Int64(6)),
        ("UPDATE assessments SET rating = 'compliant'", Int64(9)),
    ])
    func projectionsThatHideCorrectionsRetractionsOrAssessmentsAreFound(sql: String, bad: Int64) throws {
        let temp = try ledgerWithFiveMeasures()
        _ = try temp.ledger.correctMeasure(4, changes: ["status": "planned"], reason: nil, actor: "a")  // 7
        _ = try temp.ledger.retractMeasure(3, reason: "wrong State", actor: "a")  // 8
        let rating = ["state": "FRA", "obligation": "art8.record-keeping", "rating": "non_compliant", "comment": "c"]
        _ = try temp.ledger.recordAssessment(
            try AssessmentFields.validate(rating, catalogue: temp.ledger.catalogue, states: temp.ledger.states, today: ISODate("2026-01-01")!),
            actor: "r")  // 9
        #expect(try temp.ledger.verify().isSound)
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in try db.execute(sql: sql) }
        let report = try temp.ledger.verify()
        #expect(report.firstBadSeq == bad, "\(report.problems)")
        if sql.contains("last_seq = 4") {
            #expect(report.problems.contains { $0.contains("does not show its correction 7") })
        }
        try temp.ledger.rebuild()
        #expect(try temp.ledger.verify().isSound)
    }

    /// A cell whose measure id is text (an INTEGER column keeps 'x' as text) is named, not a crash of verify.
    @Test func aCellWithTextForItsMeasureIsNamedNotACrash() throws {
        let temp = try ledgerWithFiveMeasures()
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in try db.execute(sql: "UPDATE cells SET measure_id = 'x' WHERE state = 'ESP'") }
        let report = try temp.ledger.verify()
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.contains("ESP") && $0.contains("'x'") }, "\(report.problems)")
        try temp.ledger.rebuild()
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func alteredTreatyStatusIsFound() throws {
        let temp = try TemporaryLedger(statusData: true)
        #expect(try temp.ledger.verify().isSound)
        let seq = try #require(try temp.ledger.treatyActions().first { $0.fields.state == "ALB" && $0.fields.treaty == "illicit-traffic-1988" }?.seq)
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in try db.execute(sql: "UPDATE treaty_actions SET date = '1990-01-01' WHERE seq = ?", arguments: [seq]) }
        #expect(try temp.ledger.verify().firstBadSeq == seq)
        try temp.ledger.rebuild()
        #expect(try temp.ledger.verify().isSound)
        try BehindTheLedger.edit(temp.path, "UPDATE events SET payload = replace(payload, '2001-06-27', '1990-01-01') WHERE seq = ?", arguments: [seq])
        #expect(try temp.ledger.verify().firstBadSeq == seq)
    }
}
