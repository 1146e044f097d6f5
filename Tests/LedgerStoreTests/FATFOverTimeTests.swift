import Foundation
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// Two FATF consolidated tables three weeks apart (`../shared/data/fatf/`, 10 and 31 July 2026):
/// imported oldest first, the ledger keeps both ratings of a re-rated Recommendation, each dated by
/// its report month, and a date before the follow-up report still reads the older one.
@Suite struct FATFOverTimeTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/fatf")
    static let older = folder.appendingPathComponent("consolidated-ratings-2026-07-10.csv")
    static let newer = folder.appendingPathComponent("consolidated-ratings-2026.csv")
    static let bothExist = FileManager.default.fileExists(atPath: older.path) && FileManager.default.fileExists(atPath: newer.path)

    @Test(.enabled(if: bothExist, "the shared FATF tables of 10 and 31 July 2026 (../shared/data/fatf/) are absent"))
    func anOlderThenANewerTableKeepsBothRatingsEachDatedByItsReport() throws {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        _ = try ledger.importFATF(path: Self.older.path, actor: "test")
        let second = try ledger.importFATF(path: Self.newer.path, actor: "test")
        // Eswatini's follow-up report of September 2025 re-rated 15 Recommendations (its August 2022 ratings before).
        #expect(second.recorded > 0)
        func rating(_ asOf: String) throws -> ExternalAssessmentRecord? {
            try ledger.externalAssessments(asOf: ISODate(asOf)!).first { $0.fields.state == "SWZ" && $0.fields.item == "R.32" }
        }
        #expect(try rating("2022-07-31") == nil, "before the 2022 report the ledger holds no rating")
        #expect(try rating("2024-01-01")?.fields.rating == .pc)
        #expect(try rating("2024-01-01")?.fields.reportMonth == "2022-08")
        #expect(try rating("2026-01-01")?.fields.rating == .lc)
        #expect(try rating("2026-01-01")?.fields.reportMonth == "2025-09")
        // `history` of the cell R.32 is linked to shows both ratings, oldest first.
        let history = try ledger.history(state: "SWZ", obligation: "art7.border-interdiction")
            .filter { $0.kind == EventKind.externalAssessmentRecorded.rawValue }
        #expect(history.count == 2)
        #expect(history.map { $0.payload.contains("\"rating\":\"PC\"") } == [true, false])
        #expect(history.last?.payload.contains("\"report_month\":\"2025-09\"") == true)
        #expect(try ledger.verify().isSound)
    }
}
