import HTTPTypes
import Hummingbird
import Synchronization

/// The routes of the server (path patterns and methods), read from the router once it has them: a
/// method a path does not define is answered 405 with the ones it does (`Allow`), an error page links
/// to the page a mistyped path meant, and after sign-in a post's form goes back to its page.
///
/// The middleware that reads it is added to the router before the routes (Hummingbird wraps each
/// route in the middleware present when it is added), so the table is filled after them.
final class RouteTable: Sendable {
    /// One route: its path as segments (`{name}` for a capture) and its method.
    struct Route: Sendable, Hashable {
        let segments: [String]
        let method: HTTPRequest.Method
    }

    private let routes = Mutex<[Route]>([])

    /// Takes the router's routes (called once they are all added).
    func fill(from router: Router<LedgerRequestContext>) {
        let found = router.routes.map { Route(segments: QueryPolicy.segments($0.path.description), method: $0.method) }
        routes.withLock { $0 = found }
    }

    /// The patterns that `path` matches (a capture matches any one segment).
    func patterns(matching path: String) -> [Route] {
        let segments = QueryPolicy.segments(path)
        return routes.withLock { all in
            all.filter { route in
                route.segments.count == segments.count
                    && zip(route.segments, segments).allSatisfy { Self.isCapture($0) || $0 == $1 }
            }
        }
    }

    /// The methods `path` answers, in a fixed order (HEAD wherever GET: the router answers it like
    /// GET without the body); empty when no route has that path.
    func methods(for path: String) -> [HTTPRequest.Method] {
        var found = Set(patterns(matching: path).map(\.method))
        if found.contains(.get) { found.insert(.head) }
        return [.get, .head, .post, .put, .patch, .delete, .options].filter { found.contains($0) }
    }

    /// Every route's segments whose method is GET.
    var pages: [[String]] {
        routes.withLock { $0.filter { $0.method == .get }.map(\.segments) }
    }

    static func isCapture(_ segment: String) -> Bool { segment.hasPrefix("{") && segment.hasSuffix("}") }
}
