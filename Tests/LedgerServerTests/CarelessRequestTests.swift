import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import LedgerTestSupport
import NIOCore
import Testing

/// Requests found by the QA pass: each is answered with a JSON error naming what to change, and
/// writes nothing.
@Suite struct CarelessRequestTests {
    static func ledger() throws -> (TemporaryLedger, String) {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        let token = try ledger.createToken(name: "Admin (test)", role: .admin, state: nil).token
        return (temp, token)
    }

    static func headers(_ token: String, contentType: String = "application/json") -> HTTPFields {
        [.authorization: "Bearer " + token, .contentType: contentType]
    }

    @Test func aFieldGivenTwiceIsRefusedInsteadOfTheLastOneWinning() async throws {
        let (fixture, token) = try Self.ledger()
        let ledger = fixture.ledger
        let before = try ledger.headSeq()
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.router) { client in
            let body = #"{"state":"FRA","state":"DEU","obligation":"art8.record-keeping","status":"planned","effective_date":"2020-01-01","title":"EXAMPLE","kind":"policy"}"#
            try await client.execute(uri: "/api/measures", method: .post, headers: Self.headers(token), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                let text = String(buffer: response.body)
                #expect(text.contains("Field 'state' is given twice; give each field once."), "\(text)")
                #expect(text.contains(#""field":"state""#))
            }
            // An escaped spelling of the same key is the same key.
            let escaped = #"{"reason":"a","re\u0061son":"b"}"#
            try await client.execute(uri: "/api/measures/1/retractions", method: .post, headers: Self.headers(token), body: ByteBuffer(string: escaped)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Field 'reason' is given twice"))
            }
            // Equal keys inside a nested value are not the top level's business (the value is refused as an object).
            let nested = #"{"state":{"a":1,"a":2}}"#
            try await client.execute(uri: "/api/measures", method: .post, headers: Self.headers(token), body: ByteBuffer(string: nested)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Field 'state' must be a string"))
            }
        }
        #expect(try ledger.headSeq() == before)
    }

    @Test func aFormBodyIsToldToSendJSONNotFoundationsText() async throws {
        let (fixture, token) = try Self.ledger()
        let ledger = fixture.ledger
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/measures", method: .post, headers: Self.headers(token, contentType: "application/x-www-form-urlencoded"),
                body: ByteBuffer(string: "state=FRA&status=planned")
            ) { response in
                #expect(response.status == .badRequest)
                let text = String(buffer: response.body)
                #expect(text.contains("The body is not valid JSON (sent as Content-Type: application/x-www-form-urlencoded); send one JSON object with Content-Type: application/json."), "\(text)")
                #expect(!text.contains("not in the correct format"))
            }
        }
    }

    @Test func aBodyOverTheLimitAndAnUnknownRouteAnswerJSON() async throws {
        let (fixture, token) = try Self.ledger()
        let ledger = fixture.ledger
        let before = try ledger.headSeq()
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.router) { client in
            let big = #"{"note":""# + String(repeating: "x", count: 1 << 20) + #""}"#
            try await client.execute(uri: "/api/measures", method: .post, headers: Self.headers(token), body: ByteBuffer(string: big)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == "application/json")
                #expect(String(buffer: response.body).contains(#""message":"The body is over 64 KiB"#), "\(String(buffer: response.body))")
            }
            try await client.execute(uri: "/api/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json")
                #expect(String(buffer: response.body).contains("No GET /api/nothing-here here: the API is under /api/"), "\(String(buffer: response.body))")
            }
        }
        #expect(try ledger.headSeq() == before)
    }

    @Test func aTreatyActionDatedDecadesAheadIsRefused() async throws {
        let (fixture, token) = try Self.ledger()
        let ledger = fixture.ledger
        let before = try ledger.headSeq()
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.router) { client in
            let body = #"{"state":"FRA","treaty":"VI-19","action":"ratification","date":"2099-12-31"}"#
            try await client.execute(uri: "/api/treaty-actions", method: .post, headers: Self.headers(token), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("is after today"), "\(String(buffer: response.body))")
            }
        }
        #expect(try ledger.headSeq() == before)
    }
}

extension CarelessRequestTests {
    @Test func aMalformedAuthorizationHeaderOnVerifyIsNamedNotCalledAWrite() async throws {
        let (fixture, _) = try Self.ledger()
        let ledger = fixture.ledger
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.router) { client in
            for header in ["Bearer ", "Basic dXNlcjpwYXNz"] {
                try await client.execute(uri: "/api/verify", method: .get, headers: [.authorization: header]) { response in
                    #expect(response.status == .unauthorized)
                    let text = String(buffer: response.body)
                    #expect(text.contains("The Authorization header sent is not of that form."), "\(text)")
                    #expect(!text.contains("Writing"))
                }
            }
        }
    }
}

extension CarelessRequestTests {
    @Test func aLowerCaseStateInAPathGetsTheSuggestionTheReportsGive() async throws {
        let (fixture, _) = try Self.ledger()
        let ledger = fixture.ledger
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.router) { client in
            for (uri, hint) in [("/api/states/fra", "No State 'fra'; did you mean FRA?"), ("/states/fra", "Did you mean <a href=\"/states/FRA\">FRA</a>?")] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(String(buffer: response.body).contains(hint), "\(uri): \(String(buffer: response.body))")
                }
            }
        }
    }
}
