import HTTPTypes
import Hummingbird
import HummingbirdAuth
import LedgerModel
import LedgerReports
import LedgerStore

/// Sign-in with a token (once, through a form), and sign-out. A visitor has no session until the
/// sign-in succeeds; then the session gets a new id (a session id seen before is worth nothing after).
struct SignInController: Sendable {
    let ledger: Ledger
    let storage: SessionStorage<BrowserSession>
    let lifetime: Duration
    /// How long a visitor's sign-in form stays good (its CSRF cookie): long enough to type a token.
    static let visitorLifetime: Duration = .seconds(30 * 60)

    func addRoutes(to group: RouterGroup<LedgerRequestContext>) {
        group.get("sign-in") { request, context in try await signInPage(request, context) }
        group.post("sign-in") { request, context in try await signIn(request, context) }
        group.post("sign-out") { request, context in try await signOut(request, context) }
    }

    func signInPage(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        let language = try DashboardController.language(request)
        if let token = context.sessions.session?.token, try await ledger.nonblocking.authenticate(token: token) != nil {
            return BrowserPage.redirect(next ?? "/rounds")
        }
        if let session = context.sessions.session { return page(csrf: session.csrf, next: next, problem: nil, language.language).localized(language, request).response() }
        // A visitor gets no session (nothing kept in the server's memory, however many visitors ask):
        // the form's CSRF token goes in a short-lived cookie of the sign-in path, and the post must
        // carry the same value (a site elsewhere can neither read nor set a SameSite=Strict cookie).
        let csrf = BrowserSession.randomHex()
        var response = page(csrf: csrf, next: next, problem: nil, language.language).localized(language, request).response()
        response.headers.append(HTTPField(name: .setCookie, value: Self.signInCookie(csrf, maxAge: Self.visitorLifetime.components.seconds)))
        return response
    }

    /// The name of the cookie that holds a visitor's sign-in CSRF token.
    static let signInCookieName = "cpsledger_sign_in"

    /// The `Set-Cookie` value of the sign-in CSRF cookie (`maxAge` 0 removes it).
    static func signInCookie(_ value: String, maxAge: Int64) -> String {
        "\(signInCookieName)=\(value); Path=/sign-in; Max-Age=\(maxAge); HttpOnly; SameSite=Strict"
    }

    /// The sign-in form; `next` is the page to go to after sign-in (already checked by ``safeNext(_:)``).
    func page(csrf: String, next: String?, problem: String?, _ language: Language, status: HTTPResponse.Status = .ok) -> BrowserPage {
        let l = Localizer.shipped(language)
        let hours = Int(lifetime.components.seconds / 3600)
        var body = ""
        if let problem {
            body += "<div class=\"problem\" role=\"alert\"><p>\(escapeXML(l.text("page.sign_in.refused")))</p><ul><li><a href=\"#token\">\(escapeXML(problem))</a></li></ul></div>\n"
        }
        let bad = problem == nil ? "" : " class=\"field-bad\" aria-invalid=\"true\" aria-describedby=\"token-issue\" autofocus"
        body += """
            <p>\(escapeXML(l.plural("page.sign_in.intro", count: hours)))</p>
            <form class="fields" action="/sign-in" method="post">\(BrowserPage.csrfField(csrf))\(next.map { "<input type=\"hidden\" name=\"next\" value=\"\(escapeXML($0))\">" } ?? "")
            <label for="token">\(escapeXML(l.text("page.sign_in.token")))</label><input id="token" name="token" type="password" autocomplete="off" required maxlength="\(Self.maxTokenLength)"\(bad)>

            """
        if let problem { body += "<p class=\"issue\" id=\"token-issue\">\(escapeXML(problem))</p>\n" }
        body += "<button>\(escapeXML(l.text("nav.sign_in")))</button>\n</form>\n"
        return BrowserPage(title: l.text("nav.sign_in"), body: body, status: status, language: language)
    }

    /// The longest token the form takes: a token is 64 hex digits with its prefix; room to spare for
    /// one pasted with spaces around it.
    static let maxTokenLength = 200

    /// The sign-in page that leads back to `next` after sign-in.
    static func signInPath(returningTo next: String?) -> String {
        guard let next = safeNext(next), next != "/rounds" else { return "/sign-in" }
        return "/sign-in?next=" + QueryPolicy.escape(next)
    }

    /// `next` when it is a path of this server to go to after sign-in, else nil: it must begin with one
    /// "/" (never "//" or "/\", which a browser reads as another host, nor a scheme), hold only printable
    /// ASCII without a backslash (a browser drops tabs and line breaks and turns "\" into "/", which
    /// could make "//"), be at most 2,000 characters, and not lead back to sign-in.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.utf8.count <= 2000, next.hasPrefix("/"), !next.hasPrefix("//"),
            next.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }),
            !next.hasPrefix("/sign-in"), !next.hasPrefix("/sign-out")
        else { return nil }
        return next
    }

    func signIn(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let form = try await FormFields.read(request)
        let before = context.sessions.session
        let expected = before?.csrf ?? request.cookies[Self.signInCookieName]?.value
        try BrowserAuth.checkCSRF(form, expected: expected)
        let next = Self.safeNext(form["next"])
        let language = BrowserPage.language(request), l = Localizer.shipped(language.language)
        guard let token = form.trimmed("token"), let record = try await ledger.nonblocking.authenticate(token: token) else {
            let problem = (form.trimmed("token") == nil ? l.text("page.sign_in.no_token") : l.text("page.sign_in.bad_token"))
            let here = "/sign-in" + (next.map { "?next=" + QueryPolicy.escape($0) } ?? "")
            return page(csrf: expected ?? "", next: next, problem: problem, language.language, status: .unauthorized).localized(language, request, here: here).response()
        }
        context.actor.name = record.actor
        // A session from before is dropped from the store; the signed-in one gets a new id.
        if before != nil { _ = try? await storage.delete(request: request) }
        context.sessions.createSession(BrowserSession(token: token), expiresIn: lifetime)
        BrowserAuth.setNotice(l.text("page.sign_in.done", ["name": record.name]), context)
        var response = BrowserPage.redirect(next ?? "/rounds")
        if before == nil { response.headers.append(HTTPField(name: .setCookie, value: Self.signInCookie("", maxAge: 0))) }
        return response
    }

    func signOut(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let form = try await FormFields.read(request)
        // A post without a form's token is refused like any other, even with no session to end.
        guard form["csrf"] != nil else { try BrowserAuth.checkCSRF(form, expected: nil); return BrowserPage.redirect("/sign-in") }
        guard let session = context.sessions.session else { return BrowserPage.redirect("/sign-in") }
        try BrowserAuth.checkCSRF(form, expected: session.csrf)
        context.sessions.clearSession()
        return BrowserPage.redirect("/sign-in")
    }
}
