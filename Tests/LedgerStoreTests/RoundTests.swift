import Foundation
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct RoundTests {
    static let obligations = ["art8.record-keeping", "art8.bank-secrecy"]

    func open(_ temp: TemporaryLedger, due: String = "2026-12-31", states: [String] = ["FRA", "KEN"]) throws {
        try temp.ledger.openRound(
            RoundDefinition(name: "2026-review", due: try #require(ISODate(due)), obligations: Self.obligations, states: states), actor: "admin")
    }

    @Test func aDraftCountsInNoReportUntilItsRoundIsPublished() throws {
        let temp = try TemporaryLedger()
        try open(temp)
        let draft = try temp.ledger.draftMeasure(try temp.measure("FRA", title: "EXAMPLE law"), round: "2026-review", actor: "fra")
        #expect(try temp.ledger.measures().isEmpty)
        #expect(try temp.ledger.cellStatuses().isEmpty)
        #expect(try temp.ledger.draftView(round: "2026-review", state: "FRA").first?.status == .draft)
        try temp.ledger.submitRound("2026-review", state: "FRA", actor: "fra")
        #expect(try temp.ledger.reviewQueue().map(\.obligation) == ["art8.record-keeping"])
        #expect(try temp.ledger.acceptAnswer("2026-review", state: "FRA", obligation: nil, actor: "rev").count == 1)
        #expect(try temp.ledger.measures().isEmpty)
        let publication = try temp.ledger.publishRound("2026-review", actor: "admin")
        #expect(publication.drafts == [draft])
        let measures = try temp.ledger.measures()
        #expect(measures.map(\.id) == publication.events)
        #expect(measures.first?.fields.title == "EXAMPLE law")
        #expect(try temp.ledger.cellStatuses().map(\.status) == [.implemented])
        #expect(try temp.ledger.verify().isSound)
        // Replaying the events gives the same projections.
        try temp.ledger.rebuild()
        #expect(try temp.ledger.measures().map(\.id) == publication.events)
        #expect(try temp.ledger.verify().isSound)
        #expect(try temp.ledger.round(named: "2026-review").publications.count == 1)
    }

    @Test func aReturnedAnswerGoesBackToDraftAndIsResubmitted() throws {
        let temp = try TemporaryLedger()
        try open(temp)
        let first = try temp.ledger.draftMeasure(try temp.measure("KEN", title: "EXAMPLE act"), round: "2026-review", actor: "ken")
        try temp.ledger.submitRound("2026-review", state: "KEN", actor: "ken")
        try temp.ledger.returnAnswer("2026-review", state: "KEN", obligation: "art8.record-keeping", comment: "Cite the gazette.", actor: "rev")
        let answer = try #require(try temp.ledger.draftView(round: "2026-review", state: "KEN").first)
        #expect(answer.status == .returned)
        #expect(answer.comment == "Cite the gazette.")
        #expect(throws: LedgerError.self) { try temp.ledger.acceptAnswer("2026-review", state: "KEN", obligation: "art8.record-keeping", actor: "rev") }
        let second = try temp.ledger.draftCorrection(first, changes: ["source": "EXAMPLE Gazette 12"], reason: "as asked", round: "2026-review", actor: "ken")
        let live = try temp.ledger.draftView(round: "2026-review", state: "KEN").first?.drafts.map(\.seq)
        #expect(live == [second])
        try temp.ledger.submitRound("2026-review", state: "KEN", actor: "ken")
        try temp.ledger.acceptAnswer("2026-review", state: "KEN", obligation: "art8.record-keeping", actor: "rev")
        try temp.ledger.publishRound("2026-review", actor: "admin")
        #expect(try temp.ledger.measures().map(\.fields.source) == ["EXAMPLE Gazette 12"])
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func aDraftCorrectionOfAPublishedMeasureReplacesItOnlyWhenPublished() throws {
        let temp = try TemporaryLedger()
        let seq = try #require(try temp.ledger.recordMeasure(try temp.measure("FRA", status: "partial"), actor: "fra").seq)
        try open(temp)
        try temp.ledger.draftCorrection(seq, changes: ["status": "implemented"], reason: "law in force", round: "2026-review", actor: "fra")
        // A second draft of the same measure is refused: the first is to be corrected instead.
        #expect(throws: LedgerError.self) {
            try temp.ledger.draftRetraction(seq, reason: "repealed", round: "2026-review", actor: "fra")
        }
        #expect(try temp.ledger.cellStatuses().map(\.status) == [.partial])
        try temp.ledger.submitRound("2026-review", state: "FRA", actor: "fra")
        try temp.ledger.acceptAnswer("2026-review", state: "FRA", obligation: nil, actor: "rev")
        try temp.ledger.publishRound("2026-review", actor: "admin")
        #expect(try temp.ledger.cellStatuses().map(\.status) == [.implemented])
        #expect(try temp.ledger.history(state: "FRA", obligation: "art8.record-keeping").map(\.kind) == ["measure.recorded", "measure.corrected"])
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func aFocalPointCannotDraftOrSubmitForAnotherStateOrOutsideTheRound() throws {
        let temp = try TemporaryLedger()
        try open(temp)
        #expect(throws: LedgerError.self) {
            try temp.ledger.draftMeasure(try temp.measure("KEN"), round: "2026-review", actor: "fra", onlyState: "FRA")
        }
        #expect(throws: LedgerError.self) {
            try temp.ledger.draftMeasure(try temp.measure("DEU"), round: "2026-review", actor: "deu")
        }
        #expect(throws: LedgerError.self) {
            try temp.ledger.draftMeasure(try temp.measure("FRA", "art2.mutual-legal-assistance"), round: "2026-review", actor: "fra")
        }
        #expect(throws: LedgerError.self) { try temp.ledger.submitRound("2026-review", state: "FRA", actor: "fra") }
        try temp.ledger.closeRound("2026-review", actor: "admin")
        let refused = #expect(throws: LedgerError.self) {
            try temp.ledger.draftMeasure(try temp.measure("FRA"), round: "2026-review", actor: "fra")
        }
        #expect(refused?.description.contains("was closed") == true)
    }

    @Test func pastItsDueDateTheStatusListsTheStatesThatHaveNotSubmitted() throws {
        let temp = try TemporaryLedger()
        try open(temp, due: "2026-01-15")
        try temp.ledger.draftMeasure(try temp.measure("FRA"), round: "2026-review", actor: "fra")
        try temp.ledger.draftMeasure(try temp.measure("KEN"), round: "2026-review", actor: "ken")
        try temp.ledger.submitRound("2026-review", state: "FRA", actor: "fra")
        let status = try temp.ledger.roundStatus("2026-review", today: try #require(ISODate("2026-01-20")))
        #expect(status.overdue == ["KEN"])
        #expect(status.daysLeft == -5)
        #expect(status.rows.first { $0.state == "FRA" }?.submitted == 1)
        #expect(status.rows.first { $0.state == "KEN" }?.drafted == 1)
        #expect(status.rows.first { $0.state == "KEN" }?.notStarted == 1)
        let before = try temp.ledger.roundStatus("2026-review", today: try #require(ISODate("2026-01-10")))
        #expect(before.overdue.isEmpty)
        #expect(before.daysLeft == 5)
    }

    @Test func aRoundNameIsUniqueAndItsObligationsMustBeAnswerable() throws {
        let temp = try TemporaryLedger()
        try open(temp)
        #expect(throws: LedgerError.self) { try open(temp) }
        #expect(throws: LedgerError.self) {
            try temp.ledger.openRound(
                RoundDefinition(name: "r2", due: ISODate("2027-01-01")!, obligations: ["art6.drug-conventions"], states: ["FRA"]), actor: "admin")
        }
        #expect(throws: LedgerError.self) {
            try temp.ledger.openRound(RoundDefinition(name: "bad name!", due: ISODate("2027-01-01")!, obligations: Self.obligations, states: ["FRA"]), actor: "admin")
        }
    }

    /// A published retraction's row in the data package shows the version it retracted (status,
    /// date, title), not a placeholder: its draft holds no content of its own.
    @Test func aPublishedRetractionShowsTheRetractedVersionInTheDataPackage() throws {
        let temp = try TemporaryLedger()
        let seq = try #require(try temp.ledger.recordMeasure(
            try temp.measure("FRA", status: "partial", effective: "2004-03-01", title: "EXAMPLE repealed act"), actor: "fra").seq)
        try open(temp)
        try temp.ledger.draftRetraction(seq, reason: "repealed", round: "2026-review", actor: "fra")
        try temp.ledger.submitRound("2026-review", state: "FRA", actor: "fra")
        try temp.ledger.acceptAnswer("2026-review", state: "FRA", obligation: nil, actor: "rev")
        try temp.ledger.publishRound("2026-review", actor: "admin")
        let folder = temp.directory.appendingPathComponent("package").path
        try temp.ledger.exportRoundDataPackage("2026-review", to: folder, licence: DataPackageLicence(name: "CC-BY-4.0"))
        let lines = try String(contentsOfFile: folder + "/measures.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(lines.count == 2, "\(lines)")
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func value(_ column: String) -> String? { header.firstIndex(of: column).map { row[$0] } }
        #expect(value("action") == "retract")
        #expect(value("status") == "partial")
        #expect(value("effective_date") == "2004-03-01")
        #expect(value("title") == "EXAMPLE repealed act")
        #expect(value("reason") == "repealed")
    }
}
