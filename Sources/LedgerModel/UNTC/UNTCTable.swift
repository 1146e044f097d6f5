/// A treaty status table as a user brings it from the UN Treaty Collection (UNTC), parsed into participants and actions.
///
/// ``read(_:)`` takes a file in any form (``UNTCForm``): the UNTC's XML status file
/// (`UNTCXMLReader`), a saved status page (`UNTCHTMLReader`), a dated list (`UNTCDatedListReader`)
/// or text (`UNTCTextReader`). The XML and HTML readers take the table out of its markup and read its cells as the
/// tab-separated text below (`UNTCGrid`), so every form shares one reading of dates and letters.
///
/// ``parse(_:)`` reads the layouts a copy of a UNTC status table comes in:
/// - CSV (RFC 4180, read by ``CSVTokenizer``; a quote after spaces still opens a quoted cell), as scraped:
///   `Participant,Signature,"Ratification, Accession(a), Succession(d)"`;
/// - tab-separated columns, as a browser copies the HTML table;
/// - columns separated by two or more spaces (names hold single spaces; days may be space-padded);
/// - one cell per line: the header cells each alone (`Participant`, `Signature`, …), then each
///   participant's name line followed by its date lines.
///
/// **Header block.** Every line before the header row (the first line that starts with
/// `Participant`, footnote marks after it allowed: `Participant 2, 3`) is the page's header block. Only `STATUS AS AT : DD-MM-YYYY` and
/// `Signatories : N. Parties : N` are read from it; the rest is ignored.
///
/// **Columns and cells.** A column whose header starts with `Signature` is the signature column: its
/// dates are signatures, also with a `d` (a succession to signature still makes a signatory). Every
/// other column is an action column: a plain date is a ratification and a letter after the date
/// gives the action (`a` accession, `A` acceptance, `AA` approval, `c` formal confirmation,
/// `d` succession, `s` definitive signature). Dates read `14 Dec 1990`: a day of one or two digits,
/// an English month (`Dec` or `December`), a four-digit year. Footnote numbers after a date or
/// after its letter (`27 Jun 2001 a 5`) stay in ``Action/cell`` and are otherwise ignored, as
/// long as they cannot be the day of a next date. Footnote marks after a name (`China 3, 4`,
/// `Bolivia (Plurinational State of)7`) are removed.
///
/// **Which column a date belongs to.** CSV and tab rows that have a cell for every column are read by
/// position. Elsewhere the content decides: as many dates as date columns fill them in order; with
/// fewer, each date takes the first column it fits that leaves room for the dates after it, where a
/// date with a letter fits only an action column. So a lone plain date is a signature (a State signs
/// before it ratifies), a lone lettered date is an action, and two dates are a signature and an action.
/// Two exceptions read by position instead:
/// - space-separated text whose header cells are separated by two or more spaces, when it is aligned:
///   each date of the row starts within two characters of its column header's start, no lettered date
///   other than `d` falls in the signature column, and every row that fills all columns lines up so
///   (one that does not makes the whole table go by content);
/// - one-cell-per-line text that marks empty cells with empty lines (some row has an empty line
///   before one of its dates): a row with as many lines as date columns, after dropping the trailing
///   empty lines beyond that number (empty lines between rows), takes its dates by line position.
/// Without a position to go by, a lone `23 Oct 2006 d` reads as a succession, not as a succession to signature.
///
/// **End of the table.** Blank lines are skipped. The table ends at the first line, after the header
/// row, whose participant cell is clearly not a name: it starts with something other than a letter
/// (a footnote such as `1 Signed on behalf of …`), starts with a heading word (`Declarations`,
/// `Reservations`, `Objections`, `Notes`, `Notifications`, `Communications`, `Footnotes`,
/// `Territorial application`, `End note`, `Participant`), contains a colon, ends with a full stop, or
/// is over 100 characters long. Nothing after it is read. Lines without letters or digits (`-----`)
/// between the header row and the first row are skipped.
public struct UNTCTable: Sendable, Hashable {
    /// One participant's row: its name as written, without footnote marks, and its dated actions in column order.
    public struct Row: Sendable, Hashable {
        /// The 1-based line of the text where the participant's name stands.
        public let line: Int
        /// The name as written, footnote marks and trailing spaces removed (`China 3, 4` gives `China`).
        public let participant: String
        /// The row's dated actions, in column order; empty for a participant listed without dates.
        public let actions: [Action]

        public init(line: Int, participant: String, actions: [Action]) {
            self.line = line
            self.participant = participant
            self.actions = actions
        }
    }

    /// One dated action of a row: what the participant did, when, and the cell it was read from.
    public struct Action: Sendable, Hashable {
        public let kind: TreatyActionKind
        public let date: ISODate
        /// The cell text as written, trimmed, e.g. `27 Jan 1993 a`.
        public let cell: String

        public init(kind: TreatyActionKind, date: ISODate, cell: String) {
            self.kind = kind
            self.date = date
            self.cell = cell
        }
    }

    /// The date of a header line such as `STATUS AS AT : 23-04-2024 09:15:05 EDT`.
    public let statusAsAt: ISODate?
    /// The count of a header line such as `Signatories : 54. Parties : 126`.
    public let declaredSignatories: Int?
    /// The count of a header line such as `Signatories : 54. Parties : 126`.
    public let declaredParties: Int?
    public let rows: [Row]
    /// The form the table was read from.
    public let form: UNTCForm
    /// The UNTC reference the file names itself by (`XVIII-12-a` from an XML file's chapter and
    /// section, `XXVI-3` from a saved page's address), when it does.
    public let reference: String?
    /// Things read but worth a reader's look, one sentence each (an XML file that is not well-formed
    /// and was read leniently, a list that shows no signatures, a column not read).
    public let notes: [String]
    /// The treaty's title as the file gives it (an XML file's `Titlesect`), to name a treaty the ledger does not know.
    public let title: String?
    /// The date the treaty was concluded, as the file gives it (an XML file's `Conclusion`, `New York, 17 December 1979`).
    public internal(set) var concluded: ISODate?

    public init(
        statusAsAt: ISODate?, declaredSignatories: Int?, declaredParties: Int?, rows: [Row], form: UNTCForm = .text,
        reference: String? = nil, notes: [String] = [], title: String? = nil
    ) {
        self.title = title
        self.statusAsAt = statusAsAt
        self.declaredSignatories = declaredSignatories
        self.declaredParties = declaredParties
        self.rows = rows
        self.form = form
        self.reference = reference
        self.notes = notes
    }

    /// Reads a status table in any of the layouts described on ``UNTCTable``.
    public static func parse(_ text: String) throws(UNTCParseError) -> UNTCTable {
        try UNTCTextReader(text: text).read()
    }
}
