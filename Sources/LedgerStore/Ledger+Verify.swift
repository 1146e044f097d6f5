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
    /// projections equal what the events give when replayed. Writes nothing.
    public func verify() throws -> VerificationReport {
        var problems: [String] = []
        var firstBad: Int64?
        func flag(_ seq: Int64?, _ text: String) {
            if let seq, firstBad == nil || seq < firstBad! { firstBad = seq }
            problems.append(text)
        }
        var checked = 0
        var evidenceChecked = 0
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                // 1. The hash chain.
                let cursor = try Row.fetchCursor(db, sql: "SELECT seq, recorded_at, actor, kind, payload, prev_hash, hash FROM events ORDER BY seq")
                var expectedSeq: Int64 = 1
                var previous = EventHasher.genesis
                while let row = try cursor.next() {
                    checked += 1
                    let seq: Int64 = row["seq"]
                    let hash: String = row["hash"]
                    if seq != expectedSeq {
                        flag(expectedSeq, "Event \(expectedSeq) is missing: the sequence jumps from \(expectedSeq - 1) to \(seq).")
                        break
                    }
                    if (row["prev_hash"] as String) != previous {
                        flag(seq, "Event \(seq) does not chain to event \(seq - 1): its prev_hash is not that event's hash.")
                        break
                    }
                    let computed = EventHasher.hash(
                        prev: previous, seq: seq, recordedAt: row["recorded_at"], actor: row["actor"], kind: row["kind"],
                        payload: row["payload"])
                    if computed != hash {
                        flag(seq, "Event \(seq) was altered: its content does not match its hash.")
                        break
                    }
                    previous = hash
                    expectedSeq += 1
                }
                // 2. Evidence files.
                let files = try Row.fetchCursor(db, sql: "SELECT sha256, size, content FROM evidence")
                while let row = try files.next() {
                    evidenceChecked += 1
                    let data: Data = row["content"]
                    let sha: String = row["sha256"]
                    if EventHasher.sha256Hex(data) != sha || data.count != (row["size"] as Int) {
                        let seq = try Int64.fetchOne(db, sql: "SELECT min(seq) FROM events WHERE payload LIKE ?", arguments: ["%" + sha + "%"])
                        flag(seq, "Evidence file \(sha) was altered: its bytes no longer have that SHA-256.")
                    }
                }
                // 3. Projections against a replay of the events.
                for table in ["measures", "assessments", "cells"] {
                    try db.execute(sql: "CREATE TEMP TABLE stored_\(table) AS SELECT * FROM main.\(table)")
                }
                do {
                    _ = try replay(db)
                } catch let error as ReplayFailure {
                    flag(error.seq, error.message)
                }
                let measureDiff = try Int64.fetchAll(db, sql: """
                    SELECT id FROM (SELECT * FROM stored_measures EXCEPT SELECT * FROM main.measures)
                    UNION
                    SELECT id FROM (SELECT * FROM main.measures EXCEPT SELECT * FROM stored_measures)
                    ORDER BY id LIMIT 10
                    """)
                for id in measureDiff {
                    let last = try Int64.fetchOne(db, sql: "SELECT max(last_seq) FROM (SELECT last_seq FROM main.measures WHERE id = ? UNION ALL SELECT last_seq FROM stored_measures WHERE id = ?)", arguments: [id, id]) ?? id
                    flag(last, "The measures projection disagrees with the events for measure \(id) (last event \(last)); run `cpsledger rebuild`.")
                }
                let assessmentDiff = try Int64.fetchAll(db, sql: """
                    SELECT seq FROM (SELECT * FROM stored_assessments EXCEPT SELECT * FROM main.assessments)
                    UNION
                    SELECT seq FROM (SELECT * FROM main.assessments EXCEPT SELECT * FROM stored_assessments)
                    ORDER BY seq LIMIT 10
                    """)
                for seq in assessmentDiff {
                    flag(seq, "The assessments projection disagrees with event \(seq); run `cpsledger rebuild`.")
                }
                let cellDiff = try Row.fetchAll(db, sql: """
                    SELECT state, obligation, measure_id FROM (SELECT * FROM stored_cells EXCEPT SELECT * FROM main.cells)
                    UNION
                    SELECT state, obligation, measure_id FROM (SELECT * FROM main.cells EXCEPT SELECT * FROM stored_cells)
                    ORDER BY state, obligation LIMIT 10
                    """)
                for row in cellDiff {
                    let id: Int64 = row["measure_id"]
                    flag(id, "The current status of \(row["state"] as String) × \(row["obligation"] as String) disagrees with the events; run `cpsledger rebuild`.")
                }
                return .rollback
            }
        }
        return VerificationReport(eventsChecked: checked, evidenceChecked: evidenceChecked, firstBadSeq: firstBad, problems: problems)
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
        try db.execute(sql: "DELETE FROM main.measures; DELETE FROM main.assessments; DELETE FROM main.cells;")
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
