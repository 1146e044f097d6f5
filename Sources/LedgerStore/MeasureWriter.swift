import Foundation
import GRDB
import LedgerModel

/// The one place a measure is recorded, corrected or retracted inside a write transaction: the
/// identity checks, the event payloads (`measure`, `supersedes`, `reason`) and the projector calls.
/// A direct write (``Ledger/recordMeasure(_:evidence:actor:)`` and its siblings) and a round's
/// publication both go through it, so a rule added here holds for both. It refuses with a
/// ``Refusal``, which each caller words as its own error (a direct write's `duplicateMeasure`, a
/// publication's `publishConflict`).
struct MeasureWriter {
    /// Why a write would break a rule of the record; nothing was written.
    enum Refusal: Error {
        /// An identical measure is in force already.
        case identicalInForce(Int64)
        /// The measure was retracted (by this event).
        case retracted(measure: Int64, by: Int64)
        /// The correction would leave the measure as it is.
        case unchanged(measure: Int64)
        /// The correction would make the measure identical to another measure in force.
        case identicalTo(measure: Int64, other: Int64)
    }

    private let db: Database
    private let projector: Projector

    init(_ db: Database) throws {
        self.db = db
        projector = try Projector(db)
    }

    /// Appends `measure.recorded` for `fields` and projects it; returns its sequence number.
    func record(_ fields: MeasureFields, appender: inout EventAppender) throws -> Int64 {
        if let existing = try identicalInForce(fields) { throw Refusal.identicalInForce(existing) }
        let seq = appender.nextSeq
        // The identity was checked above, so only a row planted under this event's id stops the insert.
        guard try projector.addMeasure(id: seq, fields, recordedAt: appender.recordedAt, actor: appender.actor) else {
            throw LedgerError.orphanRow(table: MeasureRow.databaseTableName, key: "id \(seq)")
        }
        try appender.append(.measureRecorded, .object(fields.jsonMembers))
        try projector.refreshCell(state: fields.state, obligation: fields.obligation)
        return seq
    }

    /// Appends `measure.corrected` making `fields` the new version of `current` and projects it; returns its sequence number.
    func correct(_ current: MeasureRecord, to fields: MeasureFields, reason: String?, appender: inout EventAppender) throws -> Int64 {
        try checkInForce(current)
        if fields == current.fields { throw Refusal.unchanged(measure: current.id) }
        if let other = try inForce(identity: EventHasher.identity(of: fields), excluding: current.id) {
            throw Refusal.identicalTo(measure: current.id, other: other)
        }
        var payload = fields.jsonMembers
        payload["measure"] = .int(Int(current.id))
        payload["supersedes"] = .int(Int(current.lastSeq))
        if let reason, !reason.isEmpty { payload["reason"] = .string(reason) }
        let seq = try appender.append(.measureCorrected, .object(payload))
        try projector.correctMeasure(id: current.id, fields, seq: seq)
        try projector.refreshCell(state: current.fields.state, obligation: current.fields.obligation)
        try projector.refreshCell(state: fields.state, obligation: fields.obligation)
        return seq
    }

    /// Appends `measure.retracted` for `current` and projects it; returns its sequence number.
    func retract(_ current: MeasureRecord, reason: String, appender: inout EventAppender) throws -> Int64 {
        try checkInForce(current)
        let seq = try appender.append(.measureRetracted, .object([
            "measure": .int(Int(current.id)), "supersedes": .int(Int(current.lastSeq)), "reason": .string(reason),
            "state": .string(current.fields.state), "obligation": .string(current.fields.obligation),
        ]))
        try projector.retractMeasure(id: current.id, seq: seq)
        try projector.refreshCell(state: current.fields.state, obligation: current.fields.obligation)
        return seq
    }

    /// The measure in force that says exactly what `fields` say, if any.
    func identicalInForce(_ fields: MeasureFields) throws -> Int64? {
        try inForce(identity: EventHasher.identity(of: fields))
    }

    /// Refuses a measure that was retracted.
    func checkInForce(_ current: MeasureRecord) throws {
        if let retracted = current.retractedSeq { throw Refusal.retracted(measure: current.id, by: retracted) }
    }

    /// The measure in force with this identity, other than `excluding`.
    private func inForce(identity: Data, excluding id: Int64? = nil) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT id FROM measures WHERE identity = ? AND retracted_seq IS NULL AND id IS NOT ?", arguments: [identity, id])
    }
}
