import CXLSXWriter
import Foundation
import LedgerModel

extension ReportDocument {
    /// The report as an Excel workbook (libxlsxwriter): one sheet per table with its header row frozen
    /// and filterable, ISO dates written as dates and plain numbers as numbers, and a last sheet
    /// "Notes and sources" with the title, the facts under it and the notes (data age, sources,
    /// example data). Charts are left out: their numbers are in the tables.
    public func renderXLSX() throws(XLSXWriteError) -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cpsledger-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let workbook = workbook_new(path) else { throw .cannotCreate(path) }
        var owned: [UnsafeMutablePointer<CChar>] = []
        defer { owned.forEach { free($0) } }
        func c(_ text: String) -> UnsafeMutablePointer<CChar> {
            let copy = strdup(text)!
            owned.append(copy)
            return copy
        }
        var properties = lxw_doc_properties()
        properties.title = c(title)
        let notesSheet = localizer.text("report.xlsx.notes_sheet")
        properties.comments = c(localizer.text("report.xlsx.comment", ["sheet": notesSheet]))
        workbook_set_properties(workbook, &properties)

        let header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_bg_color(header, 0xF4F4F4)
        format_set_border(header, UInt8(LXW_BORDER_THIN.rawValue))
        let date = workbook_add_format(workbook)
        format_set_num_format(date, "yyyy-mm-dd")
        let percent = workbook_add_format(workbook)
        format_set_num_format(percent, "0.0%")
        let wrap = workbook_add_format(workbook)
        format_set_text_wrap(wrap)
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)

        var names = Set<String>()
        for section in sections {
            let name = Self.sheetName(section.title, taken: &names)
            guard let sheet = workbook_add_worksheet(workbook, name) else { throw .cannotAddSheet(name) }
            var widths = section.headers.map { min(max(TextTable.displayWidth($0), 6), 60) }
            for (column, text) in section.headers.enumerated() {
                worksheet_write_string(sheet, 0, lxw_col_t(column), Self.clipped(text), header)
            }
            for (index, row) in section.rows.enumerated() {
                let line = lxw_row_t(index + 1)
                for (column, text) in row.enumerated() {
                    let col = lxw_col_t(column)
                    switch XLSXCell(text) {
                    case .date(let day):
                        var value = lxw_datetime(year: Int32(day.year), month: Int32(day.month), day: Int32(day.day), hour: 0, min: 0, sec: 0)
                        worksheet_write_datetime(sheet, line, col, &value, date)
                    case .number(let value): worksheet_write_number(sheet, line, col, value, nil)
                    case .percent(let value): worksheet_write_number(sheet, line, col, value, percent)
                    case .text(let text): worksheet_write_string(sheet, line, col, Self.clipped(text), nil)
                    case .empty: break
                    }
                    if column < widths.count { widths[column] = min(max(widths[column], TextTable.displayWidth(text)), 60) }
                }
            }
            for (column, width) in widths.enumerated() {
                worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), Double(width) + 2, width >= 60 ? wrap : nil)
            }
            worksheet_freeze_panes(sheet, 1, 0)
            if !section.headers.isEmpty {
                worksheet_autofilter(sheet, 0, 0, lxw_row_t(section.rows.count), lxw_col_t(section.headers.count - 1))
            }
        }
        let notesName = Self.sheetName(notesSheet, taken: &names)
        guard let sheet = workbook_add_worksheet(workbook, notesName) else { throw .cannotAddSheet(notesName) }
        worksheet_set_column(sheet, 0, 0, 110, wrap)
        var line: lxw_row_t = 0
        func put(_ text: String, _ format: UnsafeMutablePointer<lxw_format>?) {
            worksheet_write_string(sheet, line, 0, Self.clipped(text), format)
            line += 1
        }
        put(title, bold)
        facts.forEach { put($0, nil) }
        if !notes.isEmpty {
            line += 1
            put(localizer.text("document.notes"), bold)
            notes.forEach { put($0, nil) }
        }
        if let log {
            line += 1
            put(log, nil)
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else { throw .cannotWrite(String(cString: lxw_strerror(status))) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .cannotWrite("the finished file could not be read back") }
        return [UInt8](data)
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook
    /// (case-insensitively), never empty.
    static func sheetName(_ title: String, taken: inout Set<String>) -> String {
        var base = String(title.map { "[]:*?/\\".contains($0) ? "-" : $0 }).trimmingCharacters(in: CharacterSet(charactersIn: "' ").union(.whitespaces))
        if base.isEmpty { base = "Table" }
        var name = String(base.prefix(31))
        var number = 2
        while taken.contains(name.lowercased()) {
            let suffix = " (\(number))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            number += 1
        }
        taken.insert(name.lowercased())
        return name
    }

    /// Excel holds at most 32,767 characters in a cell.
    static func clipped(_ text: String) -> String {
        text.utf16.count <= 32_767 ? text : String(text.prefix(32_000)) + " …"
    }
}
