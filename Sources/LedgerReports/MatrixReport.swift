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
    public var notes: [String] { noteLines.map(\.english) }
    /// ``notes`` in any language.
    let noteLines: [ReportLine]

    enum CodingKeys: String, CodingKey { case asOf = "as_of", states, obligations, cells, notes }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(states, forKey: .states)
        try c.encode(obligations, forKey: .obligations)
        try c.encode(cells, forKey: .cells)
        try c.encode(notes, forKey: .notes)
    }

    public static func make(snapshot: ComplianceSnapshot) -> MatrixReport {
        MatrixReport(
            asOf: snapshot.asOf, states: snapshot.states.map(\.iso3), obligations: snapshot.obligations.map(\.id),
            titles: snapshot.obligations.map(\.title),
            cells: snapshot.allCells.map {
                Cell(state: $0.state, obligation: $0.obligation, status: $0.status, counted: $0.counted, rating: $0.effectiveRating, score: $0.score, basis: $0.basis)
            },
            noteLines: snapshot.frameLines)
    }

    static let letters: [CountedStatus: String] = [
        .implemented: "I", .partial: "P", .planned: "p", .noMeasures: "N", .ratedExternally: "E", .assessedOnly: "A",
        .notApplicable: "-", .notReported: ".",
    ]

    /// The matrix laid out for text, Markdown, HTML and XLSX, in `localizer`'s words (English unless asked); the
    /// status letters are the same in every language, spelled out in the first fact.
    public func document(localizer l: Localizer = .english) -> ReportDocument {
        let width = obligations.count
        let rows = stride(from: 0, to: cells.count, by: max(1, width)).map { Array(cells[$0..<min($0 + width, cells.count)]) }
        let key = CountedStatus.allCases.map { "\(Self.letters[$0]!) \(l.label($0))" }.joined(separator: l.text("report.list_separator"))
        var document = ReportDocument(
            title: l.text("report.matrix.title", ["date": asOf.description]),
            facts: [l.text("report.matrix.letters", ["key": key])],
            charts: [.heatMap(
                title: l.text("report.matrix.chart"), rows: states, columns: obligations,
                cells: rows.map { row in
                    row.map { ReportDocument.HeatCell(status: $0.counted, tooltip: l.text("report.matrix.tooltip", ["state": $0.state, "obligation": $0.obligation, "status": l.label($0.counted)])) }
                })],
            sections: [.init(
                title: l.text("report.matrix.section.matrix"), headers: [l.text("report.header.state")] + obligations.indices.map { String($0 + 1) },
                rows: rows.map { row in
                    [row.first?.state ?? ""] + row.map { (Self.letters[$0.counted] ?? "?") + ($0.rating.map { "[\($0.abbreviation)]" } ?? "") }
                },
                links: [0: rows.map { $0.first.map { "/states/" + $0.state } }]),
                .init(
                    title: l.text("report.matrix.section.columns"), headers: ["#", l.text("report.header.obligation")], rows: obligations.indices.map { [String($0 + 1), titles[$0]] },
                    links: [1: obligations.map { "/obligations/" + $0 }], secondary: [1: obligations])],
            notes: noteLines.map { $0.text(l) })
        document.localizer = l
        return document
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
