import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import NIOCore
import Testing

/// A whole reporting round played through a live server (a real socket) with real tokens.
@Suite struct RoundServerTests {
    typealias Fixture = ServerTests.Fixture

    static func headers(_ token: String?) -> HTTPFields { ServerTests.headers(token) }

    /// A measure body of EXAMPLE data for one State and obligation, drafted in the round.
    static func draft(_ state: String, _ obligation: String, title: String) -> ByteBuffer {
        ByteBuffer(string: #"{"round":"2026-review","state":"\#(state)","obligation":"\#(obligation)","status":"implemented","effective_date":"2020-01-01","title":"\#(title)","kind":"legislation"}"#)
    }

    /// The JSON object of a response body.
    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
    }

    /// How many cells the public summary counts as reported: only published answers may count.
    static func publiclyReported(_ client: some TestClientProtocol) async throws -> Int {
        try await client.execute(uri: "/api/reports/summary?format=json", method: .get) { response in
            #expect(response.status == .ok)
            let global = try #require(try object(response)["global"] as? [String: Any])
            return try #require(global["reported"] as? Int)
        }
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, _ token: String?, _ body: String?, expect status: HTTPResponse.Status) async throws -> [String: Any] {
        try await client.execute(uri: uri, method: .post, headers: headers(token), body: body.map { ByteBuffer(string: $0) }) { response in
            #expect(response.status == status, "POST \(uri): \(String(buffer: response.body))")
            return (try? object(response)) ?? [:]
        }
    }

    @Test func aWholeRoundPublishesOnlyWhatWasAcceptedAndTheSummaryShowsNothingElseOnTheWay() async throws {
        let fixture = try Fixture()
        let tokens = fixture.tokens
        fixture.tokens["focal_KEN"] = try fixture.ledger.createToken(name: "Kenya focal point (test)", role: .focalPoint, state: "KEN").token
        let ken = try #require(fixture.tokens["focal_KEN"])
        let ledger = fixture.ledger
        try await fixture.app.test(.live) { client in
            #expect(try await Self.publiclyReported(client) == 0)
            // Only an admin opens a round.
            let round = #"{"name":"2026-review","due":"2099-12-31","obligations":["art8.record-keeping","art8.bank-secrecy"],"states":["FRA","KEN"]}"#
            _ = try await Self.post(client, "/api/rounds", tokens["reviewer"], round, expect: .forbidden)
            _ = try await Self.post(client, "/api/rounds", tokens["admin"], round, expect: .created)

            // Two States draft; a focal point cannot draft for the other State.
            for (state, token) in [("FRA", tokens["focal_FRA"]), ("KEN", ken)] {
                for obligation in ["art8.record-keeping", "art8.bank-secrecy"] {
                    try await client.execute(uri: "/api/measures", method: .post, headers: Self.headers(token), body: Self.draft(state, obligation, title: "EXAMPLE \(state) law")) { response in
                        #expect(response.status == .created, "\(String(buffer: response.body))")
                    }
                }
            }
            try await client.execute(uri: "/api/measures", method: .post, headers: Self.headers(tokens["focal_FRA"]), body: Self.draft("KEN", "art8.record-keeping", title: "EXAMPLE")) { response in
                #expect(response.status == .forbidden)
            }
            #expect(try await Self.publiclyReported(client) == 0)
            #expect(try ledger.verify().isSound)
            // Unpublished answers are for reviewers and admins: they count all four drafts.
            try await client.execute(uri: "/api/reports/summary?format=json&include=unpublished", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/reports/summary?format=json&include=unpublished", method: .get, headers: Self.headers(tokens["focal_FRA"])) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/reports/summary?format=json&include=unpublished", method: .get, headers: Self.headers(tokens["reviewer"])) { response in
                #expect(response.status == .ok)
                let global = try Self.object(response)["global"] as? [String: Any]
                #expect(global?["reported"] as? Int == 4)
            }
            // Drafts are today's: "as known then" cannot include them, as the CLI refuses the pair too.
            try await client.execute(
                uri: "/api/reports/summary?format=json&include=unpublished&known_at=2026-01-01", method: .get, headers: Self.headers(tokens["reviewer"])
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("cannot be combined with known_at"))
            }

            // A focal point sees its own drafts, not the other State's; the public cannot.
            try await client.execute(uri: "/api/rounds/2026-review/drafts?state=FRA", method: .get, headers: Self.headers(tokens["focal_FRA"])) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""status":"draft""#))
            }
            try await client.execute(uri: "/api/rounds/2026-review/drafts?state=KEN", method: .get, headers: Self.headers(tokens["focal_FRA"])) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/rounds/2026-review/drafts?state=FRA", method: .get) { response in
                #expect(response.status == .unauthorized)
            }

            // France submits; Kenya does not.
            _ = try await Self.post(client, "/api/rounds/2026-review/submissions", tokens["focal_FRA"], #"{"state":"KEN"}"#, expect: .forbidden)
            _ = try await Self.post(client, "/api/rounds/2026-review/submissions", tokens["focal_FRA"], #"{"state":"FRA"}"#, expect: .created)
            #expect(try await Self.publiclyReported(client) == 0)
            try await client.execute(uri: "/api/rounds/2026-review/queue", method: .get, headers: Self.headers(tokens["reviewer"])) { response in
                #expect(response.status == .ok)
                let queue = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [[String: Any]])
                #expect(queue.compactMap { $0["state"] as? String } == ["FRA", "FRA"])
            }

            // The reviewer returns one answer with a comment and accepts the rest; a focal point may not review.
            _ = try await Self.post(client, "/api/rounds/2026-review/acceptances", tokens["focal_FRA"], #"{"state":"FRA"}"#, expect: .forbidden)
            _ = try await Self.post(
                client, "/api/rounds/2026-review/returns", tokens["reviewer"],
                #"{"state":"FRA","obligation":"art8.bank-secrecy","comment":"Cite the official journal."}"#, expect: .created)
            _ = try await Self.post(client, "/api/rounds/2026-review/acceptances", tokens["reviewer"], #"{"state":"FRA","all":true}"#, expect: .created)
            #expect(try await Self.publiclyReported(client) == 0)

            // France corrects the returned draft and resubmits; the reviewer accepts it.
            let returned = try #require(try ledger.draftView(round: "2026-review", state: "FRA").first { $0.status == .returned })
            #expect(returned.comment == "Cite the official journal.")
            let draftSeq = try #require(returned.drafts.first?.seq)
            _ = try await Self.post(
                client, "/api/measures/\(draftSeq)/corrections", tokens["focal_FRA"], #"{"round":"2026-review","source":"EXAMPLE Journal officiel"}"#,
                expect: .created)
            _ = try await Self.post(client, "/api/rounds/2026-review/submissions", tokens["focal_FRA"], #"{"state":"FRA"}"#, expect: .created)
            _ = try await Self.post(
                client, "/api/rounds/2026-review/acceptances", tokens["reviewer"], #"{"state":"FRA","obligation":"art8.bank-secrecy"}"#, expect: .created)
            #expect(try await Self.publiclyReported(client) == 0)

            // Past nothing yet: no one is overdue before the due date.
            try await client.execute(uri: "/api/rounds/2026-review/status", method: .get) { response in
                #expect(response.status == .ok)
                let status = try Self.object(response)
                #expect(status["overdue"] as? [String] == [])
            }

            // Only an admin publishes; then France's two answers count, Kenya's drafts still do not.
            _ = try await Self.post(client, "/api/rounds/2026-review/publish", tokens["reviewer"], nil, expect: .forbidden)
            let publication = try await Self.post(client, "/api/rounds/2026-review/publish", tokens["admin"], nil, expect: .created)
            #expect((publication["events"] as? [Int])?.count == 2)
            #expect(try await Self.publiclyReported(client) == 2)
            #expect(try ledger.measures().map(\.fields.state) == ["FRA", "FRA"])
            #expect(try ledger.measures().compactMap(\.fields.source) == ["EXAMPLE Journal officiel"])
            #expect(try ledger.verify().isSound)
            try await client.execute(uri: "/api/rounds/2026-review", method: .get) { response in
                #expect(response.status == .ok)
                let round = try Self.object(response)
                #expect((round["publications"] as? [Any])?.count == 1)
            }
        }
    }

    /// The API is as explicit as the command line: an acceptance names the obligation or says
    /// "all": true; round lists are arrays, and an Article means what the catalogue says it means.
    @Test func anAcceptanceNamesItsAnswerOrAllAndRoundListsAreArrays() async throws {
        let fixture = try Fixture()
        let tokens = fixture.tokens, ledger = fixture.ledger
        try await fixture.app.test(.router) { client in
            let comma = try await Self.post(
                client, "/api/rounds", tokens["admin"], #"{"name":"EXAMPLE-r","due":"2099-12-31","states":"FRA,KEN"}"#, expect: .badRequest)
            #expect((comma["error"] as? [String: Any])?["field"] as? String == "states")
            let unknown = try await Self.post(
                client, "/api/rounds", tokens["admin"], #"{"name":"EXAMPLE-r","due":"2099-12-31","article":"12"}"#, expect: .badRequest)
            #expect(((unknown["error"] as? [String: Any])?["message"] as? String)?.contains("its Articles are 1, 2, 3, 4, 5, 6, 7, 7a, 7b, 7c, 7d, 8, 9, 10, 11") == true)
            _ = try await Self.post(
                client, "/api/rounds", tokens["admin"], #"{"name":"EXAMPLE-r","due":"2099-12-31","article":"7","states":["FRA"]}"#, expect: .created)
            #expect(try ledger.round(named: "EXAMPLE-r").definition.obligations == ["art7.border-interdiction"], "Article 7 itself, not 7(a) to 7(d)")

            _ = try ledger.draftMeasure(
                MeasureFields(state: "FRA", obligation: "art7.border-interdiction", status: .implemented, effectiveDate: ISODate(year: 2001, month: 1, day: 1)!, title: "EXAMPLE"),
                round: "EXAMPLE-r", actor: "test")
            _ = try ledger.submitRound("EXAMPLE-r", state: "FRA", actor: "test")
            let before = try ledger.headSeq()
            let bare = try await Self.post(client, "/api/rounds/EXAMPLE-r/acceptances", tokens["reviewer"], #"{"state":"FRA"}"#, expect: .badRequest)
            #expect((bare["error"] as? [String: Any])?["field"] as? String == "obligation")
            _ = try await Self.post(
                client, "/api/rounds/EXAMPLE-r/acceptances", tokens["reviewer"], #"{"state":"FRA","obligation":"art7.border-interdiction","all":true}"#,
                expect: .badRequest)
            _ = try await Self.post(client, "/api/rounds/EXAMPLE-r/acceptances", tokens["reviewer"], #"{"state":"FRA","all":"yes"}"#, expect: .badRequest)
            #expect(try ledger.headSeq() == before, "nothing accepted without saying which")
            let all = try await Self.post(client, "/api/rounds/EXAMPLE-r/acceptances", tokens["reviewer"], #"{"state":"FRA","all":true}"#, expect: .created)
            #expect((all["seqs"] as? [Int])?.count == 1)
        }
    }
}
