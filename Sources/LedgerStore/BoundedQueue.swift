import Foundation

/// A first-in first-out queue of at most `capacity` elements between two threads: ``push(_:)`` waits
/// while it is full and ``pop()`` while it is empty, so a fast producer never runs more than
/// `capacity` elements ahead of its consumer and memory stays bounded. Either side can end it: the
/// producer with ``finish()`` (the consumer still takes what is left), the consumer with ``close()``
/// (what is left is dropped and the producer's next push fails, so it stops).
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    // Sendable by hand: every stored `var` below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var items: [Element] = []
    private var finished = false
    private var closed = false
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "a bounded queue holds at least one element")
        self.capacity = capacity
        items.reserveCapacity(capacity)
    }

    /// Adds `element` at the end, waiting while the queue is full; false (and the element dropped)
    /// once the consumer closed the queue.
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        if closed { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// The first element, waiting while the queue is empty; nil once the producer finished and every
    /// element was taken, or once the queue was closed.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished && !closed { condition.wait() }
        if closed || items.isEmpty { return nil }
        let first = items.removeFirst()
        condition.broadcast()
        return first
    }

    /// The producer's end: no more elements will come.
    func finish() {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        condition.broadcast()
    }

    /// The consumer's end: drops what is left and makes every later push fail.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        items.removeAll()
        condition.broadcast()
    }
}
