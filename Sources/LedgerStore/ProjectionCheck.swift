import Foundation
import GRDB
import LedgerModel

/// Checks the projection tables against the events while `verify` streams them, without writing:
/// the measures and assessments tables are walked in step with the events that made them, and
/// the cells are recomputed from the measures.
struct ProjectionCheck {
    private let db: Database
    private(set) var problems: [String] = []
    private(set) var firstBad: Int64?
    private let measures: RowCursor
    private let assessments: RowCursor
    private var pendingMeasure: Row?
    private var pendingAssessment: Row?
    /// Measures whose row differs from their record event (to be explained by a correction).
    private var changedContent: [Int64: String] = [:]
    /// Measures whose row has been superseded (last_seq ≠ id, or retracted).
    private var superseded: [Int64: (last: Int64, retracted: Int64?)] = [:]
    /// The latest correction of each corrected measure, and the retraction of each retracted one.
    private var corrections: [Int64: (seq: Int64, content: String)] = [:]
    private var retractions: [Int64: Int64] = [:]
    private let decoder = JSONDecoder()
    static let problemLimit = 20

    init(_ db: Database) {
        self.db = db
        measures = try! Row.fetchCursor(db, sql: "SELECT * FROM measures ORDER BY id")
        assessments = try! Row.fetchCursor(db, sql: "SELECT * FROM assessments ORDER BY seq")
    }

    mutating func flag(_ seq: Int64?, _ text: String) {
        if let seq, firstBad == nil || seq < firstBad! { firstBad = seq }
        if problems.count < Self.problemLimit { problems.append(text) }
    }

    mutating func event(seq: Int64, kind: String, payload: String, recordedAt: String, actor: String) throws {
        switch EventKind(rawValue: kind) {
        case .measureRecorded:
            guard let row = try nextMeasure(upTo: seq), (row["id"] as Int64) == seq else {
                flag(seq, "Event \(seq) records a measure that the measures projection lacks; run `cpsledger rebuild`.")
                return
            }
            pendingMeasure = nil
            let content = Self.content(of: row)
            if content != payload { changedContent[seq] = content }
            if (row["recorded_at"] as String) != recordedAt || (row["actor"] as String) != actor
                || (row["identity"] as Data) != EventHasher.identity(ofText: Self.identityText(of: row))
            {
                flag(seq, "The measures projection disagrees with event \(seq) (time, actor or identity); run `cpsledger rebuild`.")
            }
            let last: Int64 = row["last_seq"], retracted: Int64? = row["retracted_seq"]
            if last != seq || retracted != nil { superseded[seq] = (last, retracted) }
        case .measureCorrected:
            do {
                let reference = try decoder.decode(MeasureReference.self, from: Data(payload.utf8))
                let fields = try decoder.decode(MeasureFields.self, from: Data(payload.utf8))
                corrections[reference.measure] = (seq, fields.canonicalText)
            } catch {
                flag(seq, "Event \(seq) is a correction whose payload does not decode.")
            }
        case .measureRetracted:
            guard let reference = try? decoder.decode(MeasureReference.self, from: Data(payload.utf8)) else {
                flag(seq, "Event \(seq) is a retraction whose payload does not decode.")
                return
            }
            retractions[reference.measure] = seq
        case .assessmentRecorded:
            guard let row = try nextAssessment(upTo: seq), (row["seq"] as Int64) == seq else {
                flag(seq, "Event \(seq) records an assessment that the assessments projection lacks; run `cpsledger rebuild`.")
                return
            }
            pendingAssessment = nil
            var members: [String: JSONValue] = [
                "state": .string(row["state"]), "obligation": .string(row["obligation"]), "rating": .string(row["rating"]),
                "assessed_on": .string(row["assessed_on"]),
            ]
            if let comment = row["comment"] as String? { members["comment"] = .string(comment) }
            if JSONValue.object(members).canonicalText != payload || (row["actor"] as String) != actor {
                flag(seq, "The assessments projection disagrees with event \(seq); run `cpsledger rebuild`.")
            }
        case .ledgerCreated, .importCompleted:
            break
        case nil:
            flag(seq, "Event \(seq) has an unknown kind '\(kind)'.")
        }
    }

    /// Checks what only the end of the stream can tell: corrections, retractions, leftover rows, cells.
    mutating func finish() throws {
        while let row = try nextMeasure(upTo: .max) {
            pendingMeasure = nil
            let id: Int64 = row["id"]
            flag(row["last_seq"] as Int64, "Measure \(id) in the measures projection has no event that records it; run `cpsledger rebuild`.")
        }
        while let row = try nextAssessment(upTo: .max) {
            pendingAssessment = nil
            flag(row["seq"] as Int64, "Assessment \(row["seq"] as Int64) has no event that records it; run `cpsledger rebuild`.")
        }
        for (id, correction) in corrections.sorted(by: { $0.key < $1.key }) {
            let row = try Row.fetchOne(db, sql: "SELECT * FROM measures WHERE id = ?", arguments: [id])
            if row.map(Self.content) != correction.content {
                flag(correction.seq, "Measure \(id) does not show its correction \(correction.seq); run `cpsledger rebuild`.")
            }
            changedContent[id] = nil
        }
        for (id, _) in changedContent.sorted(by: { $0.key < $1.key }) {
            flag(id, "The measures projection disagrees with event \(id) for measure \(id); run `cpsledger rebuild`.")
        }
        let touched = Set(corrections.keys).union(retractions.keys).union(superseded.keys)
        for id in touched.sorted() {
            let expectedRetraction = retractions[id]
            let expectedLast = max(id, corrections[id]?.seq ?? id, expectedRetraction ?? id)
            let actual = superseded[id] ?? (id, nil)
            if actual.last != expectedLast || actual.retracted != expectedRetraction {
                flag(expectedLast, "Measure \(id) does not show its latest event \(expectedLast) (correction or retraction); run `cpsledger rebuild`.")
            }
        }
        // Cells: each cell's latest measure in force, recomputed from the measures. A wrong measure
        // makes wrong cells; only name the cells when the measures themselves are right.
        guard problems.isEmpty else { return }
        let expected = try Row.fetchAll(db, sql: """
            SELECT state, obligation, id AS measure_id, status, effective_date FROM (
              SELECT id, state, obligation, status, effective_date,
                     ROW_NUMBER() OVER (PARTITION BY state, obligation ORDER BY effective_date DESC, id DESC) AS rank
              FROM measures WHERE retracted_seq IS NULL)
            WHERE rank = 1 ORDER BY state, obligation
            """)
        let stored = try Row.fetchAll(db, sql: "SELECT state, obligation, measure_id, status, effective_date FROM cells ORDER BY state, obligation")
        if expected != stored {
            let expectedSet = Set(expected), storedSet = Set(stored)
            for row in expectedSet.symmetricDifference(storedSet).sorted(by: { ($0["measure_id"] as Int64) < ($1["measure_id"] as Int64) }).prefix(5) {
                let last = try Int64.fetchOne(db, sql: "SELECT last_seq FROM measures WHERE id = ?", arguments: [row["measure_id"] as Int64])
                flag(last ?? (row["measure_id"] as Int64), "The current status of \(row["state"] as String) × \(row["obligation"] as String) disagrees with its measures; run `cpsledger rebuild`.")
            }
        }
    }

    /// The next measures row, unless its id is past `seq` (then it waits for a later event).
    private mutating func nextMeasure(upTo seq: Int64) throws -> Row? {
        while true {
            if pendingMeasure == nil { pendingMeasure = try measures.next().map { $0.copy() } }
            guard let row = pendingMeasure else { return nil }
            let id: Int64 = row["id"]
            if id >= seq || seq == .max { return id <= seq ? row : nil }
            // A row no event explains.
            pendingMeasure = nil
            flag(row["last_seq"] as Int64, "Measure \(id) in the measures projection has no event that records it; run `cpsledger rebuild`.")
        }
    }

    private mutating func nextAssessment(upTo seq: Int64) throws -> Row? {
        while true {
            if pendingAssessment == nil { pendingAssessment = try assessments.next().map { $0.copy() } }
            guard let row = pendingAssessment else { return nil }
            let id: Int64 = row["seq"]
            if id >= seq || seq == .max { return id <= seq ? row : nil }
            pendingAssessment = nil
            flag(id, "Assessment \(id) has no event that records it; run `cpsledger rebuild`.")
        }
    }

    static func fields(of row: Row) -> MeasureFields {
        let evidenceText: String = row["evidence"]
        let evidence = evidenceText == "[]" ? [] : (try? JSONDecoder().decode([EvidenceLink].self, from: Data(evidenceText.utf8))) ?? []
        return MeasureFields(
            state: row["state"], obligation: row["obligation"],
            status: ImplementationStatus(rawValue: row["status"]) ?? .noMeasures,
            effectiveDate: ISODate(row["effective_date"] as String) ?? ISODate(year: 1, month: 1, day: 1)!,
            title: row["title"], kind: (row["kind"] as String?).flatMap(MeasureKind.init(rawValue:)), source: row["source"],
            note: row["note"], justification: row["justification"], evidence: evidence)
    }

    /// The canonical text of a row's content; an unknown status or kind in the row shows as such.
    static func content(of row: Row) -> String {
        var text = fields(of: row).canonicalText
        if ImplementationStatus(rawValue: row["status"]) == nil || ISODate(row["effective_date"] as String) == nil
            || ((row["kind"] as String?) != nil && MeasureKind(rawValue: row["kind"]) == nil)
        {
            text += "!invalid"
        }
        return text
    }

    static func identityText(of row: Row) -> String { fields(of: row).identityText }
}
