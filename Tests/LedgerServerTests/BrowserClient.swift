import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A browser as far as the round pages care: it keeps the session cookie the server sets, sends it
/// back, and posts forms with the CSRF token of the last page it read.
final class BrowserClient: @unchecked Sendable {
    let client: any TestClientProtocol
    /// Every cookie the server set and has not expired, by name, as `name=value`.
    var jar: [String: String] = [:]
    /// The session cookie (`cpsledger_session=ID`); nil without a session.
    var cookie: String? {
        get { jar["cpsledger_session"] }
        set { jar["cpsledger_session"] = newValue }
    }
    /// The CSRF token of the last page read.
    var csrf: String?
    /// Extra headers sent with every request (`X-Forwarded-Proto`).
    var extraHeaders: HTTPFields = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }
        var setCookies: [String] { headers[values: .setCookie] }
    }

    func get(_ uri: String) async throws -> Page {
        try await send(uri, method: .get, body: nil)
    }

    /// Posts `fields` as a form; `csrf` is this session's token unless given (nil: none sent).
    func post(_ uri: String, _ fields: [(String, String)], csrf: String?? = .none) async throws -> Page {
        var all = fields
        switch csrf {
        case .none: if let token = self.csrf { all.append(("csrf", token)) }
        case .some(let chosen?): all.append(("csrf", chosen))
        case .some(nil): break
        }
        let body = all.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        return try await send(uri, method: .post, body: body)
    }

    func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers = extraHeaders
        if !jar.isEmpty { headers[.cookie] = jar.values.sorted().joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let page = Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        for set in page.setCookies {
            let pair = set.split(separator: ";").first.map(String.init) ?? ""
            let name = String(pair.prefix { $0 != "=" })
            // An expired cookie (sign-out, a sign-in form used) is dropped, as a browser would.
            jar[name] = (set.contains("Expires=") && Self.expired(set)) || set.contains("Max-Age=0") ? nil : pair
        }
        if let token = Self.csrfToken(in: page.body) { csrf = token }
        return page
    }

    /// Signs in with `token` through the sign-in form; returns the answer to the post.
    @discardableResult
    func signIn(_ token: String) async throws -> Page {
        _ = try await get("/sign-in")
        let answer = try await post("/sign-in", [("token", token)])
        // A browser follows the redirect, and so reads the new session's CSRF token.
        if answer.status == .seeOther, let location = answer.location { _ = try await get(location) }
        return answer
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression) else { return nil }
        return String(html[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }

    static func expired(_ setCookie: String) -> Bool {
        guard let range = setCookie.range(of: #"Expires=[^;]+"#, options: .regularExpression) else { return false }
        let text = String(setCookie[range].dropFirst("Expires=".count))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return false }
        return date <= Date()
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)?.replacingOccurrences(of: "%20", with: "+") ?? text
    }
}
