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
    /// The words of the document's own frame ("Notes", "(none)") and the page's `lang` and `dir`.
    public var localizer: Localizer = .english
    /// The last line: at which tree size and root of the transparency log the report was computed,
    /// and the latest signed checkpoint (``LedgerStore/LogState/line``); nil: none shown.
    public var log: String?

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
        /// Index of a column whose cells are counted statuses (``CountedStatus/label``), coloured in HTML.
        public var statusColumn: Int?
        /// Rows after the others that sorting leaves in place (a total).
        public var footer: [[String]]
        /// Per column, the page each row's cell links to on the dashboard (`/states/FRA`); nil: no link.
        public var links: [Int: [String?]]
        /// Per column, text shown after each row's cell, smaller in HTML and in brackets elsewhere (an id beside a title).
        public var secondary: [Int: [String]]

        public init(
            title: String, headers: [String], rows: [[String]], statusColumn: Int? = nil, footer: [[String]] = [],
            links: [Int: [String?]] = [:], secondary: [Int: [String]] = [:]
        ) {
            self.title = title
            self.headers = headers
            self.rows = rows
            self.statusColumn = statusColumn
            self.footer = footer
            self.links = links
            self.secondary = secondary
        }

        /// The rows with their secondary text in brackets, then the footer: what text and Markdown print.
        var plainRows: [[String]] {
            rows.enumerated().map { index, row in
                row.enumerated().map { column, cell in
                    guard let extra = secondary[column]?[index], !extra.isEmpty else { return cell }
                    return cell.isEmpty ? extra : "\(cell) (\(extra))"
                }
            } + footer
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

        /// The chart's title.
        public var title: String {
            switch self {
            case .heatMap(let title, _, _, _), .bars(let title, _), .timeline(let title, _): title
            }
        }
    }

    /// One cell of a heat map.
    public struct HeatCell: Sendable {
        public let status: CountedStatus
        /// A score in [0, 1] when the cell aggregates several obligations; nil for a single status.
        public let score: Double?
        public let tooltip: String

        public init(status: CountedStatus, score: Double? = nil, tooltip: String) {
            self.status = status
            self.score = score
            self.tooltip = tooltip
        }
    }
}
