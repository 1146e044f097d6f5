import Foundation
import LedgerTestSupport
import Testing

/// `cpsledger import ocindex` and the outside views it brings, as a user runs them on the Index's real
/// downloads in `../shared/data/ocindex/` (not shipped: their terms are unknown).
@Suite struct OCIndexCommandTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/ocindex")
    static let download2025 = folder.appendingPathComponent("global_oc_index-2025-edition.xlsx").path
    static let download2023 = folder.appendingPathComponent("global_oc_index-2023-edition.xlsx").path
    static let present = FileManager.default.fileExists(atPath: download2025) && FileManager.default.fileExists(atPath: download2023)

    @Test func theOCIndexCrosswalkListsItsLinksWithTheirStrengths() throws {
        let tool = try CommandLineTool(statusData: nil)
        let text = try tool.run("crosswalk", "list", "--body", "ocindex")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Crosswalk — GI-TOC"))
        #expect(text.stdout.contains("(0 direct, 6 partial, 2 context, 2 corroboration)"))
        #expect(text.stdout.contains("scores none of them"))
        let csv = try tool.run("crosswalk", "list", "--body", "ocindex", "--format", "csv")
        #expect(csv.stdout.contains("\ninternational-cooperation,\"International cooperation (resilience indicator, 1-10)\",art2.mutual-legal-assistance,Article 2,partial,"))
        #expect(csv.stdout.contains("\narms-trafficking,\"Arms trafficking (criminal market, 1-10)\",art1.arms-trafficking,Article 1,context,"))
    }

    @Test(.enabled(if: present, "the Index's downloads in ../shared/data/ocindex are absent (a clone of the project alone has none: they are not shipped)"))
    func importTheDownloadsThenKenyasScorecardShowsThreeEditionsBesideItsCells() throws {
        let tool = try CommandLineTool()
        let summaryBefore = try tool.run("report", "summary", "--format", "json")
        let dry = try tool.run("import", "ocindex", Self.download2025, "--dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Dry run, nothing written: would record 17370 new or revised scores"))
        let first = try tool.run("import", "ocindex", Self.download2025)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2025_dataset: 193 States, 6176 scores (15 market, 5 actor, 12 resilience)"))
        #expect(first.stdout.contains("2021_dataset: 193 States, 5018 scores (10 market, 4 actor, 12 resilience)"))
        #expect(first.stdout.contains("Recorded 17370 new or revised scores"))
        let older = try tool.run("import", "ocindex", Self.download2023)
        #expect(older.status == 0, "\(older.stderr)")
        #expect(older.stdout.contains("Recorded 0 new or revised scores; 11194 already recorded."))
        let card = try tool.run("report", "state", "KEN")
        #expect(card.status == 0)
        #expect(card.stdout.contains("GI-TOC International cooperation: 2021 7 → 2023 7.5 → 2025 7.5 (+0.5); 1-10, higher is more resilience; partial link, not counted"))
        #expect(card.stdout.contains("\"cooperation in criminal matters, particularly mutual legal assistance, extradition"))
        #expect(card.stdout.contains("GI-TOC Arms trafficking: 2021 7.5 → 2023 7.5 → 2025 7.5 (0); 1-10, higher is more crime; context link, not counted"))
        // The summary counts no outside view.
        // (Its "log" names the events it rests on, and the import added events: compared without it.)
        let summaryAfter = try tool.run("report", "summary", "--format", "json").stdout
        #expect(summaryAfter.contains("\"log\""))
        #expect(try ReportLogState.removed(from: summaryAfter) == ReportLogState.removed(from: summaryBefore.stdout))
        #expect(try tool.run("verify").status == 0)
    }

    @Test func aFileThatIsNotTheWorkbookIsRefusedWithASentence() throws {
        let tool = try CommandLineTool()
        let path = tool.directory.appendingPathComponent("scores.xlsx").path
        try Data("country,score\n".utf8).write(to: URL(fileURLWithPath: path))
        let run = try tool.run("import", "ocindex", path)
        #expect(run.status != 0)
        #expect(run.stderr.contains("scores.xlsx is not an Organized Crime Index workbook that can be read: it is not a ZIP archive"), "\(run.stderr)")
    }
}
