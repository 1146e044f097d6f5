import Foundation
import GRDB
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// Rounds as an honest typed model: a draft holds only what its event holds, a payload that does not
/// decode is named (never read as a made-up value), and each State's progress is read from one book.
@Suite struct RoundBookTests {
    static let round = "2026-review"

    func open(_ temp: TemporaryLedger, due: String = "2026-12-31", states: [String] = ["DEU", "FRA", "KEN"]) throws {
        try temp.ledger.openRound(
            RoundDefinition(name: Self.round, due: try #require(ISODate(due)), obligations: RoundTests.obligations, states: states), actor: "admin")
    }

    @Test func aRetractionDraftCarriesNoInventedStatusOrDate() throws {
        let temp = try TemporaryLedger()
        let seq = try #require(try temp.ledger.recordMeasure(try temp.measure("FRA", status: "partial", effective: "2004-03-01"), actor: "fra").seq)
        try open(temp)
        let draftSeq = try temp.ledger.draftRetraction(seq, reason: "repealed", round: Self.round, actor: "fra")
        let draft = try #require(try temp.ledger.draftView(round: Self.round, state: "FRA").flatMap(\.drafts).first)
        #expect(draft.seq == draftSeq)
        #expect(draft.change == .retract(measure: seq, supersedes: seq, state: "FRA", obligation: "art8.record-keeping"))
        #expect(draft.fields == nil)
        guard case .object(let members) = draft.json else { Issue.record("not an object"); return }
        #expect(members["measure_fields"] == .null)
        let text = draft.json.canonicalText
        #expect(!text.contains("no_measures") && !text.contains("effective_date"), "\(text)")
        // A retraction has nothing to correct: refused, not corrected from made-up fields.
        #expect(throws: LedgerError.self) {
            try temp.ledger.draftCorrection(draftSeq, changes: ["status": "implemented"], reason: nil, round: Self.round, actor: "fra")
        }
    }

    @Test func anUndecodableDraftPayloadIsAStoredValueErrorThatVerifyNames() throws {
        let temp = try TemporaryLedger()
        try open(temp)
        let draft = try temp.ledger.draftMeasure(try temp.measure("FRA"), round: Self.round, actor: "fra")
        // A draft whose measure fields were taken out behind the ledger's back.
        try BehindTheLedger.edit(
            temp.path, "UPDATE events SET payload = ? WHERE seq = ?",
            arguments: [#"{"action":"record","round":"2026-review","state":"FRA"}"#, draft])
        do {
            _ = try temp.ledger.draftView(round: Self.round, state: "FRA")
            Issue.record("the draft was read")
        } catch LedgerError.badStoredValue(let table, let key, let column, _, let expected) {
            #expect(table == "events" && key == "seq \(draft)" && column == "payload")
            #expect(expected == "a drafted measure's fields")
        }
        let report = try temp.ledger.verify()
        #expect(report.problems.contains { $0.contains("Row seq \(draft) of the events table") && $0.contains("which is not a drafted measure's fields") }, "\(report.problems)")
    }

    @Test func eachStatesProgressAndWhoIsOverdueComeFromOneBook() throws {
        let temp = try TemporaryLedger()
        try open(temp, due: "2020-01-31")
        // DEU nothing; FRA drafts; KEN drafts and submits.
        try temp.ledger.draftMeasure(try temp.measure("FRA", title: "EXAMPLE FRA"), round: Self.round, actor: "fra")
        try temp.ledger.draftMeasure(try temp.measure("KEN", title: "EXAMPLE KEN"), round: Self.round, actor: "ken")
        try temp.ledger.submitRound(Self.round, state: "KEN", actor: "ken")
        var status = try temp.ledger.roundStatus(Self.round, today: ISODate("2020-02-01")!)
        #expect(status.rows.map(\.progress) == [.notStarted, .drafting, .submitted])
        #expect(status.overdue == ["DEU", "FRA"])
        #expect(status.progressCounts.values.reduce(0, +) == 3)
        try temp.ledger.returnAnswer(Self.round, state: "KEN", obligation: "art8.record-keeping", comment: "EXAMPLE: cite it", actor: "rev")
        status = try temp.ledger.roundStatus(Self.round, today: ISODate("2020-02-01")!)
        #expect(status.rows.map(\.progress) == [.notStarted, .drafting, .returned])
        #expect(status.overdue == ["DEU", "FRA", "KEN"])
        try temp.ledger.submitRound(Self.round, state: "KEN", actor: "ken")
        try temp.ledger.acceptAnswer(Self.round, state: "KEN", obligation: "art8.record-keeping", actor: "rev")
        #expect(try temp.ledger.roundStatus(Self.round, today: ISODate("2020-02-01")!).rows.map(\.progress) == [.notStarted, .drafting, .accepted])
        try temp.ledger.publishRound(Self.round, actor: "admin")
        status = try temp.ledger.roundStatus(Self.round, today: ISODate("2020-01-15")!)
        #expect(status.rows.map(\.progress) == [.notStarted, .drafting, .published])
        #expect(status.overdue.isEmpty, "not before the due date")
        #expect(status.progressCounts == [.notStarted: 1, .drafting: 1, .submitted: 0, .returned: 0, .accepted: 0, .published: 1])
        #expect(RoundProgress.notStarted.words == "not started")
    }
}
