import GRDB
import LedgerModel

/// The self-reported status of one (State, obligation) cell as of a date: the measure in force with
/// the latest effective date (ties: the latest recorded).
public struct CellRecord: Sendable, Hashable {
    public let state: String
    public let obligation: String
    public let status: ImplementationStatus
    public let effectiveDate: ISODate
    /// The measure that gives the status.
    public let measureID: Int64
}

/// A reviewer's rating as the ledger holds it.
public struct AssessmentRecord: Sendable, Hashable {
    public let seq: Int64
    public let fields: AssessmentFields
    public let actor: String
}

extension Ledger {
    /// The status of every cell that has a measure in force on `asOf` (today's state of the ledger
    /// when nil). Cells absent from the result are `not_reported`.
    public func cellStatuses(asOf: ISODate? = nil) throws -> [CellRecord] {
        try pool.read { db in
            let latest = try String.fetchOne(db, sql: "SELECT max(effective_date) FROM measures WHERE retracted_seq IS NULL")
            let rows: [Row]
            if let asOf, let latest, asOf.description < latest {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT state, obligation, id AS measure_id, status, effective_date,
                               max(effective_date || printf('%012d', id)) AS rank_key
                        FROM measures
                        WHERE retracted_seq IS NULL AND effective_date <= ?
                        GROUP BY state, obligation
                        """,
                    arguments: [asOf.description])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT state, obligation, measure_id, status, effective_date FROM cells")
            }
            return rows.map { row in
                CellRecord(
                    state: row["state"], obligation: row["obligation"],
                    status: ImplementationStatus(rawValue: row["status"]) ?? .noMeasures,
                    effectiveDate: ISODate(row["effective_date"] as String)!, measureID: row["measure_id"])
            }
        }
    }

    /// The latest assessment of every assessed cell, counting only assessments dated on or before `asOf`.
    public func latestAssessments(asOf: ISODate? = nil) throws -> [AssessmentRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, state, obligation, rating, comment, assessed_on, actor,
                           max(assessed_on || printf('%012d', seq)) AS rank_key
                    FROM assessments WHERE assessed_on <= ?
                    GROUP BY state, obligation
                    """,
                arguments: [(asOf?.description ?? "9999-12-31")]
            ).map { row in
                AssessmentRecord(
                    seq: row["seq"],
                    fields: AssessmentFields(
                        state: row["state"], obligation: row["obligation"],
                        rating: AssessmentRating(rawValue: row["rating"]) ?? .nonCompliant, comment: row["comment"],
                        assessedOn: ISODate(row["assessed_on"] as String)!),
                    actor: row["actor"])
            }
        }
    }
}
