import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import LedgerServer
import NIOCore
import Testing

/// Every answer, errors included, carries the security headers; a 500 tells the client only that it failed.
@Suite struct SecurityHeadersTests {
    @Test func everyAnswerCarriesCSPNosniffAndReferrerPolicy() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            for (uri, status) in [("/", HTTPResponse.Status.ok), ("/api/health", .ok), ("/api/reports/summary?format=csv", .ok),
                                  ("/api/nothing-here", .notFound), ("/api/reports/summary?as_of=soon", .badRequest)] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    let csp = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(csp.contains("default-src 'none'"), "\(uri): \(csp)")
                    #expect(!csp.contains("script-src"), "\(uri): the pages need no script")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                }
            }
        }
    }

    struct InternalFailure: Error, CustomStringConvertible {
        var description: String { "SQLite error 11: database disk image is malformed - /srv/secret/ledger.sqlite" }
    }

    @Test func aServerFailureSaysItFailedWithoutTheInternalText() async throws {
        let router = Router(context: LedgerRequestContext.self)
        router.addMiddleware {
            SecurityHeadersMiddleware()
            ErrorMiddleware()
        }
        router.get("boom") { _, _ -> Response in throw InternalFailure() }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/boom", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .internalServerError)
                #expect(body.contains("The server failed on this request"), "\(body)")
                #expect(body.contains("reference"), "\(body)")
                #expect(!body.contains("secret") && !body.contains("SQLite"), "\(body)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }
}
