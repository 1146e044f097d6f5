import Crypto
import Foundation
import GRDB
import LedgerModel

extension Ledger {
    /// Records a new measure with its evidence files. An identical measure already in force
    /// (same State, obligation, status, effective date, title, kind, source, note, justification)
    /// is not recorded twice.
    public func recordMeasure(_ fields: MeasureFields, evidence: [EvidenceFile] = [], actor: String) throws -> RecordOutcome {
        try write(recordingMeasure(fields, evidence: evidence, actor: actor))
    }

    /// The transaction of ``recordMeasure(_:evidence:actor:)``, for a synchronous or an async write.
    func recordingMeasure(_ fields: MeasureFields, evidence: [EvidenceFile], actor: String) -> @Sendable (Database) throws -> RecordOutcome {
        { [clock] db in
            let writer = try MeasureWriter(db)
            // Checked before the evidence is stored: a duplicate writes nothing at all.
            if let existing = try writer.identicalInForce(fields) { return .duplicate(of: existing) }
            var fields = fields
            fields.evidence = try Self.store(evidence, db)
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return .recorded(seq: try Self.directly { try writer.record(fields, appender: &appender) })
        }
    }

    /// Records a new version of measure `seq` (its record event or any later correction):
    /// `changes` maps field names to new text; fields not named keep their value.
    /// Returns the sequence number of the correction event.
    ///
    /// With `onlyState` (a focal point's State), the measure's State as it stands inside the write
    /// transaction, and its State after the correction, must both be that State, or
    /// ``LedgerError/outsideState(measure:state:allowed:)`` is thrown and nothing is written: a
    /// concurrent correction that moved the measure cannot slip past the check.
    public func correctMeasure(
        _ seq: Int64, changes: [String: String], addEvidence: [EvidenceFile] = [], reason: String?, actor: String,
        onlyState: String? = nil
    ) throws -> Int64 {
        try Self.check(reason, field: "reason", rule: .freeText)
        return try write(correctingMeasure(seq, changes: changes, addEvidence: addEvidence, reason: reason, actor: actor, onlyState: onlyState))
    }

    /// The transaction of ``correctMeasure(_:changes:addEvidence:reason:actor:onlyState:)``.
    func correctingMeasure(
        _ seq: Int64, changes: [String: String], addEvidence: [EvidenceFile], reason: String?, actor: String, onlyState: String?
    ) -> @Sendable (Database) throws -> Int64 {
        { [self] db in
            let current = try Self.measure(resolving: seq, db)
            try Self.checkState(current.fields.state, of: current.id, onlyState)
            let writer = try MeasureWriter(db)
            try Self.directly { try writer.checkInForce(current) }
            var raw = Self.rawFields(current.fields)
            for (field, value) in changes { raw[field] = value }
            var fields: MeasureFields
            do throws(ValidationFailure) { fields = try MeasureFields.validate(raw, catalogue: catalogue, states: states) } catch {
                throw LedgerError.invalid(error)
            }
            try Self.checkState(fields.state, of: current.id, onlyState)
            fields.evidence = current.fields.evidence
            for link in try Self.store(addEvidence, db) where !fields.evidence.contains(where: { $0.sha256 == link.sha256 }) {
                fields.evidence.append(link)
            }
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return try Self.directly { try writer.correct(current, to: fields, reason: reason, appender: &appender) }
        }
    }

    /// Retracts measure `seq` (its record event or a correction): it stops counting from this event on.
    /// Returns the sequence number of the retraction event. With `onlyState`, the measure's State is
    /// checked inside the write transaction, as in ``correctMeasure(_:changes:addEvidence:reason:actor:onlyState:)``.
    public func retractMeasure(_ seq: Int64, reason: String, actor: String, onlyState: String? = nil) throws -> Int64 {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw LedgerError.missingReason("retraction") }
        try Self.check(reason, field: "reason", rule: .freeText)
        return try write(retractingMeasure(seq, reason: reason, actor: actor, onlyState: onlyState))
    }

    /// The transaction of ``retractMeasure(_:reason:actor:onlyState:)``, with the reason already trimmed and checked.
    func retractingMeasure(_ seq: Int64, reason: String, actor: String, onlyState: String?) -> @Sendable (Database) throws -> Int64 {
        { [clock] db in
            let current = try Self.measure(resolving: seq, db)
            try Self.checkState(current.fields.state, of: current.id, onlyState)
            let writer = try MeasureWriter(db)
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return try Self.directly { try writer.retract(current, reason: reason, appender: &appender) }
        }
    }

    /// Records a reviewer's assessment; returns its sequence number.
    public func recordAssessment(_ fields: AssessmentFields, actor: String) throws -> Int64 {
        try write(recordingAssessment(fields, actor: actor))
    }

    /// The transaction of ``recordAssessment(_:actor:)``.
    func recordingAssessment(_ fields: AssessmentFields, actor: String) -> @Sendable (Database) throws -> Int64 {
        { [clock] db in
            var appender = try EventAppender(db, actor: actor, clock: clock)
            let seq = try appender.append(.assessmentRecorded, .object(fields.jsonMembers))
            try Projector(db).addAssessment(seq: seq, fields, actor: actor)
            return seq
        }
    }

    /// Measures, filtered by State and obligation, in force on `asOf` when given (effective on or
    /// before it); retracted ones only when asked.
    public func measures(
        state: String? = nil, obligation: String? = nil, asOf: ISODate? = nil, includeRetracted: Bool = false
    ) throws -> [MeasureRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let state { conditions.append("m.state = ?"); arguments += [state] }
        if let obligation { conditions.append("m.obligation = ?"); arguments += [obligation] }
        if let asOf { conditions.append("m.effective_date <= ?"); arguments += [asOf.description] }
        if !includeRetracted { conditions.append("m.retracted_seq IS NULL") }
        let clause = (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY m.state, m.obligation, m.effective_date, m.id"
        return try pool.read { db in try MeasureRow.fetchAll(db, clause, arguments: arguments).map { try $0.record() } }
    }

    /// Visits every measure in force, in id order, without loading them all (for export).
    public func forEachMeasure(_ body: (MeasureRecord) throws -> Void) throws {
        try pool.read { db in
            let cursor = try Row.fetchCursor(
                db, sql: MeasureRow.select + " WHERE m.retracted_seq IS NULL ORDER BY m.id")
            while let row = try cursor.next() { try body(MeasureRow(positional: row).record()) }
        }
    }

    /// Every event about one cell, oldest first: its measures' records, corrections and
    /// retractions, its assessments, and the outside ratings of the items the crosswalk links to it.
    /// A measure belongs to every cell its record or one of its corrections named. Index lookups
    /// only: the measures in force of the cell, measure_changes, assessments, external_assessments.
    public func history(state: String, obligation: String) throws -> [LedgerEvent] {
        let items = try Self.fatfCrosswalk().links(to: obligation).map(\.item)
        // The crosswalk's items for this obligation, bound as arguments (none: the clause matches nothing).
        let itemsJSON = JSONValue.array(items.map { .string($0) }).canonicalText
        return try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    WITH cell_measures (id) AS (
                      SELECT id FROM measures WHERE state = :state AND obligation = :obligation AND retracted_seq IS NULL
                      UNION SELECT measure FROM measure_changes WHERE state = :state AND obligation = :obligation
                      UNION SELECT measure FROM measure_changes WHERE from_state = :state AND from_obligation = :obligation)
                    SELECT \(Self.eventColumns) FROM events WHERE seq IN (
                      SELECT id FROM cell_measures
                      UNION SELECT seq FROM measure_changes WHERE measure IN (SELECT id FROM cell_measures)
                      UNION SELECT seq FROM assessments WHERE state = :state AND obligation = :obligation
                      UNION SELECT seq FROM external_assessments
                        WHERE state = :state AND body = 'FATF' AND item IN (SELECT value FROM json_each(:items)))
                    ORDER BY seq
                    """,
                arguments: ["state": state, "obligation": obligation, "items": itemsJSON]
            ).map(Self.event)
        }
    }

    /// The content of an evidence file, by its SHA-256.
    public func evidenceContent(sha256: String) throws -> [UInt8]? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT content FROM evidence WHERE sha256 = ?", arguments: [sha256]).map { row in
                let data: Data = row["content"]
                return [UInt8](data)
            }
        }
    }

    // MARK: - Helpers

    /// Runs a ``MeasureWriter`` step of a direct write, wording its refusal as the ledger error a direct write throws.
    static func directly<T>(_ step: () throws -> T) throws -> T {
        do {
            return try step()
        } catch let refusal as MeasureWriter.Refusal {
            switch refusal {
            case .identicalInForce(let existing), .unchanged(let existing), .identicalTo(_, let existing):
                throw LedgerError.duplicateMeasure(existing: existing)
            case .retracted(let measure, let by):
                throw LedgerError.alreadyRetracted(measure: measure, retraction: by)
            }
        }
    }

    static func checkState(_ state: String, of measure: Int64, _ allowed: String?) throws {
        if let allowed, state != allowed { throw LedgerError.outsideState(measure: measure, state: state, allowed: allowed) }
    }

    static func store(_ files: [EvidenceFile], _ db: Database) throws -> [EvidenceLink] {
        try files.map { file in
            try check(file.filename, field: "evidence", rule: .name)
            let sha = EventHasher.hex(SHA256.hash(data: file.content))
            try db.execute(
                sql: "INSERT OR IGNORE INTO evidence (sha256, size, content) VALUES (?, ?, ?)",
                arguments: [sha, file.content.count, Data(file.content)])
            return EvidenceLink(sha256: sha, filename: file.filename, size: file.content.count, documentDate: file.documentDate)
        }
    }

    static func measure(resolving seq: Int64, _ db: Database) throws -> MeasureRecord {
        if let measure = try MeasureRow.fetchOne(db, id: seq) {
            return try measure.record()
        }
        // A correction or retraction names its measure in its payload.
        let kinds = [EventKind.measureCorrected.rawValue, EventKind.measureRetracted.rawValue]
        if let id = try Int64.fetchOne(db, SQLRequest<Int64>("SELECT json_extract(payload, '$.measure') FROM events WHERE seq = \(seq) AND kind IN \(kinds)")),
            let measure = try MeasureRow.fetchOne(db, id: id)
        {
            return try measure.record()
        }
        throw LedgerError.unknownMeasure(seq: seq)
    }

    /// The measure a sequence number names, or nil when it names none; any other error (a bad stored value) is thrown.
    static func measureIfAny(resolving seq: Int64, _ db: Database) throws -> MeasureRecord? {
        do {
            return try measure(resolving: seq, db)
        } catch LedgerError.unknownMeasure {
            return nil
        }
    }

    /// An event from a row of ``eventColumns``.
    static func event(_ row: Row) -> LedgerEvent {
        let prev = row["prev_hash"] as DatabaseValue
        return LedgerEvent(
            seq: row["seq"], recordedAt: row["recorded_at"], actor: row["actor"], kind: row["kind"], payload: row["payload"],
            prevHash: prev.isNull ? EventHasher.genesis : EventHasher.hex(stored: prev), hash: EventHasher.hex(stored: row["hash"]))
    }

    /// The columns ``event(_:)`` reads, for a query `FROM events`: the stored hash, and the hash of
    /// the event before as prev_hash (or the one an old ledger held that did not chain, kept by migration v0011).
    static let eventColumns = """
        seq, recorded_at, actor, kind, payload, hash,
        coalesce((SELECT u.prev_hash FROM events_unchained u WHERE u.seq = events.seq),
                 (SELECT p.hash FROM events p WHERE p.seq = events.seq - 1)) AS prev_hash
        """

    /// A measure's fields as the raw text a validator takes.
    static func rawFields(_ fields: MeasureFields) -> [String: String] {
        var raw = [
            "state": fields.state, "obligation": fields.obligation, "status": fields.status.rawValue,
            "effective_date": fields.effectiveDate.description,
        ]
        raw["title"] = fields.title
        raw["kind"] = fields.kind?.rawValue
        raw["source"] = fields.source
        raw["note"] = fields.note
        raw["justification"] = fields.justification
        return raw
    }
}
