import Crypto
import Foundation
import GRDB
import LedgerModel

/// What `verify` found: the events checked and, when the ledger is not sound, the problems with
/// the first bad sequence number.
public struct VerificationReport: Sendable, Hashable {
    public let eventsChecked: Int
    public let evidenceChecked: Int
    /// The first event whose hash chain or projection does not match, when any.
    public let firstBadSeq: Int64?
    /// One sentence per problem, first problem first.
    public let problems: [String]

    public var isSound: Bool { problems.isEmpty }
}

extension Ledger {
    /// Checks the hash chain of every event, the digest of every evidence file, and that the
    /// projections say exactly what the events say. Reads only; one pass over the events.
    public func verify() throws -> VerificationReport {
        try pool.read(verifying)
    }

    /// The read of ``verify()``: one snapshot, for a synchronous or an async read.
    var verifying: @Sendable (Database) throws -> VerificationReport {
        { db in
            var check = try ProjectionCheck(db)
            // 1. The hash chain, and the projections beside it in the same pass.
            let cursor = try Row.fetchCursor(db, sql: "SELECT seq, recorded_at, actor, kind, payload, prev_hash, hash FROM events ORDER BY seq")
            var expectedSeq: Int64 = 1
            var previous = EventHasher.genesis
            var chainBroken = false
            var checked = 0
            while let row = try cursor.next() {
                checked += 1
                let seq: Int64 = row["seq"]
                if !chainBroken {
                    if seq != expectedSeq {
                        check.flag(expectedSeq, "Event \(expectedSeq) is missing: the sequence jumps from \(expectedSeq - 1) to \(seq).")
                        chainBroken = true
                    } else if (row["prev_hash"] as String) != previous {
                        check.flag(seq, "Event \(seq) does not chain to event \(seq - 1): its prev_hash is not that event's hash.")
                        chainBroken = true
                    } else if EventHasher.hash(
                        prev: previous, seq: seq, recordedAt: row["recorded_at"], actor: row["actor"], kind: row["kind"],
                        payload: row["payload"]) != (row["hash"] as String)
                    {
                        check.flag(seq, "Event \(seq) was altered: its content does not match its hash.")
                        chainBroken = true
                    }
                    previous = row["hash"]
                    expectedSeq += 1
                }
                try check.event(seq: seq, kind: row["kind"], payload: row["payload"], recordedAt: row["recorded_at"], actor: row["actor"])
            }
            try check.finish()
            // 2. Evidence files.
            var evidenceChecked = 0
            let files = try Row.fetchCursor(db, sql: "SELECT sha256, size, content FROM evidence")
            while let row = try files.next() {
                evidenceChecked += 1
                let data: Data = row["content"]
                let sha: String = row["sha256"]
                if EventHasher.sha256Hex(data) != sha || data.count != (row["size"] as Int) {
                    let seq = try Int64.fetchOne(db, sql: "SELECT min(seq) FROM events WHERE instr(payload, ?) > 0", arguments: [sha])
                    check.flag(seq, "Evidence file \(sha) was altered: its bytes no longer have that SHA-256.")
                }
            }
            return VerificationReport(
                eventsChecked: checked, evidenceChecked: evidenceChecked, firstBadSeq: check.firstBad, problems: check.problems)
        }
    }

    /// Recomputes every projection from the events; returns the number of events replayed.
    @discardableResult
    public func rebuild() throws -> Int {
        try pool.write { db in try replay(db) }
    }

    struct ReplayFailure: Error {
        let seq: Int64
        let message: String
    }

    /// Empties the projections and replays every event into them, in the current transaction.
    func replay(_ db: Database) throws -> Int {
        try db.execute(sql: """
            DELETE FROM main.measures; DELETE FROM main.assessments; DELETE FROM main.cells;
            DELETE FROM main.treaty_actions; DELETE FROM main.treaty_tables;
            """)
        let projector = try Projector(db)
        let decoder = JSONDecoder()
        var count = 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT seq, recorded_at, actor, kind, payload FROM events ORDER BY seq")
        while let row = try cursor.next() {
            count += 1
            let seq: Int64 = row["seq"]
            let kindText: String = row["kind"]
            let payload = Data((row["payload"] as String).utf8)
            guard let kind = EventKind(rawValue: kindText) else {
                throw ReplayFailure(seq: seq, message: "Event \(seq) has an unknown kind '\(kindText)'.")
            }
            do {
                switch kind {
                case .ledgerCreated, .importCompleted:
                    break
                case .measureRecorded:
                    let fields = try decoder.decode(MeasureFields.self, from: payload)
                    guard try projector.addMeasure(id: seq, fields, recordedAt: row["recorded_at"], actor: row["actor"]) else {
                        throw ReplayFailure(seq: seq, message: "Event \(seq) records a measure identical to one already in force.")
                    }
                case .measureCorrected:
                    let fields = try decoder.decode(MeasureFields.self, from: payload)
                    let reference = try decoder.decode(MeasureReference.self, from: payload)
                    try projector.correctMeasure(id: reference.measure, fields, seq: seq)
                case .measureRetracted:
                    let reference = try decoder.decode(MeasureReference.self, from: payload)
                    try projector.retractMeasure(id: reference.measure, seq: seq)
                case .assessmentRecorded:
                    let fields = try decoder.decode(AssessmentFields.self, from: payload)
                    try projector.addAssessment(seq: seq, fields, actor: row["actor"])
                case .treatyActionRecorded:
                    try projector.addTreatyAction(seq: seq, try decoder.decode(TreatyActionFields.self, from: payload), actor: row["actor"])
                case .treatyTableImported:
                    try projector.addTreatyTable(seq: seq, try decoder.decode(TreatyTablePayload.self, from: payload))
                }
            } catch let error as DecodingError {
                throw ReplayFailure(seq: seq, message: "Event \(seq) has a payload that does not decode: \(error).")
            }
        }
        try projector.refreshAllCells()
        return count
    }
}

struct MeasureReference: Decodable {
    let measure: Int64
}
