import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import NIOCore
import Testing

/// The token middleware on the write routes: it answers before a handler reads anything, and the
/// path's `seq` is read as a number with a 400 that names it.
@Suite struct TokenAuthenticationTests {
    static func headers(_ authorization: String?) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let authorization { fields[.authorization] = authorization }
        return fields
    }

    static func error(_ response: TestResponse) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
        return try #require(object?["error"] as? [String: Any])
    }

    @Test func everyWriteRouteAsksForATokenBeforeReadingTheBody() async throws {
        let fixture = try ServerTests.Fixture()
        let before = try fixture.ledger.headSeq()
        // Every POST route of the API, from the router itself: a write route added later is checked too.
        let routes = LedgerServer.buildRouter(ledger: fixture.ledger).routes
            // A witness's cosignature is signed by a key the server was started with, not a token, and writes nothing to the ledger.
            .filter { $0.method == .post && "\($0.path)".hasPrefix("/api/") && "\($0.path)" != "/api/log/cosignatures" }
            .map { "\($0.path)".replacingOccurrences(of: "{seq}", with: "2").replacingOccurrences(of: "{name}", with: "2026-review") }
        #expect(routes.count >= 11, "\(routes)")
        #expect(routes.contains("/api/rounds/2026-review/publish"))
        try await fixture.app.test(.router) { client in
            for uri in routes {
                // A body that is not JSON would be a 400 from the handler: the 401 comes first.
                try await client.execute(uri: uri, method: .post, headers: Self.headers(nil), body: ByteBuffer(string: "not json")) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                    let message = try Self.error(response)["message"] as? String
                    #expect(message == "This needs a token: send 'Authorization: Bearer TOKEN' (an admin creates one with `cpsledger token create`).")
                }
                try await client.execute(uri: uri, method: .post, headers: Self.headers("Basic abc"), body: ByteBuffer(string: "{}")) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                    let message = try Self.error(response)["message"] as? String
                    #expect(message?.hasSuffix("The Authorization header sent is not of that form.") == true)
                }
                try await client.execute(uri: uri, method: .post, headers: Self.headers("Bearer " + fixture.tokens["revoked"]!), body: ByteBuffer(string: "{}")) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                    let message = try Self.error(response)["message"] as? String
                    #expect(message == "The token is not valid or has been revoked.")
                }
            }
        }
        #expect(try fixture.ledger.headSeq() == before)
    }

    @Test func verifyIsOpenWithoutATokenAndRefusesABadOne() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/verify", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/verify", method: .get, headers: Self.headers("Bearer " + fixture.tokens["reviewer"]!)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/verify", method: .get, headers: Self.headers("Bearer wrong")) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/verify", method: .get, headers: Self.headers("wrong")) { #expect($0.status == .unauthorized) }
        }
    }

    @Test(arguments: ["abc", "0", "-3", "1.5", "99999999999999999999"])
    func aSeqThatIsNotASequenceNumberIsA400NamingIt(_ seq: String) async throws {
        let fixture = try ServerTests.Fixture()
        let before = try fixture.ledger.headSeq()
        try await fixture.app.test(.router) { client in
            try await client.execute(
                uri: "/api/measures/\(seq)/retractions", method: .post, headers: Self.headers("Bearer " + fixture.tokens["admin"]!),
                body: ByteBuffer(string: #"{"reason":"EXAMPLE"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                let error = try Self.error(response)
                #expect(error["field"] as? String == "seq")
                #expect(error["value"] as? String == seq)
                #expect(error["message"] as? String == "'\(seq)' is not a sequence number.")
            }
        }
        #expect(try fixture.ledger.headSeq() == before)
    }
}
