import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import Testing

/// Signing in to the round pages with a token, the session cookie, CSRF tokens and signing out,
/// through HTTP with a real ledger file.
@Suite struct BrowserSessionTests {
    @Test func signingInWithATokenGivesAnHttpOnlyStrictSessionCookieWithANewId() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            let form = try await browser.get("/sign-in")
            #expect(form.status == .ok)
            #expect(form.body.contains("<form class=\"fields\" action=\"/sign-in\" method=\"post\">"))
            #expect(form.body.contains("The session lasts 8 hours"))
            #expect(browser.cookie == nil, "a visitor gets no session: the sign-in form's CSRF token is in a cookie of its own")
            let formCookie = try #require(form.setCookies.first { $0.hasPrefix("cpsledger_sign_in=") })
            for part in ["Path=/sign-in", "HttpOnly", "SameSite=Strict", "Max-Age=1800"] { #expect(formCookie.contains(part), "\(formCookie)") }
            let answer = try await browser.post("/sign-in", [("token", fixture.tokens["focal_FRA"]!)])
            #expect(answer.status == .seeOther)
            #expect(answer.location == "/rounds")
            #expect(answer.setCookies.contains { $0.hasPrefix("cpsledger_sign_in=;") && $0.contains("Max-Age=0") }, "the used form's cookie is removed")
            let cookie = try #require(answer.setCookies.first { $0.hasPrefix("cpsledger_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Expires="))
            #expect(!cookie.contains("Secure"), "plain HTTP: a Secure cookie would never come back")
            let page = try await browser.get("/rounds")
            #expect(page.status == .ok)
            #expect(page.body.contains("Signed in as France focal point (test) (focal point, FRA)"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "the pages keep the CSP")
            #expect(page.headers[.cacheControl] == "no-store")
            // Signing in again (a second person at the same browser) gives a new id; the old one is worth nothing.
            let first = browser.cookie
            browser.jar = [:]
            try await browser.signIn(fixture.tokens["reviewer"]!)
            #expect(browser.cookie != nil && browser.cookie != first)
            browser.cookie = "cpsledger_session=made-up"
            #expect(try await browser.get("/rounds").status == .unauthorized)
        }
    }

    /// Anyone may ask for the sign-in form as often as they like: it keeps nothing in the server's
    /// memory, and its CSRF token is good only with the cookie it came with.
    @Test func theSignInFormKeepsNoSessionAndItsTokenNeedsItsCookie() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            for _ in 0..<20 {
                let page = try await BrowserClient(client).get("/sign-in")
                #expect(!page.setCookies.contains { $0.hasPrefix("cpsledger_session=") }, "no session for a visitor")
            }
            let one = BrowserClient(client), other = BrowserClient(client)
            _ = try await one.get("/sign-in")
            _ = try await other.get("/sign-in")
            // The form's token without its cookie, and with another form's cookie: refused, nobody signed in.
            let withoutCookie = BrowserClient(client)
            let refused = try await withoutCookie.post("/sign-in", [("token", fixture.tokens["admin"]!)], csrf: .some(one.csrf))
            #expect(refused.status == .forbidden)
            one.jar = other.jar
            #expect(try await one.post("/sign-in", [("token", fixture.tokens["admin"]!)]).status == .forbidden)
            #expect(try await one.get("/rounds").status == .unauthorized)
            // With its own cookie it works.
            #expect(try await other.post("/sign-in", [("token", fixture.tokens["admin"]!)]).status == .seeOther)
        }
    }

    /// Over a real connection from 127.0.0.1: a proxy on this machine is trusted by default.
    @Test func theSessionCookieIsSecureWhenATrustedProxySaysTheRequestCameOverTLS() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.live) { client in
            let browser = BrowserClient(client)
            browser.extraHeaders[HTTPField.Name("X-Forwarded-Proto")!] = "https"
            let answer = try await browser.signIn(fixture.tokens["reviewer"]!)
            #expect(answer.status == .seeOther)
            #expect(answer.setCookies.first { $0.hasPrefix("cpsledger_session=") }?.contains("; Secure") == true)
        }
    }

    /// Anyone who reaches the port could send `X-Forwarded-Proto`: from an address that is not the
    /// proxy's, the header is ignored (here the proxy is 192.0.2.1, a documentation address, and the
    /// request comes from 127.0.0.1).
    @Test func xForwardedProtoFromAnAddressThatIsNotTheProxysIsIgnored() async throws {
        let fixture = try ServerTests.Fixture()
        let proxies = try #require(TrustedProxies("192.0.2.1"))
        for (trusted, secure) in [(proxies, false), (TrustedProxies.none, false), (TrustedProxies("192.0.2.1, 127.0.0.1")!, true)] {
            let app = Application(router: LedgerServer.buildRouter(ledger: fixture.ledger, trustedProxies: trusted))
            try await app.test(.live) { client in
                let browser = BrowserClient(client)
                browser.extraHeaders[HTTPField.Name("X-Forwarded-Proto")!] = "https"
                let answer = try await browser.signIn(fixture.tokens["reviewer"]!)
                #expect(answer.status == .seeOther)
                let cookie = try #require(answer.setCookies.first { $0.hasPrefix("cpsledger_session=") })
                #expect(cookie.contains("; Secure") == secure, "trusted \(trusted): \(cookie)")
            }
        }
        #expect(TrustedProxies("proxy.example.org") == nil && TrustedProxies("") == nil && TrustedProxies("10.0.0.1, x") == nil)
        #expect(TrustedProxies("::ffff:127.0.0.1") == TrustedProxies("127.0.0.1"), "an IPv4 peer of a server listening on ::")
    }

    @Test func aWrongTokenIsRefusedBesideTheTokenField() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            for token in ["not-a-token", fixture.tokens["revoked"]!] {
                let answer = try await browser.signIn(token)
                #expect(answer.status == .unauthorized)
                #expect(answer.body.contains("<p class=\"issue\" id=\"token-issue\">This token is not valid or has been revoked: check it, or ask the secretariat for a new one.</p>"))
                #expect(answer.body.range(of: "<input id=\"token\"[^>]* autofocus>", options: .regularExpression) != nil, "the field takes the focus")
                #expect(answer.body.contains("<li><a href=\"#token\">This token is not valid"), "the summary at the top links to the field")
                #expect(try await browser.get("/rounds").status == .unauthorized)
            }
        }
    }

    @Test func aFormWithoutOrWithAWrongCSRFTokenIsRefusedAndTheSessionStays() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            // The sign-in form itself needs its CSRF token.
            _ = try await browser.get("/sign-in")
            let forged = try await browser.post("/sign-in", [("token", fixture.tokens["admin"]!)], csrf: .some(nil))
            #expect(forged.status == .forbidden)
            #expect(forged.body.contains("did not carry the CSRF token of your session"))
            try await browser.signIn(fixture.tokens["admin"]!)
            for csrf: String? in [nil, String(repeating: "0", count: 64), "short"] {
                let answer = try await browser.post("/sign-out", [], csrf: .some(csrf))
                #expect(answer.status == .forbidden, "csrf \(csrf ?? "none")")
                #expect(answer.headers[.contentType] == "text/html; charset=utf-8")
            }
            #expect(try await browser.get("/rounds").status == .ok, "a refused sign-out signs nobody out")
            // Without a session and without a token (schemathesis's empty post) it is refused too.
            #expect(try await BrowserClient(client).post("/sign-out", [], csrf: .some(nil)).status == .forbidden)
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["editor"]!)
            let session = try #require(browser.cookie)
            let answer = try await browser.post("/sign-out", [])
            #expect(answer.status == .seeOther)
            #expect(answer.location == "/sign-in")
            #expect(answer.setCookies.first?.contains("cpsledger_session=") == true)
            // Even a copy of the old cookie opens nothing.
            browser.cookie = session
            let page = try await browser.get("/rounds")
            #expect(page.status == .unauthorized)
            #expect(page.body.contains("You are not signed in, or your session has expired"))
        }
    }

    @Test func anExpiredSessionIsSignedOut() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app(sessionLifetime: .seconds(5)).test(.router) { client in
            let browser = BrowserClient(client)
            #expect(try await browser.get("/rounds").status == .unauthorized)
            _ = try await browser.get("/sign-in")
            let clock = ContinuousClock()
            let beforeSignIn = clock.now
            #expect(try await browser.post("/sign-in", [("token", fixture.tokens["focal_FRA"]!)]).status == .seeOther)
            let signedIn = clock.now
            // Still valid just after sign-in, when the machine answered the sign-in and the page within
            // 4 of the 5 s (a loaded machine may not: then only the expiry below is checked).
            let fresh = try await browser.get("/rounds").status
            if clock.now - beforeSignIn < .seconds(4) { #expect(fresh == .ok) }
            // The session was made before the answer to the sign-in arrived: 5 s after that it is gone.
            try await Task.sleep(until: signedIn + .milliseconds(5500))
            let page = try await browser.get("/rounds")
            #expect(page.status == .unauthorized)
            #expect(page.body.contains("your session has expired"))
            #expect(try await browser.post("/sign-out", []).status == .seeOther, "signing out of an expired session just goes to sign-in")
        }
    }

    @Test func revokingTheTokenEndsItsSessions() async throws {
        let fixture = try ServerTests.Fixture()
        let made = try fixture.ledger.createToken(name: "Short-lived (test)", role: .reviewer, state: nil)
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(made.token)
            #expect(try await browser.get("/rounds").status == .ok)
            _ = try fixture.ledger.revokeToken(id: made.record.id)
            let page = try await browser.get("/rounds")
            #expect(page.status == .unauthorized)
            #expect(page.body.contains("no longer valid"))
        }
    }
}
