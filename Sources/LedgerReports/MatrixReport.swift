import LedgerModel
import LedgerStore

/// States × obligations: the status of every cell, with its rating and score.
public struct MatrixReport: Sendable, Encodable {
    /// One State × obligation cell of the matrix.
    public struct Cell: Sendable, Encodable {
        public let state: String
        public let obligation: String
        public let status: CellStatus
        /// How every report counts and shows the cell (status with its rating applied).
        public let counted: CountedStatus
        public let rating: AssessmentRating?
        public let score: Double?
        public let basis: String

        enum CodingKeys: String, CodingKey {
            case state, obligation, status, rating, score, basis
            case counted = "counted_as"
        }
    }

    public let asOf: ISODate
    public let states: [String]
    public let obligations: [String]
    /// The obligations' titles, in the order of `obligations` (for people; the JSON keeps the ids).
    let titles: [String]
    public let cells: [Cell]
    public let notes: [String]

    enum CodingKeys: String, CodingKey { case asOf = "as_of", states, obligations, cells, notes }

    public static func make(snapshot: ComplianceSnapshot) -> MatrixReport {
        MatrixReport(
            asOf: snapshot.asOf, states: snapshot.states.map(\.iso3), obligations: snapshot.obligations.map(\.id),
            titles: snapshot.obligations.map(\.title),
            cells: snapshot.allCells.map {
                Cell(state: $0.state, obligation: $0.obligation, status: $0.status, counted: $0.counted, rating: $0.effectiveRating, score: $0.score, basis: $0.basis)
            },
            notes: snapshot.frame)
    }

    static let letters: [CountedStatus: String] = [
        .implemented: "I", .partial: "P", .planned: "p", .noMeasures: "N", .ratedExternally: "E", .assessedOnly: "A",
        .notApplicable: "-", .notReported: ".",
    ]

    public func document() -> ReportDocument {
        let width = obligations.count
        let rows = stride(from: 0, to: cells.count, by: max(1, width)).map { Array(cells[$0..<min($0 + width, cells.count)]) }
        let key = CountedStatus.allCases.map { "\(Self.letters[$0]!) \($0.label)" }.joined(separator: ", ")
        return ReportDocument(
            title: "Status matrix, as of \(asOf)",
            facts: ["Letters: \(key); a rating (assessed, or FATF for rated externally) follows in brackets."],
            charts: [.heatMap(
                title: "Status by State and obligation", rows: states, columns: obligations,
                cells: rows.map { row in row.map { ReportDocument.HeatCell(status: $0.counted, tooltip: "\($0.state) \($0.obligation): \($0.counted.label)") } })],
            sections: [.init(
                title: "Matrix", headers: ["state"] + obligations.indices.map { String($0 + 1) },
                rows: rows.map { row in
                    [row.first?.state ?? ""] + row.map { (Self.letters[$0.counted] ?? "?") + ($0.rating.map { "[\($0.abbreviation)]" } ?? "") }
                },
                links: [0: rows.map { $0.first.map { "/states/" + $0.state } }]),
                .init(
                    title: "Columns", headers: ["#", "obligation"], rows: obligations.indices.map { [String($0 + 1), titles[$0]] },
                    links: [1: obligations.map { "/obligations/" + $0 }], secondary: [1: obligations])],
            notes: notes)
    }

    /// Tidy CSV: one row per cell; `counted_as` is the status every report counts it in (ratings applied).
    public func renderCSV() -> String {
        var out = "state,obligation,status,rating,score,basis,as_of,counted_as\n"
        for c in cells {
            out += CSVWriter.line([c.state, c.obligation, c.status.rawValue, c.rating?.rawValue, c.score.map { String($0) }, c.basis, asOf.description, c.counted.rawValue])
        }
        return out
    }
}
