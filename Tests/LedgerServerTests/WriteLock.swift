import Foundation
import GRDB

/// A second connection to the ledger's file holding a write transaction on a thread of its own, as a
/// CLI import would, until the test releases it.
final class WriteLock: @unchecked Sendable {
    let queue: DatabaseQueue
    let locked = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)

    init(path: String) throws { queue = try DatabaseQueue(path: path) }

    /// Returns once the lock is held.
    func hold() {
        Thread { [self] in
            try? queue.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                released.wait()
                try db.execute(sql: "ROLLBACK")
            }
            done.signal()
        }.start()
        locked.wait()
    }

    /// Returns once the lock is let go.
    func release() {
        released.signal()
        done.wait()
    }
}
