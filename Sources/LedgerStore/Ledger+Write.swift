import GRDB

extension Ledger {
    /// The one way the ledger writes, synchronously: one write transaction on the pool's writer. When
    /// another connection (a CLI import, another process) held the write lock for the whole busy
    /// timeout, SQLite's BUSY or LOCKED becomes ``LedgerError/busy(path:retryAfter:)``, whichever
    /// command, route or thread asked; nothing was written. ``NonblockingLedger`` awaits the same.
    func write<T>(_ transaction: (Database) throws -> T) throws -> T {
        try LedgerError.mappingBusy(path: path, busyTimeout: busyTimeout) { try pool.write(transaction) }
    }

    /// ``write(_:)`` for a body that opens its own transaction (an import's immediate one, with a dry run).
    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try LedgerError.mappingBusy(path: path, busyTimeout: busyTimeout) { try pool.writeWithoutTransaction(body) }
    }
}
