public import Hummingbird
public import HummingbirdAuth

/// The request context of every route: Hummingbird's core context, and the browser session of the
/// round pages (empty on the API and the dashboard, which never read it).
public struct LedgerRequestContext: RequestContext, SessionRequestContext {
    /// Hummingbird's storage of the request's core state (logger, parameters, limits).
    public var coreContext: CoreRequestContextStorage
    // MARK: Browser session (the round pages)
    /// The browser session of the request, loaded by the session middleware of the round pages.
    public let sessions: SessionContext<BrowserSession>

    /// A context for a request that has just arrived.
    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.sessions = .init()
    }
}
