extension ReportDocument {
    /// Notes that must be seen before any figure (test data in the ledger), repeated under the title.
    var banners: [String] {
        let prefix = localizer.text("report.frame.test_data_label")
        return notes.filter { $0.hasPrefix(Self.bannerPrefix) || $0.hasPrefix(prefix) }
    }

    /// Notes starting with this are also shown as a banner under the title.
    static let bannerPrefix = "TEST DATA:"

    /// Aligned plain-text tables for a terminal (no colour).
    public func renderText() -> String {
        var out = title + "\n"
        for banner in banners { out += "!! " + banner + "\n" }
        for fact in facts { out += fact + "\n" }
        for section in sections {
            out += "\n" + section.title + "\n\n"
            out += section.rows.isEmpty ? localizer.text("document.none") + "\n" : TextTable.render(headers: section.headers, rows: section.plainRows)
        }
        if !notes.isEmpty { out += "\n" + localizer.text("document.notes") + ":\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        return out + Self.textFooter(log)
    }

    /// The log line after everything else, for text (empty when there is none).
    static func textFooter(_ log: String?) -> String { log.map { "\n" + $0 + "\n" } ?? "" }

    /// Markdown, ready to paste into a report.
    public func renderMarkdown() -> String {
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "# " + title + "\n\n"
        for banner in banners { out += "> **" + escape(banner) + "**\n\n" }
        for fact in facts { out += "- " + fact + "\n" }
        for section in sections {
            out += "\n## " + section.title + "\n\n"
            if section.rows.isEmpty {
                out += localizer.text("document.none") + "\n"
                continue
            }
            out += "| " + section.headers.map(escape).joined(separator: " | ") + " |\n"
            out += "|" + section.headers.map { _ in " --- |" }.joined() + "\n"
            for row in section.plainRows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        }
        if !notes.isEmpty { out += "\n## " + localizer.text("document.notes") + "\n\n" + notes.map { "- " + escape($0) }.joined(separator: "\n") + "\n" }
        if let log { out += "\n---\n\n" + escape(log) + "\n" }
        return out
    }
}
