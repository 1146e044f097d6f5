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

/// After a POST that appended events (the head moved: a JSON write answered 2xx, or a round page's
/// form answered 303), signs a checkpoint of the head when the policy says one is due, so that
/// `GET /api/checkpoints/latest` and the feed always carry a recent one. A POST that wrote nothing
/// (a refusal, a sign-in) costs two reads of the head and no write transaction.
struct CheckpointMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let ledger: Ledger
    let policy: CheckpointPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        let before = try await ledger.nonblocking.headSeq()
        let response = try await next(request, context)
        do {
            guard try await ledger.nonblocking.headSeq() > before else { return response }
            try await ledger.nonblocking.checkpointIfDue(key: policy.key, every: policy.every, actor: "cpsledger serve")
        } catch {
            // The write itself succeeded; a failed checkpoint is logged, and the next write tries again.
            context.logger.error("checkpoint after \(request.method) \(request.uri) failed: \(error)")
        }
        return response
    }
}
