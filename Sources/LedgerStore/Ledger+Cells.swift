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
            // `cells` holds each cell's latest measure in force; it answers for any date on or after
            // the latest effective date among them.
            let current = try Row.fetchAll(db, sql: "SELECT state, obligation, measure_id, status, effective_date FROM cells")
            let latest = current.map { $0["effective_date"] as String }.max()
            guard let asOf, let latest, asOf.description < latest else { return current.map(Self.cell) }
            // Otherwise one index seek per cell into the covering index of measures in force.
            let seek = try db.makeStatement(sql: """
                SELECT state, obligation, id AS measure_id, status, effective_date FROM measures
                WHERE state = ? AND obligation = ? AND effective_date <= ? AND retracted_seq IS NULL
                ORDER BY effective_date DESC, id DESC LIMIT 1
                """)
            let date = asOf.description
            var cells: [CellRecord] = []
            for row in current {
                if (row["effective_date"] as String) <= date {
                    cells.append(Self.cell(row))
                } else if let found = try Row.fetchOne(seek, arguments: [row["state"] as String, row["obligation"] as String, date]) {
                    cells.append(Self.cell(found))
                }
            }
            return cells
        }
    }

    static func cell(_ row: Row) -> CellRecord {
        CellRecord(
            state: row["state"], obligation: row["obligation"],
            status: ImplementationStatus(rawValue: row["status"]) ?? .noMeasures,
            effectiveDate: ISODate(row["effective_date"] as String)!, measureID: row["measure_id"])
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
