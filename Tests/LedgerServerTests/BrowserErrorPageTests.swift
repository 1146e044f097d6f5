import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import NIOCore
import Testing

/// Errors met in a browser are pages that say what went wrong and lead on (the summary, sign-in,
/// the page a mistyped address meant); programs keep the JSON error.
@Suite struct BrowserErrorPageTests {
    /// What Chromium sends when it opens a page.
    static let browserAccept: HTTPFields = [.accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"]

    struct Answer {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = browserAccept, method: HTTPRequest.Method = .get) async throws -> Answer {
        try await client.execute(uri: uri, method: method, headers: headers) { Answer(status: $0.status, headers: $0.headers, body: String(buffer: $0.body)) }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let uri: String
        let status: HTTPResponse.Status
        /// Text the page must say, as it appears in the HTML.
        let says: [String]
        var testDescription: String { "\(uri) → \(status.code)" }
    }

    static let cases: [Case] = [
        Case(uri: "/?as_of=1900-01-01", status: .badRequest, says: ["as_of", "1945-10-24", "<a href=\"/\">The same page as of today</a>"]),
        Case(uri: "/states?iso3=FRA&as_of=1900-01-01", status: .badRequest, says: ["<a href=\"/states?iso3=FRA\">The same page as of today</a>"]),
        Case(uri: "/states/fra", status: .notFound, says: ["No State 'fra'", "Did you mean <a href=\"/states/FRA\">FRA</a>?"]),
        Case(uri: "/states/fra?as_of=2020-01-01", status: .notFound, says: ["<a href=\"/states/FRA?as_of=2020-01-01\">FRA</a>"]),
        Case(uri: "/obligations/nope", status: .notFound, says: ["No obligation 'nope'"]),
        Case(uri: "/obligations/art8.record-keping", status: .notFound, says: ["Did you mean <a href=\"/obligations/art8.record-keeping\">art8.record-keeping</a>?"]),
        Case(uri: "/state/FRA", status: .notFound, says: ["There is no page at /state/FRA.", "Did you mean <a href=\"/states/FRA\">/states/FRA</a>?"]),
        Case(uri: "/rounds/EXAMPLE-2026/nothing", status: .notFound, says: ["There is no page at /rounds/EXAMPLE-2026/nothing.", "<a href=\"/rounds\">The reporting rounds</a>"]),
        Case(uri: "/nothing-here", status: .notFound, says: ["There is no page at /nothing-here."]),
        Case(uri: "/?colour=blue", status: .badRequest, says: ["Unknown query parameter 'colour'", "<a href=\"/\">The same page without colour</a>"]),
        // A browser that opens an HTML report of the API without its subject.
        Case(uri: "/api/reports/state?format=html", status: .badRequest, says: ["state"]),
    ]

    @Test(arguments: cases)
    func aBrowserGetsAPageThatSaysWhatWentWrongAndLinksBack(_ test: Case) async throws {
        let fixture = try RoundPagesTests.fixture()
        try await fixture.app.test(.router) { client in
            let answer = try await Self.get(client, test.uri)
            #expect(answer.status == test.status)
            #expect(answer.headers[.contentType] == "text/html; charset=utf-8")
            #expect(answer.body.hasPrefix("<!DOCTYPE html>"), "\(answer.body)")
            #expect(!answer.body.contains("{\"error\""))
            #expect(answer.body.contains("<p class=\"problem\" role=\"alert\">"))
            #expect(answer.body.contains("<a href=\"/\">The summary of the ledger</a>"))
            for text in test.says { #expect(answer.body.contains(text), "\(test.uri): \(text)\n\(answer.body)") }
            #expect(answer.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "the page keeps the security headers")
        }
    }

    @Test func theRoundPagesShareThePageAndSuggestTheRoundMeant() async throws {
        let fixture = try RoundPagesTests.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            let page = try await browser.get("/rounds/EXAMPLE-2062/states/FRA")
            #expect(page.status == .notFound)
            #expect(page.body.contains("No reporting round is named 'EXAMPLE-2062'."))
            #expect(page.body.contains("Did you mean <a href=\"/rounds/EXAMPLE-2026/states/FRA\">EXAMPLE-2026</a>?"), "\(page.body)")
            #expect(page.body.contains("<a href=\"/rounds\">The reporting rounds</a>"))
        }
    }

    @Test func aPageThatNeedsSignInLinksToSignInAndBack() async throws {
        let fixture = try RoundPagesTests.fixture()
        try await fixture.app.test(.router) { client in
            let answer = try await Self.get(client, "/rounds/\(RoundPagesTests.round)/review")
            #expect(answer.status == .unauthorized)
            #expect(answer.body.contains("<a href=\"/sign-in?next=%2Frounds%2F\(RoundPagesTests.round)%2Freview\">Sign in</a>"), "\(answer.body)")
        }
    }

    @Test func programsKeepTheJSONError() async throws {
        let fixture = try RoundPagesTests.fixture()
        try await fixture.app.test(.router) { client in
            // The API, whatever a program accepts; a browser's HTML report is the one exception.
            for (uri, accept) in [("/api/states/fra", "*/*"), ("/api/states/fra", ""), ("/api/reports/state?format=html", "application/json"),
                                  ("/api/nothing-here", "*/*"), ("/api/states/fra", "text/html;q=0.5, application/json")] {
                let answer = try await Self.get(client, uri, headers: accept.isEmpty ? [:] : [.accept: accept])
                #expect(answer.headers[.contentType] == "application/json", "\(uri) with Accept \(accept)")
                #expect(answer.body.hasPrefix("{\"error\":"), "\(uri)")
            }
            // Outside the API, a program that asks for JSON gets it.
            let program = try await Self.get(client, "/states/fra", headers: [.accept: "application/json"])
            #expect(program.status == .notFound)
            #expect(program.headers[.contentType] == "application/json")
            #expect(program.body.contains("No State 'fra'; did you mean FRA?"))
        }
    }
}
