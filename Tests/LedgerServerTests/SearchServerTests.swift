import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import Testing

/// `GET /api/search` and the `/search` page over a real ledger file.
@Suite struct SearchServerTests {
    typealias Object = [String: Any]

    /// A measure whose title holds markup, so the page must escape it.
    static func record(_ fixture: ServerTests.Fixture) throws -> Int64 {
        let fields = try MeasureFields.validate(
            ["state": "FRA", "obligation": "art8.record-keeping", "status": "implemented", "effective_date": "1990-07-12",
             "title": "Example <b>mole</b> & badger act (test data)", "kind": "legislation", "source": "Example gazette (test data)"],
            catalogue: fixture.ledger.catalogue, states: fixture.ledger.states)
        guard case .recorded(let seq) = try fixture.ledger.recordMeasure(fields, actor: "test") else { throw CancellationError() }
        return seq
    }

    @Test func theAPIAnswersJSONWithTheMatchedWordsMarkedAndFilters() async throws {
        let fixture = try ServerTests.Fixture()
        let seq = try Self.record(fixture)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/search?q=badger", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? Object)
                #expect(json["count"] as? Int == 1)
                let hit = try #require((json["hits"] as? [Object])?.first)
                #expect(hit["kind"] as? String == "measure" && hit["key"] as? String == String(seq))
                #expect(hit["state"] as? String == "FRA" && hit["state_name"] as? String == "France")
                #expect(hit["obligation"] as? String == "art8.record-keeping" && hit["status"] as? String == "implemented")
                let title = try #require(hit["title"] as? [Object])
                #expect(title.filter { $0["match"] as? Bool == true }.compactMap { $0["text"] as? String } == ["badger"])
                #expect(title.compactMap { $0["text"] as? String }.joined() == "Example <b>mole</b> & badger act (test data)")
            }
            try await client.execute(uri: "/api/search?q=badger&state=DEU", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""count":0"#))
            }
            // Search syntax is plain text: quotes, *, -, :, parentheses are no operators.
            try await client.execute(uri: "/api/search?q=%22badger%22%20*%20-%20act:%20(mole", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""count":1"#))
            }
            for (uri, field) in [("/api/search?q=badger&state=XXX", "state"), ("/api/search?q=badger&limit=0", "limit"),
                                 ("/api/search?q=badger&from=2020-02-30", "from"), ("/api/search?q=badger&page=2", "page")] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(String(buffer: response.body).contains(#""field":"\#(field)""#), "\(uri): \(String(buffer: response.body))")
                }
            }
        }
    }

    @Test func thePageLinksEachHitToItsStateAndObligationWithTheWordsInContextEscaped() async throws {
        let fixture = try ServerTests.Fixture()
        let seq = try Self.record(fixture)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/search?q=mole", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.contains("Measure \(seq): Example &lt;b&gt;<mark>mole</mark>&lt;/b&gt; &amp; badger act (test data)"), "\(html)")
                #expect(!html.contains("<b>mole"))
                #expect(html.contains("<a href=\"/states/FRA\">France</a>"))
                #expect(html.contains("<a href=\"/obligations/art8.record-keeping\">"))
                #expect(html.contains("<form class=\"fields\" action=\"/search\" method=\"get\" role=\"search\">"))
                #expect(html.contains("value=\"mole\""))
            }
            // As a browser's form sends it: spaces as '+'. The Articles offered are the Declaration's.
            try await client.execute(uri: "/search?q=badger+mole&article=8&state=FRA", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("1 result for “badger mole”"), "\(html)")
                #expect(html.contains("value=\"badger mole\""))
                #expect(html.contains("<option value=\"8\" selected>Article 8</option>") && !html.contains("Resolution 51/60"))
            }
            // A State by another spelling, linked to its page.
            try await client.execute(uri: "/search?q=Swaziland", method: .get) { response in
                #expect(String(buffer: response.body).contains("State: <a href=\"/states/SWZ\">Eswatini</a>"))
            }
            // The empty form, and a filter the ledger does not know, said on the page beside the form.
            try await client.execute(uri: "/search", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Type one or more words"))
            }
            try await client.execute(uri: "/search?q=mole&theme=moles", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.contains("class=\"problem\"") && html.contains("moles") && html.contains("not a theme"), "\(html)")
            }
            // A bad filter before any word is typed is refused too (schemathesis found status=AAA answered 200).
            try await client.execute(uri: "/search?status=AAA", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("AAA"))
            }
        }
    }
}
