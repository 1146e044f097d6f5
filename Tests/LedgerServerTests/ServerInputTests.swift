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

/// The server under every date and any input: the report and dashboard sweep over boundary dates on
/// the shipped ledger and an empty one, and seeded fuzzing of the JSON bodies and query strings.
/// Nothing may answer 500 or stop the process; a refusal is a 4xx JSON error, and writes nothing.
@Suite struct ServerInputTests {
    /// Ledgers built once for the suite and only read by the sweep.
    static let shipped = Result { try ledger(statusData: true) }
    static let empty = Result { try ledger(statusData: false) }

    static func ledger(statusData: Bool) throws -> TemporaryLedger {
        try TemporaryLedger(statusData: statusData, actor: "sweep")
    }

    /// The last day reports are served for: 31 December, ten years ahead.
    static let lastServed = ISODate(year: ISODate.utc().year + 10, month: 12, day: 31)!
    static let served = [
        "1945-10-24", "1960-12-31", "1961-03-29", "1961-03-30", "1988-12-20", "1999-12-31", "2000-01-01", "2000-12-31", "2014-01-27",
        ISODate.utc().description, lastServed.description,
    ]
    static let refused = ["1900-01-01", "1945-10-23", "\(lastServed.year + 1)-01-01", "2100-12-31", "9999-12-31"]

    /// Every report path with its subject parameters, for one date and format.
    static func reportURIs(date: String, format: String) -> [String] {
        [
            "/api/reports/summary?as_of=\(date)&format=\(format)", "/api/reports/state?state=FRA&as_of=\(date)&format=\(format)",
            "/api/reports/obligation?obligation=art8.record-keeping&as_of=\(date)&format=\(format)",
            "/api/reports/matrix?as_of=\(date)&format=\(format)", "/api/reports/changes?from=\(date)&to=\(date)&format=\(format)",
            "/api/reports/treaties?as_of=\(date)&format=\(format)", "/api/reports/quality?as_of=\(date)&format=\(format)",
        ]
    }

    static func pageURIs(date: String) -> [String] {
        ["/?as_of=\(date)", "/states/FRA?as_of=\(date)", "/obligations/art8.record-keeping?as_of=\(date)", "/treaties/VI-19?as_of=\(date)",
         "/api/states/FRA?as_of=\(date)", "/api/treaties/VI-19?as_of=\(date)"]
    }

    func sweep(_ ledger: Ledger) async throws {
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.router) { client in
            for date in Self.served + Self.refused {
                let ok = Self.served.contains(date)
                // Every format on the dates of the issue's crash and the ends of the range; JSON and HTML on the rest.
                let formats = ["1945-10-24", "1999-12-31", Self.lastServed.description, "9999-12-31"].contains(date)
                    ? ["text", "md", "csv", "json", "html"] : ["json"]
                let uris = formats.flatMap { Self.reportURIs(date: date, format: $0) } + Self.pageURIs(date: date)
                for uri in uris {
                    try await client.execute(uri: uri, method: .get) { response in
                        let body = String(buffer: response.body)
                        if ok {
                            #expect(response.status == .ok, "\(uri): \(body.prefix(300))")
                            #expect(!body.isEmpty, "\(uri)")
                        } else {
                            #expect(response.status == .badRequest, "\(uri): \(body.prefix(300))")
                            let field = uri.contains("/changes") ? "to" : "as_of"
                            // The API names the field in JSON; a dashboard page is a browser's page that links to today's.
                            let named = uri.hasPrefix("/api/") ? body.contains(#""field":"\#(field)""#) : body.contains("The same page as of today</a>")
                            #expect(named && body.contains("is outside the dates reports are served for"), "\(uri): \(body)")
                        }
                    }
                }
            }
            try await client.execute(uri: "/api/health", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func everyReportAndPageAnswersOnEveryBoundaryDateOfTheShippedLedger() async throws {
        try await sweep(try Self.shipped.get().ledger)
    }

    @Test func everyReportAndPageAnswersOnEveryBoundaryDateOfAnEmptyLedger() async throws {
        try await sweep(try Self.empty.get().ledger)
    }

    // MARK: - Fuzzing

    static let validBodies: [(path: String, body: String)] = [
        ("/api/measures", #"{"state":"FRA","obligation":"art8.record-keeping","status":"implemented","effective_date":"1990-07-12","title":"EXAMPLE law","kind":"legislation","source":"EXAMPLE source","note":"EXAMPLE note"}"#),
        ("/api/measures", #"{"state":"KEN","obligation":"art7d.migrant-smuggling","status":"not_applicable","effective_date":"2000-01-01","justification":"EXAMPLE justification"}"#),
        ("/api/measures/SEQ/corrections", #"{"status":"partial","note":"EXAMPLE correction","reason":"EXAMPLE reason"}"#),
        ("/api/measures/SEQ/retractions", #"{"reason":"EXAMPLE reason"}"#),
        ("/api/assessments", #"{"state":"FRA","obligation":"art8.record-keeping","rating":"largely_compliant","comment":"EXAMPLE comment","assessed_on":"2024-01-01"}"#),
        ("/api/treaty-actions", #"{"state":"FRA","treaty":"VI-19","action":"ratification","date":"1990-12-31","note":"EXAMPLE note","source":"EXAMPLE source"}"#),
    ]

    static let allowedStatuses: Set<Int> = [200, 201, 400, 403, 404, 409, 413]

    @Test func mutatedJSONBodiesNeverFailTheServerAndARefusalWritesNothing() async throws {
        let fixture = try ServerTests.Fixture()
        let seed: UInt64 = 0x51_60_05
        var mutator = Mutator(seed: seed)
        let measure = try #require(try fixture.ledger.recordMeasure(try MeasureFields.validate(
            ["state": "FRA", "obligation": "art8.record-keeping", "status": "partial", "effective_date": "1990-01-01", "title": "EXAMPLE", "kind": "legislation"],
            catalogue: fixture.ledger.catalogue, states: fixture.ledger.states), actor: "t").seqValue)
        let start = try fixture.ledger.headSeq()
        // The cases are drawn before the requests run, in order, from the one seed.
        let cases = (0..<1200).map { number -> (uri: String, bytes: [UInt8], token: String?) in
            let (path, valid) = mutator.pick(Self.validBodies)
            let bytes = number % 10 == 9 ? mutator.randomBytes() : mutator.mutate(Array(valid.utf8))
            let token = fixture.tokens[mutator.pick(["admin", "admin", "admin", "focal_FRA", "reviewer"])]
            return (path.replacingOccurrences(of: "SEQ", with: String(measure)), bytes, token)
        }
        try await fixture.app.test(.router) { client in
            for (number, (uri, bytes, token)) in cases.enumerated() {
                let before = try fixture.ledger.headSeq()
                try await client.execute(uri: uri, method: .post, headers: ServerTests.headers(token), body: ByteBuffer(bytes: bytes)) { response in
                    let label = "seed \(seed) case \(number): \(uri) \(String(decoding: bytes.prefix(200), as: UTF8.self))"
                    #expect(Self.allowedStatuses.contains(response.status.code), "\(label) → \(response.status.code) \(String(buffer: response.body))")
                    let after = try fixture.ledger.headSeq()
                    if response.status.code >= 400 {
                        #expect(after == before, "\(label): a refused body wrote events")
                        if response.status != .contentTooLarge { #expect(String(buffer: response.body).contains(#""error":{"#), "\(label)") }
                    }
                }
            }
        }
        #expect(try fixture.ledger.headSeq() > start)  // some mutations stay valid and are written
        #expect(try fixture.ledger.verify().isSound)
        _ = try fixture.ledger.rebuild()
        #expect(try fixture.ledger.verify().isSound)
    }

    @Test func mutatedQueryStringsNeverFailTheServer() async throws {
        let ledger = try Self.empty.get().ledger
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        let seed: UInt64 = 0x51_60_06
        var mutator = Mutator(seed: seed)
        let queries = Self.reportURIs(date: "2000-12-31", format: "json") + Self.pageURIs(date: "2000-12-31") + [
            "/api/reports/summary?known_at=2020-06-01T12:00:00Z&region=African&theme=money-laundering&article=8&treaty_set=current",
            "/api/reports/quality?stale_years=5", "/api/events?after=1&limit=5", "/states?iso3=FRA&as_of=2000-12-31",
            "/treaties?id=VI-19&as_of=2000-12-31",
        ]
        let uris = (0..<600).map { _ -> String in
            let valid = Array(mutator.pick(queries).utf8)
            let split = valid.firstIndex(of: UInt8(ascii: "?")) ?? valid.count
            // Mutate only the query; percent-encode what a client could not send raw.
            let query = mutator.mutate(Array(valid[split...]))
            var uri = String(decoding: valid[..<split], as: UTF8.self)
            for byte in query {
                if byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "#") && byte != UInt8(ascii: "%") {
                    uri.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    uri += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                }
            }
            return uri
        }
        try await app.test(.router) { client in
            for (number, uri) in uris.enumerated() {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect([200, 303, 400, 404].contains(response.status.code), "seed \(seed) case \(number): \(uri) → \(response.status.code) \(String(buffer: response.body).prefix(300))")
                }
            }
        }
    }

    @Test func aNULOrAFutureDateInABodyIsRefusedWithTheFieldNamed() async throws {
        let fixture = try ServerTests.Fixture()
        let before = try fixture.ledger.headSeq()
        let cases: [(String, String, String)] = [
            ("/api/measures", #"{"state":"FRA","obligation":"art8.record-keeping","status":"implemented","effective_date":"1990-07-12","title":"EXAMPLE","kind":"legislation","note":"a\u0000b"}"#, "note"),
            ("/api/measures", #"{"state":"FRA","obligation":"art8.record-keeping","status":"implemented","effective_date":"1990-07-12","title":"EXAMPLE \u202Ewal","kind":"legislation"}"#, "title"),
            ("/api/assessments", #"{"state":"FRA","obligation":"art8.record-keeping","rating":"compliant","assessed_on":"2999-01-01"}"#, "assessed_on"),
            ("/api/assessments", #"{"state":"FRA","obligation":"art8.record-keeping","rating":"compliant","comment":"x\u0000"}"#, "comment"),
            ("/api/treaty-actions", #"{"state":"FRA","treaty":"VI-19","action":"ratification","date":"1990-12-31","source":"x\u0000"}"#, "source"),
            ("/api/treaty-actions", #"{"state":"FRA","treaty":"VI-19","action":"ratification","date":"1990-12-31","note":"x\u0000"}"#, "note"),
        ]
        try await fixture.app.test(.router) { client in
            for (uri, body, field) in cases {
                try await client.execute(uri: uri, method: .post, headers: ServerTests.headers(fixture.tokens["admin"]), body: ServerTests.body(body)) { response in
                    #expect(response.status == .badRequest, "\(body)")
                    #expect(String(buffer: response.body).contains(#""field":"\#(field)""#), "\(String(buffer: response.body))")
                }
            }
        }
        #expect(try fixture.ledger.headSeq() == before)
    }
}
