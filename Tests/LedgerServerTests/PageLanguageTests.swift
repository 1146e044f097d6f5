import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerReports
import LedgerServer
import LedgerStore
import LedgerStrings
import LedgerTestSupport
import Testing

/// The round pages, sign-in, search and the error pages in the reader's language, over a live server:
/// no English sentence where the catalogue has the language's, `lang` and `dir` on every page, the
/// language kept through sign-in and its redirects, and the JSON API's errors still English.
@Suite struct PageLanguageTests {
    static let round = RoundPagesTests.round
    static let record = RoundPagesTests.record
    static var statePage: String { "/rounds/\(round)/states/FRA" }

    /// A ledger with a round asking FRA and DEU, and tokens whose names hold no word of the catalogues.
    static func fixture() throws -> (fixture: ServerTests.Fixture, focal: String, reviewer: String, admin: String) {
        let fixture = try RoundPagesTests.fixture()
        let focal = try fixture.ledger.createToken(name: "EXAMPLE Amina", role: .focalPoint, state: "FRA").token
        let reviewer = try fixture.ledger.createToken(name: "EXAMPLE Boris", role: .reviewer, state: nil).token
        let admin = try fixture.ledger.createToken(name: "EXAMPLE Chen", role: .admin, state: nil).token
        return (fixture, focal, reviewer, admin)
    }

    static func catalogue(_ language: Language) throws -> StringCatalogue {
        try StringCatalogue(json: try #require(LedgerStrings.catalogueJSON(language.rawValue)))
    }

    /// What a reader sees of a page: its text without markup, styles, or what the page marks as English
    /// (`<span lang="en">`: the catalogue's obligation titles and the Declaration, quoted in English).
    static func visibleText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: #"<style>[\s\S]*?</style>"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<span lang="en" dir="ltr">[\s\S]*?</span>"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<[^>]+>"#, with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] { text = text.replacingOccurrences(of: entity, with: character) }
        return text
    }

    /// The pieces of a key's English text between its placeholders (every plural form), trimmed.
    static func englishPieces(_ key: String, _ english: StringCatalogue) -> [String] {
        let texts = english.text(key).map { [$0] } ?? [1, 2, 5].compactMap { english.plural(key, count: $0, ["count": "{count}"]) }
        return texts.flatMap { text in
            text.split(separator: /\{[a-z_]+\}/).map {
                $0.trimmingCharacters(in: CharacterSet.punctuationCharacters.union(.whitespaces).union(CharacterSet(charactersIn: "“”'")))
            }
        }.filter { $0.filter(\.isLetter).count >= 4 }
    }

    /// The English phrases of every key the language has its own words for (each piece of the English text
    /// between placeholders, four letters or more, that the language's text does not also hold), and the
    /// English pieces of the keys it has none for yet (shown in English, as they should be).
    static func englishPhrases(translatedIn language: Language) throws -> (check: [(key: String, phrase: String)], untranslated: [String]) {
        let english = try catalogue(.en), own = try catalogue(language)
        let localizer = Localizer.shipped(language)
        var check: [(String, String)] = [], untranslated: [String] = []
        for key in english.keys.sorted() {
            guard localizer.isTranslated(key) else { untranslated += englishPieces(key, english); continue }
            let ownTexts = own.text(key).map { [$0] } ?? [0, 1, 2, 3, 5, 11, 21, 100].compactMap { own.plural(key, count: $0, ["count": "{count}"]) }
            for phrase in englishPieces(key, english) where !ownTexts.contains(where: { $0.contains(phrase) }) { check.append((key, phrase)) }
        }
        // The longest first, so that a sentence goes before a word inside it.
        return (check, untranslated.sorted { $0.count > $1.count })
    }

    /// Checks one page: its `lang` and `dir`, and no English phrase of a translated key in what it shows.
    static func expectInLanguage(
        _ page: BrowserClient.Page, _ language: Language, _ name: String, phrases: (check: [(key: String, phrase: String)], untranslated: [String])
    ) {
        #expect(page.body.contains("<html lang=\"\(language.rawValue)\" dir=\"\(language.direction)\">"), "\(name): \(page.body.prefix(300))")
        #expect(page.headers[.contentLanguage] == language.rawValue, "\(name)")
        var text = visibleText(page.body)
        for piece in phrases.untranslated { text = text.replacingOccurrences(of: piece, with: " ") }
        for (key, phrase) in phrases.check {
            let pattern = "(?<![\\p{L}])" + NSRegularExpression.escapedPattern(for: phrase) + "(?![\\p{L}])"
            #expect(text.range(of: pattern, options: .regularExpression) == nil, "\(language) \(name): English '\(phrase)' (\(key)) in: \(text)")
        }
    }

    @Test(arguments: [Language.fr, .ar])
    func everyRoundPageSignInSearchAndErrorPageIsInTheReadersLanguage(language: Language) async throws {
        let (fixture, focal, reviewer, admin) = try Self.fixture()
        let found = try Self.englishPhrases(translatedIn: language)
        // A State the M49 table names in no other language (a non-member) is named in English, and the
        // catalogue's themes (the search page's picker) are its own English words: data, not wording.
        let themes = fixture.ledger.catalogue.obligations.flatMap(\.themes).map { $0.replacingOccurrences(of: "-", with: " ") }
        let data = fixture.ledger.states.states.map(\.name) + themes
        let phrases = (check: found.check, untranslated: (found.untranslated + data).sorted { $0.count > $1.count })
        #expect(phrases.check.count > (language == .fr ? 200 : 60), "the check has English phrases to look for")
        #expect(language != .fr || found.untranslated.isEmpty, "French is written in full")
        let lang = language.rawValue
        try await fixture.app.test(.live) { client in
            func check(_ page: BrowserClient.Page, _ name: String) { Self.expectInLanguage(page, language, name, phrases: phrases) }

            // A focal point: sign-in, the rounds, the State's page, a refused draft, a saved one, the submission.
            let browser = BrowserClient(client)
            check(try await browser.get("/sign-in?lang=\(lang)"), "sign-in")
            check(try await browser.post("/sign-in", [("token", "not-a-token")]), "sign-in refused")
            _ = try await browser.get("/sign-in")
            let signedIn = try await browser.post("/sign-in", [("token", focal)])
            #expect(signedIn.status == .seeOther && signedIn.location == "/rounds")
            check(try await browser.get("/rounds"), "rounds")
            check(try await browser.get(Self.statePage), "round page")
            let refused = try await browser.post(
                Self.statePage + "/drafts",
                [("form", "record:\(Self.record)"), ("obligation", Self.record), ("status", "implemented"), ("effective_date", "2019-05-01")])
            #expect(refused.status == .badRequest)
            check(refused, "round page with a refused draft")
            let saved = try await browser.post(Self.statePage + "/drafts", RoundPagesTests.measure(Self.record, title: "EXAMPLE Loi 1"))
            #expect(saved.status == .seeOther)
            check(try await browser.get(Self.statePage), "round page with a draft")
            #expect(try await browser.post(Self.statePage + "/submit", []).status == .seeOther)
            check(try await browser.get(Self.statePage), "round page submitted")

            // A reviewer: the queue, a return without a comment (refused), an acceptance.
            let review = BrowserClient(client)
            _ = try await review.get("/sign-in?lang=\(lang)")
            _ = try await review.post("/sign-in", [("token", reviewer)])
            let queue = "/rounds/\(Self.round)/review"
            check(try await review.get(queue), "review")
            let noComment = try await review.post(queue, [("state", "FRA"), ("obligation", Self.record), ("decision", "return"), ("comment", "")])
            #expect(noComment.status == .badRequest)
            check(noComment, "review with a refused return")
            _ = try await review.post(queue, [("state", "FRA"), ("obligation", Self.record), ("decision", "accept"), ("comment", "EXAMPLE")])
            check(try await review.get(queue), "review after an acceptance")

            // The secretariat: the console and its confirmation page.
            let secretariat = BrowserClient(client)
            _ = try await secretariat.get("/sign-in?lang=\(lang)")
            _ = try await secretariat.post("/sign-in", [("token", admin)])
            check(try await secretariat.get("/rounds/\(Self.round)/console"), "console")
            check(try await secretariat.get("/rounds/\(Self.round)/console/publish"), "publish confirmation")

            // A visitor: search, and the error pages a person meets.
            let visitor = BrowserClient(client)
            check(try await visitor.get("/search?lang=\(lang)"), "search")
            check(try await visitor.get("/search?q=record"), "search results")
            check(try await visitor.get("/search?q=record&from=2020-13-01"), "search refused")
            let missing = try await visitor.get("/states/fra")
            #expect(missing.status == .notFound)
            check(missing, "404 State")
            check(try await visitor.get("/no-such-page"), "404 page")
            let unsigned = try await visitor.get(Self.statePage)
            #expect(unsigned.status == .unauthorized)
            check(unsigned, "401")
            let forged = try await browser.post(Self.statePage + "/submit", [], csrf: "0")
            #expect(forged.status == .forbidden)
            check(forged, "403")
        }
    }

    /// The language chosen on the sign-in page is the language of the pages after it: the cookie outlives the
    /// sign-in (which starts a new session), the redirect leads to a page in it, and its notice is in it.
    @Test func theLanguageChosenBeforeSignInIsKeptAfterIt() async throws {
        let (fixture, focal, _, _) = try Self.fixture()
        try await fixture.app.test(.live) { client in
            let browser = BrowserClient(client)
            let form = try await browser.get("/sign-in?lang=es&next=" + QueryEscape.component(Self.statePage))
            #expect(form.setCookies.contains { $0.hasPrefix("cpsledger_lang=es;") })
            #expect(form.body.contains(#"<html lang="es" dir="ltr">"#) && form.body.contains(">Token</label>"))
            // Every language is offered on the page, each in itself, leading back to the same page.
            #expect(form.body.contains(#"hreflang="ar">العربية</a>"#) && form.body.contains("href=\"/sign-in?next=%2Frounds%2F\(Self.round)%2Fstates%2FFRA&amp;lang=fr\""))
            let answer = try await browser.post("/sign-in", [("token", focal), ("next", Self.statePage)])
            #expect(answer.status == .seeOther && answer.location == Self.statePage)
            let page = try await browser.get(Self.statePage)
            #expect(page.body.contains(#"<html lang="es" dir="ltr">"#))
            #expect(page.body.contains("Sesión iniciada como EXAMPLE Amina."))
            #expect(page.body.contains("<summary>Registrar una nueva medida</summary>") && page.body.contains("Francia (FRA) responde a 2 obligaciones"))
            // Switched to Arabic on a round page: right to left from then on.
            let arabic = try await browser.get(Self.statePage + "?lang=ar")
            #expect(arabic.body.contains(#"<html lang="ar" dir="rtl">"#) && arabic.body.contains("<summary>تسجيل تدبير جديد</summary>"))
            #expect(try await browser.get("/rounds").body.contains(#"<html lang="ar" dir="rtl">"#))
        }
    }

    /// A program reads English whatever the reader's language: the API's errors and a page's error asked for as JSON.
    @Test func jsonErrorsStayEnglishInEveryLanguage() async throws {
        let (fixture, _, _, _) = try Self.fixture()
        try await fixture.app.test(.live) { client in
            var headers: HTTPFields = [.cookie: "cpsledger_lang=fr", .acceptLanguage: "fr", .accept: "application/json"]
            let page = try await client.execute(uri: "/states/fra", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(page.contains(#""message":"No State 'fra'; did you mean FRA?""#), "\(page)")
            headers[.accept] = nil
            let api = try await client.execute(uri: "/api/rounds/nope", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(api.contains("No reporting round is named 'nope'."), "\(api)")
            // The same error as a page, for a person: French.
            headers[.accept] = "text/html"
            let html = try await client.execute(uri: "/rounds/nope/review", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(html.contains(#"<html lang="fr" dir="ltr">"#) && html.contains("Veuillez vous connecter"), "\(html)")
        }
    }

    /// Arabic charts are drawn mirrored: right to left, the bar chart's title starts at its right edge, its legend in Arabic.
    @Test func arabicChartsAreMirrored() async throws {
        let temp = try TemporaryLedger(statusData: true)
        _ = try temp.ledger.recordMeasure(try temp.measure("KEN", "art8.record-keeping", status: "partial", effective: "2001-01-01"), actor: "t")
        try await Application(router: LedgerServer.buildRouter(ledger: temp.ledger)).test(.live) { client in
            let arabic = try await client.execute(uri: "/?as_of=2020-12-31&lang=ar", method: .get) { String(buffer: $0.body) }
            let english = try await client.execute(uri: "/?as_of=2020-12-31&lang=en", method: .get) { String(buffer: $0.body) }
            // The bar chart (its text 11 px).
            let svg = try #require(arabic.range(of: #"<svg [^>]*font-size="11" direction="rtl">"#, options: .regularExpression), "an Arabic chart runs right to left")
            let root = String(arabic[svg])
            let width = try #require(root.firstMatch(of: /width="(\d+)"/)?.output.1)
            #expect(arabic[svg.upperBound...].contains("<text x=\"\(width)\" y=\"14\""), "the bars' title starts at the right edge")
            #expect(arabic.contains(">التغطية</text>") && !arabic.contains(">coverage</text>"))
            #expect(english.contains(">coverage</text>") && !english.contains(#"direction="rtl""#))
        }
    }
}
