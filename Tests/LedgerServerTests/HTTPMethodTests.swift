import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import NIOCore
import Testing

/// HTTP as a client expects it: 405 with `Allow` for a method a path does not define, HEAD like GET
/// without the body, and a form posted from another site refused before it is read.
@Suite struct HTTPMethodTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let method: HTTPRequest.Method
        let uri: String
        let allow: String
        let page: Bool
        var testDescription: String { "\(method) \(uri) → 405 Allow: \(allow)" }
    }

    static let cases: [Case] = [
        Case(method: .delete, uri: "/api/measures", allow: "POST", page: false),
        Case(method: .get, uri: "/api/measures", allow: "POST", page: false),
        Case(method: .post, uri: "/api/states", allow: "GET, HEAD", page: false),
        Case(method: .put, uri: "/api/rounds/EXAMPLE-2026", allow: "GET, HEAD", page: false),
        Case(method: .get, uri: "/api/rounds/EXAMPLE-2026/close", allow: "POST", page: false),
        Case(method: .delete, uri: "/api/rounds", allow: "GET, HEAD, POST", page: false),
        Case(method: .put, uri: "/states/FRA", allow: "GET, HEAD", page: true),
        Case(method: .post, uri: "/", allow: "GET, HEAD", page: true),
        Case(method: .get, uri: "/rounds/EXAMPLE-2026/states/FRA/drafts", allow: "POST", page: true),
        Case(method: .get, uri: "/sign-out", allow: "POST", page: true),
        Case(method: .delete, uri: "/sign-in", allow: "GET, HEAD, POST", page: true),
    ]

    @Test(arguments: cases)
    func aMethodThePathDoesNotDefineIs405WithAllow(_ test: Case) async throws {
        let fixture = try RoundPagesTests.fixture()
        let head = try fixture.ledger.headSeq()
        try await fixture.app.test(.router) { client in
            let headers: HTTPFields = test.page ? BrowserErrorPageTests.browserAccept : [.authorization: "Bearer " + fixture.tokens["admin"]!]
            try await client.execute(uri: test.uri, method: test.method, headers: headers) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .methodNotAllowed, "\(body)")
                #expect(response.headers[.allow] == test.allow)
                #expect(body.contains("does not take \(test.method.rawValue); it answers \(test.allow)."), "\(body)")
                #expect(response.headers[.contentType] == (test.page ? "text/html; charset=utf-8" : "application/json"))
            }
        }
        #expect(try fixture.ledger.headSeq() == head)
    }

    @Test func aPathNoRouteHasStays404() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            for method in [HTTPRequest.Method.get, .post, .delete] {
                try await client.execute(uri: "/api/nothing-here", method: method) { response in
                    #expect(response.status == .notFound, "\(method)")
                    #expect(response.headers[.allow] == nil)
                }
            }
        }
    }

    @Test func headAnswersLikeGetWithoutTheBody() async throws {
        let fixture = try RoundPagesTests.fixture()
        try await fixture.app.test(.router) { client in
            for uri in ["/api/health", "/api/states/FRA", "/", "/states/FRA", "/sign-in", "/api/reports/summary?format=csv"] {
                let get = try await client.execute(uri: uri, method: .get)
                let head = try await client.execute(uri: uri, method: .head)
                #expect(get.status == .ok, "\(uri)")
                #expect(head.status == .ok, "\(uri)")
                #expect(head.body.readableBytes == 0, "\(uri)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(uri)")
                #expect(head.headers[.contentLength] == String(get.body.readableBytes), "\(uri): the length GET would send")
                #expect(head.headers[.contentSecurityPolicy] == get.headers[.contentSecurityPolicy])
            }
            // An error's HEAD has the error's status and headers, and no body either.
            for (uri, status) in [("/states/XXX", HTTPResponse.Status.notFound), ("/api/nothing-here", .notFound), ("/?as_of=soon", .badRequest)] {
                let head = try await client.execute(uri: uri, method: .head)
                #expect(head.status == status, "\(uri)")
                #expect(head.body.readableBytes == 0, "\(uri)")
            }
        }
    }
}

/// A form posted to the browser's pages from another site is refused, whatever its CSRF token.
@Suite struct CrossSiteFormTests {
    static let refused: [HTTPFields] = [
        [.origin: "https://evil.example"],
        [.origin: "null", HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
        [.origin: "http://localhost.evil.example"],
        [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
        [HTTPField.Name("Sec-Fetch-Site")!: "same-site"],
        [.origin: "http://localhost", HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
    ]
    static let passed: [HTTPFields] = [
        [:],
        [.origin: "http://localhost", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"],
        [.origin: "http://localhost:80"],
        [HTTPField.Name("Sec-Fetch-Site")!: "none"],
        [.origin: "https://LOCALHOST"],
        // What Chromium sends from our own pages: the server's Referrer-Policy (no-referrer) hides the origin.
        [.origin: "null", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"],
        // A browser without Sec-Fetch-Site under the same policy: the CSRF token decides.
        [.origin: "null"],
    ]

    @Test(arguments: refused)
    func aFormFromAnotherSiteIsRefusedWithAPageAndWritesNothing(_ headers: HTTPFields) async throws {
        let fixture = try RoundPagesTests.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            _ = try await browser.get(RoundPagesTests.statePage)
            let head = try fixture.ledger.headSeq()
            browser.extraHeaders = headers
            let answer = try await browser.post(RoundPagesTests.statePage + "/drafts", RoundPagesTests.measure(RoundPagesTests.record, title: "EXAMPLE forged"))
            #expect(answer.status == .forbidden)
            #expect(answer.headers[.contentType] == "text/html; charset=utf-8")
            #expect(answer.body.contains("This form was sent from another site"), "\(answer.body)")
            #expect(try fixture.ledger.headSeq() == head)
            // Sign-in and sign-out too.
            #expect(try await browser.post("/sign-out", []).status == .forbidden)
            #expect(try await browser.post("/sign-in", [("token", fixture.tokens["admin"]!)]).status == .forbidden)
        }
    }

    @Test(arguments: passed)
    func aFormFromThisSiteATypedAddressOrNoHeaderPasses(_ headers: HTTPFields) async throws {
        let fixture = try RoundPagesTests.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            _ = try await browser.get(RoundPagesTests.statePage)
            browser.extraHeaders = headers
            let answer = try await browser.post(RoundPagesTests.statePage + "/drafts", RoundPagesTests.measure(RoundPagesTests.record, title: "EXAMPLE Act"))
            #expect(answer.status == .seeOther, "\(answer.body)")
        }
    }

    @Test func theAPIIsLeftToItsTokens() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            var headers = ServerTests.headers(fixture.tokens["admin"]!)
            headers[.origin] = "https://evil.example"
            headers[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            try await client.execute(uri: "/api/measures", method: .post, headers: headers, body: ServerTests.body(ServerTests.measure("FRA", note: "EXAMPLE"))) { response in
                #expect(response.status == .created)
            }
        }
    }
}
