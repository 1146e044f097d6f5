import Foundation
import GRDB
import LedgerModel

extension Ledger {
    /// The ledger's reads and writes for async callers (the server): each runs on one of GRDB's
    /// connections through `try await pool.read { }` / `write { }`, so no Swift concurrency thread
    /// waits on SQLite. A write that cannot take the write lock within the busy timeout (a CLI
    /// import holds it) throws ``LedgerError/busy(path:retryAfter:)``.
    package var nonblocking: NonblockingLedger { NonblockingLedger(ledger: self) }
}

/// Async access to a ``Ledger``: the same operations as its synchronous methods, awaited.
///
/// A separate type rather than `async` overloads of the same names, so synchronous callers in an
/// async context keep compiling unchanged.
package struct NonblockingLedger: Sendable {
    let ledger: Ledger

    /// See ``Ledger/headSeq()``.
    package func headSeq() async throws -> Int64 {
        try await ledger.pool.read(Ledger.readingHeadSeq)
    }

    /// See ``Ledger/isBehindReferenceData()``.
    package func isBehindReferenceData() async throws -> Bool {
        try await ledger.pool.read { [ledger] db in try ledger.isBehindReferenceData(db) }
    }

    /// See ``Ledger/events(after:limit:)``.
    package func events(after seq: Int64, limit: Int) async throws -> [LedgerEvent] {
        try await ledger.pool.read(Ledger.readingEvents(after: seq, limit: limit))
    }

    /// See ``Ledger/authenticate(token:)``.
    package func authenticate(token: String) async throws -> TokenRecord? {
        try await ledger.pool.read(Ledger.authenticating(token: token))
    }

    /// See ``Ledger/measure(seq:)``.
    package func measure(seq: Int64) async throws -> MeasureRecord? {
        try await ledger.pool.read { db in try Ledger.measureIfAny(resolving: seq, db) }
    }

    /// See ``Ledger/verify()``: one read snapshot for the whole check.
    package func verify() async throws -> VerificationReport {
        try await ledger.pool.read(ledger.verifying())
    }

    /// See ``Ledger/recordMeasure(_:evidence:actor:)``.
    package func recordMeasure(_ fields: MeasureFields, actor: String) async throws -> RecordOutcome {
        try await write(ledger.recordingMeasure(fields, evidence: [], actor: actor))
    }

    /// See ``Ledger/correctMeasure(_:changes:addEvidence:reason:actor:onlyState:)``.
    package func correctMeasure(
        _ seq: Int64, changes: [String: String], reason: String?, actor: String, onlyState: String? = nil
    ) async throws -> Int64 {
        try Ledger.check(reason, field: "reason", rule: .freeText)
        return try await write(ledger.correctingMeasure(seq, changes: changes, addEvidence: [], reason: reason, actor: actor, onlyState: onlyState))
    }

    /// See ``Ledger/retractMeasure(_:reason:actor:onlyState:)``.
    package func retractMeasure(_ seq: Int64, reason: String, actor: String, onlyState: String? = nil) async throws -> Int64 {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw LedgerError.missingReason("retraction") }
        try Ledger.check(reason, field: "reason", rule: .freeText)
        return try await write(ledger.retractingMeasure(seq, reason: reason, actor: actor, onlyState: onlyState))
    }

    /// See ``Ledger/recordAssessment(_:actor:)``.
    package func recordAssessment(_ fields: AssessmentFields, actor: String) async throws -> Int64 {
        try await write(ledger.recordingAssessment(fields, actor: actor))
    }

    /// See ``Ledger/recordTreatyAction(_:actor:)``.
    package func recordTreatyAction(_ fields: TreatyActionFields, actor: String) async throws -> Int64? {
        try await write(ledger.recordingTreatyAction(fields, actor: actor))
    }

    /// See ``Ledger/latestCheckpoint()``.
    package func latestCheckpoint() async throws -> (checkpoint: Checkpoint, eventSeq: Int64)? {
        try await ledger.pool.read(Ledger.readingLatestCheckpoint)
    }

    /// Signs and records a checkpoint of the head when at least `every` events were written since the
    /// last one; nil when none was due.
    @discardableResult
    package func checkpointIfDue(key: CheckpointKey, every: Int, actor: String) async throws -> Checkpoint? {
        try await write(Ledger.checkpointingIfDue(key: key, every: every, actor: actor, clock: ledger.clock))
    }

    /// Copies every page of the WAL into the ledger file and empties the WAL (`PRAGMA
    /// wal_checkpoint(TRUNCATE)`): the file alone then holds every committed event. Waits for the
    /// write lock like a write; returns how many WAL frames there were.
    @discardableResult
    package func checkpointWAL() async throws -> Int {
        do {
            return try await ledger.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate).walFrameCount }
        } catch {
            throw ledger.failedWrite(error)
        }
    }

    /// ``Ledger/write(_:)`` awaited: one write transaction, its failures worded and kept as there.
    func write<T: Sendable>(_ transaction: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result: T
        do {
            result = try await ledger.pool.write(transaction)
        } catch {
            let worded = ledger.failedWrite(error)
            if (worded as? LedgerError)?.isStorageFault == true {
                _ = try? await ledger.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            }
            throw worded
        }
        ledger.wroteSuccessfully()
        return result
    }
}
