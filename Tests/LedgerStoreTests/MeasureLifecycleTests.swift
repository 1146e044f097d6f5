import Foundation
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct MeasureLifecycleTests {
    @Test func recordingTheSameMeasureTwiceWritesItOnce() throws {
        let temp = try TemporaryLedger()
        let first = try temp.ledger.recordMeasure(try temp.measure(), actor: "alice")
        #expect(first == .recorded(seq: 2))
        let second = try temp.ledger.recordMeasure(try temp.measure(), actor: "bob")
        #expect(second == .duplicate(of: 2))
        #expect(try temp.ledger.headSeq() == 2)
        let other = try temp.ledger.recordMeasure(try temp.measure(note: "a different note"), actor: "bob")
        #expect(other == .recorded(seq: 3))
    }

    @Test func aCorrectionIsANewEventAndTheCellTakesTheNewVersion() throws {
        let temp = try TemporaryLedger()
        let seq = try #require(try temp.ledger.recordMeasure(try temp.measure(status: "partial"), actor: "alice").seq)
        let correction = try temp.ledger.correctMeasure(seq, changes: ["status": "implemented"], reason: "law amended", actor: "bob")
        #expect(correction == seq + 1)
        let cells = try temp.ledger.cellStatuses()
        #expect(cells.map(\.status) == [.implemented])
        #expect(cells.first?.measureID == seq)
        let history = try temp.ledger.history(state: "FRA", obligation: "art8.record-keeping")
        #expect(history.map(\.kind) == ["measure.recorded", "measure.corrected"])
        #expect(history[1].payload.contains(#""supersedes":\#(seq)"#))
        #expect(history[1].actor == "bob")
        // A correction by the correction's own number works too.
        let again = try temp.ledger.correctMeasure(correction, changes: ["note": "see the amendment"], reason: nil, actor: "bob")
        #expect(try temp.ledger.measures().first?.lastSeq == again)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func aCorrectionThatChangesNothingIsRefused() throws {
        let temp = try TemporaryLedger()
        let seq = try #require(try temp.ledger.recordMeasure(try temp.measure(), actor: "alice").seq)
        #expect(throws: LedgerError.self) {
            try temp.ledger.correctMeasure(seq, changes: ["status": "implemented"], reason: nil, actor: "bob")
        }
        #expect(throws: LedgerError.self) {
            try temp.ledger.correctMeasure(seq, changes: ["status": "not_applicable"], reason: nil, actor: "bob")  // no justification
        }
        #expect(try temp.ledger.headSeq() == 2)
    }

    @Test func aRetractedMeasureStopsCountingButStaysInTheHistory() throws {
        let temp = try TemporaryLedger()
        let seq = try #require(try temp.ledger.recordMeasure(try temp.measure(), actor: "alice").seq)
        #expect(throws: LedgerError.self) { try temp.ledger.retractMeasure(seq, reason: "  ", actor: "bob") }
        let retraction = try temp.ledger.retractMeasure(seq, reason: "recorded against the wrong State", actor: "bob")
        #expect(try temp.ledger.cellStatuses().isEmpty)
        #expect(try temp.ledger.measures().isEmpty)
        #expect(try temp.ledger.measures(includeRetracted: true).first?.retractedSeq == retraction)
        #expect(try temp.ledger.history(state: "FRA", obligation: "art8.record-keeping").map(\.kind) == ["measure.recorded", "measure.retracted"])
        #expect(throws: LedgerError.self) { try temp.ledger.retractMeasure(seq, reason: "again", actor: "bob") }
        #expect(throws: LedgerError.self) { try temp.ledger.correctMeasure(seq, changes: ["note": "x"], reason: nil, actor: "bob") }
        // Once retracted, the same content may be recorded again.
        #expect(try temp.ledger.recordMeasure(try temp.measure(), actor: "alice").seq != nil)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func aMeasureEffectiveIn2020DoesNotCountAsOf2019() throws {
        let temp = try TemporaryLedger()
        _ = try temp.ledger.recordMeasure(try temp.measure(status: "planned", effective: "2015-01-01"), actor: "a")
        _ = try temp.ledger.recordMeasure(try temp.measure(status: "implemented", effective: "2020-06-01"), actor: "a")
        #expect(try temp.ledger.cellStatuses(asOf: ISODate("2019-12-31")).map(\.status) == [.planned])
        #expect(try temp.ledger.cellStatuses(asOf: ISODate("2020-06-01")).map(\.status) == [.implemented])
        #expect(try temp.ledger.cellStatuses(asOf: ISODate("2014-12-31")).isEmpty)
        #expect(try temp.ledger.cellStatuses().map(\.status) == [.implemented])
        #expect(try temp.ledger.measures(asOf: ISODate("2019-12-31")).count == 1)
    }

    @Test func evidenceIsStoredOnceByItsDigestAndExportsBack() throws {
        let temp = try TemporaryLedger()
        let bytes = [UInt8]("%PDF-1.4 pretend law text".utf8)
        let file = EvidenceFile(filename: "law.pdf", content: bytes, documentDate: ISODate("1990-07-14"))
        _ = try temp.ledger.recordMeasure(try temp.measure(), evidence: [file], actor: "a")
        _ = try temp.ledger.recordMeasure(try temp.measure("DEU"), evidence: [file], actor: "a")
        let links = try temp.ledger.measures().flatMap(\.fields.evidence)
        #expect(links.count == 2)
        #expect(Set(links.map(\.sha256)).count == 1)
        #expect(links.first?.sha256 == "8fe305890823efe1dab593a7f2136ee063799e04f4b6a004dc68ea986398705f")  // sha256sum of the same bytes
        #expect(links.first?.documentDate == ISODate("1990-07-14"))
        #expect(try temp.ledger.evidenceContent(sha256: links[0].sha256) == bytes)
        let out = temp.directory.appendingPathComponent("evidence").path
        #expect(try temp.ledger.exportEvidence(to: out) == 1)
        let written = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(written == [links[0].sha256 + "-law.pdf"])
        #expect(try temp.ledger.verify().evidenceChecked == 1)
    }

    @Test func assessmentsAreEventsAndTheLatestCountsAsOfItsDate() throws {
        let temp = try TemporaryLedger()
        let raw1 = ["state": "FRA", "obligation": "art8.record-keeping", "rating": "partially_compliant", "assessed_on": "2010-01-01"]
        let raw2 = ["state": "FRA", "obligation": "art8.record-keeping", "rating": "largely_compliant", "assessed_on": "2020-01-01", "comment": "better"]
        let today = ISODate("2026-01-01")!
        _ = try temp.ledger.recordAssessment(try AssessmentFields.validate(raw1, catalogue: temp.ledger.catalogue, states: temp.ledger.states, today: today), actor: "rev")
        _ = try temp.ledger.recordAssessment(try AssessmentFields.validate(raw2, catalogue: temp.ledger.catalogue, states: temp.ledger.states, today: today), actor: "rev")
        #expect(try temp.ledger.latestAssessments().map(\.fields.rating) == [.largelyCompliant])
        #expect(try temp.ledger.latestAssessments(asOf: ISODate("2015-01-01")).map(\.fields.rating) == [.partiallyCompliant])
        #expect(try temp.ledger.latestAssessments(asOf: ISODate("2009-01-01")).isEmpty)
        #expect(try temp.ledger.history(state: "FRA", obligation: "art8.record-keeping").count == 2)
        #expect(try temp.ledger.verify().isSound)
    }
}
