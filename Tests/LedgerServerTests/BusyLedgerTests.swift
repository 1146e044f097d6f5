import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerServer
import LedgerStore
import NIOCore
import Testing

/// A write while another process holds the ledger's write lock (a CLI import) answers 503 with
/// Retry-After once the busy timeout has passed, and writes nothing.
@Suite struct BusyLedgerTests {
    @Test func aWriteWhileAnotherConnectionHoldsTheWriteLockAnswers503WithRetryAfter() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cpsledger-busy-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("busy.sqlite").path
        let ledger = try Ledger.open(path: path, actor: "test", withStatusData: false, busyTimeout: 0.3)
        let token = try ledger.createToken(name: "Editor (test)", role: .editor, state: nil).token
        let before = try ledger.headSeq()

        // The "import": a second connection to the same file holding a write transaction, on a thread
        // of its own until the test lets it go.
        let importer = try DatabaseQueue(path: path)
        let locked = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        Thread {
            try? importer.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
            done.signal()
        }.start()
        locked.wait()
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
            release.signal()
            done.wait()
            try await client.execute(
                uri: "/api/measures", method: .post, headers: ServerTests.headers(token), body: ServerTests.body(ServerTests.measure("FRA", note: "busy"))
            ) { #expect($0.status == .created, "the same write succeeds once the lock is free") }
        }
        #expect(try ledger.headSeq() == before + 1)
    }
}
