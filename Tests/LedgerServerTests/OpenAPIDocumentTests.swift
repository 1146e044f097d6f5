import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerContracts
import LedgerModel
import LedgerReports
@testable import LedgerServer
import LedgerStore
import Testing

/// The OpenAPI document (Contracts/openapi.json) and the server cannot drift apart: every route of
/// the router is in the document and every operation of the document is a route, each with exactly
/// the query parameters the query policy lets through and the allowed values the server accepts.
@Suite struct OpenAPIDocumentTests {
    typealias Object = [String: Any]

    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    static func document() throws -> Object {
        try #require(try JSONSerialization.jsonObject(with: Data(LedgerContracts.openAPI.utf8)) as? Object)
    }

    /// `METHOD /path/{param}` of every operation of the document.
    static func operations(_ document: Object) throws -> [String: Object] {
        let paths = try #require(document["paths"] as? [String: Object])
        var out: [String: Object] = [:]
        for (path, item) in paths {
            for method in methods {
                if let operation = item[method] as? Object { out[method.uppercased() + " " + path] = operation }
            }
        }
        return out
    }

    static func parameters(_ operation: Object, in place: String) -> [Object] {
        ((operation["parameters"] as? [Object]) ?? []).filter { $0["in"] as? String == place }
    }

    static func router() throws -> Router<LedgerRequestContext> {
        let fixture = try ServerTests.Fixture()
        return LedgerServer.buildRouter(ledger: fixture.ledger)
    }

    @Test func everyRouteIsAnOperationOfTheDocumentAndTheReverse() throws {
        let routes = Set(try Self.router().routes.map { "\($0.method) \($0.path)" })
        let documented = Set(try Self.operations(Self.document()).keys)
        #expect(routes.count > 20, "the router lists its routes: \(routes.sorted())")
        #expect(routes.subtracting(documented).sorted() == [], "routes the document lacks")
        #expect(documented.subtracting(routes).sorted() == [], "operations of the document that are no route")
    }

    @Test func everyOperationTakesExactlyTheQueryParametersTheServerAccepts() throws {
        for (key, operation) in try Self.operations(Self.document()) {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            let documented = Self.parameters(operation, in: "query").compactMap { $0["name"] as? String }.sorted()
            guard parts[0] == "GET" else {
                #expect(documented == [], "\(key): a write takes no query parameters")
                continue
            }
            let pattern = QueryPolicy.segments(parts[1]).map { $0.hasPrefix("{") ? "*" : $0 }
            let policy = try #require(QueryPolicy.routes.first { $0.pattern == pattern }, "\(key) has no entry in QueryPolicy.routes")
            #expect(documented == policy.allowed.sorted(), "\(key): the document's query parameters")
            let captures = QueryPolicy.segments(parts[1]).filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            #expect(Self.parameters(operation, in: "path").compactMap { $0["name"] as? String }.sorted() == captures.sorted(), "\(key): path parameters")
        }
    }

    @Test func everyOperationDeclaresTheRefusalOfAnUnknownQueryParameter() throws {
        for (key, operation) in try Self.operations(Self.document()) {
            let responses = try #require(operation["responses"] as? Object, "\(key) has responses")
            #expect(responses["400"] != nil, "\(key) declares 400")
        }
    }

    /// The values a parameter may take, as the document lists them (`schema.enum`).
    static func allowed(_ name: String, of key: String) throws -> [String] {
        let operation = try #require(try Self.operations(Self.document())[key])
        let parameter = try #require(((operation["parameters"] as? [Object]) ?? []).first { $0["name"] as? String == name }, "\(key) has \(name)")
        return try #require((parameter["schema"] as? Object)?["enum"] as? [String], "\(key) \(name) lists its values")
    }

    @Test func theAllowedValuesAreTheOnesTheServerAccepts() throws {
        let fixture = try ServerTests.Fixture()
        #expect(try Self.allowed("kind", of: "GET /api/reports/{kind}") == ReportRequest.Kind.allCases.map(\.rawValue))
        #expect(try Self.allowed("format", of: "GET /api/reports/{kind}") == ReportRequest.Format.allCases.map(\.rawValue))
        #expect(try Self.allowed("region", of: "GET /api/reports/{kind}") == RegionalGroup.allCases.map(\.rawValue))
        #expect(try Self.allowed("region", of: "GET /api/states/{iso3}") == RegionalGroup.allCases.map(\.rawValue))
        // A page's filter form sends "" for "all": the pages take it as no filter, the API refuses it.
        #expect(try Self.allowed("region", of: "GET /") == [""] + RegionalGroup.allCases.map(\.rawValue))
        #expect(try Self.allowed("region", of: "GET /obligations/{id}") == [""] + RegionalGroup.allCases.map(\.rawValue))
        #expect(try Self.allowed("treaty_set", of: "GET /api/reports/{kind}") == fixture.ledger.treaties.setNames)
        #expect(try Self.allowed("treaty_set", of: "GET /api/treaties/{id}") == fixture.ledger.treaties.setNames)
    }

    @Test func theServerServesTheDocumentAtApiOpenapiJson() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let body = String(buffer: response.body)
                #expect(body == LedgerContracts.openAPI)
                let served = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? Object)
                #expect(served["openapi"] as? String == "3.1.0")
                let schemes = (served["components"] as? Object)?["securitySchemes"] as? Object
                #expect((schemes?["bearer"] as? Object)?["scheme"] as? String == "bearer")
            }
            try await client.execute(uri: "/api/openapi.json?v=2", method: .get) { #expect($0.status == .badRequest) }
        }
    }

    /// The parameter `name` of `key`'s operation: its description.
    static func description(_ name: String, of key: String) throws -> String {
        let operation = try #require(try Self.operations(Self.document())[key])
        let parameter = try #require(((operation["parameters"] as? [Object]) ?? []).first { $0["name"] as? String == name }, "\(key) has \(name)")
        return try #require(parameter["description"] as? String)
    }

    @Test func theDocumentSaysWhichDatesAreServedAndThatIncludeAndKnownAtExcludeEachOther() async throws {
        let served = ReportRequest.servedDates()
        for name in ["as_of", "from", "to"] {
            let text = try Self.description(name, of: "GET /api/reports/{kind}")
            #expect(text.contains(served.lowerBound.description) && text.contains("ten years ahead"), "\(name): \(text)")
        }
        let knownAt = try Self.description("known_at", of: "GET /api/reports/{kind}")
        #expect(knownAt.contains("Any date is served"))
        #expect(knownAt.contains("Not with include=unpublished"))
        #expect(try Self.description("include", of: "GET /api/reports/{kind}").contains("Not with known_at"))
        // What the document says is what the server does.
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/reports/summary?include=unpublished&known_at=2020-01-01", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("cannot be combined with known_at"))
            }
        }
    }

    /// A page's errors are HTML for a browser and JSON for a program that asks for it: the document
    /// declares both for every error of every page outside /api/.
    @Test func everyErrorOfAPageIsDeclaredAsHTMLAndJSON() throws {
        for (key, operation) in try Self.operations(Self.document()) where !key.contains(" /api/") {
            let responses = try #require(operation["responses"] as? [String: Object])
            for (code, response) in responses where Int(code)! >= 400 {
                let types = Set(((response["content"] as? Object) ?? [:]).keys)
                #expect(types == ["application/json", "text/html; charset=utf-8"], "\(key) \(code): \(types)")
            }
            if key.hasPrefix("POST ") { #expect(responses["403"] != nil, "\(key): a form from another site is refused 403") }
        }
    }

    /// One error of each case of `LedgerError` (and of `RoundProblem`): the codes a program sees.
    static let everyLedgerError: [LedgerError] = {
        let failure = ValidationFailure(issues: [FieldIssue(field: "state", value: "X", message: "EXAMPLE")])
        let rounds: [RoundProblem] = [
            .unknownRound("r"), .roundExists("r", seq: 1), .roundClosed("r", seq: 1), .notAsked(round: "r", state: "FRA", obligation: nil),
            .emptyRound("r"), .measureAlreadyDrafted(round: "r", measure: 1, draft: 2), .draftNotLive(round: "r", draft: 1, status: .draft),
            .nothingToCorrect(round: "r", draft: 1), .nothingToSubmit(round: "r", state: "FRA"),
            .notSubmitted(round: "r", state: "FRA", obligation: "o", status: .draft), .nothingToPublish("r"),
            .publishConflict(round: "r", draft: 1, reason: "x"),
        ]
        return [
            .invalid(failure), .importRejected(file: "f", problems: [], truncated: false),
            .badHeader(file: "f", missing: [], unknown: [], expected: []), .repeatedColumns(file: "f", columns: []),
            .unreadableFile(path: "p", reason: "r"), .unknownMeasure(seq: 1), .alreadyRetracted(measure: 1, retraction: 2),
            .duplicateMeasure(existing: 1), .missingReason("r"), .notALedger(path: "p", reason: "r"), .destinationExists(path: "p"),
            .unknownToken(id: 1), .untcUnreadable(file: "f", reason: "r"), .outsideState(measure: 1, state: "FRA", allowed: "DEU"),
            .keyFileExists(path: "p"), .missingEvidence(sha256: "0", filename: "f", measure: 1), .busy(path: "p", retryAfter: 1),
            .newerLedger(path: "p", migrations: []), .unwritable(path: "p", reason: "r"),
            .badStoredValue(table: "t", key: "k", column: "c", value: "v", expected: "e"), .orphanRow(table: "t", key: "k"),
        ] + rounds.map { .round($0) } + [
            .ocIndex(.notAWorkbook(file: "f", reason: "r")), .ocIndex(.noDataset(file: "f", sheets: [])),
            .ocIndex(.unknownLayout(file: "f", sheet: "s", header: [], mismatch: .sheetName)),
            .ocIndex(.rejected(file: "f", problems: [], truncated: false)),
            .referenceDataEdited(tables: ["states"]), .diskFull(path: "p"), .readOnlyStorage(path: "p"),
            .storageFailed(path: "p", detail: "d"), .clockBehind(clock: "c", headSeq: 1, headTime: "t"), .clockAhead(clock: "c", counted: "t"),
            .outsideLog(.tree(size: 2), head: 1),
        ]
    }()

    /// The API's error codes are written out, not derived from Swift case names: each is listed in the
    /// document's `Error.error.code` enum, no two cases share one, and the enum lists no code the server
    /// never sends. (With the codes derived from case names, renaming `unknownMeasure` would have
    /// silently renamed the code a program matches on.)
    @Test func everyLedgerErrorCodeIsListedOnceInTheDocument() throws {
        let schemas = try #require((try Self.document()["components"] as? Object)?["schemas"] as? Object)
        let error = try #require(((schemas["Error"] as? Object)?["properties"] as? Object)?["error"] as? Object)
        let code = try #require((error["properties"] as? Object)?["code"] as? Object)
        let listed = try #require(code["enum"] as? [String])
        let sent = Self.everyLedgerError.map(APIError.code(of:))
        #expect(Set(sent).count == sent.count, "two cases share a code: \(sent)")
        #expect(Set(sent) == Set(listed), "sent but not listed: \(Set(sent).subtracting(listed)); listed but never sent: \(Set(listed).subtracting(sent))")
        #expect(APIError.code(of: .unknownMeasure(seq: 7)) == "unknown_measure")
        #expect(APIError.code(of: .round(.roundClosed("r", seq: 1))) == "round_closed")
    }
}
