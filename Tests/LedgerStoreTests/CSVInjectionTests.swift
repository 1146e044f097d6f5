import Foundation
import LedgerModel
@testable import LedgerStore
import LedgerTestSupport
import Testing

/// CSV output neutralises cells a spreadsheet would run as a formula (OWASP), and imports undo it.
@Suite struct CSVInjectionTests {
    static let formulas = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+41 22 917 12 34", "-2+3", "@SUM(A1:A9)", "'=already marked", "''+twice", "'plain quote"]

    @Test func exportedFormulaCellsAreMarkedAndImportBackUnchanged() throws {
        let source = try TemporaryLedger()
        for (index, text) in Self.formulas.enumerated() {
            _ = try source.ledger.recordMeasure(
                try source.measure(["FRA", "DEU", "ITA", "ESP", "PRT", "NLD", "BEL"][index], title: text, note: text), actor: "a")
        }
        var csv = ""
        try source.ledger.exportMeasuresCSV { csv += $0 }
        #expect(csv.contains(#""'=HYPERLINK(""http://example.invalid"",""x"")""#), "\(csv)")
        #expect(csv.contains(",'+41 22 917 12 34,"))
        #expect(csv.contains(",'-2+3,"))
        #expect(csv.contains(",'@SUM(A1:A9),"))
        #expect(csv.contains(",''=already marked,"))
        #expect(csv.contains(",'''+twice,"))
        #expect(csv.contains(",'plain quote,"), "a quote before no formula start is left alone")
        for line in csv.split(separator: "\n") {
            for cell in line.split(separator: ",", omittingEmptySubsequences: true) {
                // A quoted cell is read from inside its quote, as a spreadsheet reads it.
                let text = cell.first == "\"" ? cell.dropFirst() : cell
                #expect(!(text.unicodeScalars.first.map { CSVWriter.formulaStarts.contains($0) } ?? false), "cell '\(cell)' starts like a formula")
            }
        }

        let target = try TemporaryLedger()
        let path = try source.file("export.csv", csv)
        #expect(try target.ledger.importMeasures(path: path, actor: "b").recorded == Self.formulas.count)
        #expect(Set(try target.ledger.measures().compactMap(\.fields.title)) == Set(Self.formulas))
        #expect(try target.ledger.measures().map(\.fields) == (try source.ledger.measures().map(\.fields)))
    }

    /// Every string of up to three characters from an alphabet of formula starts, quotes, CSV
    /// specials and a letter survives writing and reading back (an exhaustive sweep, 1,885 values;
    /// it found that a value holding "\r\n", one Character in Swift, was written unquoted).
    @Test func everyShortValueSurvivesWritingAndReadingBack() throws {
        let alphabet: [String] = ["=", "+", "-", "@", "\t", "\r", "'", "\"", ",", "\n", " ", "a"]
        var values = [""]
        var frontier = [""]
        for _ in 1...3 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + $0 } }
            values += frontier
        }
        let folder = try TemporaryFolder()
        let path = folder.path("sweep.csv")
        try Data(values.map { CSVWriter.line(["k", $0]) }.joined().utf8).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path)
        var read: [String] = []
        while let row = try reader.next() {
            #expect(row.fields.count == 2, "line \(row.line)")
            let cell = row.fields.last ?? ""
            #expect(!(cell.unicodeScalars.first.map { CSVWriter.formulaStarts.contains($0) } ?? false), "\(cell.debugDescription) starts like a formula")
            read.append(CSVWriter.restore(cell))
        }
        #expect(read.count == values.count)
        for (got, expected) in zip(read, values) where got != expected {
            Issue.record("\(expected.debugDescription) came back as \(got.debugDescription)")
        }
    }
}
