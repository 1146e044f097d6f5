import Foundation
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
    /// The event holding that measure's content as counted (its record or latest correction).
    public let versionSeq: Int64
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
    public func cellStatuses(asOf: ISODate? = nil, knownAt: KnownAt? = nil) throws -> [CellRecord] {
        if let knownAt { return try cellStatuses(asOf: asOf, knownAt: knownAt) }
        return try pool.read { db in
            // `cells` holds each cell's latest measure in force; it answers for any date on or after
            // the latest effective date among them. Columns are read by position (``CellRow/init(positional:table:keyColumn:)``):
            // by name, GRDB compares lowercased names for every value, a tenth of a summary's time.
            let current = try Row.fetchAll(db, sql: "SELECT \(CellRow.positionalColumns) FROM cells")
                .map { try CellRow(positional: $0).record }
            let latest = current.map(\.effectiveDate).max()
            guard let asOf, let latest, asOf < latest else { return current }
            // Otherwise one statement per cell into the index of measures in force: the latest
            // effective date on or before the date, then the latest measure of that date (ordering by
            // date and id sorted every measure of the cell, since the index has the status between
            // the two; measured on a million measures, this form costs about the same, see README).
            let seek = try db.makeStatement(sql: """
                SELECT state, obligation, id AS measure_id, last_seq AS version_seq, status, effective_date FROM measures
                WHERE state = ? AND obligation = ? AND retracted_seq IS NULL AND effective_date = (
                  SELECT max(effective_date) FROM measures
                  WHERE state = ? AND obligation = ? AND effective_date <= ? AND retracted_seq IS NULL)
                ORDER BY id DESC LIMIT 1
                """)
            var cells: [CellRecord] = []
            for cell in current {
                if cell.effectiveDate <= asOf {
                    cells.append(cell)
                } else if let found = try Row.fetchOne(seek, arguments: [cell.state, cell.obligation, cell.state, cell.obligation, asOf]) {
                    cells.append(try CellRow(positional: found, table: MeasureRow.databaseTableName, keyColumn: "measure_id").record)
                }
            }
            return cells
        }
    }

    /// The statuses as the ledger knew them at `knownAt`: measures recorded by then, in their latest
    /// version by then, less those retracted by then; replayed from the events.
    private func cellStatuses(asOf: ISODate?, knownAt: KnownAt) throws -> [CellRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                SQLRequest<Row>("""
                    WITH ev AS (
                      SELECT seq, kind, CASE kind WHEN 'measure.recorded' THEN seq ELSE json_extract(payload, '$.measure') END AS id
                      FROM events
                      WHERE recorded_at <= \(knownAt.timestamp) AND kind IN ('measure.recorded', 'measure.corrected', 'measure.retracted')),
                    version AS (SELECT id, max(seq) AS seq FROM ev WHERE kind <> 'measure.retracted' GROUP BY id),
                    retracted AS (SELECT DISTINCT id FROM ev WHERE kind = 'measure.retracted'),
                    known AS (
                      SELECT v.id, v.seq AS version_seq, json_extract(e.payload, '$.state') AS state,
                             json_extract(e.payload, '$.obligation') AS obligation, json_extract(e.payload, '$.status') AS status,
                             json_extract(e.payload, '$.effective_date') AS effective_date
                      FROM version v JOIN events e ON e.seq = v.seq
                      WHERE v.id NOT IN (SELECT id FROM retracted))
                    SELECT state, obligation, id AS measure_id, status, effective_date, version_seq FROM (
                      SELECT *, ROW_NUMBER() OVER (PARTITION BY state, obligation ORDER BY effective_date DESC, id DESC) AS rank
                      FROM known WHERE effective_date <= \(asOf?.description ?? "9999-12-31"))
                    WHERE rank = 1
                    """)
            ).map { try CellRow(checking: $0, table: "events", keyColumns: ["version_seq"]).record }
        }
    }

    /// The content of measures as given by the events that hold them (a record or a correction), by event.
    public func measureContents(versions: [Int64]) throws -> [Int64: MeasureFields] {
        guard !versions.isEmpty else { return [:] }
        return try pool.read { db in
            var result: [Int64: MeasureFields] = [:]
            let decoder = JSONDecoder()
            for chunk in stride(from: 0, to: versions.count, by: 500).map({ Array(versions[$0..<min($0 + 500, versions.count)]) }) {
                let rows = try Row.fetchAll(db, SQLRequest<Row>("SELECT seq, payload FROM events WHERE seq IN \(chunk)"))
                for row in rows {
                    result[row["seq"]] = try decoder.decode(MeasureFields.self, from: Data((row["payload"] as String).utf8))
                }
            }
            return result
        }
    }

    /// The latest assessment of every assessed cell, counting only assessments dated on or before `asOf`.
    public func latestAssessments(asOf: ISODate? = nil, knownAt: KnownAt? = nil) throws -> [AssessmentRecord] {
        try pool.read { db in
            try AssessmentRow.fetchAllChecked(db, SQLRequest<Row>("""
                SELECT seq, state, obligation, rating, comment, assessed_on, actor,
                       max(assessed_on || printf('%012d', seq)) AS rank_key
                FROM assessments
                WHERE assessed_on <= \(asOf?.description ?? "9999-12-31")
                  \(Self.knownFilter(knownAt, kind: .assessmentRecorded, prefix: "AND"))
                GROUP BY state, obligation
                """)).map(\.record)
        }
    }

    /// The SQL condition that keeps the rows whose event was recorded by `knownAt` (nothing when nil).
    static func knownFilter(_ knownAt: KnownAt?, kind: EventKind, prefix: String) -> SQL {
        guard let knownAt else { return "" }
        return "\(sql: prefix) seq IN (SELECT seq FROM events WHERE recorded_at <= \(knownAt.timestamp) AND kind = \(kind.rawValue))"
    }

    /// How many cells currently rest on a measure marked as test data: a title starting `SYNTHETIC`
    /// (from `cpsledger generate`) or `EXAMPLE`. Reports say so, since such figures describe no real State.
    public func exampleCellCount() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM cells WHERE test_data = 1") ?? 0
        }
    }
}
