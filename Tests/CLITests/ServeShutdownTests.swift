import Foundation
import GRDB
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `cpsledger serve` stopped as systemd stops it (SIGTERM): the real binary on loopback.
@Suite struct ServeShutdownTests {
    @Test func sigtermSignsALastCheckpointEmptiesTheWALAndExitsZero() async throws {
        let cli = try CommandLineTool(statusData: false)
        let keyFile = cli.directory.appendingPathComponent("signing.key").path
        let publicKey = try cli.run("checkpoint", "key", "create", "--output", keyFile).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let token = try cli.run("token", "create", "--role", "admin", "--name", "Shutdown test (EXAMPLE)").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // Every 100 events: the one write below signs nothing while the server runs.
        let (server, base, errors) = try #require(
            try await cli.serve(["--signing-key", keyFile, "--checkpoint-every", "100"]), "the server did not start")
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
        let log = { String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self) }

        var request = URLRequest(url: base.appendingPathComponent("api/measures"))
        request.httpMethod = "POST"
        request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"state":"FRA","obligation":"art8.record-keeping","status":"partial","effective_date":"2001-01-01","title":"EXAMPLE law","kind":"legislation"}"#.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 201)
        #expect((try await URLSession.shared.data(from: base.appendingPathComponent("api/checkpoints/latest")).1 as? HTTPURLResponse)?.statusCode == 404, "none signed yet")

        server.terminate()  // SIGTERM
        server.waitUntilExit()
        #expect(server.terminationReason == .exit && server.terminationStatus == 0, "\(server.terminationReason) \(server.terminationStatus): \(log())")
        // The WAL was copied into the file and emptied (or removed with the last connection).
        let wal = cli.db + "-wal"
        let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(walSize == 0, "the -wal file holds \(walSize) bytes")
        #expect(log().contains("Signed a last checkpoint on stopping"), "\(log())")

        // The last event is the checkpoint of the write before it, signed with the server's key.
        let queue = try DatabaseQueue(path: cli.db)
        let last = try queue.read { db in try Row.fetchOne(db, sql: "SELECT seq, kind, payload FROM events ORDER BY seq DESC LIMIT 1") }
        let row = try #require(last)
        #expect(row["kind"] as String == "checkpoint.recorded")
        let payload = try JSONSerialization.jsonObject(with: Data((row["payload"] as String).utf8)) as! [String: Any]
        #expect(payload["seq"] as? Int == (row["seq"] as Int) - 1)
        #expect(payload["public_key"] as? String == publicKey, "\(payload)")
        #expect(try cli.run("verify").status == 0)
    }
}
