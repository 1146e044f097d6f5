import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `cpsledger serve` as a real process on loopback, with the command line writing to the same file.
@Suite struct ServeCommandTests {
    func request(_ url: URL, method: String = "GET", token: String? = nil, body: String? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token { request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func theCommandLineAndTheServerWritingAtOnceLoseNothing() async throws {
        let cli = try CommandLineTool(statusData: false)
        let token = try cli.run("token", "create", "--role", "admin", "--name", "Load test (EXAMPLE)").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("cpl_"))
        let csv = cli.directory.appendingPathComponent("bulk.csv").path
        #expect(try cli.run("generate", "measures", "--events", "3000", "--seed", "9", "--output", csv).status == 0)

        let (server, base, _) = try #require(try await cli.serve([]), "the server did not start")
        defer {
            server.terminate()
            server.waitUntilExit()
        }

        async let imported = Task.detached { try cli.run("import", "measures", csv) }.value
        var created = 0
        try await withThrowingTaskGroup(of: Int.self) { group in
            for stream in 0..<4 {
                group.addTask {
                    var ok = 0
                    for index in 0..<50 {
                        let body = #"{"state":"FRA","obligation":"art8.record-keeping","status":"partial","effective_date":"2001-01-01","title":"EXAMPLE \#(stream)-\#(index)","kind":"legislation"}"#
                        // While the import holds the write lock longer than the server's busy timeout, a
                        // write answers 503 (Retry-After) and writes nothing; a client tries again.
                        var status = 503
                        while status == 503 {
                            (status, _) = try await request(base.appendingPathComponent("api/measures"), method: "POST", token: token, body: body)
                            if status == 503 { try await Task.sleep(for: .milliseconds(500)) }
                        }
                        if status == 201 { ok += 1 }
                    }
                    return ok
                }
            }
            for try await ok in group { created += ok }
        }
        let importResult = try await imported
        #expect(importResult.status == 0, "\(importResult.stderr)")
        #expect(importResult.stdout.contains("Recorded 3000 new measures"))
        #expect(created == 200)

        let (status, body) = try await request(base.appendingPathComponent("api/health"))
        #expect(status == 200)
        // 1 creation event, the token's token.created, 3000 measures and their import.completed, 200 measures from the server.
        #expect(body.contains(#""events":3203"#), "\(body)")
        let measures = try cli.json("measure", "list", "--format", "json") as! [Any]
        #expect(measures.count == 3200)
        let verify = try cli.run("verify")
        #expect(verify.status == 0, "\(verify.stderr)")
        let actors = Set((try cli.json("measure", "list", "--state", "FRA", "--format", "json") as! [[String: Any]]).compactMap { $0["actor"] as? String })
        #expect(actors.contains("Load test (EXAMPLE)#1"))
    }
}
