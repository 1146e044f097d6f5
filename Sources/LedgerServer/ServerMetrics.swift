import Foundation
import LedgerStore
import Prometheus
import Synchronization

/// What `GET /metrics` reports, in the Prometheus text format (swift-prometheus's registry, one per
/// server, no global metrics backend): requests by route pattern, method and status, their latency
/// by route, the response cache's hits and misses, the heavy-work queue, the events appended, the
/// age of the last signed checkpoint and the last `verify` result. Request counts are recorded as
/// requests end; the rest is read when the metrics are scraped.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// The latency buckets: 1 ms to 10 s.
    static let buckets: [Duration] = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10_000].map { .microseconds(Int64($0 * 1000)) }

    /// The values counted between scrapes from totals kept elsewhere (the cache's hits, the head).
    private struct Seen {
        var hits = 0, misses = 0
        var head: Int64?
    }
    private let seen: Mutex<Seen>

    /// Metrics of a server whose ledger's head is `head` as it starts (the events appended count from it).
    init(head: Int64?) { seen = Mutex(Seen(head: head)) }

    static func descriptor(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "cpsledger", metricName: name, unitName: unit, helpText: help)
    }

    /// One request answered: `route` is its pattern (`/api/states/{state}`), not its path, so that
    /// the metrics' labels stay few.
    func request(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestKey(route: route, method: method, status: status)
        let (counter, histogram) = requestMetrics.withLock { $0[key] } ?? makeRequestMetrics(key)
        counter.increment()
        histogram.record(duration)
    }

    /// The counter and histogram of one route, method and status.
    private struct RequestKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    /// The registry's collectors of each route, method and status answered so far: the registry
    /// checks and hashes a metric's name, help text and labels on every look-up, which cost as much
    /// as the rest of a cached answer.
    private let requestMetrics = Mutex<[RequestKey: (Counter, DurationHistogram)]>([:])

    private func makeRequestMetrics(_ key: RequestKey) -> (Counter, DurationHistogram) {
        let counter = registry.makeCounter(
            descriptor: Self.descriptor("http_requests", "total", "HTTP requests answered, by route pattern, method and status."),
            labels: [("route", key.route), ("method", key.method), ("status", String(key.status))])
        let histogram = registry.makeDurationHistogram(
            descriptor: Self.descriptor("http_request_duration", "seconds", "Time to answer an HTTP request, by route pattern."),
            labels: [("route", key.route)], buckets: Self.buckets)
        requestMetrics.withLock { $0[key] = (counter, histogram) }
        return (counter, histogram)
    }

    /// The metrics as Prometheus text, after reading the values kept elsewhere.
    func scrape(ledger: Ledger, cache: ResponseCache, heavy: HeavyWork, verifier: VerifyRunner) async -> String {
        let head = try? await ledger.nonblocking.headSeq()
        let latest = try? await ledger.nonblocking.latestCheckpoint()
        let verified = await verifier.lastRun
        let (hits, misses) = (cache.hits.load(ordering: .relaxed), cache.misses.load(ordering: .relaxed))
        let counted = seen.withLock { seen in
            defer { seen.hits = hits; seen.misses = misses; if let head { seen.head = max(seen.head ?? head, head) } }
            return (hits: hits - seen.hits, misses: misses - seen.misses, events: head.map { $0 - (seen.head ?? $0) } ?? 0)
        }
        registry.makeCounter(descriptor: Self.descriptor("response_cache_hits", "total", "GET answers served from the response cache.")).increment(by: Int64(counted.hits))
        registry.makeCounter(descriptor: Self.descriptor("response_cache_misses", "total", "GET answers rendered because the cache had none for the ledger's head.")).increment(by: Int64(counted.misses))
        registry.makeCounter(
            descriptor: Self.descriptor("events_appended", "total", "Events appended to the ledger since the server started (by the server or the command line), counted at scrapes.")
        ).increment(by: Int64(max(0, counted.events)))
        if let head { registry.makeGauge(descriptor: Self.descriptor("ledger_events", "", "Events in the ledger (the head's sequence number).")).set(to: Double(head)) }
        registry.makeGauge(descriptor: Self.descriptor("heavy_work_in_flight", "", "Report renders running or waiting for a thread."))
            .set(to: Double(heavy.inFlight))
        registry.makeGauge(descriptor: Self.descriptor("heavy_work_waiting", "", "Report renders waiting for a thread (the queue's depth)."))
            .set(to: Double(max(0, heavy.inFlight - HeavyWork.limit)))
        if let latest, let signed = Timestamp.parse(latest.checkpoint.time) {
            registry.makeGauge(descriptor: Self.descriptor("last_checkpoint_age", "seconds", "Seconds since the time of the latest signed checkpoint."))
                .set(to: Date().timeIntervalSince(signed))
        }
        if let verified {
            registry.makeGauge(descriptor: Self.descriptor("last_verify_sound", "", "1 when the last verify run (GET /api/verify) found the ledger sound, 0 when not."))
                .set(to: verified.report.isSound ? 1 : 0)
            registry.makeGauge(descriptor: Self.descriptor("last_verify_age", "seconds", "Seconds since the last verify run finished."))
                .set(to: Date().timeIntervalSince(verified.finished))
        }
        return registry.emitToString()
    }
}
