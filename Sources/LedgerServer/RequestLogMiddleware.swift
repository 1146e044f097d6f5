import Foundation
import Hummingbird
import Logging

/// Writes one log line per request, as it ends: its method, route pattern (`/api/states/{state}`;
/// `unmatched` for a path no route has), status, duration in milliseconds and the name of the token
/// it was authenticated with (`name#id`; never the token), as the line's metadata; and counts it in
/// the server's metrics. The outermost middleware: the status is the one the client gets.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let duration = ContinuousClock.now - started
            // Hummingbird names a path no route has "NotFound" (or nothing): one label for all of them.
            let route = context.endpointPath.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "unmatched"
            metrics.request(route: route, method: request.method.rawValue, status: status, duration: duration)
            var metadata: Logger.Metadata = [
                "method": "\(request.method)", "route": "\(route)", "status": "\(status)",
                "duration_ms": "\(Self.milliseconds(duration))",
            ]
            if let actor = context.actor.name { metadata["token"] = "\(actor)" }
            context.logger.info("request", metadata: metadata)
        }
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            status = Int(error.status.code)
            throw error
        }
    }

    /// `duration` in milliseconds with one decimal (`0.4`, `12.0`), without Foundation's `String(format:)`.
    static func milliseconds(_ duration: Duration) -> String {
        let tenths = (duration.components.seconds * 10_000 + (duration.components.attoseconds + 50_000_000_000_000) / 100_000_000_000_000)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
