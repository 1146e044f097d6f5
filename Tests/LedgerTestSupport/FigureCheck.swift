import Foundation

/// The sums a reader checks on a report's tables: in a row of counts, `Reported` equals the sum of
/// the reported status columns and `Cells` the sum of every status column; in a table of one cell
/// per row, the status column counts what the coverage line says. Shared by the report and the
/// server tests, which read the tables with ``ReportTable``.
public enum FigureCheck {
    /// The status columns of the reported cells, as a reader sees them.
    public static let reportedStatuses = ["Implemented", "Partial", "Planned", "No measures", "Rated externally (FATF)", "Assessed, nothing self-reported"]
    /// The status columns of the other cells.
    public static let otherStatuses = ["Not applicable", "Not reported"]

    /// Problems of the tables with `Cells` and `Reported` columns: each row's status columns must add
    /// up to its `Reported` and `Cells`. `where` names the report and format in the message.
    public static func tallyProblems(_ tables: [ReportTable], where place: String) -> [String] {
        var problems: [String] = []
        for table in tables {
            guard let reported = table.column("Reported"), let cells = table.column("Cells") else { continue }
            let present = reportedStatuses.filter { table.headers.contains($0) }
            let others = otherStatuses.filter { table.headers.contains($0) }
            if present.isEmpty || others.count < 2 { problems.append("\(place), \(table.title): status columns missing (\(table.headers))") }
            for (index, row) in table.rows.enumerated() {
                func value(_ header: String) -> Int { Int(table.column(header)?[index] ?? "") ?? -1_000_000 }
                let sumReported = present.map(value).reduce(0, +)
                let sumAll = sumReported + others.map(value).reduce(0, +)
                if Int(reported[index]) != sumReported {
                    problems.append("\(place), \(table.title), \(row.first ?? ""): Reported \(reported[index]) but the status columns \(present) sum to \(sumReported)")
                }
                if Int(cells[index]) != sumAll {
                    problems.append("\(place), \(table.title), \(row.first ?? ""): Cells \(cells[index]) but every status column sums to \(sumAll)")
                }
            }
        }
        return problems
    }

    /// How many cells a column of status labels shows as reported (any of ``reportedStatuses``, in any case).
    public static func reportedCount(_ labels: [String]) -> Int {
        let reported = Set(reportedStatuses.map { $0.lowercased() })
        return labels.count { reported.contains($0.lowercased()) }
    }

    /// The first whole number after `prefix` in `text` (`"coverage 0.13 = "` → the reported count).
    public static func number(after prefix: String, in text: String) -> Int? {
        guard let range = text.range(of: prefix) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}
