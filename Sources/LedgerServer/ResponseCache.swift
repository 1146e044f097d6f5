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
}
