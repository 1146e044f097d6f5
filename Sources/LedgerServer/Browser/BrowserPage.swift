import Foundation
import HTTPTypes
import Hummingbird
import LedgerModel
import LedgerReports
import LedgerStore

/// One HTML page of the round pages: the dashboard's look, a bar with who is signed in and a sign-out
/// form, no script (the server's Content-Security-Policy allows none), readable at phone width.
struct BrowserPage {
    var title: String
    var body: String
    /// The signed-in person and the session's CSRF token, for the sign-out form; nil on the sign-in page.
    var signedIn: (token: TokenRecord, csrf: String)?
    var notice: String?
    var status: HTTPResponse.Status = .ok
    /// The reader's language, and whether they chose it on this request (`?lang=`, then kept in the cookie).
    var language: Language = .en
    var chosen = false
    /// The address of the page, for the language switch (a page shown after a post switches on the page it came from).
    var here = "/"

    /// The words of the page's language.
    var l: Localizer { .shipped(language) }

    static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,"Noto Sans","Noto Sans Arabic","Noto Naskh Arabic","Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:0;color:#222;background:#fff}
        main{max-width:1100px;margin:0 auto;padding:1rem}
        h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .25rem}
        li{margin:.35rem 0}li>a{display:inline-block;min-height:24px;line-height:24px}
        nav.who{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;padding:.5rem 0;border-bottom:1px solid #ddd}
        nav.who form{margin:0;display:inline}
        ul.onward{padding-left:1.25rem}[dir=rtl] ul.onward{padding-left:0;padding-right:1.25rem}ul.onward li{margin:.35rem 0}
        .problem ul{margin:.25rem 0;padding-left:1.25rem}[dir=rtl] .problem ul{padding-left:0;padding-right:1.25rem}
        .notice{border:2px solid #009E73;background:#eefaf5;padding:.5rem .75rem}
        .problem{border:2px solid #D55E00;background:#fff4ec;padding:.5rem .75rem}
        .scroll{overflow-x:auto}.scroll:focus{outline:2px solid #0072B2;outline-offset:2px}
        table{border-collapse:collapse;font-size:.85rem;width:100%}
        th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:start;vertical-align:top}
        th{background:#f4f4f4}
        section.cell,section.answer{border:1px solid #ccc;border-radius:4px;padding:.5rem .75rem;margin:1rem 0}
        form.fields{display:grid;grid-template-columns:minmax(8rem,12rem) minmax(0,1fr);gap:.35rem .75rem;align-items:start;margin:.5rem 0}
        form.fields label{font-weight:600;padding-top:.2rem}
        form.fields input,form.fields select,form.fields textarea{font:inherit;width:100%;box-sizing:border-box;max-width:40rem}
        form.fields .issue{grid-column:2;color:#a33c00;font-size:.9rem;margin-top:-.2rem}
        form.fields button{grid-column:2;justify-self:start}
        .field-bad{border:2px solid #D55E00}
        details{margin:.5rem 0}summary{cursor:pointer}
        button{font:inherit;padding:.3rem .8rem}
        .muted{color:#555;font-size:.9rem}
        nav.languages{display:flex;flex-wrap:wrap;gap:.5rem;padding:.25rem 0;font-size:.9rem}
        nav.languages a{display:inline-block;min-height:24px;line-height:24px}
        input[type=date],input[type=password]{direction:ltr}[dir=rtl] input[type=date],[dir=rtl] input[type=password]{text-align:end}
        @media (max-width:600px){form.fields{grid-template-columns:1fr}form.fields .issue,form.fields button{grid-column:1}}
        """

    func render() -> String {
        let l = self.l
        var out = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)" dir="\(language.direction)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escapeXML(title)) · cpsledger</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <main>
            \(Self.languageSwitch(here, current: language))

            """
        if let signedIn {
            let role = Self.roleName(signedIn.token.role, l)
            let who = "\(signedIn.token.name) (\(role)" + (signedIn.token.state.map { ", \($0)" } ?? "") + ")"
            // A block, not a span, holds the sign-out form (a form is not phrasing content).
            out += """
                <nav class="who" aria-label="\(escapeXML(l.text("page.session")))"><span><a href="/rounds"><strong>cpsledger</strong> \(escapeXML(l.text("page.nav.rounds")))</a> · <a href="/">\(escapeXML(l.text("page.nav.summary")))</a> · <a href="/search">\(escapeXML(l.text("page.nav.search")))</a></span>\
                <div class="signed-in">\(escapeXML(l.text("page.signed_in_as", ["who": who]))) \
                <form action="/sign-out" method="post">\(Self.csrfField(signedIn.csrf))<button>\(escapeXML(l.text("page.sign_out")))</button></form></div></nav>

                """
        }
        out += "<h1>\(escapeXML(title))</h1>\n"
        if let notice { out += "<p class=\"notice\" role=\"status\">\(escapeXML(notice))</p>\n" }
        return out + body + "</main>\n</body>\n</html>\n"
    }

    /// The six languages, each named in itself, as links to `here` in that language (the current one marked).
    static func languageSwitch(_ here: String, current: Language) -> String {
        let (path, query) = here.firstIndex(of: "?").map { (String(here[..<$0]), String(here[here.index(after: $0)...])) } ?? (here, "")
        let kept = query.split(separator: "&").filter { !$0.hasPrefix("lang=") }.joined(separator: "&")
        let links = Language.allCases.map { language in
            let href = path + "?" + (kept.isEmpty ? "" : kept + "&") + "lang=" + language.rawValue
            return "<a href=\"\(escapeXML(href))\" lang=\"\(language.rawValue)\" hreflang=\"\(language.rawValue)\""
                + (language == current ? " aria-current=\"true\"><strong>\(language.endonym)</strong></a>" : ">\(language.endonym)</a>")
        }
        return "<nav class=\"languages\" aria-label=\"\(escapeXML(Localizer.shipped(current).text("nav.language")))\">\(links.joined(separator: " "))</nav>"
    }

    /// A role in words.
    static func roleName(_ role: Role, _ l: Localizer) -> String {
        switch role {
        case .admin: l.text("round.role.admin")
        case .editor: l.text("round.role.editor")
        case .focalPoint: l.text("round.role.focal_point")
        case .reviewer: l.text("round.role.reviewer")
        }
    }

    /// The language of a round page, a sign-in page or an error page: as the dashboard's
    /// (``DashboardController/language(_:)``), except that a `lang` that is not one of the six is
    /// passed over (the page is still shown) rather than refused.
    static func language(_ request: Request) -> (language: Language, chosen: Bool) {
        (try? DashboardController.language(request, lenient: true)) ?? (.en, false)
    }

    /// The page's own address without its `lang` (what the language switch links to).
    static func address(_ request: Request) -> String {
        let kept = request.uri.queryParameters.filter { $0.key != "lang" }
        return request.uri.path + (kept.isEmpty ? "" : "?" + kept.map { QueryPolicy.escape(String($0.key)) + "=" + QueryPolicy.escape(String($0.value)) }.joined(separator: "&"))
    }

    func response() -> Response {
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: render())))
        response.headers[.contentLanguage] = language.rawValue
        response.headers[.vary] = "Accept-Language, Cookie"
        if chosen {
            response.headers.append(HTTPField(name: .setCookie, value: "\(DashboardController.languageCookie)=\(language.rawValue); Path=/; Max-Age=31536000; SameSite=Lax"))
        }
        return response
    }

    /// The page in `language` (kept in the cookie when chosen with `?lang=`), its switch on `request`'s
    /// address (or `here`, for a page shown after a post).
    func localized(_ language: (language: Language, chosen: Bool), _ request: Request, here: String? = nil) -> BrowserPage {
        var page = self
        (page.language, page.chosen) = language
        page.here = here ?? Self.address(request)
        return page
    }

    /// A scrollable HTML table: `headers` as text, each row's cells as HTML already escaped (a cell
    /// may hold a link). The round pages and the dashboard's history share it. The scrolling box can
    /// be reached and scrolled with the keyboard (a focusable region named by `label`, by default
    /// after its columns).
    static func table(_ headers: [String], _ rows: [[String]], label: String? = nil, _ l: Localizer = .english) -> String {
        let name = label ?? l.text("page.table_of", ["columns": headers.joined(separator: ", ")])
        return "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(escapeXML(name))\"><table><thead><tr>"
            + headers.map { "<th scope=\"col\">\(escapeXML($0))</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined() + "</tbody></table></div>\n"
    }

    /// A code of the ledger in words: `focal_point` → "focal point", `not_applicable` → "not applicable".
    static func words(_ code: String) -> String {
        code.replacingOccurrences(of: "_", with: " ")
    }

    /// The hidden field every form of a session carries.
    static func csrfField(_ csrf: String) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(escapeXML(csrf))\">"
    }

    /// A 303 to `location` (after a post, so that reloading the page does not post again).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// A path segment, percent-encoded.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? text
    }
}

/// Marks the session cookie `Secure` when the request reached the server over TLS (the server itself
/// speaks plain HTTP: TLS ends at a proxy, which says so with `X-Forwarded-Proto: https`). The header
/// is believed only from a trusted proxy's address (``TrustedProxies``).
struct SecureCookieMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let proxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https", proxies.trusts(context.remoteAddress) else { return response }
        let cookies = response.headers[values: .setCookie]
        guard !cookies.isEmpty else { return response }
        response.headers[.setCookie] = nil
        for cookie in cookies { response.headers.append(HTTPField(name: .setCookie, value: cookie.contains("; Secure") ? cookie : cookie + "; Secure")) }
        return response
    }
}
