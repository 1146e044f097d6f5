import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import LedgerTestSupport
import NIOCore
import Testing

/// The server over a real ledger file, driven through HummingbirdTesting's router client.
@Suite struct ServerTests {
    /// A ledger (without the shipped status tables, so sequence numbers are small) with one token per role.
    final class Fixture: @unchecked Sendable {
        let temp: TemporaryLedger
        var tokens: [String: String] = [:]

        init() throws {
            temp = try TemporaryLedger()
            tokens["admin"] = try ledger.createToken(name: "Admin (test)", role: .admin, state: nil).token
            tokens["editor"] = try ledger.createToken(name: "Editor (test)", role: .editor, state: nil).token
            tokens["focal_FRA"] = try ledger.createToken(name: "France focal point (test)", role: .focalPoint, state: "FRA").token
            tokens["reviewer"] = try ledger.createToken(name: "Reviewer (test)", role: .reviewer, state: nil).token
            let revoked = try ledger.createToken(name: "Former editor (test)", role: .editor, state: nil)
            _ = try ledger.revokeToken(id: revoked.record.id)
            tokens["revoked"] = revoked.token
        }

        var ledger: Ledger { temp.ledger }
        var directory: URL { temp.directory }

        var app: some ApplicationProtocol { app(sessionLifetime: LedgerServer.sessionLifetime) }

        /// The server on this ledger, its browser sessions lasting `sessionLifetime`.
        func app(sessionLifetime: Duration) -> some ApplicationProtocol {
            Application(router: LedgerServer.buildRouter(ledger: ledger, sessionLifetime: sessionLifetime))
        }
    }

    static func headers(_ token: String?) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let token { fields[.authorization] = "Bearer " + token }
        return fields
    }

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    static func measure(_ state: String, note: String) -> String {
        #"{"state":"\#(state)","obligation":"art8.record-keeping","status":"implemented","effective_date":"1990-07-12","title":"EXAMPLE law","kind":"legislation","note":"\#(note)"}"#
    }

    struct WriteCase: Sendable, CustomTestStringConvertible {
        let token: String?
        let uri: String
        let body: String
        let expected: HTTPResponse.Status
        var testDescription: String { "\(token ?? "no token") POST \(uri) → \(expected.code)" }
    }

    static let writeCases: [WriteCase] = {
        var cases: [WriteCase] = []
        let roles: [String?] = ["admin", "editor", "focal_FRA", "reviewer", "revoked", nil]
        for role in roles {
            let name = role ?? "none"
            let authenticated = role != nil && role != "revoked"
            func expect(_ allowed: Bool) -> HTTPResponse.Status { !authenticated ? .unauthorized : allowed ? .created : .forbidden }
            cases.append(WriteCase(token: role, uri: "/api/measures", body: measure("FRA", note: "own \(name)"), expected: expect(role != "reviewer")))
            cases.append(WriteCase(token: role, uri: "/api/measures", body: measure("DEU", note: "other \(name)"), expected: expect(role == "admin" || role == "editor")))
            cases.append(WriteCase(
                token: role, uri: "/api/assessments",
                body: #"{"state":"FRA","obligation":"art8.record-keeping","rating":"largely_compliant","comment":"EXAMPLE \#(name)","assessed_on":"2024-01-01"}"#,
                expected: expect(role == "admin" || role == "reviewer")))
            cases.append(WriteCase(
                token: role, uri: "/api/treaty-actions",
                body: #"{"state":"\#(role == "editor" ? "DEU" : "FRA")","treaty":"VI-19","action":"accession","date":"1990-12-31","note":"EXAMPLE \#(name)"}"#,
                expected: expect(role == "admin" || role == "editor")))
        }
        return cases
    }()

    @Test(arguments: writeCases)
    func everyRoleWritesOnlyWhatItMay(_ write: WriteCase) async throws {
        let fixture = try Fixture()
        let token = write.token.flatMap { fixture.tokens[$0] }
        let before = try fixture.ledger.headSeq()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: write.uri, method: .post, headers: Self.headers(token), body: Self.body(write.body)) { response in
                #expect(response.status == write.expected, "\(String(buffer: response.body))")
                if response.status != .created {
                    #expect(String(buffer: response.body).contains(#""error":"#))
                }
            }
        }
        let after = try fixture.ledger.headSeq()
        #expect(after == (write.expected == .created ? before + 1 : before))
        if write.expected == .created {
            let event = try #require(try fixture.ledger.events(after: before, limit: 1).first)
            #expect(event.actor.contains("(test)#"))  // the token's name and id are the actor
        }
    }

    @Test func aFocalPointMayCorrectAndRetractOnlyItsOwnStatesMeasures() async throws {
        let fixture = try Fixture()
        let fra = try #require(try fixture.ledger.recordMeasure(try MeasureFields.validate(
            ["state": "FRA", "obligation": "art8.record-keeping", "status": "partial", "effective_date": "1990-01-01", "title": "EXAMPLE", "kind": "legislation"],
            catalogue: fixture.ledger.catalogue, states: fixture.ledger.states), actor: "t").seqValue)
        let deu = try #require(try fixture.ledger.recordMeasure(try MeasureFields.validate(
            ["state": "DEU", "obligation": "art8.record-keeping", "status": "partial", "effective_date": "1990-01-01", "title": "EXAMPLE", "kind": "legislation"],
            catalogue: fixture.ledger.catalogue, states: fixture.ledger.states), actor: "t").seqValue)
        let focal = fixture.tokens["focal_FRA"]
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/measures/\(deu)/corrections", method: .post, headers: Self.headers(focal), body: Self.body(#"{"status":"implemented"}"#)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/measures/\(fra)/corrections", method: .post, headers: Self.headers(focal), body: Self.body(#"{"state":"DEU"}"#)) {
                #expect($0.status == .forbidden)  // may not move its measure to another State
            }
            try await client.execute(uri: "/api/measures/\(fra)/corrections", method: .post, headers: Self.headers(focal), body: Self.body(#"{"status":"implemented","reason":"EXAMPLE"}"#)) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/api/measures/\(deu)/retractions", method: .post, headers: Self.headers(focal), body: Self.body(#"{"reason":"EXAMPLE"}"#)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/measures/\(fra)/retractions", method: .post, headers: Self.headers(focal), body: Self.body(#"{}"#)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/measures/\(fra)/retractions", method: .post, headers: Self.headers(focal), body: Self.body(#"{"reason":"EXAMPLE"}"#)) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/api/measures/\(fra)/retractions", method: .post, headers: Self.headers(focal), body: Self.body(#"{"reason":"again"}"#)) {
                #expect($0.status == .conflict)
            }
            try await client.execute(uri: "/api/measures/999999/retractions", method: .post, headers: Self.headers(focal), body: Self.body(#"{"reason":"x"}"#)) {
                #expect($0.status == .notFound)
            }
        }
        #expect(try fixture.ledger.verify().isSound)
    }

    struct BadBody: Sendable, CustomTestStringConvertible {
        let body: String
        let status: HTTPResponse.Status
        let mentions: String
        var testDescription: String { "\(mentions) → \(status.code)" }
    }

    static let badBodies: [BadBody] = [
        BadBody(body: #"{"state":"FRA","#, status: .badRequest, mentions: "not valid JSON"),
        BadBody(body: #"["FRA"]"#, status: .badRequest, mentions: "must be a JSON object"),
        BadBody(body: "", status: .badRequest, mentions: "needs a JSON object body"),
        BadBody(body: #"{"state":"FRA","obligation":"art8.record-keeping","status":"implemented","effective_date":19900712}"#, status: .badRequest, mentions: #""field":"effective_date""#),
        BadBody(body: #"{"state":"FRA","obligation":"art8.record-keeping","status":true}"#, status: .badRequest, mentions: "must be a string"),
        BadBody(body: #"{"state":"FRA","colour":"blue"}"#, status: .badRequest, mentions: "Unknown field 'colour'"),
        BadBody(body: #"{"state":"FRANCE","obligation":"art8.record-keeping","status":"implemented","effective_date":"1990-07-12","title":"t","kind":"legislation"}"#, status: .badRequest, mentions: "did you mean FRA?"),
        BadBody(body: #"{"state":"FRA","obligation":"art8.record-keeping","status":"implemented","effective_date":"1990-02-30","title":"t","kind":"legislation"}"#, status: .badRequest, mentions: #""field":"effective_date""#),
        BadBody(body: "{\"note\":\"" + String(repeating: "x", count: 100_000) + "\"}", status: .contentTooLarge, mentions: ""),
    ]

    @Test(arguments: badBodies)
    func badBodiesAreRefusedWithTheFieldAndNothingIsWritten(_ bad: BadBody) async throws {
        let fixture = try Fixture()
        let before = try fixture.ledger.headSeq()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/measures", method: .post, headers: Self.headers(fixture.tokens["admin"]), body: Self.body(bad.body)) { response in
                #expect(response.status == bad.status)
                if !bad.mentions.isEmpty { #expect(String(buffer: response.body).contains(bad.mentions), "\(String(buffer: response.body))") }
            }
        }
        #expect(try fixture.ledger.headSeq() == before)
    }

    @Test func aBadStoredValueIsAServerErrorNamingItNotAMissingMeasureOrABadRequest() async throws {
        let fixture = try Fixture()
        let seq = try #require(try fixture.ledger.recordMeasure(try MeasureFields.validate(
            ["state": "FRA", "obligation": "art8.record-keeping", "status": "implemented", "effective_date": "1990-07-12", "title": "EXAMPLE", "kind": "legislation"],
            catalogue: fixture.ledger.catalogue, states: fixture.ledger.states), actor: "t").seqValue)
        let queue = try DatabaseQueue(path: fixture.ledger.path)
        try await queue.write { db in try db.execute(sql: "UPDATE measures SET status = 'mostly_done' WHERE id = ?", arguments: [seq]) }
        let before = try fixture.ledger.headSeq()
        try await fixture.app.test(.router) { client in
            try await client.execute(
                uri: "/api/measures/\(seq)/corrections", method: .post, headers: Self.headers(fixture.tokens["admin"]),
                body: Self.body(#"{"status":"partial"}"#)
            ) { response in
                #expect(response.status == .internalServerError)
                #expect(String(buffer: response.body).contains("Row id \(seq) of the measures table holds 'mostly_done' in column status"), "\(String(buffer: response.body))")
            }
        }
        #expect(try fixture.ledger.headSeq() == before)
    }

    @Test func readsAreOpenAndAnswerInJSONOrCSV() async throws {
        let fixture = try Fixture()
        _ = try fixture.ledger.recordMeasure(try MeasureFields.validate(
            ["state": "FRA", "obligation": "art8.record-keeping", "status": "implemented", "effective_date": "1990-07-12", "title": "EXAMPLE", "kind": "legislation"],
            catalogue: fixture.ledger.catalogue, states: fixture.ledger.states), actor: "t")
        try await fixture.app.test(.router) { client in
            func json(_ uri: String) async throws -> Any {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    return try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))
                }
            }
            #expect((try await json("/api/health") as! [String: Any])["status"] as? String == "ok")
            #expect((try await json("/api/obligations") as! [Any]).count == 39)
            #expect((try await json("/api/states") as! [Any]).count == 198)
            let card = try await json("/api/states/FRA?as_of=2000-01-01") as! [String: Any]
            #expect((card["obligations"] as! [[String: Any]]).first { $0["obligation"] as? String == "art8.record-keeping" }?["status"] as? String == "implemented")
            #expect((try await json("/api/treaties") as! [Any]).count == 26)
            #expect((try await json("/api/treaties/VI-19") as! [String: Any])["treaties"] != nil)
            let summary = try await json("/api/reports/summary?as_of=2000-01-01") as! [String: Any]
            #expect((summary["global"] as! [String: Any])["reported"] as? Int == 1)
            let events = try await json("/api/events?after=1&limit=10") as! [[String: Any]]
            // The fixture's five tokens are events (the last one revoked), then the measure.
            #expect(events.map { $0["kind"] as? String } == Array(repeating: "token.created", count: 5) + ["token.revoked", "measure.recorded"])
            #expect((try await json("/api/verify") as! [String: Any])["sound"] as? Bool == true)
            try await client.execute(uri: "/api/reports/matrix?format=csv&as_of=2000-01-01", method: .get) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(String(buffer: response.body).hasPrefix("state,obligation,status,rating,score,basis,as_of,counted_as\n"))
            }
            for (uri, status) in [("/api/reports/nonsense", HTTPResponse.Status.notFound), ("/api/states/XXX", .notFound), ("/api/treaties/VI-99", .notFound),
                                  ("/api/reports/summary?as_of=2000-13-01", .badRequest), ("/api/reports/state", .badRequest),
                                  ("/api/events?limit=0", .badRequest), ("/api/reports/summary?known_at=soon", .badRequest),
                                  ("/api/reports/summary?article=99", .badRequest)] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri): \(String(buffer: response.body))")
                    #expect(String(buffer: response.body).contains(#""error":"#), "\(uri)")
                }
            }
        }
    }

    @Test func theDashboardPagesWorkWithoutScript() async throws {
        let fixture = try Fixture()
        try await fixture.app.test(.router) { client in
            for uri in ["/", "/?as_of=2000-01-01", "/states/FRA", "/obligations/art8.record-keeping", "/treaties/VI-19"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let html = String(buffer: response.body)
                    #expect(response.status == .ok, "\(uri)")
                    #expect(html.contains("<nav class=\"dash\" lang=\"en\" dir=\"ltr\">"), "\(uri)")
                    #expect(html.contains("type=\"date\" name=\"as_of\""), "\(uri)")
                    #expect(!html.contains("<script"), "\(uri)")
                    #expect(html.hasSuffix("</html>\n"), "\(uri)")
                    #expect(html.components(separatedBy: "<main>").count == 2, "\(uri): one main element")
                }
            }
            try await client.execute(uri: "/states/FRA", method: .get) { response in
                #expect(String(buffer: response.body).contains("History: measures recorded for FRA"))
            }
            try await client.execute(uri: "/states?iso3=FRA&as_of=2000-01-01", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/states/FRA?as_of=2000-01-01")
            }
            // Found by schemathesis: the pickers passed any as_of on to the page; now a bad one is a 400 at once.
            for uri in ["/states?iso3=FRA&as_of=", "/obligations?id=art8.record-keeping&as_of=1900-01-01", "/treaties?as_of=2000-13-40"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(response.headers[.location] == nil, "\(uri)")
                    // A browser's page: the sentence, and a link to the same page as of today.
                    let page = String(buffer: response.body)
                    #expect(page.contains("as_of") && page.contains("The same page as of today</a>"), "\(uri): \(page)")
                }
            }
            try await client.execute(uri: "/states/XXX", method: .get) { #expect($0.status == .notFound) }
        }
    }
}

extension RecordOutcome {
    var seqValue: Int64? {
        if case .recorded(let seq) = self { return seq }
        return nil
    }
}
