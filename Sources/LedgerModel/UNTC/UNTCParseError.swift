/// Why a UNTC status table could not be read; each case names the line and the text.
public enum UNTCParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No header row starting with `Participant` was found.
    case noTable
    /// A cell that is not a readable date: a date that does not exist, an unknown month or action letter, stray text.
    case badCell(line: Int, column: String, value: String, reason: String)
    /// A line inside the table that cannot be a participant's row: dates without a name, more dates than columns.
    case badRow(line: Int, value: String, reason: String)
    /// The header row or the header block above it cannot be read, e.g. an impossible `STATUS AS AT` date.
    case badHeader(line: Int, value: String, reason: String)
    /// The file is neither XML, HTML nor UTF-8 text.
    case notText
    /// A saved page (HTML) holds no table whose first cell is `Participant`.
    case noTableInPage
    /// An XML status file that cannot be read as one: not UNTC's `Document`, or cut short.
    case badXML(line: Int, reason: String)
    /// Rows of an XML file or saved page that cannot be read as rows, every one of them (line, text, why).
    case unreadableRows([RowProblem])

    /// One row that cannot be read: its line in the file, its text and why.
    public struct RowProblem: Sendable, Hashable, CustomStringConvertible {
        public let line: Int
        public let value: String
        public let reason: String

        public init(line: Int, value: String, reason: String) {
            self.line = line
            self.value = value
            self.reason = reason
        }

        public var description: String { "line \(line): \"\(value)\": \(reason)" }
    }

    public var description: String {
        switch self {
        case .noTable:
            "No UNTC status table found: no line starts with \"Participant\". "
                + "Copy the table together with its header row (Participant, Signature, Ratification, …) and try again."
        case .badCell(let line, let column, let value, let reason):
            "Line \(line), column \"\(column)\": the cell \"\(value)\" cannot be read: \(reason). Correct the cell and try again."
        case .badRow(let line, let value, let reason):
            "Line \(line): \"\(value)\" cannot be read as a participant's row: \(reason). Correct the line and try again."
        case .badHeader(let line, let value, let reason):
            "Line \(line): \"\(value)\" cannot be read as the table's header: \(reason). Correct the line and try again."
        case .notText:
            "The file is not UTF-8 text, XML or a saved HTML page; save the copied table as UTF-8 text and try again."
        case .noTableInPage:
            "The saved page holds no status table: no table's first cell is \"Participant\". "
                + "Save the treaty's status page (View Details) from treaties.un.org, with its participant table, and try again."
        case .badXML(let line, let reason):
            "Line \(line): the file cannot be read as a UNTC XML status file: \(reason). "
                + "Download it again from treaties.un.org/doc/Publication/MTDSG and try again."
        case .unreadableRows(let rows):
            "\(rows.count) row\(rows.count == 1 ? "" : "s") cannot be read: "
                + rows.prefix(100).map(\.description).joined(separator: "; ") + (rows.count > 100 ? "; …" : "")
                + ". Nothing was read; correct the file and try again."
        }
    }
}
