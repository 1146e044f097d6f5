import GRDB

extension Ledger {
    /// The one way the ledger writes, synchronously: one write transaction on the pool's writer. What
    /// SQLite says when the write fails for a reason outside the ledger becomes one ``LedgerError``,
    /// whichever command, route or thread asked: BUSY or LOCKED (another connection held the write
    /// lock for the whole busy timeout) is ``LedgerError/busy(path:retryAfter:)``; FULL, READONLY
    /// and IOERR are ``LedgerError/diskFull(path:)``, ``LedgerError/readOnlyStorage(path:)`` and
    /// ``LedgerError/storageFailed(path:detail:)``, kept as ``storageFault`` until a write succeeds.
    /// ``NonblockingLedger`` awaits the same.
    func write<T>(_ transaction: (Database) throws -> T) throws -> T {
        try guardingStorage { try pool.write(transaction) }
    }

    /// ``write(_:)`` for a body that opens its own transaction (an import's immediate one, with a dry run).
    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try guardingStorage { try pool.writeWithoutTransaction(body) }
    }

    /// The storage fault of the last write, while no write has succeeded since: the ledger can be
    /// read but not written (the server's health says "degraded"); nil when the last write worked.
    package var storageFault: LedgerError? { storageFaultKept.withLock { $0 } }

    /// `body`, a write, with its failure worded as ``write(_:)`` says and the storage fault kept.
    private func guardingStorage<T>(_ body: () throws -> T) throws -> T {
        let result: T
        do {
            result = try body()
        } catch {
            let worded = failedWrite(error)
            // A failed write can leave its pages in the WAL (an import on a full disk: the size of what
            // it wrote). Giving the room back is best effort: it needs no reader in the WAL.
            if (worded as? LedgerError)?.isStorageFault == true {
                _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            }
            throw worded
        }
        wroteSuccessfully()
        return result
    }

    /// The error a write failed with, worded as ``write(_:)`` says; a storage fault is kept for ``storageFault``.
    func failedWrite(_ error: any Error) -> any Error {
        guard let worded = LedgerError.writeFailure(error, path: path, busyTimeout: busyTimeout) else { return error }
        if worded.isStorageFault { storageFaultKept.withLock { $0 = worded } }
        return worded
    }

    /// Forgets the storage fault after a write succeeded.
    func wroteSuccessfully() {
        storageFaultKept.withLock { $0 = nil }
    }
}

extension LedgerError {
    /// Runs `body`, a write before a ``Ledger`` exists (opening, migrating), with SQLite's BUSY,
    /// LOCKED, FULL, READONLY and IOERR worded as ``Ledger/write(_:)`` words them.
    static func mappingWriteFailures<T>(path: String, busyTimeout: Double, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw writeFailure(error, path: path, busyTimeout: busyTimeout) ?? error
        }
    }

    /// The ledger error SQLite's `error` means for a write of `path`; nil when it is not one of
    /// those ``Ledger/write(_:)`` words (a constraint, the ledger's own errors).
    static func writeFailure(_ error: any Error, path: String, busyTimeout: Double) -> LedgerError? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path, busyTimeout: busyTimeout)
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_READONLY: return .readOnlyStorage(path: path)
        case .SQLITE_IOERR: return .storageFailed(path: path, detail: error.message ?? "disk I/O error")
        default: return nil
        }
    }

    /// Whether the storage under the ledger refused the write (full, read-only, failing): reads
    /// still work, and a later write may once it is mended.
    package var isStorageFault: Bool {
        switch self {
        case .diskFull, .readOnlyStorage, .storageFailed: true
        default: false
        }
    }
}
