import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The command line's HTTP requests to a cpsledger server (`mirror`, `witness cosign`): the status and
/// the body, or a ``CommandLineError`` with status 69 when the server does not answer.
///
/// AsyncHTTPClient, over the SwiftNIO the server already links, rather than Foundation's `URLSession`:
/// FoundationNetworking links libcurl and its TLS, SSH, LDAP and SASL libraries, which the binary then
/// loaded at every start of every command (issue 23). HTTPS goes through NIOSSL (BoringSSL, built into
/// the binary), which verifies the server's certificate against the system's trust roots.
enum HTTPFetch {
    /// The largest body read: a page of 1,000 events is a few hundred kilobytes.
    static let bodyLimit = 256 << 20

    /// One client for the command's requests, never shut down: the process ends with the command.
    /// A refused connection fails at once (no retry until a deadline), redirects are followed as
    /// `URLSession` followed them, and bodies come uncompressed.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            certificateVerification: .fullVerification,
            redirectConfiguration: .follow(max: 20, allowCycles: false),
            timeout: .init(connect: .seconds(30), read: .seconds(90)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }()

    static func get(_ url: URL) async throws -> (Int, Data) {
        try await send(HTTPClientRequest(url: url.absoluteString), url: url)
    }

    /// POSTs `body` as `text/plain; charset=utf-8`.
    static func post(_ url: URL, text body: String) async throws -> (Int, Data) {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        request.body = .bytes(ByteBuffer(string: body))
        return try await send(request, url: url)
    }

    private static func send(_ request: HTTPClientRequest, url: URL) async throws -> (Int, Data) {
        do {
            let response = try await client.execute(request, timeout: .seconds(120))
            let body = try await response.body.collect(upTo: bodyLimit)
            return (Int(response.status.code), Data(body.readableBytesView))
        } catch {
            throw CommandLineError(.unavailable, "Cannot read \(url.absoluteString): \(sentence(for: error, url: url))")
        }
    }

    /// What went wrong, in the words `URLSession` gave (libcurl's messages), without its timings.
    static func sentence(for error: any Error, url: URL) -> String {
        let host = url.host ?? "?"
        let port = url.port ?? (url.scheme == "https" ? 443 : 80)
        switch error {
        case let error as NIOConnectionError where error.connectionErrors.isEmpty && error.dnsAError != nil:
            return "Could not resolve host: \(host)"
        case is NIOConnectionError, is IOError:
            return "Failed to connect to \(host) port \(port): Couldn't connect to server"
        case let error as HTTPClientError where [.connectTimeout, .readTimeout, .deadlineExceeded, .tlsHandshakeTimeout].contains(error):
            return "Operation timed out"
        case let error as HTTPClientError where error == .remoteConnectionClosed:
            return "Server closed the connection before answering"
        case is NIOTooManyBytesError:
            return "The server's answer is longer than \(bodyLimit >> 20) MB"
        default:
            // NIOSSL's errors (BoringSSL's reason in capitals) name their module.
            let text = "\(error)"
            if text.contains("CERTIFICATE_VERIFY_FAILED") {
                return "SSL certificate problem: no authority the system trusts vouches for the server's certificate (\(text))"
            }
            if error.definingModule == "NIOSSL" { return "SSL connect error (\(text))" }
            return text
        }
    }

    /// A server's base URL from the command line, without a trailing slash; nil when it is not http(s).
    static func base(_ text: String) -> URL? {
        guard let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text), url.scheme == "http" || url.scheme == "https" else { return nil }
        return url
    }
}
