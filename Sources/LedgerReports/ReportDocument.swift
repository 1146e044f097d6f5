import LedgerModel

/// A report laid out for people: a title, the facts that frame it (date, basis, formulas), charts
/// and tables. Text, Markdown and HTML renderers draw any report from this one shape.
public struct ReportDocument: Sendable {
    public var title: String
    /// Lines stated under the title: as-of date, basis, formulas.
    public var facts: [String]
    public var charts: [Chart]
    public var sections: [Section]
    /// Notes a reader must see (data age, unknowns, example data).
    public var notes: [String]

    public init(title: String, facts: [String] = [], charts: [Chart] = [], sections: [Section] = [], notes: [String] = []) {
        self.title = title
        self.facts = facts
        self.charts = charts
        self.sections = sections
        self.notes = notes
    }

    /// A titled table.
    public struct Section: Sendable {
        public var title: String
        public var headers: [String]
        public var rows: [[String]]
        /// Index of a column whose cells are statuses, coloured in HTML.
        public var statusColumn: Int?

        public init(title: String, headers: [String], rows: [[String]], statusColumn: Int? = nil) {
            self.title = title
            self.headers = headers
            self.rows = rows
            self.statusColumn = statusColumn
        }
    }

    /// A chart drawn as inline SVG in HTML (and left out of text and Markdown, whose tables carry the same numbers).
    public enum Chart: Sendable {
        /// Rows × columns of cells, each a status (its colour) and a label for the tooltip.
        case heatMap(title: String, rows: [String], columns: [String], cells: [[HeatCell]])
        /// One bar pair per group: coverage and score in [0, 1] (nil: no data).
        case bars(title: String, groups: [(label: String, coverage: Double?, score: Double?)])
        /// Cumulative counts per year, one line per series.
        case timeline(title: String, series: [(label: String, points: [(year: Int, value: Int)])])
    }

    /// One cell of a heat map.
    public struct HeatCell: Sendable {
        public let status: CellStatus
        /// A score in [0, 1] when the cell aggregates several obligations; nil for a single status.
        public let score: Double?
        public let tooltip: String

        public init(status: CellStatus, score: Double? = nil, tooltip: String) {
            self.status = status
            self.score = score
            self.tooltip = tooltip
        }
    }
}
