import LedgerFixtures
import LedgerModel
import Testing

/// "Article" means one thing everywhere: `7` is Article 7 itself, `7a` Article 7(a), and an Article
/// the catalogue does not have is an error naming the ones it has.
@Suite struct CatalogueArticleTests {
    let catalogue = try! Catalogue.decode(json: LedgerFixtures.catalogueJSON)

    @Test func article7IsArticle7ItselfNotItsSubParagraphs() throws {
        #expect(try catalogue.obligations(article: "7").map(\.id) == ["art7.border-interdiction"])
        #expect(try catalogue.obligations(article: "Article 7").map(\.id) == ["art7.border-interdiction"])
    }

    @Test func article7aIsArticle7aWhateverTheSpelling() throws {
        let ids = ["art7a.explosives-wmd-controls", "art7a.wmd-treaties"]
        for spelling in ["7a", "7A", "Article 7(a)", "art7a", " 7a "] {
            #expect(try catalogue.obligations(article: spelling).map(\.id) == ids, "\(spelling)")
        }
    }

    @Test func anUnknownArticleIsATypedErrorNamingTheKnownOnes() {
        #expect(catalogue.articles == ["1", "2", "3", "4", "5", "6", "7", "7a", "7b", "7c", "7d", "8", "9", "10", "11"])
        for unknown in ["12", "7e", "", "res.4"] {
            #expect(throws: Catalogue.UnknownArticle.self) { try catalogue.obligations(article: unknown) }
        }
        do {
            _ = try catalogue.obligations(article: "12")
            Issue.record("Article 12 was accepted")
        } catch {
            #expect(error.description == "'12' is not an Article of the catalogue; its Articles are 1, 2, 3, 4, 5, 6, 7, 7a, 7b, 7c, 7d, 8, 9, 10, 11.")
        }
    }
}
