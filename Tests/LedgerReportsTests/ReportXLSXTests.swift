import Foundation
import LedgerModel
@testable import LedgerReports
import LedgerStore
import LedgerTestSupport
import Testing

/// `--format xlsx`: every report as a workbook a spreadsheet opens as a reader expects: a sheet per
/// table, the header frozen, dates as dates, codes as text, and a sheet of notes and sources. The
/// workbook is read back with Python's zipfile (the XML parts as written), not with our own reader.
@Suite struct ReportXLSXTests {
    /// The XML parts of a workbook, by name.
    static func parts(_ bytes: [UInt8]) throws -> [String: String] {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("w.xlsx")
        try Data(bytes).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import json,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps({n: z.read(n).decode() for n in z.namelist() if n.endswith('.xml')}))",
            file.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3's zipfile could not read the workbook")
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    /// The sheet names of `workbook.xml`, in order.
    static func sheetNames(_ parts: [String: String]) -> [String] {
        let workbook = parts["xl/workbook.xml"] ?? ""
        return workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    static func ledger(_ directory: URL) throws -> Ledger {
        let ledger = try Ledger.open(path: directory.appendingPathComponent("l.sqlite").path, withStatusData: false)
        _ = try ledger.recordMeasure(try MeasureFields.validate(
            ["state": "FRA", "obligation": "art8.record-keeping", "status": "implemented", "effective_date": "2000-01-01",
             "title": "=HYPERLINK(\"http://example.invalid\") EXAMPLE (test data)", "kind": "legislation", "source": "EXAMPLE source (test data)"],
            catalogue: ledger.catalogue, states: ledger.states), actor: "t")
        return ledger
    }

    @Test func everyReportIsAWorkbookWithASheetPerTableFrozenHeadersAndItsNotes() throws {
        let folder = try TemporaryFolder()
        let ledger = try Self.ledger(folder.url)
        let asOf = ISODate("2001-01-01")!
        let subjects: [ReportRequest.Kind: String] = [.state: "FRA", .obligation: "art8.record-keeping"]
        for kind in ReportRequest.Kind.allCases {
            var request = ReportRequest(kind: kind, format: .xlsx, asOf: asOf, subject: subjects[kind])
            if kind == .changes { request.from = ISODate("1999-01-01")! }
            let output = try request.render(ledger: ledger)
            #expect(output.contentType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(output.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), "\(kind): not a ZIP file")
            request.format = .md
            let markdown = try request.render(ledger: ledger).body
            let parts = try Self.parts(output.bytes)
            let names = Self.sheetNames(parts)
            #expect(names.last == "Notes and sources", "\(kind): \(names)")
            // One sheet per table of the report (the Markdown shows each table under a "## " heading, and its notes under "## Notes").
            let tables = markdown.components(separatedBy: "\n## ").count - 1 - (markdown.contains("\n## Notes\n") ? 1 : 0)
            #expect(names.count == tables + 1, "\(kind): \(names) for \(tables) tables")
            for index in 1..<names.count {
                let sheet = parts["xl/worksheets/sheet\(index).xml"] ?? ""
                #expect(sheet.contains("state=\"frozen\"") && sheet.contains("ySplit=\"1\""), "\(kind): sheet \(names[index - 1]) has no frozen header")
                #expect(sheet.contains("<autoFilter"), "\(kind): sheet \(names[index - 1]) has no filter on its header")
                #expect(!sheet.contains("<f>"), "\(kind): a cell was written as a formula")
            }
            // The title (the Markdown's first line) heads the sheet of notes, with the notes under it.
            let title = String(markdown.prefix { $0 != "\n" }.dropFirst(2))
            let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            #expect(!title.isEmpty && (parts["xl/sharedStrings.xml"] ?? "").contains(escaped), "\(kind): the title '\(title)' is not in the workbook")
        }
    }

    @Test func datesAreDatesNumbersAreNumbersAndCodesStayText() throws {
        let folder = try TemporaryFolder()
        let ledger = try Self.ledger(folder.url)
        let output = try ReportRequest(kind: .state, format: .xlsx, asOf: ISODate("2001-01-01")!, subject: "FRA").render(ledger: ledger)
        let parts = try Self.parts(output.bytes)
        let sheets = parts.filter { $0.key.hasPrefix("xl/worksheets/sheet") }.map(\.value).joined()
        // 2000-01-01 is day 36526 of Excel's calendar, written as a number with a date format.
        #expect(sheets.contains("<v>36526</v>"), "the effective date is not a date cell")
        let styles = parts["xl/styles.xml"] ?? ""
        #expect(styles.contains("formatCode=\"yyyy-mm-dd\""))
        let strings = parts["xl/sharedStrings.xml"] ?? ""
        #expect(strings.contains(#"<t>=HYPERLINK("http://example.invalid") EXAMPLE (test data)</t>"#), "the formula-like title is kept as text")
        #expect(!sheets.contains("<f>"))
    }

    @Test(arguments: [
        ("By regional group", "By regional group"),
        ("a/b:c*d?e[f]g\\h", "a-b-c-d-e-f-g-h"),
        ("A title far longer than the thirty-one characters Excel allows", "A title far longer than the thi"),
        ("   ", "Table"),
    ])
    func sheetNamesAreOnesExcelAccepts(title: String, expected: String) throws {
        var taken = Set<String>()
        #expect(ReportDocument.sheetName(title, taken: &taken) == expected)
        // The same title again gets a number, still within 31 characters.
        let second = ReportDocument.sheetName(title, taken: &taken)
        #expect(second != expected && second.count <= 31 && second.hasSuffix(" (2)"), "\(second)")
    }
}
