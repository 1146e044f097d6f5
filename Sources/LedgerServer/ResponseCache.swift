import HTTPTypes
import Hummingbird
import LedgerModel
import LedgerStore
import NIOCore
import Synchronization

/// Rendered GET responses keyed by the normalised request (path and sorted, documented query
/// parameters) and the ledger's last sequence number: a report is computed once per change of the
/// ledger, however many clients ask for it. A report is kept under the head it was read at (one
/// read transaction), not the head seen before rendering, so it is never served for another head.
///
/// Bounded in bytes: the least recently used entries go first, and an answer larger than
/// `maxEntryBytes` is served but never kept, so one huge answer cannot fill the cache.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        let head: Int64
        /// The body as it is sent: a hit hands out this buffer (shared, not copied) and these headers.
        let buffer: ByteBuffer
        let headers: HTTPFields
        let contentType: String

        init(head: Int64, body: String, contentType: String) {
            self.head = head
            buffer = ByteBuffer(string: body)
            headers = [.contentType: contentType]
            self.contentType = contentType
        }

        var body: String { String(buffer: buffer) }
        var bytes: Int { buffer.readableBytes + contentType.utf8.count }
        /// The answer, without copying the body.
        var response: Response { Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer)) }
    }

    struct State {
        var entries: [String: (entry: Entry, used: UInt64)] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    /// A rendered answer; `head` is the last sequence number it was read at, when it was read in one
    /// read transaction (reports), else nil (the head read before rendering keys it).
    struct Rendered: Sendable {
        var body: String
        var contentType: String
        var head: Int64? = nil
    }

    private let state = Mutex(State())
    /// Answers served from the cache, and answers rendered (or joined while rendering), since the start.
    let hits = Atomic<Int>(0), misses = Atomic<Int>(0)
    /// Renders under way, by key and head: identical requests that miss together share one render.
    private let pending = Mutex<[String: Task<Rendered, any Error>]>([:])
    /// The most bytes of bodies the cache holds.
    let capacityBytes: Int
    /// The largest body kept.
    let maxEntryBytes: Int

    init(capacityBytes: Int = 64 << 20, maxEntryBytes: Int? = nil) {
        self.capacityBytes = capacityBytes
        self.maxEntryBytes = maxEntryBytes ?? capacityBytes / 8
    }

    /// The bytes held now.
    var bytes: Int { state.withLock { $0.bytes } }

    /// The keys held now, least recently used first.
    var keys: [String] { state.withLock { $0.entries.sorted { $0.value.used < $1.value.used }.map(\.key) } }

    func lookup(_ key: String, head: Int64) -> Entry? {
        state.withLock { state in
            guard let found = state.entries[key], found.entry.head == head else { return nil }
            state.clock += 1
            state.entries[key]?.used = state.clock
            return found.entry
        }
    }

    func store(_ key: String, _ entry: Entry) {
        let size = entry.bytes
        state.withLock { state in
            if let old = state.entries.removeValue(forKey: key) { state.bytes -= old.entry.bytes }
            guard size <= maxEntryBytes else { return }
            while state.bytes + size > capacityBytes, let oldest = state.entries.min(by: { $0.value.used < $1.value.used }) {
                state.entries.removeValue(forKey: oldest.key)
                state.bytes -= oldest.value.entry.bytes
            }
            state.clock += 1
            state.entries[key] = (entry, state.clock)
            state.bytes += size
        }
    }

    /// The response to a GET: from the cache while the ledger's last sequence number is the one it
    /// was rendered at (and the UTC day is the same, for reports that default to today), else
    /// rendered as heavy work (once for all identical requests waiting together) and kept.
    func respond(
        to request: Request, ledger: Ledger, heavy: HeavyWork, variant: String = "", render: @escaping @Sendable () throws -> Rendered
    ) async throws -> Response {
        let key = request.uri.path + "?" + (try QueryPolicy.normalised(request)) + "|" + ISODate.utc().description + (variant.isEmpty ? "" : "|" + variant)
        let head = try await currentHead(of: ledger)
        if let entry = lookup(key, head: head) {
            hits.add(1, ordering: .relaxed)
            return entry.response
        }
        misses.add(1, ordering: .relaxed)
        let rendered = try await shared(key + "|" + String(head)) {
            let rendered = try await heavy.run(render)
            self.store(key, .init(head: rendered.head ?? head, body: rendered.body, contentType: rendered.contentType))
            return rendered
        }
        return APIController.response(rendered.body, rendered.contentType)
    }

    /// The connection that reads the head before each answer, opened at the first request: nil until
    /// then, `.some(nil)` when it could not be opened (the pool answers then, and the open is not tried
    /// again at every request).
    private let heads = Mutex<HeadReader??>(nil)

    /// The last sequence number of `ledger`, read on the cache's own connection (through the pool when it cannot be opened).
    private func currentHead(of ledger: Ledger) async throws -> Int64 {
        let reader = heads.withLock { held -> HeadReader? in
            if held == nil { held = .some(try? HeadReader(ledger: ledger)) }
            return held!
        }
        guard let reader else { return try await ledger.nonblocking.headSeq() }
        return try reader.headSeq()
    }

    /// The result of `work`, run once for all callers that ask for the same `key` while it runs.
    func shared(_ key: String, _ work: @escaping @Sendable () async throws -> Rendered) async throws -> Rendered {
        let task = pending.withLock { pending in
            if let running = pending[key] { return running }
            let task = Task { try await work() }
            pending[key] = task
            return task
        }
        defer { pending.withLock { if $0[key] == task { $0[key] = nil } } }
        return try await task.value
    }
}
