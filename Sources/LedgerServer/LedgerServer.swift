import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import LedgerModel
import LedgerReports
import LedgerStore
import Logging
import TransparencyLog

/// The cpsledger HTTP server: the JSON API under `/api/` and the HTML dashboard, over one ledger file.
///
/// Reading is open to everyone; writing needs a bearer token (`cpsledger token create`) whose role
/// and State allow it, and records the token's name and id (`name#id`) as the event's actor. With a
/// ``CheckpointPolicy`` it signs a checkpoint of the head after writes.
public enum LedgerServer {
    /// The largest request body accepted, in bytes (413 beyond).
    public static let maxBodySize = 64 * 1024

    /// How long a browser session of the round pages lasts after sign-in: 8 hours (a working day).
    /// Sessions live in the server process's memory: a restart signs everyone out, and two server
    /// processes do not share them.
    public static let sessionLifetime: Duration = .seconds(8 * 3600)

    /// The router of the API, the dashboard and the round pages; `sessionLifetime` is how long a
    /// browser session lasts after sign-in, `trustedProxies` whose `X-Forwarded-Proto` is believed,
    /// `witnesses` the keys it accepts checkpoint cosignatures from.
    public static func buildRouter(
        ledger: Ledger, checkpoints: CheckpointPolicy? = nil, sessionLifetime: Duration = sessionLifetime,
        trustedProxies: TrustedProxies = .loopback, witnesses: [NoteVerifier] = []
    ) -> Router<LedgerRequestContext> {
        buildRouter(ledger: ledger, cache: ResponseCache(), checkpoints: checkpoints, sessionLifetime: sessionLifetime, trustedProxies: trustedProxies,
            witnesses: witnesses)
    }

    static func buildRouter(
        ledger: Ledger, cache: ResponseCache, verifyInterval: Double = 600, checkpoints: CheckpointPolicy? = nil,
        sessionLifetime: Duration = sessionLifetime, sessions: MemoryPersistDriver<ContinuousClock> = MemoryPersistDriver(configuration: .init()),
        trustedProxies: TrustedProxies = .loopback, witnesses: [NoteVerifier] = []
    ) -> Router<LedgerRequestContext> {
        // A server answers many reports between writes: the cells of each date asked for are kept
        // and, after a write, only those the new events touched are read again.
        ledger.keepCellsBetweenReads()
        // HEAD is answered wherever GET is, like GET without the body.
        let router = Router(context: LedgerRequestContext.self, options: .autoGenerateHeadEndpoints)
        let routes = RouteTable()
        // Every error, the router's own 404 included, passes the browser's middleware: a person gets
        // an HTML page (the dashboard, the round pages, an unknown path), a program the JSON error.
        let metrics = ServerMetrics(head: try? ledger.headSeq())
        router.addMiddleware {
            RequestLogMiddleware(metrics: metrics)
            SecurityHeadersMiddleware()
            BrowserErrorMiddleware(ledger: ledger, routes: routes)
            ErrorMiddleware()
            CrossSiteFormMiddleware()
            MethodNotAllowedMiddleware(routes: routes)
            QueryPolicyMiddleware()
        }
        if let checkpoints { router.addMiddleware { CheckpointMiddleware(ledger: ledger, policy: checkpoints) } }
        let heavy = HeavyWork()
        let verifier = VerifyRunner(ledger: ledger, interval: verifyInterval)
        APIController(ledger: ledger, cache: cache, heavy: heavy, verifier: verifier, cosignatures: CosignatureStore(witnesses: witnesses))
            .addRoutes(to: router.group("api"))
        DashboardController(ledger: ledger, cache: cache, heavy: heavy).addRoutes(to: router)
        SearchController(ledger: ledger, cache: cache, heavy: heavy).addRoutes(to: router)
        // The Prometheus scrape: counts and ages only, nothing a reader of /api/health could not learn.
        router.get("metrics") { _, _ in
            let text = await metrics.scrape(ledger: ledger, cache: cache, heavy: heavy, verifier: verifier)
            return APIController.response(text, "text/plain; version=0.0.4; charset=utf-8")
        }
        addBrowserRoutes(to: router, ledger: ledger, heavy: heavy, sessions: sessions, lifetime: sessionLifetime, routes: routes, proxies: trustedProxies)
        routes.fill(from: router)
        return router
    }

    /// How long a write of the server waits for the write lock of another process (a CLI import)
    /// before it answers 503 with `Retry-After`, in seconds: open the ledger with it.
    public static let busyTimeout: Double = 5

    /// The application serving the ledger on `host:port`. On a graceful stop (SIGTERM, SIGINT, with
    /// `runService()`) it answers the requests in flight, signs a last checkpoint when `checkpoints`
    /// is set and events were written since the last, and checkpoints the WAL into the ledger file.
    public static func buildApplication(
        ledger: Ledger, host: String, port: Int, logger: Logger? = nil, checkpoints: CheckpointPolicy? = nil,
        sessionLifetime: Duration = sessionLifetime, trustedProxies: TrustedProxies = .loopback, witnesses: [NoteVerifier] = []
    ) -> some ApplicationProtocol {
        var log = logger ?? Logger(label: "cpsledger")
        if logger == nil { log.logLevel = .info }
        // The browser sessions' store runs as a service of the application: it drops expired sessions every 10 minutes.
        let sessions = MemoryPersistDriver(configuration: .init())
        return Application(
            router: buildRouter(
                ledger: ledger, cache: ResponseCache(), checkpoints: checkpoints, sessionLifetime: sessionLifetime, sessions: sessions,
                trustedProxies: trustedProxies, witnesses: witnesses),
            configuration: .init(address: .hostname(host, port: port), serverName: "cpsledger"),
            // The application stops its services in the reverse order, the HTTP server first: the
            // closer, first here, runs once every request in flight has been answered.
            services: [LedgerCloser(ledger: ledger, checkpoints: checkpoints, logger: log), sessions, CellTimelineLoader(ledger: ledger, logger: log)],
            logger: log)
    }
}

/// Turns any error that is not already an HTTP answer into one: a client's mistake never becomes a 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as LedgerError {
            throw APIError.from(error)
        } catch let error as ValidationFailure {
            throw APIError.invalid(error)
        } catch let error as ReportRequest.Problem {
            throw APIError.badRequest(error.description, field: error.field)
        } catch let error as APIError {
            throw error
        } catch let error as any HTTPResponseError {
            // Hummingbird's and NIO's own answers (no such route, a body over the limit) get the JSON shape of ours.
            var answer = APIError(status: error.status, message: Self.message(status: error.status, body: (error as? HTTPError)?.body, request: request))
            if error.status == .notFound {
                answer.pageMessage = "There is no page at \(request.uri.path)."
                let path = request.uri.path
                answer = answer.worded { $0.text("page.error.no_page", ["path": path]) }
            }
            throw answer
        } catch {
            // Not the client's doing: log the detail with a reference, and tell the client only that
            // it failed (internal error text can name files, SQL or paths).
            let reference = String(UInt32.random(in: 0...UInt32.max), radix: 16)
            context.logger.error("\(request.method) \(request.uri) failed (reference \(reference)): \(error)")
            throw APIError(
                status: .internalServerError,
                message: "The server failed on this request; the detail is in its log under reference \(reference).")
        }
    }
}

extension ErrorMiddleware {
    static func message(status: HTTPResponse.Status, body: String?, request: Request) -> String {
        switch status {
        case .notFound:
            return "No \(request.method) \(request.uri.path) here: the API is under /api/ (GET /api/health, /api/states, /api/reports/summary, ...) and the dashboard at /."
        case .contentTooLarge:
            return "The body is over \(LedgerServer.maxBodySize / 1024) KiB; send one JSON object with the fields of the record. Nothing was written."
        default:
            return body.flatMap { $0.isEmpty ? nil : $0 } ?? (status.reasonPhrase + ".")
        }
    }
}

/// Adds the headers every answer carries, errors included: a Content-Security-Policy that allows no
/// script and nothing from elsewhere (the pages need neither), `X-Content-Type-Options: nosniff`
/// and a Referrer-Policy that sends no referrer.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext

    static let headers: HTTPFields = [
        .contentSecurityPolicy:
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        .xContentTypeOptions: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        for field in Self.headers { response.headers[field.name] = field.value }
        // The router strips the body of a HEAD it routed to GET; an error's body goes here (its
        // headers, Content-Length included, stay: they are what GET would send).
        return request.method == .head ? response.createHeadResponse() : response
    }
}
