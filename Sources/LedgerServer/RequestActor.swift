import Synchronization

/// Who a request was authenticated as, for its log line: the token's name and id (`name#id`, the
/// actor its events record), never the token. One per request, shared by every copy of its context,
/// so the log middleware outside the authentication sees what the authentication found.
final class RequestActor: Sendable {
    private let stored = Mutex<String?>(nil)

    /// The actor, once a token or a browser session authenticated the request.
    var name: String? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
