import Foundation
import Hummingbird
import LedgerModel

/// The query parameters each route documents (docs/reference/api.md, "Server"), and the one normalised form of a
/// request's query that the response cache keys on. A parameter a route does not document, or one
/// given twice, is refused with 400 before any work, so `?cachebust=N` cannot force a fresh render.
enum QueryPolicy {
    /// The parameters of `GET /api/reports/{kind}`.
    static let report = [
        "as_of", "known_at", "format", "region", "theme", "article", "treaty_set", "state", "obligation", "treaty", "from", "to", "stale_years",
        "basis", "include",
    ]
    /// The parameters of `GET /api/states/{iso3}` (a `state` report in JSON).
    static let stateCard = ["as_of", "known_at", "treaty_set", "region", "theme", "article", "basis"]
    /// The parameters of `GET /api/treaties/{id}` (the accession audit of one treaty in JSON).
    static let treatyAudit = ["as_of", "known_at", "treaty_set", "stale_years"]

    /// Route patterns (`*` is one path segment) and the query parameters each takes. A path that
    /// matches no pattern is left to the router (404).
    static let routes: [(pattern: [String], allowed: [String])] = [
        ("/api/health", []), ("/metrics", []), ("/api/openapi.json", []), ("/api/obligations", []), ("/api/states", []), ("/api/states/*", stateCard),
        ("/api/treaties", []), ("/api/treaties/*", treatyAudit), ("/api/reports/*", report),
        ("/api/events", ["after", "limit"]), ("/api/verify", []), ("/api/checkpoints/latest", []),
        ("/api/log/tree", ["size"]), ("/api/log/proof/inclusion", ["seq", "size"]), ("/api/log/proof/consistency", ["from", "to"]),
        ("/api/log/checkpoint", []),
        ("/api/rounds", []), ("/api/rounds/*", []), ("/api/rounds/*/status", []), ("/api/rounds/*/drafts", ["state"]), ("/api/rounds/*/queue", []),
        ("/", ["as_of", "region", "theme", "article", "sort", "dir", "lang"]), ("/states/*", ["as_of", "theme", "article", "sort", "dir", "lang"]),
        ("/obligations/*", ["as_of", "region", "sort", "dir", "lang"]), ("/treaties/*", ["as_of", "sort", "dir", "lang"]),
        ("/states", ["iso3", "as_of"]), ("/obligations", ["id", "as_of"]), ("/treaties", ["id", "as_of"]),
        ("/api/search", SearchController.parameters), ("/search", SearchController.parameters + ["lang"]),
        ("/sign-in", ["next", "lang"]), ("/rounds", ["lang"]), ("/rounds/*/states/*", ["lang"]), ("/rounds/*/review", ["lang"]),
        ("/rounds/*/console", ["lang"]), ("/rounds/*/console/publish", ["lang"]), ("/rounds/*/console/close", ["lang"]),
    ].map { (pattern: segments($0.0), allowed: $0.1) }

    static func segments(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    /// The parameters `request` may carry: none for a write, the route's own for a read, nil when no
    /// route matches.
    static func allowed(for request: Request) -> [String]? {
        if request.method != .get && request.method != .head { return [] }
        let path = segments(request.uri.path)
        return routes.first { route in
            route.pattern.count == path.count && zip(route.pattern, path).allSatisfy { $0 == "*" || $0 == $1 }
        }?.allowed
    }

    /// The request's query, checked and normalised: `name=value` pairs sorted by name, each
    /// percent-encoded, joined with `&` (empty without parameters). Throws 400 for a parameter the
    /// route does not take or one given twice.
    static func normalised(_ request: Request) throws -> String {
        // Most reads carry no query: nothing to check, nothing to sort.
        guard let query = request.uri.query, !query.isEmpty else { return "" }
        let allowed = allowed(for: request) ?? []
        var pairs: [(String, String)] = []
        for (name, value) in request.uri.queryParameters {
            let name = String(name)
            guard allowed.contains(name) else { throw unknown(name, request: request, allowed: allowed) }
            guard !pairs.contains(where: { $0.0 == name }) else {
                throw APIError.badRequest("Query parameter '\(name)' is given twice; give it once.", field: name, value: String(value))
            }
            pairs.append((name, String(value)))
        }
        return pairs.sorted { $0.0 < $1.0 }.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func unknown(_ name: String, request: Request, allowed: [String]) -> APIError {
        let route = "\(request.method) \(request.uri.path)"
        guard !allowed.isEmpty else {
            return APIError.badRequest("Unknown query parameter '\(name)': \(route) takes no query parameters.", field: name)
        }
        let hint = Suggestion.nearest(to: name, among: allowed)
        return APIError.badRequest(
            "Unknown query parameter '\(name)'" + (hint.isEmpty ? ";" : "; did you mean \(hint.joined(separator: " or "))?")
                + " \(route) takes: " + allowed.joined(separator: ", ") + ".",
            field: name)
    }

    static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~:"))

    static func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text }
}

/// Refuses a request whose query names a parameter its route does not take (400), before any work.
struct QueryPolicyMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let request = Self.formDecoded(request)
        if QueryPolicy.allowed(for: request) != nil { _ = try QueryPolicy.normalised(request) }
        return try await next(request, context)
    }

    /// The request with each `+` of its query read as a space, as a browser's GET form encodes one
    /// (application/x-www-form-urlencoded; a typed `+` is sent as `%2B`). Hummingbird's query decoder
    /// keeps `+`, so "Western+European+and+Others" from the dashboard's filter form was no region.
    static func formDecoded(_ request: Request) -> Request {
        guard let path = request.head.path, let mark = path.firstIndex(of: "?"), path[mark...].contains("+") else { return request }
        var head = request.head
        head.path = String(path[..<mark]) + path[mark...].replacingOccurrences(of: "+", with: "%20")
        return Request(head: head, body: request.body)
    }
}
