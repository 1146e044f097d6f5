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
    private let measures: Lockstep
    private let assessments: Lockstep
    private let treatyActions: Lockstep
    private let treatyTables: Lockstep
    private let externalAssessments: Lockstep
    /// Measures whose row differs from their record event (to be explained by a correction).
    private var changedContent: [Int64: String] = [:]
    /// Measures whose row has been superseded (last_seq ≠ id, or retracted).
    private var superseded: [Int64: (last: Int64, retracted: Int64?)] = [:]
    /// The latest correction of each corrected measure, and the retraction of each retracted one.
    private var corrections: [Int64: (seq: Int64, content: String)] = [:]
    private var retractions: [Int64: Int64] = [:]
    /// Every evidence file an event names, with the first event naming it.
    private(set) var evidenceNamed: [String: (seq: Int64, filename: String)] = [:]
    private let decoder = JSONDecoder()
    static let problemLimit = 20

    init(_ db: Database) throws {
        self.db = db
        measures = try Lockstep(db, table: "measures", key: "id")
        assessments = try Lockstep(db, table: "assessments", key: "seq")
        treatyActions = try Lockstep(db, table: "treaty_actions", key: "seq")
        treatyTables = try Lockstep(db, table: "treaty_tables", key: "seq")
        externalAssessments = try Lockstep(db, table: "external_assessments", key: "seq")
    }

    mutating func flag(_ seq: Int64?, _ text: String) {
        if let seq, firstBad == nil || seq < firstBad! { firstBad = seq }
        if problems.count < Self.problemLimit { problems.append(text) }
    }

    mutating func event(seq: Int64, kind: String, payload: String, recordedAt: String, actor: String) throws {
        switch EventKind(rawValue: kind) {
        case .measureRecorded:
            guard let row = try take(measures, seq, what: "measure") else { return }
            let fields = Self.fields(of: row)
            name(fields.evidence, seq: seq)
            let canonical = fields.canonicalText
            let content = canonical + Self.invalidMarker(row)
            if content != payload { changedContent[seq] = content }
            // Without evidence the canonical text is the identity text itself (as on import).
            let identityText = fields.evidence.isEmpty ? canonical : fields.identityText
            if (row["recorded_at"] as String) != recordedAt || (row["actor"] as String) != actor
                || (row["identity"] as Data) != EventHasher.identity(ofText: identityText)
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
                name(fields.evidence, seq: seq)
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
            guard let row = try take(assessments, seq, what: "assessment") else { return }
            var members: [String: JSONValue] = [
                "state": .string(row["state"]), "obligation": .string(row["obligation"]), "rating": .string(row["rating"]),
                "assessed_on": .string(row["assessed_on"]),
            ]
            if let comment = row["comment"] as String? { members["comment"] = .string(comment) }
            if JSONValue.object(members).canonicalText != payload || (row["actor"] as String) != actor {
                flag(seq, "The assessments projection disagrees with event \(seq); run `cpsledger rebuild`.")
            }
        case .treatyActionRecorded:
            guard let row = try take(treatyActions, seq, what: "treaty action") else { return }
            var members: [String: JSONValue] = [
                "state": .string(row["state"]), "treaty": .string(row["treaty"]), "action": .string(row["action"]),
                "date": .string(row["date"]),
            ]
            if let note = row["note"] as String? { members["note"] = .string(note) }
            if let source = row["source"] as String? { members["source"] = .string(source) }
            if JSONValue.object(members).canonicalText != payload || (row["actor"] as String) != actor {
                flag(seq, "The treaty_actions projection disagrees with event \(seq); run `cpsledger rebuild`.")
            }
        case .treatyTableImported:
            guard let row = try take(treatyTables, seq, what: "status table") else { return }
            let stored = TreatyTablePayload(
                treaty: row["treaty"], file: row["file"], sha256: row["sha256"], asAt: (row["as_at"] as String?).flatMap { ISODate($0) },
                source: row["source"], recorded: row["recorded"], duplicates: row["duplicates"],
                form: (row["form"] as String?).flatMap { UNTCForm(rawValue: $0) }, rows: row["row_count"],
                declaredParties: row["declared_parties"], declaredSignatories: row["declared_signatories"])
            if (try? decoder.decode(TreatyTablePayload.self, from: Data(payload.utf8))) != stored {
                flag(seq, "The treaty_tables projection disagrees with event \(seq); run `cpsledger rebuild`.")
            }
        case .externalAssessmentRecorded:
            guard let row = try take(externalAssessments, seq, what: "external assessment") else { return }
            let stored = ExternalAssessmentFields(
                state: row["state"], body: row["body"], item: row["item"], rating: ExternalRating(rawValue: row["rating"]) ?? .na,
                report: row["report"], reportMonth: row["report_month"], evaluationMonth: row["evaluation_month"], methodology: row["methodology"], file: row["file"],
                sha256: row["sha256"], source: row["source"])
            if ExternalRating(rawValue: row["rating"]) == nil || stored.canonicalText != payload || (row["actor"] as String) != actor {
                flag(seq, "The external_assessments projection disagrees with event \(seq); run `cpsledger rebuild`.")
            }
        case .roundDrafted:
            // A draft projects nothing (rounds are re-read from their events), but names its evidence files.
            if let fields = try? decoder.decode(MeasureFields.self, from: Data(payload.utf8)) { name(fields.evidence, seq: seq) }
        case .ledgerCreated, .importCompleted, .tokenCreated, .tokenRevoked, .checkpointRecorded, .referenceDataRecorded,
            .roundOpened, .roundClosed, .roundSubmitted, .roundAccepted, .roundReturned, .roundPublished:
            break
        case nil:
            flag(seq, "Event \(seq) has an unknown kind '\(kind)'.")
        }
    }

    /// Checks what only the end of the stream can tell: corrections, retractions, leftover rows, cells.
    mutating func finish() throws {
        for lockstep in [measures, assessments, treatyActions, treatyTables, externalAssessments] {
            for row in try lockstep.remaining() {
                let key: Int64 = row[lockstep.key]
                flag(key, "Row \(key) of the \(lockstep.table) projection has no event that records it; run `cpsledger rebuild`.")
            }
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
        // Cells: each cell's latest measure in force, recomputed from the measures (checked whatever
        // the measures check found: a wrong cell is named even beside a wrong measure).
        let expected = try Row.fetchAll(db, sql: """
            SELECT state, obligation, id AS measure_id, last_seq AS version_seq, status, effective_date, test_data FROM (
              SELECT id, state, obligation, status, effective_date, last_seq, \(Projector.testData) AS test_data,
                     ROW_NUMBER() OVER (PARTITION BY state, obligation ORDER BY effective_date DESC, id DESC) AS rank
              FROM measures WHERE retracted_seq IS NULL)
            WHERE rank = 1 ORDER BY state, obligation
            """)
        let stored = try Row.fetchAll(db, sql: "SELECT state, obligation, measure_id, version_seq, status, effective_date, test_data FROM cells ORDER BY state, obligation")
        if expected != stored {
            let expectedSet = Set(expected), storedSet = Set(stored)
            for row in expectedSet.symmetricDifference(storedSet).sorted(by: { ($0["measure_id"] as Int64) < ($1["measure_id"] as Int64) }).prefix(5) {
                let last = try Int64.fetchOne(db, sql: "SELECT last_seq FROM measures WHERE id = ?", arguments: [row["measure_id"] as Int64])
                flag(last ?? (row["measure_id"] as Int64), "The current status of \(row["state"] as String) × \(row["obligation"] as String) disagrees with its measures; run `cpsledger rebuild`.")
            }
        }
    }

    private mutating func name(_ evidence: [EvidenceLink], seq: Int64) {
        for link in evidence where evidenceNamed[link.sha256] == nil { evidenceNamed[link.sha256] = (seq, link.filename) }
    }

    /// The projection row made by event `seq`, flagging rows no event explains and a missing row.
    private mutating func take(_ lockstep: Lockstep, _ seq: Int64, what: String) throws -> Row? {
        let (row, orphans) = try lockstep.take(seq)
        for orphan in orphans {
            flag(orphan, "Row \(orphan) of the \(lockstep.table) projection has no event that records it; run `cpsledger rebuild`.")
        }
        if row == nil {
            flag(seq, "Event \(seq) records a \(what) that the \(lockstep.table) projection lacks; run `cpsledger rebuild`.")
        }
        return row
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
    static func content(of row: Row) -> String { fields(of: row).canonicalText + invalidMarker(row) }

    /// Marks a row whose status, date or kind is not a valid value (which `fields(of:)` had to replace).
    static func invalidMarker(_ row: Row) -> String {
        ImplementationStatus(rawValue: row["status"]) == nil || ISODate(row["effective_date"] as String) == nil
            || ((row["kind"] as String?) != nil && MeasureKind(rawValue: row["kind"]) == nil) ? "!invalid" : ""
    }
}
