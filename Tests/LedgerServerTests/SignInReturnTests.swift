import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerServer
import Testing

/// Sign-in leads back to the page that asked for it, and never to another site.
@Suite struct SignInReturnTests {
    static var review: String { "/rounds/\(RoundPagesTests.round)/review" }

    @Test func signInReturnsToThePageAskedFor() async throws {
        let fixture = try RoundPagesTests.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            let form = try await browser.get("/sign-in?next=" + QueryEscape.component(Self.review))
            #expect(form.status == .ok)
            #expect(form.body.contains("<input type=\"hidden\" name=\"next\" value=\"\(Self.review)\">"))
            let answer = try await browser.post("/sign-in", [("token", fixture.tokens["reviewer"]!), ("next", Self.review)])
            #expect(answer.status == .seeOther)
            #expect(answer.location == Self.review)
            #expect(try await browser.get(Self.review).status == .ok)
            // Signed in already: the sign-in page goes straight there.
            let again = try await browser.get("/sign-in?next=" + QueryEscape.component(Self.review + "#FRA-x"))
            #expect(again.status == .seeOther)
            #expect(again.location == Self.review + "#FRA-x")
        }
    }

    @Test func aWrongTokenKeepsWhereToGoBack() async throws {
        let fixture = try RoundPagesTests.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            _ = try await browser.get("/sign-in?next=" + QueryEscape.component(Self.review))
            let wrong = try await browser.post("/sign-in", [("token", "not-a-token"), ("next", Self.review)])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("<input type=\"hidden\" name=\"next\" value=\"\(Self.review)\">"))
            let answer = try await browser.post("/sign-in", [("token", fixture.tokens["reviewer"]!), ("next", Self.review)])
            #expect(answer.location == Self.review)
        }
    }

    /// Addresses a browser would take to another host (or that are no path at all): sign-in ignores
    /// them and goes to the rounds, and the form does not carry them.
    static let elsewhere = [
        "//evil.example/rounds", "https://evil.example/", "http:/evil.example", "/\\evil.example", "\\\\evil.example",
        "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)", "evil.example", "", " /rounds", "/%0d%0aSet-Cookie:%20a=b\r\nX: y",
        "/sign-in?next=//evil.example", "/rounds/\u{00E9}",
    ]

    @Test(arguments: elsewhere)
    func signInNeverLeadsToAnotherSite(_ next: String) async throws {
        let fixture = try RoundPagesTests.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            let form = try await browser.get("/sign-in?next=" + QueryEscape.component(next))
            #expect(form.status == .ok)
            #expect(!form.body.contains("name=\"next\""), "an unsafe next is not carried on")
            let answer = try await browser.post("/sign-in", [("token", fixture.tokens["reviewer"]!), ("next", next)])
            #expect(answer.status == .seeOther)
            #expect(answer.location == "/rounds")
        }
    }
}

/// Percent-encoding of a query value, every byte that is not unreserved.
enum QueryEscape {
    static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
