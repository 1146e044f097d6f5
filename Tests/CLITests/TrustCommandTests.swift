import Foundation
import GRDB
import LedgerTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Signed checkpoints from the command line, `verify --checkpoint`, and `mirror` against a live server.
@Suite struct TrustCommandTests {
    func recordMeasure(_ cli: CommandLineTool, _ state: String) throws {
        let result = try cli.run(
            "measure", "record", "--state", state, "--obligation", "art8.record-keeping", "--status", "implemented",
            "--effective", "1990-07-12", "--kind", "legislation", "--title", "EXAMPLE law (test data)")
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aCheckpointFileFindsTheRemovedTailThatVerifyAloneCannot() throws {
        let cli = try CommandLineTool(statusData: false)
        let keyFile = cli.directory.appendingPathComponent("signing.key").path
        let created = try cli.run("checkpoint", "key", "create", "--output", keyFile)
        #expect(created.status == 0, "\(created.stderr)")
        let publicKey = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(publicKey.count == 64)
        #expect(try cli.run("checkpoint", "key", "create", "--output", keyFile).status == 74)  // never overwritten

        try recordMeasure(cli, "FRA")
        try recordMeasure(cli, "DEU")
        let checkpointFile = cli.directory.appendingPathComponent("checkpoint.json").path
        let signed = try cli.run("checkpoint", "--key", keyFile, "--output", checkpointFile)
        #expect(signed.status == 0, "\(signed.stderr)")
        let checkpoint = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: checkpointFile))) as! [String: Any]
        #expect(checkpoint["seq"] as? Int == 3 && checkpoint["public_key"] as? String == publicKey)
        let sound = try cli.run("verify", "--checkpoint", checkpointFile, "--checkpoint-key", publicKey)
        #expect(sound.status == 0, "\(sound.stderr)")
        #expect(sound.stdout.contains("still holds the expected head"))

        // Remove the last measure and the checkpoint event (the triggers put back), rebuild.
        try BehindTheLedger.edit(cli.db, "DELETE FROM events WHERE seq >= 3")
        #expect(try cli.run("rebuild").status == 0)
        #expect(try cli.run("verify").status == 0)  // consistent with itself
        let found = try cli.run("verify", "--checkpoint", checkpointFile, "--checkpoint-key", publicKey)
        #expect(found.status == 1)
        #expect(found.stderr.contains("first bad event 3"), "\(found.stderr)")
        #expect(found.stderr.contains("events 3 to 3 (at least) were removed"))
        let head = try cli.run("verify", "--expect-head", "2:" + String(repeating: "0", count: 64))
        #expect(head.status == 1 && head.stderr.contains("the history up to event 2 was rewritten"), "\(head.stderr)")
        let wrongKey = try cli.run("verify", "--checkpoint", checkpointFile, "--checkpoint-key", String(repeating: "1", count: 64))
        #expect(wrongKey.status == 1 && wrongKey.stderr.contains("not validly signed"))
    }

    @Test func exportStopsOnAnEvidenceFileTheLedgerNoLongerHolds() throws {
        let cli = try CommandLineTool(statusData: false)
        let law = try cli.file("law.txt", "EXAMPLE evidence text")
        let recorded = try cli.run(
            "measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "implemented",
            "--effective", "1990-07-12", "--kind", "legislation", "--title", "EXAMPLE law (test data)", "--evidence", law)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let queue = try DatabaseQueue(path: cli.db)
        try queue.write { db in try db.execute(sql: "DELETE FROM evidence") }
        let output = cli.directory.appendingPathComponent("measures.csv").path
        let export = try cli.run("export", "measures", "--output", output, "--evidence-dir", cli.directory.appendingPathComponent("evidence").path)
        #expect(export.status == 1)
        #expect(export.stderr.contains("Measure 2 names evidence file 'law.txt'"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        let verify = try cli.run("verify")
        #expect(verify.status == 1 && verify.stderr.contains("first bad event 2") && verify.stderr.contains("its row was deleted"), "\(verify.stderr)")
    }

    func get(_ url: URL) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func aMirrorVerifiesALiveServerFromItsFeedAndCheckpoints() async throws {
        let cli = try CommandLineTool(statusData: false)
        let keyFile = cli.directory.appendingPathComponent("signing.key").path
        let publicKey = try cli.run("checkpoint", "key", "create", "--output", keyFile).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let token = try cli.run("token", "create", "--role", "admin", "--name", "Mirror test (EXAMPLE)").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try recordMeasure(cli, "FRA")

        let (server, base, _) = try #require(
            try await cli.serve(["--signing-key", keyFile, "--checkpoint-every", "1"]), "the server did not start")
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        #expect(try await get(base.appendingPathComponent("api/checkpoints/latest")).0 == 404)

        var request = URLRequest(url: base.appendingPathComponent("api/measures"))
        request.httpMethod = "POST"
        request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"state":"DEU","obligation":"art8.record-keeping","status":"partial","effective_date":"2001-01-01","title":"EXAMPLE law","kind":"legislation"}"#.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 201)

        let (status, body) = try await get(base.appendingPathComponent("api/checkpoints/latest"))
        #expect(status == 200)
        let latest = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
        // Events: creation 1, token 2, measure 3, the server's measure 4, its checkpoint 5.
        #expect(latest["seq"] as? Int == 4 && latest["event"] as? Int == 5 && latest["public_key"] as? String == publicKey, "\(body)")

        let copy = cli.directory.appendingPathComponent("mirror.jsonl").path
        let mirrored = try cli.run("mirror", base.absoluteString, "--checkpoint-key", publicKey, "--output", copy)
        #expect(mirrored.status == 0, "\(mirrored.stderr)")
        #expect(mirrored.stdout.contains("5 events chained and hashed"), "\(mirrored.stdout)")
        #expect(mirrored.stdout.contains("the latest checkpoint (event 4"))
        #expect(try String(contentsOfFile: copy, encoding: .utf8).split(separator: "\n").count == 5)
        let events = try cli.json("history", "--state", "DEU", "--obligation", "art8.record-keeping", "--format", "json") as! [[String: Any]]
        #expect(events.first?["actor"] as? String == "Mirror test (EXAMPLE)#1")

        let lastLine = try #require(try String(contentsOfFile: copy, encoding: .utf8).split(separator: "\n").last)
        let last = try JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as! [String: Any]
        let again = try cli.run("mirror", base.absoluteString, "--expect-head", "\(last["seq"] as! Int):\(last["hash"] as! String)")
        #expect(again.status == 0, "\(again.stderr)")
        let rewritten = try cli.run("mirror", base.absoluteString, "--expect-head", "3:" + String(repeating: "0", count: 64))
        #expect(rewritten.status == 1 && rewritten.stderr.contains("first bad event 3"), "\(rewritten.stderr)")

        let stranger = try cli.run("mirror", base.absoluteString, "--checkpoint-key", String(repeating: "1", count: 64))
        #expect(stranger.status == 1 && stranger.stderr.contains("not validly signed"), "\(stranger.stderr)")
    }
}
