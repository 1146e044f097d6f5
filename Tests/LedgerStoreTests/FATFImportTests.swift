import Foundation
import GRDB
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// `import fatf` on the real consolidated ratings of `../shared/data/fatf/` (as at July 2026).
@Suite struct FATFImportTests {
    /// `../shared/data/fatf/consolidated-ratings-2026.csv` relative to the repository root.
    static let realFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/fatf/consolidated-ratings-2026.csv")
    static let realFileExists = FileManager.default.fileExists(atPath: realFile.path)

    /// The file's text (its lines end CRLF, a single Character in Swift: lines are split on `isNewline`).
    static func realText() throws -> String { try String(contentsOf: realFile, encoding: .utf8) }

    /// The real file with one line replaced (found by its first field).
    static func edited(iso2: String, _ change: (inout [String]) -> Void) throws -> String {
        var lines = try realText().split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let index = try #require(lines.firstIndex { $0.hasPrefix(iso2 + ",") })
        var fields = lines[index].components(separatedBy: ",")
        change(&fields)
        lines[index] = fields.joined(separator: ",")
        return lines.joined(separator: "\n")
    }

    @Test(.enabled(if: realFileExists, "the shared data file ../shared/data/fatf/consolidated-ratings-2026.csv is absent"))
    func theRealFileRecordsEveryRatingOfTheStatesAndSkipsTheOtherJurisdictions() throws {
        let temp = try TemporaryLedger()
        let before = try temp.ledger.headSeq()
        let summary = try temp.ledger.importFATF(path: Self.realFile.path, actor: "t")
        #expect(summary.rows == 199)
        // 180 Member States, and Cook Islands, Niue and the Holy See (the ledger's non-member participants).
        #expect(summary.states == 183)
        #expect(summary.recorded == 183 * 51)
        #expect(try temp.ledger.headSeq() == before + 183 * 51)
        #expect(summary.ratingCounts == [.c: 1999, .lc: 3868, .pc: 1190, .nc: 242, .na: 21, .he: 32, .se: 347, .me: 843, .le: 791])
        let skipped = Set(summary.skipped.map(\.name))
        #expect(skipped.count == 16)
        #expect(skipped.isSuperset(of: ["Hong Kong", "Macau", "Taiwan", "Jersey", "Guernsey", "Isle of Man", "Cayman Islands", "Aruba"]))
        // USA, as the FATF's follow-up report of March 2024 rates it; month precision kept.
        let usa = try #require(try temp.ledger.externalAssessments().first { $0.fields.state == "USA" && $0.fields.item == "R.11" })
        #expect(usa.fields.rating == .lc)
        #expect(usa.fields.report == "follow-up report")
        #expect(usa.fields.reportMonth == "2024-03")
        #expect(usa.fields.evaluationMonth == "2016-12")
        #expect(usa.fields.sha256.count == 64)
        #expect(usa.fields.label == "FATF R.11: LC, follow-up report 2024-03")
        // France's ratings are those of its mutual evaluation (no follow-up yet).
        let france = try #require(try temp.ledger.externalAssessments().first { $0.fields.state == "FRA" && $0.fields.item == "R.11" })
        #expect(france.fields.report == "mutual evaluation")
        #expect(try temp.ledger.verify().isSound)
    }

    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func importingTheSameFileTwiceWritesNothing() throws {
        let temp = try TemporaryLedger()
        _ = try temp.ledger.importFATF(path: Self.realFile.path, actor: "t")
        let count = try temp.ledger.headSeq()
        let again = try temp.ledger.importFATF(path: Self.realFile.path, actor: "t")
        #expect(again.recorded == 0)
        #expect(again.unchanged == 183 * 51)
        #expect(again.firstSeq == nil)
        #expect(try temp.ledger.headSeq() == count)
    }

    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func aChangedRatingInANewerFileIsRecordedOnceAndTheEarlierOneStaysForOlderDates() throws {
        let temp = try TemporaryLedger()
        _ = try temp.ledger.importFATF(path: Self.realFile.path, actor: "t")
        // A later follow-up report re-rates the United States on R.11 (columns: iso2, country, methodology, dates, R1 at 5).
        let newer = try temp.file("ratings-2027.csv", try Self.edited(iso2: "US") { fields in
            fields[4] = "2026-10"
            fields[5 + 10] = "C"
        })
        let count = try temp.ledger.headSeq()
        let summary = try temp.ledger.importFATF(path: newer, actor: "t")
        #expect(summary.recorded == 1)
        #expect(try temp.ledger.headSeq() == count + 1)
        #expect(try temp.ledger.importFATF(path: newer, actor: "t").recorded == 0)
        let now = try #require(try temp.ledger.externalAssessments().first { $0.fields.state == "USA" && $0.fields.item == "R.11" })
        #expect(now.fields.rating == .c)
        #expect(now.fields.reportMonth == "2026-10")
        let earlier = try #require(try temp.ledger.externalAssessments(asOf: ISODate("2026-09-30")).first {
            $0.fields.state == "USA" && $0.fields.item == "R.11"
        })
        #expect(earlier.fields.rating == .lc)
        // The older file, imported again, does not undo the newer rating.
        #expect(try temp.ledger.importFATF(path: Self.realFile.path, actor: "t").recorded == 0)
    }

    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func anUnknownJurisdictionStopsTheImportWithASuggestionAndWritesNothing() throws {
        let temp = try TemporaryLedger()
        let bad = try temp.file("bad.csv", try Self.edited(iso2: "AL") { $0[1] = "Albanie" })
        let count = try temp.ledger.headSeq()
        #expect {
            try temp.ledger.importFATF(path: bad, actor: "t")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("line 2") && text.contains("Albanie") && text.contains("Albania")
        }
        #expect(try temp.ledger.headSeq() == count)
    }

    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func aRatingOffTheScaleIsRefusedWithItsColumn() throws {
        let temp = try TemporaryLedger()
        let bad = try temp.file("bad.csv", try Self.edited(iso2: "DZ") { $0[5 + 2] = "X"; $0[5 + 40] = "LC" })
        #expect {
            try temp.ledger.importFATF(path: bad, actor: "t")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("R3") && text.contains("IO1") && text.contains("HE, SE, ME or LE")
        }
    }

    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func verifyChecksTheProjectionAndRebuildReplaysIt() throws {
        let temp = try TemporaryLedger()
        _ = try temp.ledger.importFATF(path: Self.realFile.path, actor: "t")
        let before = try temp.ledger.externalAssessments()
        try temp.ledger.rebuild()
        #expect(try temp.ledger.externalAssessments() == before)
        #expect(try temp.ledger.verify().isSound)
        // A rating changed behind the ledger's back is named, with its event.
        let seq = try #require(before.first { $0.fields.state == "USA" && $0.fields.item == "R.11" }?.seq)
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in try db.execute(sql: "UPDATE external_assessments SET rating = 'C' WHERE seq = ?", arguments: [seq]) }
        let report = try temp.ledger.verify()
        #expect(!report.isSound)
        #expect(report.firstBadSeq == seq)
        #expect(report.problems.contains { $0.contains("external_assessments projection disagrees with event \(seq)") })
        try temp.ledger.rebuild()
        #expect(try temp.ledger.verify().isSound)
        // A rating that is no rating at all is named by the read and by verify, never dropped.
        try queue.write { db in try db.execute(sql: "UPDATE external_assessments SET rating = 'Good' WHERE seq = ?", arguments: [seq]) }
        #expect {
            try temp.ledger.externalAssessments()
        } throws: { error in
            String(describing: error).hasPrefix("Row seq \(seq) of the external_assessments table holds 'Good' in column rating")
        }
        let named = try temp.ledger.verify()
        #expect(named.problems.contains { $0.hasPrefix("Row seq \(seq) of the external_assessments table holds 'Good' in column rating") }, "\(named.problems)")
    }
}

extension FATFImportTests {
    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func aCellsHistoryListsTheFATFRatingsLinkedToIt() throws {
        let temp = try TemporaryLedger()
        _ = try temp.ledger.importFATF(path: Self.realFile.path, actor: "t")
        let history = try temp.ledger.history(state: "USA", obligation: "art8.record-keeping")
        #expect(history.count == 1)
        #expect(history.first?.kind == "external_assessment.recorded")
        #expect(history.first?.payload.contains("\"item\":\"R.11\"") == true)
        #expect(try temp.ledger.history(state: "USA", obligation: "art9.professionalism").isEmpty)
    }
}
