import Foundation
import GRDB
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// `import ocindex` on SYNTHETIC workbooks written by the tests (every score invented), covering each
/// layout rule of the Index's downloads: columns matched by name in any order, 2021's fewer columns,
/// the 2023 sheets' commas for periods, shared and inline strings, empty cells, an unknown layout.
@Suite struct OCIndexImportTests {
    static let resilience = SyntheticWorkbook.resilience

    /// An invented score: the indicator's place plus half a point per edition after 2021 (KEN's
    /// international cooperation: 3, 3.5, 4).
    static func score(_ indicator: Int, _ edition: Int, state: Int = 0) -> Double {
        Double((indicator + state) % 8 + 1) + 0.5 * Double((edition - 2021) / 2)
    }

    /// The three editions, each laid out as that edition's download lays it out (invented scores).
    static func workbook(extra2025: [String] = [], names2023: [String] = ["Kenya", "Congo, Dem, Rep,", "St, Lucia"]) -> SyntheticWorkbook {
        let states = ["Kenya", "Congo, Dem. Rep.", "St. Lucia"]
        let crime2025 = ["Criminality avg.", "Criminal markets avg.", "Human trafficking", "Arms trafficking", "Criminal actors avg.", "Mafia-style groups"]
        var rows2025: [(String, [SyntheticWorkbook.Cell])] = []
        for (s, name) in states.enumerated() {
            var cells: [SyntheticWorkbook.Cell] = [5.5, 5, 6, 7, 4, 4, 5]
            for index in resilience.indices { cells.append(.number(String(score(index, 2025, state: s)))) }
            for _ in extra2025 { cells.append(3) }
            rows2025.append((name, cells))
        }
        let sheet2025 = SyntheticWorkbook.dataset("2025_dataset", columns: crime2025 + ["Resilience avg."] + resilience + extra2025, rows: rows2025)
        // 2023: another column order, strings inline, commas for periods in names and headers, one score as text with a decimal comma.
        var rows2023: [(String, [SyntheticWorkbook.Cell])] = []
        for (s, name) in names2023.enumerated() {
            var cells: [SyntheticWorkbook.Cell] = [4]
            for index in resilience.indices.reversed() {
                cells.append(s == 0 && index == 2 ? .text("3,5") : .number(String(score(index, 2023, state: s))))
            }
            cells += [5, 6.5, 5.5, 4, 3.5]
            rows2023.append((name, cells))
        }
        let columns2023 = ["Resilience avg,"] + resilience.reversed() + ["Criminality avg,", "Arms trafficking", "Human trafficking", "Criminal actors avg,", "Mafia-style groups"]
        let sheet2023 = SyntheticWorkbook.dataset("2023_dataset", columns: columns2023, rows: rows2023, inlineStrings: true)
        // 2021: fewer columns (no human trafficking or mafia-style groups here), averages headed without "avg.", one empty cell.
        var rows2021: [(String, [SyntheticWorkbook.Cell])] = []
        for (s, name) in states.enumerated() {
            var cells: [SyntheticWorkbook.Cell] = [5, 5, 6, 4, 4]
            for index in resilience.indices {
                if s == 2 && index == 10 {
                    cells.append(.text(""))
                } else if s == 0 && index == 0 {
                    cells.append(.number("1.0000000000000002"))
                } else {
                    cells.append(.number(String(score(index, 2021, state: s))))
                }
            }
            rows2021.append((name, cells))
        }
        let sheet2021 = SyntheticWorkbook.dataset(
            "2021_dataset", columns: ["Criminality", "Criminal markets", "Arms trafficking", "Criminal actors", "Resilience"] + resilience, rows: rows2021)
        return SyntheticWorkbook(sheets: [sheet2025, sheet2023, sheet2021])
    }

    static func write(_ workbook: SyntheticWorkbook, in temp: TemporaryLedger, name: String = "synthetic-oc-index.xlsx") throws -> String {
        let url = temp.directory.appendingPathComponent(name)
        try workbook.write(to: url)
        return url.path
    }

    @Test func everyEditionSheetIsReadByColumnNameWhateverItsOrderAndNumber() throws {
        let temp = try TemporaryLedger()
        let path = try Self.write(Self.workbook(), in: temp)
        let summary = try temp.ledger.importOCIndex(path: path, actor: "t")
        #expect(summary.sheets.map(\.edition) == [2025, 2023, 2021])
        #expect(summary.sheets.map(\.states) == [3, 3, 3])
        #expect(summary.sheets.map(\.scores) == [3 * 15, 3 * 15, 3 * 13 - 1])
        #expect(summary.sheets.last?.indicators == [.market: 1, .resilience: 12])
        #expect(summary.empty == 1)
        #expect(summary.recorded == 45 + 45 + 38)
        let scores = try temp.ledger.outsideScores()
        #expect(scores.count == 128)
        // Kenya's international cooperation in the three editions: 2023's inline "3,5" is 3.5.
        let cooperation = scores.filter { $0.fields.state == "KEN" && $0.fields.indicator == "international-cooperation" }
        #expect(cooperation.map(\.fields.edition) == [2021, 2023, 2025])
        #expect(cooperation.map(\.fields.score) == [3, 3.5, 4])
        #expect(cooperation.allSatisfy { $0.fields.sha256 == summary.sha256 && $0.fields.pillar == .resilience && $0.fields.body == "GI-TOC" })
        // The 2023 sheet's "Congo, Dem, Rep," and "St, Lucia" are the States the other sheets spell with periods.
        for state in ["COD", "LCA"] {
            #expect(Set(scores.filter { $0.fields.state == state }.map(\.fields.edition)) == [2021, 2023, 2025])
        }
        // The reversed 2023 columns land on the right indicators; 1.0000000000000002 is recorded as 1.
        let cod2023 = try #require(scores.first { $0.fields.state == "COD" && $0.fields.edition == 2023 && $0.fields.indicator == "prevention" })
        #expect(cod2023.fields.score == Self.score(10, 2023, state: 1))
        #expect(scores.first { $0.fields.state == "KEN" && $0.fields.edition == 2021 && $0.fields.indicator == "political-leadership-and-governance" }?.fields.scoreText == "1")
        #expect(!scores.contains { $0.fields.state == "LCA" && $0.fields.edition == 2021 && $0.fields.indicator == "prevention" })
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func importingTheSameScoresAgainWritesNothing() throws {
        let temp = try TemporaryLedger()
        let path = try Self.write(Self.workbook(), in: temp)
        _ = try temp.ledger.importOCIndex(path: path, actor: "t")
        let head = try temp.ledger.headSeq()
        let again = try temp.ledger.importOCIndex(path: path, actor: "t")
        #expect(again.recorded == 0)
        #expect(again.unchanged == 128)
        #expect(try temp.ledger.headSeq() == head)
        // The same scores in another workbook (only the 2023 sheet's names spelled otherwise) add nothing either.
        let other = try Self.write(Self.workbook(names2023: ["Kenya", "Congo, Dem. Rep.", "St. Lucia"]), in: temp, name: "other.xlsx")
        #expect(try temp.ledger.importOCIndex(path: other, actor: "t").recorded == 0)
        #expect(try temp.ledger.headSeq() == head)
    }

    @Test func aDryRunCountsAndWritesNothing() throws {
        let temp = try TemporaryLedger()
        let head = try temp.ledger.headSeq()
        let summary = try temp.ledger.importOCIndex(path: try Self.write(Self.workbook(), in: temp), dryRun: true, actor: "t")
        #expect(summary.recorded == 128)
        #expect(summary.dryRun)
        #expect(try temp.ledger.headSeq() == head)
        #expect(try temp.ledger.outsideScores().isEmpty)
    }

    @Test func anUnknownColumnIsNamedWithItsSheetAndNothingIsWritten() throws {
        let temp = try TemporaryLedger()
        let head = try temp.ledger.headSeq()
        let path = try Self.write(Self.workbook(extra2025: ["Maritime piracy"]), in: temp)
        let error = try #require(throws: LedgerError.self) { try temp.ledger.importOCIndex(path: path, actor: "t") }
        guard case .ocIndex(.unknownLayout(_, let sheet, let header, let mismatch)) = error else {
            Issue.record("expected an unknown layout, got \(error)")
            return
        }
        #expect(sheet == "2025_dataset")
        #expect(header.contains("Maritime piracy"))
        #expect(mismatch == .unknownColumns(["Maritime piracy"]))
        #expect(error.description.contains("sheet 2025_dataset: a layout this importer does not know"))
        #expect(error.description.contains("'Maritime piracy'"))
        #expect(try temp.ledger.headSeq() == head)
    }

    @Test func aSheetWithoutAResilienceColumnOrWithoutAnEditionYearIsAnUnknownLayout() throws {
        let temp = try TemporaryLedger()
        let short = SyntheticWorkbook(sheets: [SyntheticWorkbook.dataset(
            "2025_dataset", columns: Array(Self.resilience.dropLast()), rows: [("Kenya", Array(repeating: 5, count: 11))])])
        let error = try #require(throws: LedgerError.self) { try temp.ledger.importOCIndex(path: try Self.write(short, in: temp), actor: "t") }
        #expect(error.description.contains("lacks column 'Non-state actors'"), "\(error)")
        let unnamed = SyntheticWorkbook(sheets: [SyntheticWorkbook.dataset(
            "latest_dataset", columns: Self.resilience, rows: [("Kenya", Array(repeating: 5, count: 12))])])
        let named = try #require(throws: LedgerError.self) { try temp.ledger.importOCIndex(path: try Self.write(unnamed, in: temp), actor: "t") }
        #expect(named.description.contains("sheet latest_dataset"), "\(named)")
        #expect(named.description.contains("edition year"), "\(named)")
    }

    @Test func anUnknownCountryOrAScoreOffTheScaleRejectsTheWholeWorkbook() throws {
        let temp = try TemporaryLedger()
        let head = try temp.ledger.headSeq()
        var workbook = Self.workbook(names2023: ["Kenya", "Atlantis", "St, Lucia"])
        workbook.sheets.append(SyntheticWorkbook.dataset(
            "2019_dataset", columns: Self.resilience, rows: [("Kenya", Array(repeating: 11, count: 12)), ("Kenya", Array(repeating: 5, count: 12))]))
        let error = try #require(throws: LedgerError.self) { try temp.ledger.importOCIndex(path: try Self.write(workbook, in: temp), actor: "t") }
        guard case .ocIndex(.rejected(_, let problems, _)) = error else {
            Issue.record("expected a rejection, got \(error)")
            return
        }
        #expect(problems.contains { $0.hasPrefix("sheet 2023_dataset, row 3: country 'Atlantis' matches no State name or alias") })
        #expect(problems.contains { $0.contains("sheet 2019_dataset, row 2 (Kenya), Political leadership and governance: '11' is not a score from 1 to 10") })
        #expect(problems.contains { $0.contains("sheet 2019_dataset, row 3: 'Kenya' is the same State (KEN) as row 2") })
        #expect(error.description.contains("nothing was imported"))
        #expect(try temp.ledger.headSeq() == head)
    }

    @Test func aFileThatIsNoWorkbookOrHasNoDatasetSheetIsRefusedWithASentence() throws {
        let temp = try TemporaryLedger()
        let csv = try temp.file("scores.csv", "country,score\nKenya,5\n")
        let error = try #require(throws: LedgerError.self) { try temp.ledger.importOCIndex(path: csv, actor: "t") }
        #expect(error.description == "scores.csv is not an Organized Crime Index workbook that can be read: it is not a ZIP archive, as an XLSX file is. Use the XLSX file as downloaded from ocindex.net; nothing was imported.")
        let other = SyntheticWorkbook(sheets: [SyntheticWorkbook.Sheet(name: "Sheet1", rows: [["a", "b"]])])
        let none = try #require(throws: LedgerError.self) { try temp.ledger.importOCIndex(path: try Self.write(other, in: temp), actor: "t") }
        #expect(none.description.contains("has no edition sheet named YYYY_dataset (its sheets: Global_OC_Index (synthetic), Sheet1)"), "\(none)")
    }

    @Test func aRebuildReplaysTheScoresAndVerifyFindsATamperedOne() throws {
        let temp = try TemporaryLedger()
        _ = try temp.ledger.importOCIndex(path: try Self.write(Self.workbook(), in: temp), actor: "t")
        let before = try temp.ledger.outsideScores()
        _ = try temp.ledger.rebuild()
        #expect(try temp.ledger.outsideScores() == before)
        let queue = try DatabaseQueue(path: temp.path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "UPDATE outside_scores SET score = 9 WHERE seq = (SELECT min(seq) FROM outside_scores)") }
        try queue.close()
        let report = try temp.ledger.verify()
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.contains("The outside_scores projection disagrees with event") })
    }
}

/// `import ocindex` on the Index's real downloads in `../shared/data/ocindex/` (not shipped: their terms are unknown).
@Suite struct OCIndexRealDownloadTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/ocindex")
    static let download2025 = folder.appendingPathComponent("global_oc_index-2025-edition.xlsx")
    static let download2023 = folder.appendingPathComponent("global_oc_index-2023-edition.xlsx")
    static let present = FileManager.default.fileExists(atPath: download2025.path) && FileManager.default.fileExists(atPath: download2023.path)

    @Test(.enabled(if: present, "the Index's downloads in ../shared/data/ocindex are absent (a clone of the project alone has none: they are not shipped)"))
    func the2025DownloadRecordsEveryStateInThreeEditionsAndThe2023DownloadAddsNothing() throws {
        let temp = try TemporaryLedger()
        let summary = try temp.ledger.importOCIndex(path: Self.download2025.path, actor: "t")
        #expect(summary.sha256 == "0bdfe8943de5a82bd4f709f92c91c596de5c60a192dca463bc722d88be7b55f5")
        #expect(summary.sheets.map(\.edition) == [2025, 2023, 2021])
        #expect(summary.sheets.map(\.states) == [193, 193, 193])
        #expect(summary.sheets.map { $0.indicators[.resilience] } == [12, 12, 12])
        #expect(summary.sheets.map { $0.indicators[.market] } == [15, 15, 10])
        #expect(summary.sheets.map { $0.indicators[.actor] } == [5, 5, 4])
        #expect(summary.empty == 0)
        #expect(summary.recorded == 193 * (32 + 32 + 26))
        let scores = try temp.ledger.outsideScores()
        #expect(scores.filter { $0.fields.pillar == .resilience }.count == 193 * 3 * 12)
        #expect(Set(scores.map(\.fields.state)).count == 193)
        let head = try temp.ledger.headSeq()
        let older = try temp.ledger.importOCIndex(path: Self.download2023.path, actor: "t")
        #expect(older.sheets.map(\.edition) == [2023, 2021])
        #expect(older.sheets.map(\.states) == [193, 193])
        #expect(older.recorded == 0)
        #expect(older.unchanged == 193 * (32 + 26))
        #expect(try temp.ledger.headSeq() == head)
        #expect(try temp.ledger.verify().isSound)
    }
}
