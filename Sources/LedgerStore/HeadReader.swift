import GRDB

/// Reads the ledger's last sequence number on a read-only connection of its own, one statement
/// prepared once and run without a transaction, on the caller's thread: what the server's response
/// cache asks before every cached answer. Through the pool, the same read took a reader, a hop to
/// its thread and back, and a transaction of four statements, more than the rest of a cached answer.
///
/// The read waits for no lock (the ledger is in WAL mode: readers never wait for the writer), at
/// most for another caller's same read, which takes microseconds.
package final class HeadReader: Sendable {
    private let queue: DatabaseQueue

    /// A connection to `ledger`'s file for reading its head.
    package init(ledger: Ledger) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(ledger.busyTimeout)
        queue = try DatabaseQueue(path: ledger.path, configuration: configuration)
    }

    /// The last sequence number (0 for an empty ledger), as ``Ledger/headSeq()`` reads it.
    package func headSeq() throws -> Int64 {
        try queue.inDatabase(Ledger.readingHeadSeq)
    }
}
