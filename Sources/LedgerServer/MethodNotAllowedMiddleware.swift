import HTTPTypes
import Hummingbird

/// Answers a method that a path does not define with 405 and an `Allow` header listing the ones it
/// does, instead of the router's 404 (which would say the path does not exist). A path no route has
/// stays 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed = routes.methods(for: request.uri.path)
        guard allowed.isEmpty || allowed.contains(request.method) else {
            let names = allowed.map(\.rawValue)
            throw APIError(
                status: .methodNotAllowed,
                message: "\(request.uri.path) does not take \(request.method.rawValue); it answers " + names.joined(separator: ", ") + ".",
                allow: names)
        }
        return try await next(request, context)
    }
}
