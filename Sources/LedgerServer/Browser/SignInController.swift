import Hummingbird
import HummingbirdAuth
import LedgerReports
import LedgerStore

/// Sign-in with a token (once, through a form), and sign-out. A successful sign-in replaces the
/// visitor's session with a new one (a new id: a session id seen before sign-in is worth nothing after).
struct SignInController: Sendable {
    let ledger: Ledger
    let storage: SessionStorage<BrowserSession>
    let lifetime: Duration
    /// How long the session of a visitor who has not signed in lasts: long enough to type a token.
    static let visitorLifetime: Duration = .seconds(30 * 60)

    func addRoutes(to group: RouterGroup<LedgerRequestContext>) {
        group.get("sign-in") { _, context in try await signInPage(context) }
        group.post("sign-in") { request, context in try await signIn(request, context) }
        group.post("sign-out") { request, context in try await signOut(request, context) }
    }

    func signInPage(_ context: LedgerRequestContext) async throws -> Response {
        if let token = context.sessions.session?.token, try await ledger.nonblocking.authenticate(token: token) != nil {
            return BrowserPage.redirect("/rounds")
        }
        // The form's CSRF token needs a session: a visitor gets a short one before signing in.
        let session = context.sessions.session ?? BrowserSession()
        if context.sessions.session == nil { context.sessions.createSession(session, expiresIn: min(lifetime, Self.visitorLifetime)) }
        return page(csrf: session.csrf, problem: nil).response()
    }

    func page(csrf: String, problem: String?, status: HTTPResponse.Status = .ok) -> BrowserPage {
        let hours = lifetime.components.seconds / 3600
        var body = """
            <p>Focal points and reviewers answer a reporting round here. Sign in with the token your secretariat gave you \
            (made with <code>cpsledger token create</code>); the session lasts \(hours) hours, or until you sign out.</p>
            <form class="fields" action="/sign-in" method="post">\(BrowserPage.csrfField(csrf))
            <label for="token">Token</label><input id="token" name="token" type="password" autocomplete="off" required\(problem == nil ? "" : " class=\"field-bad\" aria-invalid=\"true\"")>

            """
        if let problem { body += "<p class=\"issue\" id=\"token-issue\">\(escapeXML(problem))</p>\n" }
        body += "<button>Sign in</button>\n</form>\n"
        return BrowserPage(title: "Sign in", body: body, status: status)
    }

    func signIn(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let form = try await FormFields.read(request)
        let before = context.sessions.session
        try BrowserAuth.checkCSRF(form, before)
        guard let token = form.trimmed("token"), let record = try await ledger.nonblocking.authenticate(token: token) else {
            return page(csrf: before?.csrf ?? "", problem: "This token is not valid or has been revoked.", status: .unauthorized).response()
        }
        // The visitor's session is dropped from the store; the signed-in one gets a new id.
        _ = try? await storage.delete(request: request)
        context.sessions.createSession(BrowserSession(token: token), expiresIn: lifetime)
        BrowserAuth.setNotice("Signed in as \(record.name).", context)
        return BrowserPage.redirect("/rounds")
    }

    func signOut(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let form = try await FormFields.read(request)
        guard let session = context.sessions.session else { return BrowserPage.redirect("/sign-in") }
        try BrowserAuth.checkCSRF(form, session)
        context.sessions.clearSession()
        return BrowserPage.redirect("/sign-in")
    }
}
