import Foundation
import Testing

/// `cpsledger crosswalk list` and `cpsledger import fatf` as a user runs them.
@Suite struct FATFCommandTests {
    static let realFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/fatf/consolidated-ratings-2026.csv")
    static let realFileExists = FileManager.default.fileExists(atPath: realFile.path)

    @Test func theCrosswalkListsAsATableAndAsCSV() throws {
        let tool = try CommandLineTool(statusData: nil)
        let text = try tool.run("crosswalk", "list")
        #expect(text.status == 0)
        #expect(text.stdout.contains("R.11"))
        #expect(text.stdout.contains("art8.record-keeping"))
        #expect(text.stdout.contains("not a verdict"))
        let csv = try tool.run("crosswalk", "list", "--format", "csv")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "item,item_title,obligation,provision,strength,rationale,reference")
        #expect(lines.contains { $0.hasPrefix("R.11,Record-keeping,art8.record-keeping,Article 8,direct,") })
        let json = try tool.run("crosswalk", "list", "--format", "json")
        #expect(json.stdout.contains("\"strength\" : \"partial\""))
        #expect(try tool.run("crosswalk", "list", "--format", "xml").status != 0)
    }

    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func importFATFThenTheUSAScorecardShowsItsEvidence() throws {
        let tool = try CommandLineTool()
        let first = try tool.run("import", "fatf", Self.realFile.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("199 jurisdictions, 183 of them States. Recorded 9333 new or changed ratings"))
        #expect(first.stdout.contains("Skipped 16 jurisdictions that are not States"))
        #expect(first.stdout.contains("Hong Kong (Special Administrative Region of China)"))
        let again = try tool.run("import", "fatf", Self.realFile.path)
        #expect(again.stdout.contains("Recorded 0 new or changed ratings; 9333 already in force."))
        let card = try tool.run("report", "state", "USA")
        #expect(card.status == 0)
        #expect(card.stdout.contains("FATF R.11: LC, follow-up report 2024-03 (direct link)"))
        let summary = try tool.run("report", "summary", "--basis", "external", "--format", "json")
        #expect(summary.status == 0)
        #expect(summary.stdout.contains("\"external\" : 1080"))
        let bad = try tool.run("report", "summary", "--basis", "outside")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--basis 'outside' is not a basis; use one of: self, assessed, external."))
        #expect(try tool.run("verify").status == 0)
    }
}
