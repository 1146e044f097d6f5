public import Hummingbird
public import HummingbirdAuth
public import LedgerStore
public import NIOCore

/// The request context of every route: Hummingbird's core context, the token the request was
/// authenticated with, and the browser session of the round pages. ``TokenAuthenticator`` sets the
/// token on the write routes (and on `GET /api/verify` when a token is sent); the handlers read it
/// instead of checking the header. The session is empty on the API and the dashboard, which never read it.
public struct LedgerRequestContext: RequestContext, SessionRequestContext {
    /// Hummingbird's storage of the request's core state (logger, parameters, limits).
    public var coreContext: CoreRequestContextStorage
    /// The token the request was authenticated with; nil where no authentication ran.
    public var token: TokenRecord?
    // MARK: Browser session (the round pages)
    /// The browser session of the request, loaded by the session middleware of the round pages.
    public let sessions: SessionContext<BrowserSession>
    /// The address the request came from (the proxy's, behind one); nil in tests without a network.
    public let remoteAddress: SocketAddress?
    /// Who the request was authenticated as, for its log line.
    let actor = RequestActor()

    /// A context for a request that has just arrived.
    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        token = nil
        sessions = .init()
    }

    /// The authenticated token, or 401: a handler behind ``TokenAuthenticator`` always has one.
    var authenticated: TokenRecord {
        get throws {
            guard let token else { throw TokenAuthenticator.missing(sent: false) }
            return token
        }
    }
}
