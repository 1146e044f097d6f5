import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
@testable import LedgerStore
import LedgerTestSupport
import NIOCore
import Testing

/// The server's storage fails while it runs (a live server on a real ledger file): a disk that fills
/// (SQLite's `max_page_count` on the server's own write connection) and storage that turns read-only
/// (`query_only` on it; as non-root a test cannot remount a file system, and a chmod does not reach
/// a file the server holds open). Writes answer 503 with the sentence, reads keep answering,
/// `/api/health` says degraded, and the first write after the storage is mended succeeds without a restart.
@Suite struct StorageFaultServerTests {
    static func health(_ client: some TestClientProtocol) async throws -> [String: Any] {
        try await client.execute(uri: "/api/health", method: .get) { response in
            #expect(response.status == .ok)
            return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        }
    }

    static func write(_ client: some TestClientProtocol, _ token: String, note: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(
            uri: "/api/measures", method: .post, headers: ServerTests.headers(token), body: ServerTests.body(ServerTests.measure("FRA", note: note))
        ) { ($0.status, String(buffer: $0.body)) }
    }

    /// Runs `sql` on the server's own write connection.
    static func storage(_ ledger: Ledger, _ sql: String) throws {
        try ledger.pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    static func pageCount(_ ledger: Ledger) throws -> Int {
        try ledger.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") } ?? 0
    }

    @Test func aFullDiskAndReadOnlyStorageAnswer503KeepReadingSayDegradedAndRecoverWithoutARestart() async throws {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        let directory = temp.directory
        let token = try ledger.createToken(name: "Editor (test)", role: .editor, state: nil).token
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.live) { client in
            #expect(try await Self.health(client)["status"] as? String == "ok")
            let first = try await Self.write(client, token, note: "EXAMPLE before")
            #expect(first.0 == .created, "\(first.1)")
            let head = try ledger.headSeq()

            // The disk fills.
            try Self.storage(ledger, "PRAGMA max_page_count = \(try Self.pageCount(ledger))")
            // The free room left in the file's pages takes a write or two; the disk is full after that.
            var full = (HTTPResponse.Status.created, "")
            var written = 0
            while full.0 == .created, written < 20 {
                full = try await Self.write(client, token, note: "EXAMPLE \(written) " + String(repeating: "full ", count: 700))
                if full.0 == .created { written += 1 }
            }
            #expect(full.0 == .serviceUnavailable)
            #expect(full.1.contains("The server's disk is full; nothing was written. Reading still works"), "\(full.1)")
            #expect(full.1.contains(#""code":"disk_full""#))
            #expect(!full.1.contains(directory.path), "the answer names no path of the server")
            let degraded = try await Self.health(client)
            #expect(degraded["status"] as? String == "degraded")
            #expect(degraded["code"] as? String == "disk_full")
            #expect((degraded["problem"] as? String)?.contains("disk is full") == true)
            try await client.execute(uri: "/api/reports/summary", method: .get) { #expect($0.status == .ok, "reads go on") }
            // Room again: the next write succeeds and health is ok, with no restart.
            try Self.storage(ledger, "PRAGMA max_page_count = 1073741823")
            let after = try await Self.write(client, token, note: "EXAMPLE after the disk")
            #expect(after.0 == .created, "\(after.1)")
            #expect(try await Self.health(client)["status"] as? String == "ok")

            // The storage turns read-only.
            try Self.storage(ledger, "PRAGMA query_only = ON")
            let refused = try await Self.write(client, token, note: "EXAMPLE read-only")
            #expect(refused.0 == .serviceUnavailable)
            #expect(refused.1.contains("The server's storage has become read-only; nothing was written."), "\(refused.1)")
            #expect(try await Self.health(client)["code"] as? String == "read_only_storage")
            try await client.execute(uri: "/api/events?after=0&limit=5", method: .get) { #expect($0.status == .ok, "reads go on") }
            try Self.storage(ledger, "PRAGMA query_only = OFF")
            let mended = try await Self.write(client, token, note: "EXAMPLE writable again")
            #expect(mended.0 == .created, "\(mended.1)")
            #expect(try await Self.health(client)["status"] as? String == "ok")
            #expect(try ledger.headSeq() == head + Int64(written) + 2)
        }
        #expect(try ledger.verify().isSound)
    }
}
