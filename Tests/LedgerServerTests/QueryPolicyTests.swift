import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import LedgerServer
import LedgerStore
import NIOCore
import Testing

/// Query parameters: only the documented ones, once each; the cache keys on the normalised request.
@Suite struct QueryPolicyTests {
    struct Refusal: Sendable, CustomTestStringConvertible {
        let method: HTTPRequest.Method
        let uri: String
        let mentions: [String]
        var testDescription: String { "\(method) \(uri)" }
    }

    static let refusals: [Refusal] = [
        Refusal(method: .get, uri: "/api/reports/summary?cachebust=7", mentions: ["'cachebust'", "as_of, known_at, format"]),
        Refusal(method: .get, uri: "/api/reports/summary?asof=2000-01-01", mentions: ["'asof'", "did you mean as_of?"]),
        Refusal(method: .get, uri: "/api/health?x=1", mentions: ["'x'", "takes no query parameters"]),
        Refusal(method: .get, uri: "/api/events?after=1&before=9", mentions: ["'before'", "after, limit"]),
        Refusal(method: .get, uri: "/api/states/FRA?format=csv", mentions: ["'format'"]),
        Refusal(method: .get, uri: "/api/reports/summary?as_of=2000-01-01&as_of=2001-01-01", mentions: ["'as_of' is given twice"]),
        Refusal(method: .get, uri: "/states/FRA?region=African", mentions: ["'region'", "takes: as_of"]),
        Refusal(method: .post, uri: "/api/measures?dry_run=1", mentions: ["'dry_run'", "takes no query parameters"]),
    ]

    @Test(arguments: refusals)
    func anUndocumentedQueryParameterIsRefusedWithTheAllowedOnes(_ refusal: Refusal) async throws {
        let fixture = try ServerTests.Fixture()
        let before = try fixture.ledger.headSeq()
        try await fixture.app.test(.router) { client in
            try await client.execute(
                uri: refusal.uri, method: refusal.method, headers: ServerTests.headers(fixture.tokens["admin"]),
                body: ServerTests.body(ServerTests.measure("FRA", note: "query"))
            ) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .badRequest, "\(body)")
                for text in refusal.mentions { #expect(body.contains(text), "\(body)") }
            }
        }
        #expect(try fixture.ledger.headSeq() == before)
    }

    /// A browser's GET form sends spaces as '+': the dashboard's region filter is one such form.
    @Test func aPlusInTheQueryIsASpaceAsABrowsersFormSendsIt() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            for uri in ["/?region=Western+European+and+Others", "/api/reports/summary?region=Western+European+and+Others"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri): \(String(buffer: response.body).prefix(300))")
                }
            }
            try await client.execute(uri: "/api/reports/summary?region=Western+European+and+Others", method: .get) { response in
                let json = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                #expect((json?["regional_groups"] as? [[String: Any]])?.count == 1, "one regional group kept")
            }
        }
    }

    @Test func theCacheKeepsOneAnswerPerNormalisedRequest() async throws {
        let fixture = try ServerTests.Fixture()
        let cache = ResponseCache()
        let app = Application(router: LedgerServer.buildRouter(ledger: fixture.ledger, cache: cache))
        try await app.test(.router) { client in
            for uri in ["/api/reports/matrix?as_of=2000-01-01&format=csv", "/api/reports/matrix?format=csv&as_of=2000-01-01"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .ok) }
            }
            #expect(cache.keys.count == 1, "\(cache.keys)")
            try await client.execute(uri: "/api/reports/matrix?format=csv&as_of=2000-01-02", method: .get) { #expect($0.status == .ok) }
            #expect(cache.keys.count == 2, "\(cache.keys)")
            try await client.execute(uri: "/api/reports/matrix?format=csv&as_of=2000-01-02&cachebust=1", method: .get) {
                #expect($0.status == .badRequest)
            }
            #expect(cache.keys.count == 2, "a refused request renders nothing")
        }
    }
}
