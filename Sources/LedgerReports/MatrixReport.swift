import LedgerModel
import LedgerStore

/// States × obligations: the status of every cell, with its rating and score.
public struct MatrixReport: Sendable, Encodable {
    /// One State × obligation cell of the matrix.
    public struct Cell: Sendable, Encodable {
        public let state: String
        public let obligation: String
        public let status: CellStatus
        public let rating: AssessmentRating?
        public let score: Double?
        public let basis: String
    }

    public let asOf: ISODate
    public let states: [String]
    public let obligations: [String]
    public let cells: [Cell]
    public let notes: [String]

    enum CodingKeys: String, CodingKey { case asOf = "as_of", states, obligations, cells, notes }

    public static func make(snapshot: ComplianceSnapshot) -> MatrixReport {
        MatrixReport(
            asOf: snapshot.asOf, states: snapshot.states.map(\.iso3), obligations: snapshot.obligations.map(\.id),
            cells: snapshot.allCells.map {
                Cell(state: $0.state, obligation: $0.obligation, status: $0.status, rating: $0.effectiveRating, score: $0.score, basis: $0.basis)
            },
            notes: snapshot.frame)
    }

    static let letters: [CellStatus: String] = [
        .implemented: "I", .partial: "P", .planned: "p", .noMeasures: "N", .notApplicable: "-", .notReported: ".",
    ]

    public func document() -> ReportDocument {
        let width = obligations.count
        let rows = stride(from: 0, to: cells.count, by: max(1, width)).map { Array(cells[$0..<min($0 + width, cells.count)]) }
        return ReportDocument(
            title: "Status matrix, as of \(asOf)",
            facts: ["Letters: I implemented, P partial, p planned, N no_measures, - not_applicable, . not_reported; an assessed rating follows in brackets."],
            charts: [.heatMap(
                title: "Status by State and obligation", rows: states, columns: obligations.map { String($0.prefix(14)) },
                cells: rows.map { row in row.map { ReportDocument.HeatCell(status: $0.status, tooltip: "\($0.state) \($0.obligation): \($0.status.rawValue)") } })],
            sections: [.init(
                title: "Matrix", headers: ["state"] + obligations.indices.map { String($0 + 1) },
                rows: rows.map { row in
                    [row.first?.state ?? ""] + row.map { (Self.letters[$0.status] ?? "?") + ($0.rating.map { "[\($0.abbreviation)]" } ?? "") }
                }),
                .init(title: "Columns", headers: ["#", "obligation"], rows: obligations.enumerated().map { [String($0.offset + 1), $0.element] })],
            notes: notes)
    }

    /// Tidy CSV: one row per cell.
    public func renderCSV() -> String {
        var out = "state,obligation,status,rating,score,basis,as_of\n"
        for c in cells {
            out += CSVWriter.line([c.state, c.obligation, c.status.rawValue, c.rating?.rawValue, c.score.map { String($0) }, c.basis, asOf.description])
        }
        return out
    }
}
