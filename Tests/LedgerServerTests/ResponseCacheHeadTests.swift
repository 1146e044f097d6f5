import Foundation
import HTTPTypes
import Hummingbird
@testable import LedgerServer
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import NIOCore
import Testing

/// A report is kept under the head it was read at: a write that lands between the cache's look at
/// the head and the report's read is in the report, and the report is the cache's answer for the
/// ledger with that write, never for the ledger before it.
@Suite struct ResponseCacheHeadTests {
    @Test func aReportIsKeptUnderTheHeadItWasReadAt() async throws {
        let temp = try TemporaryLedger(actor: "t")
        let ledger = temp.ledger
        let cache = ResponseCache()
        let heavy = HeavyWork()
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1", path: "/api/reports/summary"), body: .init(buffer: ByteBuffer()))
        let before = try ledger.headSeq()
        let raw = [
            "state": "FRA", "obligation": "art8.record-keeping", "status": "implemented", "effective_date": "2000-01-01",
            "title": "Example measure (test data)", "kind": "legislation",
        ]
        let fields = try MeasureFields.validate(raw, catalogue: ledger.catalogue, states: ledger.states)
        _ = try await cache.respond(to: request, ledger: ledger, heavy: heavy) {
            // Another writer's measure, after the cache read the head and before the report reads the ledger.
            _ = try ledger.recordMeasure(fields, actor: "another writer")
            let output = try ReportRequest(kind: .summary, asOf: ISODate("2026-01-01")!).render(ledger: ledger)
            return .init(body: output.body, contentType: output.contentType, head: output.head)
        }
        let key = try #require(cache.keys.first)
        #expect(cache.lookup(key, head: before) == nil, "the report shows the measure, so it is no answer for the ledger without it")
        let kept = try #require(cache.lookup(key, head: before + 1), "the report is the answer for the ledger with the measure")
        #expect(kept.body.contains("\"reported\" : 1"))
    }
}
