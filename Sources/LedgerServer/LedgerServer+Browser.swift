import Hummingbird
import HummingbirdAuth
import LedgerStore

extension LedgerServer {
    /// The pages where focal points and reviewers answer a round in a browser: sign-in, sign-out and
    /// the round pages, behind the session middleware (an HttpOnly, SameSite=Strict cookie, Secure
    /// when a trusted proxy says the request came over TLS; the sessions themselves in memory).
    static func addBrowserRoutes(
        to router: Router<LedgerRequestContext>, ledger: Ledger, heavy: HeavyWork, sessions: MemoryPersistDriver<ContinuousClock>, lifetime: Duration,
        routes: RouteTable, proxies: TrustedProxies
    ) {
        let storage = SessionStorage<BrowserSession>(
            sessions,
            configuration: .init(sessionCookieParameters: .init(name: "cpsledger_session", path: "/", secure: false, sameSite: .strict), keyPrefix: "session."))
        let group = router.group()
            .add(middleware: SecureCookieMiddleware(proxies: proxies))
            .add(middleware: SessionMiddleware(sessionStorage: storage, defaultSessionExpiration: lifetime))
            .add(middleware: BrowserErrorMiddleware(ledger: ledger, routes: routes))
        SignInController(ledger: ledger, storage: storage, lifetime: lifetime).addRoutes(to: group)
        RoundPagesController(ledger: ledger, auth: BrowserAuth(ledger: ledger), heavy: heavy).addRoutes(to: group)
        RoundConsoleController(ledger: ledger, auth: BrowserAuth(ledger: ledger), heavy: heavy).addRoutes(to: group)
    }
}
