import Hummingbird
import LedgerStore

/// When the server signs checkpoints: with which key, and after how many new events.
public struct CheckpointPolicy: Sendable {
    public let key: CheckpointKey
    /// Sign once at least this many events were written since the last checkpoint (1: after every write).
    public let every: Int

    public init(key: CheckpointKey, every: Int) {
        self.key = key
        self.every = max(1, every)
    }
}

/// After a successful write (a POST answered 2xx), signs a checkpoint of the head when the policy
/// says one is due, so that `GET /api/checkpoints/latest` and the feed always carry a recent one.
struct CheckpointMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let ledger: Ledger
    let policy: CheckpointPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard request.method == .post, (200..<300).contains(response.status.code) else { return response }
        do {
            try await ledger.nonblocking.checkpointIfDue(key: policy.key, every: policy.every, actor: "cpsledger serve")
        } catch {
            // The write itself succeeded; a failed checkpoint is logged, and the next write tries again.
            context.logger.error("checkpoint after \(request.method) \(request.uri) failed: \(error)")
        }
        return response
    }
}
