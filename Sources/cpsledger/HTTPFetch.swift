import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The command line's HTTP requests to a cpsledger server (`mirror`, `witness cosign`): the status and
/// the body, or a ``CommandLineError`` with status 69 when the server does not answer.
enum HTTPFetch {
    static func get(_ url: URL) async throws -> (Int, Data) {
        try await send(URLRequest(url: url))
    }

    /// POSTs `body` as `text/plain; charset=utf-8`.
    static func post(_ url: URL, text body: String) async throws -> (Int, Data) {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("text/plain; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        return try await send(request)
    }

    static func send(_ request: URLRequest) async throws -> (Int, Data) {
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        } catch {
            throw CommandLineError(.unavailable, "Cannot read \(request.url?.absoluteString ?? "?"): \(error.localizedDescription)")
        }
    }

    /// A server's base URL from the command line, without a trailing slash; nil when it is not http(s).
    static func base(_ text: String) -> URL? {
        guard let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text), url.scheme == "http" || url.scheme == "https" else { return nil }
        return url
    }
}
