import Foundation
import LedgerStore

/// Runs `verify` for `GET /api/verify`, one run at a time: a request with a valid token gets a
/// fresh run (joining one already running); an anonymous request gets the last run while it is
/// younger than ``interval``, so anonymous clients start at most one run per interval.
actor VerifyRunner {
    /// One finished run.
    struct Run: Sendable {
        let report: VerificationReport
        let finished: Date
    }

    let ledger: Ledger
    /// How long an anonymous request is answered from the last run, in seconds.
    let interval: TimeInterval
    private var last: Run?
    private var running: Task<Run, any Error>?

    init(ledger: Ledger, interval: TimeInterval = 600) {
        self.ledger = ledger
        self.interval = interval
    }

    /// The last finished run, if any (for `GET /metrics`: a scrape starts none).
    var lastRun: Run? { last }

    /// A run: a new one when `fresh` or the last is older than ``interval``, else the last.
    func result(fresh: Bool) async throws -> Run {
        if !fresh, let last, Date().timeIntervalSince(last.finished) < interval { return last }
        if let running { return try await running.value }
        let task = Task { [ledger] in Run(report: try await ledger.nonblocking.verify(), finished: Date()) }
        running = task
        defer { running = nil }
        let run = try await task.value
        last = run
        return run
    }
}
