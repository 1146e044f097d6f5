import Synchronization
@testable import LedgerServer
import Testing

/// The response cache is bounded in bytes and forgets the least recently used answers first.
@Suite struct ResponseCacheTests {
    static func entry(_ size: Int, head: Int64 = 1) -> ResponseCache.Entry {
        .init(head: head, body: String(repeating: "x", count: size), contentType: "")
    }

    @Test func theLeastRecentlyUsedAnswerGoesFirstWhenTheBytesRunOut() {
        let cache = ResponseCache(capacityBytes: 100, maxEntryBytes: 50)
        cache.store("a", Self.entry(30))
        cache.store("b", Self.entry(30))
        #expect(cache.lookup("a", head: 1) != nil)  // a is now more recent than b
        cache.store("c", Self.entry(30))
        #expect(cache.bytes == 90)
        cache.store("d", Self.entry(30))
        #expect(cache.lookup("b", head: 1) == nil)
        #expect(cache.keys == ["a", "c", "d"])
        #expect(cache.bytes <= 100)
    }

    @Test func oneHugeAnswerIsServedButNotKept() {
        let cache = ResponseCache(capacityBytes: 100, maxEntryBytes: 50)
        cache.store("a", Self.entry(40))
        cache.store("huge", Self.entry(60))
        #expect(cache.lookup("huge", head: 1) == nil)
        #expect(cache.lookup("a", head: 1) != nil, "a huge answer evicts nothing")
        #expect(cache.bytes == 40)
    }

    @Test func anAnswerRenderedBeforeTheLedgerChangedIsNotServed() {
        let cache = ResponseCache(capacityBytes: 100, maxEntryBytes: 50)
        cache.store("a", Self.entry(10, head: 1))
        #expect(cache.lookup("a", head: 2) == nil)
        cache.store("a", Self.entry(20, head: 2))
        #expect(cache.bytes == 20, "the new answer replaces the old one's bytes")
    }
}

extension ResponseCacheTests {
    @Test func identicalRequestsThatMissTogetherShareOneRender() async throws {
        let cache = ResponseCache()
        let renders = Counter()
        let started = Counter()
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    started.value.add(1, ordering: .relaxed)
                    return try await cache.shared("summary|7") {
                        renders.value.add(1, ordering: .relaxed)
                        // Long enough for every caller to arrive while it runs.
                        while started.value.load(ordering: .relaxed) < 8 { try await Task.sleep(for: .milliseconds(5)) }
                        try await Task.sleep(for: .milliseconds(200))
                        return .init(body: "rendered", contentType: "text/plain")
                    }.body
                }
            }
            for try await body in group { #expect(body == "rendered") }
        }
        #expect(renders.value.load(ordering: .relaxed) == 1)
    }
}
