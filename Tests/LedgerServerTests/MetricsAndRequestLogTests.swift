import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerServer
import LedgerStore
import Logging
import Synchronization
import Testing

/// `GET /metrics` (Prometheus text) and the one log line per request, on a live server over a real ledger file.
@Suite struct MetricsAndRequestLogTests {
    /// Keeps every log line's message and metadata, as text.
    struct CollectingLogHandler: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        final class Lines: Sendable {
            let kept = Mutex<[(message: String, metadata: [String: String])]>([])
            var all: [(message: String, metadata: [String: String])] { kept.withLock { $0 } }
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }.mapValues { "\($0)" }
            lines.kept.withLock { $0.append((event.message.description, merged)) }
        }
    }

    @Test func eachRequestIsOneLogLineWithItsRouteStatusDurationAndTokenNameAndMetricsCountIt() async throws {
        let fixture = try ServerTests.Fixture()
        let lines = CollectingLogHandler.Lines()
        let logger = Logger(label: "cpsledger-test") { _ in CollectingLogHandler(lines: lines) }
        let app = LedgerServer.buildApplication(ledger: fixture.ledger, host: "127.0.0.1", port: 0, logger: logger)
        let secret = fixture.tokens["admin"]!
        try await app.test(.live) { client in
            let before = try await client.execute(uri: "/metrics", method: .get)
            #expect(before.status == .ok)
            #expect(before.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(!String(buffer: before.body).contains("cpsledger_last_verify_sound"), "no verify has run")

            let written = try await client.execute(
                uri: "/api/measures", method: .post, headers: ServerTests.headers(secret), body: ServerTests.body(ServerTests.measure("FRA", note: "metrics")))
            #expect(written.status == .created)
            #expect(try await client.execute(uri: "/api/states/FRA", method: .get).status == .ok)
            for _ in 0..<2 { #expect(try await client.execute(uri: "/api/reports/summary?as_of=2020-12-31", method: .get).status == .ok) }
            #expect(try await client.execute(uri: "/no/such/page", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/verify", method: .get).status == .ok)

            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            for line in [
                #"cpsledger_http_requests_total{route="/api/measures",method="POST",status="201"} 1"#,
                #"cpsledger_http_requests_total{route="/api/states/{iso3}",method="GET",status="200"} 1"#,
                #"cpsledger_http_requests_total{route="/api/reports/{kind}",method="GET",status="200"} 2"#,
                #"cpsledger_http_requests_total{route="unmatched",method="GET",status="404"} 1"#,
                #"cpsledger_http_request_duration_seconds_count{route="/api/measures"} 1"#,
                // The state card and the first summary rendered; the second summary from the cache.
                "cpsledger_response_cache_hits_total 1", "cpsledger_response_cache_misses_total 2",
                "cpsledger_events_appended_total 1", "cpsledger_last_verify_sound 1.0", "cpsledger_heavy_work_waiting 0.0",
            ] {
                #expect(metrics.contains(line + "\n"), "\(line) in:\n\(metrics)")
            }
            #expect(metrics.contains(#"cpsledger_http_request_duration_seconds_bucket{route="/api/measures",le="+Inf"} 1"#))
            #expect(metrics.contains("# HELP cpsledger_http_requests_total HTTP requests answered"))
            #expect(!metrics.contains("cpsledger_last_checkpoint_age"), "no checkpoint signed")
        }
        let requests = lines.all.filter { $0.message == "request" }
        let write = try #require(requests.first { $0.metadata["method"] == "POST" }, "\(requests)")
        #expect(write.metadata["route"] == "/api/measures" && write.metadata["status"] == "201" && write.metadata["token"] == "Admin (test)#1", "\(write)")
        #expect(Double(write.metadata["duration_ms"] ?? "") != nil, "\(write)")
        #expect(requests.count == 8, "one line per request: \(requests.map { $0.metadata["route"] ?? "" })")
        #expect(requests.first { $0.metadata["status"] == "404" }?.metadata["route"] == "unmatched")
        #expect(requests.filter { $0.metadata["token"] != nil }.count == 1, "a read sent no token")
        #expect(!lines.all.contains { "\($0)".contains(secret) }, "the token itself is never logged")
    }

    @Test func aSignedCheckpointsAgeIsReported() async throws {
        let fixture = try ServerTests.Fixture()
        let signed = Date()
        try fixture.ledger.recordCheckpoint(key: CheckpointKey(), actor: "test")
        try await Application(router: LedgerServer.buildRouter(ledger: fixture.ledger)).test(.router) { client in
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            let line = try #require(metrics.split(separator: "\n").first { $0.hasPrefix("cpsledger_last_checkpoint_age_seconds ") }, "\(metrics)")
            let age = try #require(Double(line.split(separator: " ")[1]))
            // No more than the time since it was signed (a loaded machine may take long between the two).
            #expect(age >= 0 && age <= Date().timeIntervalSince(signed) + 1, "\(age)")
        }
    }
}
