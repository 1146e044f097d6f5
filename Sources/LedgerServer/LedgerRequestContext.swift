import Hummingbird
import LedgerStore

/// The request context of the cpsledger server: Hummingbird's core context, plus the token the
/// request was authenticated with. ``TokenAuthenticator`` sets the token on the write routes (and on
/// `GET /api/verify` when a token is sent); the handlers read it instead of checking the header.
public struct LedgerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The token the request was authenticated with; nil where no authentication ran.
    public var token: TokenRecord?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        token = nil
    }

    /// The authenticated token, or 401: a handler behind ``TokenAuthenticator`` always has one.
    var authenticated: TokenRecord {
        get throws {
            guard let token else { throw TokenAuthenticator.missing(sent: false) }
            return token
        }
    }
}
