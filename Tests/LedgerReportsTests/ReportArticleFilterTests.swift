import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import Testing

/// A report's Article filter reads "Article" as the catalogue does (and as a round's --article does):
/// `7` is Article 7 itself, `7a` Article 7(a); an unknown Article is refused, naming the known ones.
@Suite struct ReportArticleFilterTests {
    func obligations(_ ledger: Ledger, article: String) throws -> [String] {
        let filter = try ComplianceSnapshot.Filter.parse(region: nil, theme: nil, article: article, catalogue: ledger.catalogue)
        return try ComplianceSnapshot.make(ledger: ledger, asOf: ISODate("2026-01-01")!, filter: filter).obligations.map(\.id)
    }

    @Test func article7And7aAndAnUnknownArticle() throws {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        #expect(try obligations(ledger, article: "7") == ["art7.border-interdiction"])
        #expect(try obligations(ledger, article: "7a") == ["art7a.explosives-wmd-controls", "art7a.wmd-treaties"])
        #expect(try ledger.roundObligations(article: "7a") == ["art7a.explosives-wmd-controls"], "a round asks only what is answered with measures")
        do {
            _ = try ComplianceSnapshot.Filter.parse(region: nil, theme: nil, article: "12", catalogue: ledger.catalogue)
            Issue.record("Article 12 was accepted")
        } catch {
            #expect(error.field == "article")
            #expect(error.description.contains("7, 7a, 7b, 7c, 7d, 8"), "\(error.description)")
        }
    }
}
