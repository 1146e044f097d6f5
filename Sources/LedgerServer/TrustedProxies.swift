import Foundation
import NIOCore

/// The addresses of the reverse proxies (nginx ending TLS) whose `X-Forwarded-Proto` the server
/// believes: the session cookie is marked `Secure` when such a proxy says the browser spoke https.
/// From any other peer the header is ignored, since anyone who can reach the server's port could
/// send it. By default the loopback addresses (a proxy on the same machine); `none` trusts nobody.
public struct TrustedProxies: Sendable, Equatable, CustomStringConvertible {
    /// The addresses in their canonical text (`inet_ntop`'s), IPv4 as dotted quads.
    public let addresses: [String]

    /// The proxies on this machine: 127.0.0.1 and ::1.
    public static let loopback = TrustedProxies(checked: ["127.0.0.1", "::1"])

    /// Nobody: `X-Forwarded-Proto` is never believed.
    public static let none = TrustedProxies(checked: [])

    private init(checked: [String]) { addresses = checked }

    /// Reads `none`, or IP addresses separated by commas (`127.0.0.1, ::1`); nil when a part is not
    /// an IPv4 or IPv6 address (host names are not taken: a proxy is named by the address it connects from).
    public init?(_ text: String) {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if parts == ["none"] {
            self = .none
            return
        }
        var found: [String] = []
        for part in parts {
            guard let address = Self.canonical(part) else { return nil }
            if !found.contains(address) { found.append(address) }
        }
        guard !found.isEmpty else { return nil }
        addresses = found
    }

    /// Whether a request from `peer` may say how the browser reached the proxy.
    public func trusts(_ peer: SocketAddress?) -> Bool {
        guard let text = peer?.ipAddress, let address = Self.canonical(text) else { return false }
        return addresses.contains(address)
    }

    public var description: String { addresses.isEmpty ? "none" : addresses.joined(separator: ", ") }

    /// The address in `inet_ntop`'s form; an IPv4 address mapped into IPv6 (`::ffff:127.0.0.1`, a
    /// peer of a server listening on `::`) as the IPv4 address. Nil when `text` is not an address.
    static func canonical(_ text: String) -> String? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: v4) { $0.map(String.init).joined(separator: ".") } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        let six = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if six.hasPrefix("::ffff:"), let mapped = canonical(String(six.dropFirst(7))), !mapped.contains(":") { return mapped }
        return six
    }
}
