import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import Testing

/// Report CSV neutralises cells that a spreadsheet would run as a formula, as exports do.
@Suite struct ReportCSVTests {
    @Test func aMeasureTitleThatLooksLikeAFormulaIsMarkedInEveryReportCSV() throws {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        let title = "=HYPERLINK(\"http://example.invalid\")"
        _ = try ledger.recordMeasure(try MeasureFields.validate(
            ["state": "FRA", "obligation": "art8.record-keeping", "status": "implemented", "effective_date": "2000-01-01", "title": title,
             "kind": "legislation", "source": "@source (test data)"],
            catalogue: ledger.catalogue, states: ledger.states), actor: "t")
        for (kind, subject) in [(ReportRequest.Kind.state, "FRA"), (.obligation, "art8.record-keeping")] {
            let csv = try ReportRequest(kind: kind, format: .csv, asOf: ISODate("2001-01-01")!, subject: subject).render(ledger: ledger).body
            #expect(csv.contains(#""'=HYPERLINK(""http://example.invalid"")""#), "\(kind): \(csv)")
            #expect(csv.contains(",'@source (test data),"), "\(kind): \(csv)")
            #expect(!csv.contains(",=") && !csv.contains(",@"), "\(kind)")
            // A quoted cell (the title holds quotes) must be marked inside its quotes too.
            #expect(!csv.contains(",\"=") && !csv.contains(",\"@"), "\(kind): \(csv)")
        }
    }
}
