import Foundation
import LedgerModel
import Testing

@Suite struct LanguageTests {
    @Test(arguments: [
        ("fr", Language.fr), ("fr-CA", .fr), ("fr_FR.UTF-8", .fr), ("zh-Hans-CN", .zh), ("AR", .ar), ("ru_RU@euro", .ru),
        ("es-419", .es), ("en_001", .en),
    ])
    func tagsNameTheirLanguage(tag: String, language: Language) {
        #expect(Language(tag: tag) == language)
    }

    @Test func otherLanguagesAreNone() {
        for tag in ["de", "pt-BR", "C", "C.UTF-8", "POSIX", "", "-", "french"] { #expect(Language(tag: tag) == nil, "\(tag)") }
    }

    @Test func acceptLanguageIsReadByWeight() {
        #expect(Language.preferred(acceptLanguage: "de-DE,fr;q=0.8,en;q=0.9") == .en)
        #expect(Language.preferred(acceptLanguage: "ar-EG, en;q=0.5") == .ar)
        #expect(Language.preferred(acceptLanguage: "zh-CN;q=0.7,es;q=0.7") == .zh)
        #expect(Language.preferred(acceptLanguage: "de, pt") == nil)
        #expect(Language.preferred(acceptLanguage: "fr;q=0, es;q=0.1") == .es)
        #expect(Language.preferred(acceptLanguage: "") == nil)
    }

    /// CLDR's integer plural rules (plurals.xml), with the examples CLDR itself lists for each category.
    @Test func pluralCategoriesFollowCLDR() {
        let arabic: [Int: PluralCategory] = [0: .zero, 1: .one, 2: .two, 3: .few, 10: .few, 103: .few, 11: .many, 26: .many, 111: .many, 100: .other, 101: .other, 102: .other]
        for (n, category) in arabic { #expect(Language.ar.pluralCategory(n) == category, "ar \(n)") }
        let russian: [Int: PluralCategory] = [1: .one, 21: .one, 101: .one, 2: .few, 4: .few, 22: .few, 0: .many, 5: .many, 11: .many, 12: .many, 14: .many, 111: .many]
        for (n, category) in russian { #expect(Language.ru.pluralCategory(n) == category, "ru \(n)") }
        let french: [Int: PluralCategory] = [0: .one, 1: .one, 2: .other, 1_000_000: .many]
        for (n, category) in french { #expect(Language.fr.pluralCategory(n) == category, "fr \(n)") }
        #expect(Language.es.pluralCategory(0) == .other && Language.es.pluralCategory(1) == .one)
        #expect(Language.en.pluralCategory(1) == .one && Language.en.pluralCategory(0) == .other)
        #expect([0, 1, 2, 5, 100].allSatisfy { Language.zh.pluralCategory($0) == .other })
    }
}

@Suite struct StringCatalogueReadingTests {
    static let english = try! StringCatalogue(json: Data(#"{"language":"en","strings":{"greet":"Hello {name}","states":{"one":"{count} State","other":"{count} States"}}}"#.utf8))

    @Test func countedStringsTakeTheLanguagesForm() throws {
        let arabic = try StringCatalogue(json: Data(#"{"language":"ar","review":["states"],"strings":{"states":{"zero":"لا دول","one":"دولة واحدة","two":"دولتان","few":"{count} دول","many":"{count} دولة","other":"{count} دولة"}}}"#.utf8))
        let l = Localizer(catalogue: arabic, english: Self.english)
        #expect(l.plural("states", count: 0) == "لا دول")
        #expect(l.plural("states", count: 2) == "دولتان")
        #expect(l.plural("states", count: 5) == "5 دول")
        #expect(l.plural("states", count: 54) == "54 دولة")
        #expect(arabic.awaitingReview == ["states"])
        // A key the language lacks is English, never the key.
        #expect(l.text("greet", ["name": "Amina"]) == "Hello Amina")
        #expect(Localizer(catalogue: Self.english, english: Self.english).plural("states", count: 1) == "1 State")
    }

    @Test func aWithheldTranslationShowsEnglish() throws {
        let french = try StringCatalogue(json: Data(#"{"language":"fr","withheld":["greet"],"strings":{"greet":"Bonjour {name}"}}"#.utf8))
        let l = Localizer(catalogue: french, english: Self.english)
        #expect(l.text("greet", ["name": "Amina"]) == "Hello Amina")
        #expect(!l.isTranslated("greet"))
    }

    @Test func malformedCataloguesAreNamed() {
        #expect(throws: StringCatalogueError.malformed(key: "states", reason: "a counted string needs its 'other' form")) {
            try StringCatalogue(json: Data(#"{"language":"en","strings":{"states":{"one":"x"}}}"#.utf8))
        }
        #expect(throws: StringCatalogueError.malformed(key: "states", reason: "'several' is not a CLDR plural category (zero, one, two, few, many, other)")) {
            try StringCatalogue(json: Data(#"{"language":"en","strings":{"states":{"several":"x","other":"y"}}}"#.utf8))
        }
        #expect(throws: StringCatalogueError.self) { try StringCatalogue(json: Data(#"{"language":"de","strings":{}}"#.utf8)) }
    }
}
