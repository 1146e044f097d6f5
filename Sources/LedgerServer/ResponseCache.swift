import Hummingbird
import LedgerModel
import LedgerStore
import Synchronization

/// Rendered GET responses keyed by their URI and the ledger's last sequence number: a report is
/// computed once per change of the ledger, however many clients ask for it.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        let head: Int64
        let body: String
        let contentType: String
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 512) { self.capacity = capacity }

    func lookup(_ key: String, head: Int64) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.head == head else { return nil }
            return entry
        }
    }

    func store(_ key: String, _ entry: Entry) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }

    /// The response to a GET: from the cache while the ledger's last sequence number is the one it
    /// was rendered at (and the UTC day is the same), else rendered off the cooperative pool and kept.
    func respond(
        to request: Request, ledger: Ledger, render: @escaping @Sendable () throws -> (body: String, contentType: String)
    ) async throws -> Response {
        let key = request.uri.description + "|" + ISODate.utc().description
        return try await blocking { [self] in
            let head = try ledger.headSeq()
            if let entry = lookup(key, head: head) { return APIController.response(entry.body, entry.contentType) }
            let rendered = try render()
            store(key, .init(head: head, body: rendered.body, contentType: rendered.contentType))
            return APIController.response(rendered.body, rendered.contentType)
        }
    }
}
