import Foundation
import NIOPosix
import Synchronization

/// Expensive synchronous work (report renders, `known_at` replays, dashboard pages) run on a few
/// threads of its own, never on Swift's cooperative threads: at most ``limit`` at once, the rest
/// waiting in line, so `/api/health` and cached reads keep answering while they run. When more
/// than ``maxWaiting`` wait already, a new request is turned away with 503 and `Retry-After`.
final class HeavyWork: Sendable {
    /// How many run at once: one per core.
    static let limit = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// The threads, shared by every router of the process (started once, never stopped).
    static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: limit)
        pool.start()
        return pool
    }()

    let maxWaiting: Int
    private let admitted = Atomic<Int>(0)

    init(maxWaiting: Int = 64) { self.maxWaiting = maxWaiting }

    /// How many are running or waiting now.
    var inFlight: Int { admitted.load(ordering: .relaxed) }

    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let (_, now) = admitted.add(1, ordering: .relaxed)
        defer { admitted.subtract(1, ordering: .relaxed) }
        guard now <= Self.limit + maxWaiting else {
            throw APIError.unavailable("The server is busy with \(now - 1) report renders; try again shortly.", retryAfter: 1)
        }
        return try await Self.threads.runIfActive(body)
    }
}
