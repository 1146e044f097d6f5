import Foundation
import Hummingbird
import LedgerModel
import LedgerReports
import LedgerStore
import Logging

/// The cpsledger HTTP server: the JSON API under `/api/` and the HTML dashboard, over one ledger file.
///
/// Reading is open to everyone; writing needs a bearer token (`cpsledger token create`) whose role
/// and State allow it, and records the token's name and id (`name#id`) as the event's actor. With a
/// ``CheckpointPolicy`` it signs a checkpoint of the head after writes.
public enum LedgerServer {
    /// The largest request body accepted, in bytes (413 beyond).
    public static let maxBodySize = 64 * 1024

    /// The router of the API and the dashboard.
    public static func buildRouter(ledger: Ledger, checkpoints: CheckpointPolicy? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        router.addMiddleware { ErrorMiddleware() }
        if let checkpoints { router.addMiddleware { CheckpointMiddleware(ledger: ledger, policy: checkpoints) } }
        let cache = ResponseCache()
        APIController(ledger: ledger, cache: cache).addRoutes(to: router.group("api"))
        DashboardController(ledger: ledger, cache: cache).addRoutes(to: router)
        return router
    }

    /// The application serving the ledger on `host:port`.
    public static func buildApplication(
        ledger: Ledger, host: String, port: Int, logger: Logger? = nil, checkpoints: CheckpointPolicy? = nil
    ) -> some ApplicationProtocol {
        var log = logger ?? Logger(label: "cpsledger")
        if logger == nil { log.logLevel = .info }
        return Application(
            router: buildRouter(ledger: ledger, checkpoints: checkpoints),
            configuration: .init(address: .hostname(host, port: port), serverName: "cpsledger"),
            logger: log)
    }
}

/// Turns any error that is not already an HTTP answer into one: a client's mistake never becomes a 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as LedgerError {
            throw APIError.from(error)
        } catch let error as ValidationFailure {
            throw APIError.invalid(error)
        } catch let error as ReportRequest.Problem {
            throw APIError.badRequest(error.description, field: error.field)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            // Not the client's doing: log it, and say so in the same JSON shape.
            context.logger.error("\(request.method) \(request.uri): \(error)")
            throw APIError(status: .internalServerError, message: "The server failed on this request: \(error)")
        }
    }
}
