import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerServer
import LedgerTestSupport
import Testing

/// A reader's language on the dashboard, over a live server: the browser's Accept-Language, a switch
/// on every page kept in a cookie, one cached page per language, and words from the catalogues.
@Suite struct DashboardLanguageTests {
    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
    }

    func get(_ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields = [:]) async throws -> Page {
        try await client.execute(uri: uri, method: .get, headers: headers) { Page(status: $0.status, headers: $0.headers, body: String(buffer: $0.body)) }
    }

    @Test func theBrowsersLanguageThenTheSwitchThenTheCookieChooseTheWords() async throws {
        let temp = try TemporaryLedger(statusData: true)
        _ = try temp.ledger.recordMeasure(try temp.measure("KEN", "art8.record-keeping", status: "partial", effective: "2001-01-01"), actor: "t")
        try await Application(router: LedgerServer.buildRouter(ledger: temp.ledger)).test(.live) { client in
            let english = try await get(client, "/?as_of=2020-12-31")
            #expect(english.body.contains(#"<html lang="en">"#) && english.body.contains("By regional group"))
            #expect(english.headers[.contentLanguage] == "en")

            // The same address for a French browser: French words, not the English page from the cache.
            var french = HTTPFields()
            french[.acceptLanguage] = "fr-CH, fr;q=0.9, en;q=0.8"
            let fr = try await get(client, "/?as_of=2020-12-31", french)
            #expect(fr.body.contains(#"<html lang="fr">"#))
            #expect(fr.body.contains("Par groupe régional") && fr.body.contains("États d’Afrique") && fr.body.contains(">Afficher</button>"))
            #expect(!fr.body.contains("By regional group"))
            #expect(fr.headers[.contentLanguage] == "fr" && fr.headers[.vary]?.contains("Accept-Language") == true)
            #expect(fr.headers[.setCookie] == nil, "only a choice made on the page is kept")

            // The switch: Arabic, right to left, State names from the M49 table, kept in a cookie.
            let ar = try await get(client, "/?as_of=2020-12-31&lang=ar", french)
            #expect(ar.body.contains(#"<html lang="ar" dir="rtl">"#))
            #expect(ar.body.contains("حسب المجموعة الإقليمية"))
            #expect(ar.body.contains("فرنسا (FRA)"))
            let cookie = try #require(ar.headers[.setCookie])
            #expect(cookie.hasPrefix("cpsledger_lang=ar;") && cookie.contains("SameSite=Lax"))
            // Every language is offered, named in itself, the current one marked.
            for language in ["العربية", "English", "Español", "Français", "Русский", "中文"] { #expect(ar.body.contains(">\(language)<")) }
            #expect(ar.body.contains(#"aria-current="true"><strong>العربية</strong>"#))

            var withCookie = french
            withCookie[.cookie] = "other=1; cpsledger_lang=zh"
            let zh = try await get(client, "/?as_of=2020-12-31", withCookie)
            #expect(zh.body.contains(#"<html lang="zh">"#) && zh.body.contains("按区域组") && zh.body.contains("法国 (FRA)"))

            // The State page's report is French too, in a French frame.
            let state = try await get(client, "/states/FRA?as_of=2020-12-31&lang=fr")
            #expect(state.body.contains(#"<html lang="fr">"#) && state.body.contains(#"<nav class="dash" lang="fr" dir="ltr">"#))
            #expect(state.body.contains("Fiche de résultats — France (FRA), au 2020-12-31"))

            let refused = try await get(client, "/?lang=de", [.accept: "application/json"])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("lang 'de' is not one of the six UN languages"))
        }
    }
}
