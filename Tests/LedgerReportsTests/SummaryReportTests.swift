import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct SummaryReportTests {
    /// FRA: record-keeping implemented (1), bank secrecy partial but rated NC (0), migrant smuggling n/a;
    /// DEU: record-keeping planned (0.25); ITA: record-keeping implemented from 2020 (not yet in force in 2019).
    func smallLedger() throws -> TemporaryLedger {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        func record(_ state: String, _ obligation: String, _ status: String, _ date: String = "2000-01-01") throws {
            var raw = ["state": state, "obligation": obligation, "status": status, "effective_date": date, "title": "Example (test data)", "kind": "legislation"]
            if status == "not_applicable" { raw["justification"] = "test" }
            _ = try ledger.recordMeasure(try MeasureFields.validate(raw, catalogue: ledger.catalogue, states: ledger.states), actor: "t")
        }
        try record("FRA", "art8.record-keeping", "implemented")
        try record("FRA", "art8.bank-secrecy", "partial")
        try record("FRA", "art7d.migrant-smuggling", "not_applicable")
        try record("DEU", "art8.record-keeping", "planned")
        try record("ITA", "art8.record-keeping", "implemented", "2020-06-01")
        let rating = ["state": "FRA", "obligation": "art8.bank-secrecy", "rating": "non_compliant", "assessed_on": "2010-01-01", "comment": "t"]
        _ = try ledger.recordAssessment(try AssessmentFields.validate(rating, catalogue: ledger.catalogue, states: ledger.states, today: ISODate("2026-01-01")!), actor: "r")
        return temp
    }

    @Test func theFiguresFollowTheScoringRulesWorkedByHand() throws {
        let fixture = try smallLedger()
        let ledger = fixture.ledger
        let report = try summary(ledger, asOf: ISODate("2019-12-31")!)
        let global = report.global.tally
        #expect(global.cells == 193 * 39)
        #expect(global.notApplicable == 1)
        #expect(global.applicable == 193 * 39 - 1)
        #expect(global.reported == 3)  // ITA's measure is not in force in 2019
        #expect(global.assessed == 1)
        let expectedScore: Double = (1 + 0 + 0.25) / 3
        #expect(global.score == expectedScore)
        let weog = try #require(report.regionalGroups.first { $0.name == "Western European and Others" })
        #expect(weog.states == 29)
        #expect(weog.tally.cells == 29 * 39)
        #expect(weog.tally.reported == 3)
        let african = try #require(report.regionalGroups.first { $0.name == "African" })
        #expect(african.tally.reported == 0)
        #expect(african.tally.score == nil)
        let article8 = try #require(report.articles.first { $0.name == "Article 8" })
        #expect(article8.obligations == 6)
        #expect(article8.tally.reported == 3)
        let article7 = try #require(report.articles.first { $0.name == "Article 7" })
        #expect(article7.obligations == 6)
        #expect(article7.tally.notApplicable == 1)
        #expect(report.basis == "1 of 3 scored cells rest on an assessment, 2 on self-reported status")

        let later = try summary(ledger, asOf: ISODate("2021-01-01")!)
        #expect(later.global.tally.reported == 4)
        let expected: Double = (1 + 0 + 0.25 + 1) / 4
        #expect(later.global.tally.score == expected)
    }

    @Test func textAndJSONShowTheSameNumbers() throws {
        let fixture = try smallLedger()
        let ledger = fixture.ledger
        let report = try summary(ledger, asOf: ISODate("2021-01-01")!)
        let body = try ReportRequest(kind: .summary, format: .json, asOf: ISODate("2021-01-01")!).render(ledger: ledger).body
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
        let global = json["global"] as! [String: Any]
        #expect(json["as_of"] as? String == "2021-01-01")
        #expect(global["reported"] as? Int == 4)
        #expect(global["score"] as? Double == 0.5625)
        #expect(global["not_applicable"] as? Int == 1)
        #expect((global["status_counts"] as? [String: Int])?["not_reported"] == 193 * 39 - 5)
        #expect(global["score_formula"] as? String == report.global.tally.scoreFormula)
        let text = report.renderText()
        #expect(text.contains("as of 2021-01-01"))
        #expect(text.contains("score 0.56 = 2.25 points / 4 applicable and reported"))
        let weogLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("Western European and Others") })
        #expect(weogLine.split(separator: " ", omittingEmptySubsequences: true).suffix(10).joined(separator: " ")
            == "1131 4 0.00 0.56 2 1 1 0 1 1126")
    }

    @Test func accessionCellsDeriveFromTreatyStatusAsOfTheReportDate() throws {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        let csv = temp.directory.appendingPathComponent("a.csv").path
        try Data("""
            state,treaty,action,date,note
            FRA,VI-15,ratification,1969-02-19,EXAMPLE
            FRA,VI-15,signature,1961-03-30,EXAMPLE
            FRA,VI-16,accession,1975-01-28,EXAMPLE
            FRA,VI-19,signature,1989-02-13,EXAMPLE
            FRA,VI-19,ratification,1990-12-31,EXAMPLE

            """.utf8).write(to: URL(fileURLWithPath: csv))
        _ = try ledger.importTreatyActions(path: csv, actor: "t")
        func art6(_ date: String) throws -> TallyRow {
            let report = try summary(ledger, asOf: ISODate(date)!)
            return report.articles.first { $0.name == "Article 6" }!
        }
        // No status table: only FRA's cells are known; the other States' accession cells stay not_reported.
        #expect(try art6("1990-12-31").tally.count(.implemented) == 1)
        #expect(try art6("1990-12-30").tally.count(.partial) == 1)  // party to 1961 and 1971, signatory of 1988
        #expect(try art6("1960-01-01").tally.count(.noMeasures) == 1)  // FRA: known, and party to nothing yet
        #expect(try art6("1960-01-01").tally.count(.notReported) == 193 * 3 - 1)
        let report = try summary(ledger, asOf: ISODate("2000-01-01")!)
        #expect(report.global.tally.derived == 1)
        #expect(report.basis.hasSuffix("1 on treaty status"))
    }
}

/// The summary of the whole ledger as of `asOf`, non-members shown apart, as the summary report makes it.
private func summary(_ ledger: Ledger, asOf: ISODate) throws -> SummaryReport {
    SummaryReport.make(snapshot: try ComplianceSnapshot.make(ledger: ledger, asOf: asOf, filter: .init(nonMembers: true)))
}
