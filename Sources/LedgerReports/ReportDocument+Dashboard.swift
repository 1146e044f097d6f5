import Foundation
import LedgerModel

extension ReportDocument {
    /// What the dashboard adds to a report's HTML: its navigation and controls, links from codes to
    /// their pages, and table headers that sort by a link (`?sort=score&dir=desc`), all without script.
    public struct Dashboard: Sendable {
        /// HTML placed first in `<main>` (the navigation bar), written by the dashboard.
        public var navigation: String
        /// HTML placed after the facts (filters and downloads), written by the dashboard.
        public var controls: String
        /// The page's path, for the sort links.
        public var path: String
        /// The query parameters the sort links keep (`as_of`, the filters), in order.
        public var query: [(name: String, value: String)]
        /// The key of the column to sort the tables by (``columnKey(_:)`` of its header), if any.
        public var sort: String?
        public var descending: Bool

        public init(
            navigation: String = "", controls: String = "", path: String, query: [(name: String, value: String)] = [],
            sort: String? = nil, descending: Bool = false
        ) {
            self.navigation = navigation
            self.controls = controls
            self.path = path
            self.query = query
            self.sort = sort
            self.descending = descending
        }

        /// The page's address with `extra` parameters after the kept ones (sort and dir replaced).
        func link(_ extra: [(String, String)]) -> String {
            let replaced = Set(extra.map(\.0))
            let all = query.filter { !replaced.contains($0.name) }.map { ($0.name, $0.value) } + extra
            return path + (all.isEmpty ? "" : "?" + all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
        }

        /// Percent-encodes a query name or value.
        static func encode(_ text: String) -> String {
            var allowed = CharacterSet.urlQueryAllowed
            allowed.remove(charactersIn: "&=+#?")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
    }

    /// The key a column is sorted by in `?sort=`: its header in lower case, other characters as `_` (`Not rep.` → `not_rep`).
    public static func columnKey(_ header: String) -> String {
        var key = ""
        for character in header.lowercased() {
            if character.isLetter || character.isNumber { key.append(character) } else if !key.hasSuffix("_") { key.append("_") }
        }
        while key.hasSuffix("_") { key.removeLast() }
        while key.hasPrefix("_") { key.removeFirst() }
        return key
    }

    /// The order of a section's rows sorted by the column `key` (numbers as numbers, empty and `–` last), or nil
    /// when the section has no such column.
    static func order(of section: Section, by key: String, descending: Bool) -> [Int]? {
        guard let column = section.headers.firstIndex(where: { columnKey($0) == key }) else { return nil }
        func number(_ text: String) -> Double? { Double(text.split(separator: " ").first.map(String.init) ?? "") }
        func blank(_ text: String) -> Bool { text.isEmpty || text == "–" }
        return section.rows.indices.sorted { a, b in
            let x = section.rows[a][column], y = section.rows[b][column]
            if blank(x) != blank(y) { return blank(y) }
            let ascending: Bool
            if let p = number(x), let q = number(y), p != q {
                ascending = p < q
            } else {
                let order = x.compare(y, options: [.caseInsensitive, .numeric])
                if order == .orderedSame { return a < b }
                ascending = order == .orderedAscending
            }
            return descending ? !ascending : ascending
        }
    }

    /// Notes and facts in the words of a browser reader: the command-line hints of the reports become
    /// what a reader of the dashboard can do (the JSON and the command line keep the commands).
    static func forBrowser(_ line: String, _ l: Localizer = .english) -> String {
        var out = line
        for (cli, browser) in browserWording(l) { out = out.replacingOccurrences(of: cli, with: browser) }
        return out
    }

    /// Each command-line hint with its dashboard wording, in `l`'s language.
    static func browserWording(_ l: Localizer) -> [(String, String)] {
        [
            (l.text("report.hint.crosswalk"), l.text("report.hint.crosswalk_browser")),
            (l.text("report.hint.treaty_report"), l.text("report.hint.treaty_report_browser")),
            (l.text("report.hint.treaty_sources"), l.text("report.hint.treaty_sources_browser")),
            (l.text("report.hint.update"), l.text("report.hint.update_browser")),
        ]
    }
}
