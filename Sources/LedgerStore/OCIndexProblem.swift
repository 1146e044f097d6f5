import LedgerModel

/// Why an Organized Crime Index workbook was not imported. Nothing is written in any of these cases:
/// the import is all or nothing.
public enum OCIndexProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is not an XLSX workbook that can be read (not a ZIP, no workbook part, XML that does not parse).
    case notAWorkbook(file: String, reason: String)
    /// The workbook has no `YYYY_dataset` sheet; `sheets` are those it has.
    case noDataset(file: String, sheets: [String])
    /// A dataset sheet whose layout the importer does not know: its name and header, and what does not fit.
    case unknownLayout(file: String, sheet: String, header: [String], mismatch: OCIndexLayout.Mismatch)
    /// Rows that cannot be read (a country that is no State, a score off the 1-10 scale, a State twice), one sentence each.
    case rejected(file: String, problems: [String], truncated: Bool)

    public var description: String {
        switch self {
        case .notAWorkbook(let file, let reason):
            return "\(file) is not an Organized Crime Index workbook that can be read: \(reason). Use the XLSX file as downloaded from ocindex.net; nothing was imported."
        case .noDataset(let file, let sheets):
            return "\(file) has no edition sheet named YYYY_dataset (its sheets: \(sheets.joined(separator: ", "))); this is not the Index's dataset workbook, and nothing was imported."
        case .unknownLayout(let file, let sheet, let header, let mismatch):
            let shown = header.filter { !$0.isEmpty }.joined(separator: " | ")
            let what: String
            switch mismatch {
            case .sheetName:
                what = "the sheet's name does not start with an edition year (YYYY_dataset)"
            case .unknownColumns(let columns):
                what = "the header names column\(columns.count == 1 ? "" : "s") \(columns.map { "'\($0)'" }.joined(separator: ", ")) that no edition of the Index has"
            case .missingColumns(let columns):
                what = "the header lacks column\(columns.count == 1 ? "" : "s") \(columns.map { "'\($0)'" }.joined(separator: ", ")), which every edition has"
            case .repeatedColumns(let columns):
                what = "the header names column\(columns.count == 1 ? "" : "s") \(columns.map { "'\($0)'" }.joined(separator: ", ")) more than once"
            }
            return "\(file), sheet \(sheet): a layout this importer does not know: \(what) (header: \(shown)). "
                + "Nothing was imported; the layout is not guessed at. If the Index has published a new layout, this version of cpsledger cannot read it yet."
        case .rejected(let file, let problems, let truncated):
            var text = "\(file): \(problems.count)\(truncated ? "+" : "") problem\(problems.count == 1 ? "" : "s"); nothing was imported. Fix these and import again:"
            for problem in problems { text += "\n  " + problem }
            if truncated { text += "\n  (only the first \(problems.count) problems are listed)" }
            return text
        }
    }
}
