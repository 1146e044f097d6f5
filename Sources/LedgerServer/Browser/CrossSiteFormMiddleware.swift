import HTTPTypes
import Hummingbird

/// Refuses (403) a post to the browser's pages that the browser says came from another site: its
/// `Sec-Fetch-Site` is neither `same-origin` nor `none` (an address typed or a bookmark), or, from a
/// browser that does not send `Sec-Fetch-Site`, its `Origin` names another server. A second layer
/// beside the CSRF token every form carries: a request that says neither (a program), or whose
/// `Origin` is `null`, passes to that check. `Origin: null` is what browsers send on every post of
/// our own pages, since the server's `Referrer-Policy: no-referrer` tells them to hide the origin
/// (Fetch standard, "append a request Origin header"); Chromium then says `Sec-Fetch-Site:
/// same-origin`, which decides. The API under
/// `/api/` is left alone: it authenticates with bearer tokens, which no other site's page holds.
struct CrossSiteFormMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext

    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.changesState(request.method), !BrowserErrorMiddleware.isAPI(request.uri.path), let sender = Self.otherSite(request) {
            throw APIError(
                status: .forbidden,
                message: "This form was sent from another site (\(sender)), so it was refused and nothing was written. "
                    + "If you meant to send it, open the page on this server and send the form from there.")
        }
        return try await next(request, context)
    }

    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    /// How the request shows it came from another site (for the message), or nil when it does not.
    static func otherSite(_ request: Request) -> String? {
        if let site = request.headers[secFetchSite]?.lowercased() {
            return site == "same-origin" || site == "none" ? nil : "Sec-Fetch-Site: \(site)"
        }
        guard let origin = request.headers[.origin], origin != "null" else { return nil }
        guard let authority = request.head.authority, sameAuthority(origin: origin, host: authority) else { return "Origin: \(origin)" }
        return nil
    }

    /// Whether `origin` (`scheme://host[:port]`, or `null`) names the server the request reached at
    /// `host` (the Host header, `host[:port]`). The scheme is not compared: behind a proxy that ends
    /// TLS the server sees http while the browser's origin says https; a default port is left out.
    static func sameAuthority(origin: String, host: String) -> Bool {
        guard let range = origin.range(of: "://") else { return false }
        let scheme = origin[..<range.lowerBound].lowercased()
        let authority = String(origin[range.upperBound...])
        guard !authority.isEmpty, !authority.contains("/") else { return false }
        func normal(_ text: String) -> String {
            let lower = text.lowercased()
            for port in [":80", ":443"] where lower.hasSuffix(port) && (scheme == "http" || scheme == "https") {
                return String(lower.dropLast(port.count))
            }
            return lower
        }
        return normal(authority) == normal(host)
    }
}
