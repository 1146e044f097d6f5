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

/// A write while another process holds the ledger's write lock (a CLI import) answers 503 with
/// Retry-After once the busy timeout has passed, and writes nothing.
@Suite struct BusyLedgerTests {
    @Test func aWriteWhileAnotherConnectionHoldsTheWriteLockAnswers503WithRetryAfter() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("busy.sqlite")
        let ledger = try Ledger.open(path: path, actor: "test", withStatusData: false, busyTimeout: 0.3)
        let token = try ledger.createToken(name: "Editor (test)", role: .editor, state: nil).token
        let before = try ledger.headSeq()

        // The "import": a second connection to the same file holding a write transaction, on a thread
        // of its own until the test lets it go.
        let importer = try WriteLock(path: path)
        importer.hold()
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/measures", method: .post, headers: ServerTests.headers(token), body: ServerTests.body(ServerTests.measure("FRA", note: "busy"))
            ) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .serviceUnavailable, "\(body)")
                #expect(response.headers[.retryAfter] == "1")
                #expect(body.contains("busy") && body.contains("nothing was written"), "\(body)")
            }
            try await client.execute(uri: "/api/health", method: .get) { #expect($0.status == .ok, "reads go on meanwhile") }
            importer.release()
            try await client.execute(
                uri: "/api/measures", method: .post, headers: ServerTests.headers(token), body: ServerTests.body(ServerTests.measure("FRA", note: "busy"))
            ) { #expect($0.status == .created, "the same write succeeds once the lock is free") }
        }
        #expect(try ledger.headSeq() == before + 1)
    }

    /// Every route that writes, as the router lists them (so a route added later is in the test, or
    /// fails it for want of a body here), answers 503 with Retry-After while another connection holds
    /// the write lock, and writes nothing: the API's round writes as much as /api/measures, and the
    /// round pages' forms too.
    @Test func everyWriteRouteOfTheRouterAnswers503WithRetryAfterWhileTheLedgerIsBusy() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("busy.sqlite")
        let ledger = try Ledger.open(path: path, actor: "test", withStatusData: false, busyTimeout: 0.2)
        let admin = try ledger.createToken(name: "Admin (test)", role: .admin, state: nil).token
        let round = "EXAMPLE-busy", obligation = "art8.record-keeping"
        _ = try ledger.openRound(
            RoundDefinition(name: round, due: ISODate(year: 2027, month: 3, day: 31)!, obligations: [obligation], states: ["FRA"]), actor: "test")
        guard case .recorded(let measure) = try ledger.recordMeasure(
            MeasureFields(state: "FRA", obligation: obligation, status: .implemented, effectiveDate: ISODate(year: 2001, month: 2, day: 3)!, title: "EXAMPLE law"),
            actor: "test")
        else { Issue.record("no measure"); return }

        // What each write route is sent: enough to pass every check made before the write.
        let json: [String: String] = [
            "/api/measures": ServerTests.measure("FRA", note: "busy"),
            "/api/measures/{seq}/corrections": #"{"note":"busy","reason":"EXAMPLE"}"#,
            "/api/measures/{seq}/retractions": #"{"reason":"EXAMPLE"}"#,
            "/api/assessments": #"{"state":"FRA","obligation":"art8.record-keeping","rating":"largely_compliant","comment":"EXAMPLE comment","assessed_on":"2024-01-01"}"#,
            "/api/treaty-actions": #"{"state":"FRA","treaty":"VI-19","action":"accession","date":"1990-12-31","note":"EXAMPLE busy"}"#,
            "/api/rounds": #"{"name":"EXAMPLE-busy-2","due":"2027-01-31"}"#,
            "/api/rounds/{name}/close": "{}",
            "/api/rounds/{name}/publish": "{}",
            "/api/rounds/{name}/submissions": #"{"state":"FRA"}"#,
            "/api/rounds/{name}/acceptances": #"{"state":"FRA","obligation":"art8.record-keeping"}"#,
            "/api/rounds/{name}/returns": #"{"state":"FRA","obligation":"art8.record-keeping","comment":"EXAMPLE"}"#,
        ]
        let forms: [String: [(String, String)]] = [
            "/rounds/{round}/states/{iso3}/drafts": RoundPagesTests.measure(obligation, title: "EXAMPLE busy"),
            "/rounds/{round}/states/{iso3}/submit": [],
            "/rounds/{round}/review": [("decision", "accept"), ("state", "FRA"), ("obligation", obligation), ("comment", "")],
            "/rounds/{round}/console/publish": [],
            "/rounds/{round}/console/close": [],
        ]
        // Signing in and out keeps the session in the server's memory; the ledger is only read.
        // A witness's cosignature is kept in the server's memory too (LogCheckpointServerTests).
        let sessionOnly: Set<String> = ["/sign-in", "/sign-out", "/api/log/cosignatures"]
        let router = LedgerServer.buildRouter(ledger: ledger)
        let writes = router.routes.filter { $0.method != .get && $0.method != .head }.map(\.path.description).filter { !sessionOnly.contains($0) }
        #expect(writes.count >= json.count + 3, "\(writes)")
        for route in writes { #expect(json[route] != nil || forms[route] != nil, "no body for write route \(route): add one here") }
        @Sendable func uri(_ route: String) -> String {
            route.replacingOccurrences(of: "{seq}", with: "\(measure)").replacingOccurrences(of: "{name}", with: round)
                .replacingOccurrences(of: "{round}", with: round).replacingOccurrences(of: "{iso3}", with: "FRA")
        }
        let before = try ledger.headSeq()

        let importer = try WriteLock(path: path)
        try await Application(router: router).test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(admin)
            _ = try await browser.get("/rounds")
            importer.hold()
            for route in writes {
                let status: HTTPResponse.Status, retryAfter: String?, body: String
                if let sent = json[route] {
                    let response = try await client.execute(uri: uri(route), method: .post, headers: ServerTests.headers(admin), body: ServerTests.body(sent))
                    (status, retryAfter, body) = (response.status, response.headers[.retryAfter], String(buffer: response.body))
                } else {
                    let page = try await browser.post(uri(route), forms[route] ?? [])
                    (status, retryAfter, body) = (page.status, page.headers[.retryAfter], page.body)
                }
                #expect(status == .serviceUnavailable, "POST \(route): \(body)")
                #expect(retryAfter == "1", "POST \(route)")
                #expect(body.contains("busy") && body.contains("nothing was written"), "POST \(route): \(body)")
            }
            importer.release()
        }
        #expect(try ledger.headSeq() == before, "nothing was written")
    }
}
