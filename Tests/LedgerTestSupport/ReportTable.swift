import Foundation

/// A table of a rendered report or page as a reader sees it: the heading above it, its headers and
/// its rows as text. Read from HTML (tags stripped), from aligned plain text and from Markdown, so
/// the tests that check a report's figures read every format the same way.
public struct ReportTable: Sendable {
    /// The `<h2>` (or text heading) above the table.
    public let title: String
    public let headers: [String]
    /// Body and footer rows.
    public let rows: [[String]]

    /// The cells of a column, by header.
    public func column(_ header: String) -> [String]? {
        headers.firstIndex(of: header).map { index in rows.map { index < $0.count ? $0[index] : "" } }
    }

    /// The tables of an HTML page.
    public static func html(_ page: String) -> [ReportTable] {
        var tables: [ReportTable] = []
        var rest = page[...]
        while let start = rest.range(of: "<table"), let end = rest.range(of: "</table>", range: start.upperBound..<rest.endIndex) {
            let before = rest[..<start.lowerBound]
            let title = before.range(of: "<h2>", options: .backwards).flatMap { open in
                before.range(of: "</h2>", range: open.upperBound..<before.endIndex).map { plain(String(before[open.upperBound..<$0.lowerBound])) }
            } ?? ""
            let body = String(rest[start.upperBound..<end.lowerBound])
            let headers = pieces(body, "th")
            let rows = body.components(separatedBy: "<tr>").dropFirst().map { pieces($0, "td") }.filter { !$0.isEmpty }
            tables.append(ReportTable(title: title, headers: headers, rows: rows))
            rest = rest[end.upperBound...]
        }
        return tables
    }

    /// The tables of a plain-text report: a header line, a line of dashes that gives the columns, the rows
    /// until an empty line; the title is the line two above the headers.
    public static func text(_ report: String) -> [ReportTable] {
        let lines = report.components(separatedBy: "\n")
        var tables: [ReportTable] = []
        for index in lines.indices.dropFirst() where lines[index].hasPrefix("---") && lines[index].allSatisfy({ $0 == "-" || $0 == " " }) {
            var columns: [Range<Int>] = []
            var at = 0, start: Int?
            for character in lines[index] + " " {
                if character == "-", start == nil { start = at }
                if character == " ", let s = start { columns.append(s..<at); start = nil }
                at += 1
            }
            func cut(_ line: String) -> [String] {
                let characters = Array(line)
                return columns.enumerated().map { number, range in
                    let end = number + 1 < columns.count ? columns[number + 1].lowerBound : characters.count
                    let lower = min(range.lowerBound, characters.count), upper = min(max(end, lower), characters.count)
                    return String(characters[lower..<upper]).trimmingCharacters(in: .whitespaces)
                }
            }
            var rows: [[String]] = []
            var next = index + 1
            while next < lines.count, !lines[next].isEmpty { rows.append(cut(lines[next])); next += 1 }
            tables.append(ReportTable(title: index >= 3 ? lines[index - 3] : "", headers: cut(lines[index - 1]), rows: rows))
        }
        return tables
    }

    /// The tables of a Markdown report (`| a | b |` rows under a `## title`).
    public static func markdown(_ report: String) -> [ReportTable] {
        let lines = report.components(separatedBy: "\n")
        var tables: [ReportTable] = []
        var title = "", index = 0
        func cells(_ line: String) -> [String] {
            line.dropFirst(2).dropLast(2).components(separatedBy: " | ").map { $0.replacingOccurrences(of: "\\|", with: "|") }
        }
        while index < lines.count {
            if lines[index].hasPrefix("## ") { title = String(lines[index].dropFirst(3)) }
            if lines[index].hasPrefix("| "), index + 1 < lines.count, lines[index + 1].hasPrefix("| ---") || lines[index + 1].hasPrefix("|---") || lines[index + 1].hasPrefix("| --") {
                let headers = cells(lines[index])
                var rows: [[String]] = []
                index += 2
                while index < lines.count, lines[index].hasPrefix("| ") { rows.append(cells(lines[index])); index += 1 }
                tables.append(ReportTable(title: title, headers: headers, rows: rows))
                continue
            }
            index += 1
        }
        return tables
    }

    /// The text of every `<tag …>…</tag>` in `html`, in order.
    static func pieces(_ html: String, _ tag: String) -> [String] {
        html.components(separatedBy: "<\(tag)").dropFirst().compactMap { piece in
            guard let open = piece.firstIndex(of: ">"), let close = piece.range(of: "</\(tag)>") else { return nil }
            return plain(String(piece[piece.index(after: open)..<close.lowerBound]))
        }
    }

    /// Text without tags (a secondary `<small>` kept after a space), entities undone.
    public static func plain(_ html: String) -> String {
        var out = "", inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { out.append(character) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            .trimmingCharacters(in: .whitespaces)
    }
}
