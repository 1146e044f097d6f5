import Hummingbird
import LedgerStore

/// Authenticates the bearer token of a request (`Authorization: Bearer TOKEN`) against the ledger's
/// tokens and puts its record in the context; 401 without a token or with one that is unknown or
/// revoked. On the write route group every request needs a token; with `optional`, a request that
/// sends no Authorization header passes unauthenticated (`GET /api/verify`: with a token it runs now).
///
/// hummingbird-auth's `AuthenticatorMiddleware` and `IsAuthenticatedMiddleware` (the package serves
/// the browser sessions here) fit this shape, but the 401s here name what to send and how to get a
/// token, which their answers do not.
struct TokenAuthenticator: RouterMiddleware {
    typealias Context = LedgerRequestContext

    let ledger: Ledger
    var optional = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let record = try await Self.token(of: request, ledger: ledger) else {
            if optional { return try await next(request, context) }
            throw Self.missing(sent: false)
        }
        var context = context
        context.token = record
        context.actor.name = record.actor
        return try await next(request, context)
    }

    /// The token record of a request's `Authorization: Bearer TOKEN` header; nil when it sends no
    /// Authorization header, 401 when the header is malformed or the token unknown or revoked.
    static func token(of request: Request, ledger: Ledger) async throws -> TokenRecord? {
        guard let header = request.headers[.authorization] else { return nil }
        guard header.hasPrefix("Bearer "), header.count > 7 else { throw Self.missing(sent: true) }
        guard let record = try await ledger.nonblocking.authenticate(token: String(header.dropFirst(7))) else {
            throw APIError(status: .unauthorized, message: "The token is not valid or has been revoked.")
        }
        return record
    }

    /// 401 for a request without a bearer token; `sent` when an Authorization header of another form came.
    static func missing(sent: Bool) -> APIError {
        // Also the answer of GET /api/verify with a malformed header: "writing" would mislead there.
        APIError(
            status: .unauthorized,
            message: "This needs a token: send 'Authorization: Bearer TOKEN' (an admin creates one with `cpsledger token create`)."
                + (sent ? " The Authorization header sent is not of that form." : ""))
    }
}
