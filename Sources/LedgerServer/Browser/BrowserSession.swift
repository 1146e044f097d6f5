import Foundation

/// What the server keeps, in memory, for one browser: the CSRF token every form of the session must
/// carry, and once signed in the token the person signed in with (re-checked on every request, so a
/// revoked token ends its sessions). The cookie carries only the session's random id.
public struct BrowserSession: Codable, Sendable, Hashable {
    /// The token the session was opened with; nil before sign-in.
    var token: String?
    /// The random value every form of this session posts back as `csrf`.
    var csrf: String
    /// A message for the next page (what the last post did), shown once.
    var notice: String?

    init(token: String? = nil) {
        self.token = token
        self.csrf = Self.randomHex()
    }

    /// 32 random bytes from the system's generator, as hex.
    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Whether `sent` is `expected` (a CSRF token), compared in time that does not depend on where they differ.
    static func same(_ sent: String?, _ expected: String) -> Bool {
        guard let sent, !expected.isEmpty else { return false }
        let a = Array(sent.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
