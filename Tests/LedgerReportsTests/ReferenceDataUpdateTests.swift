import Foundation
import LedgerModel
import LedgerReports
@testable import LedgerStore
import LedgerTestSupport
import Testing

/// `data update` brings a ledger made with the first release's reference data (the 2014-15 UNTC
/// tables, its `states.json`) to the reference state of a new ledger, as events, without changing
/// what the ledger said before.
///
/// The old ledger is made by the store's own creation path with the first release's reference set
/// (``ReferenceSet``): its `states.json` kept in `FirstRelease/` (from commit 8e13c16) and the fifteen
/// `untc/*.csv` tables it shipped, whose entries in `treaties.json` are unchanged since. A ledger file
/// built by the old commit would also carry its old schema, which every open migrates anyway; this
/// way the test needs no binary file and names exactly what the first release shipped.
@Suite struct ReferenceDataUpdateTests {
    /// The status files the first release shipped (its `treaties.json` named one table per treaty).
    static let firstReleaseFiles: Set<String> = [
        "untc/VI-15.csv", "untc/VI-16.csv", "untc/VI-17.csv", "untc/VI-18.csv", "untc/VI-19.csv", "untc/XVIII-5.csv", "untc/XVIII-7.csv",
        "untc/XVIII-9.csv", "untc/XVIII-11.csv", "untc/XVIII-12.csv", "untc/XVIII-12-a.csv", "untc/XVIII-12-b.csv", "untc/XVIII-12-c.csv",
        "untc/XVIII-14.csv", "untc/XVIII-15.csv",
    ]

    /// A ledger as the first release made it.
    static func firstReleaseLedger(at path: String) throws -> Ledger {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FirstRelease/states.json")
        let statesJSON = try Data(contentsOf: url)
        let set = ReferenceSet(
            statesJSON: statesJSON, states: try StateDirectory.decode(json: statesJSON), stateChanges: [], statusFiles: firstReleaseFiles,
            recordsCrosswalks: false)
        return try Ledger.open(path: path, actor: "first-release", withStatusData: true, busyTimeout: 30, forReading: false, reference: set)
    }

    static func render(_ kind: ReportRequest.Kind, _ ledger: Ledger, knownAt: KnownAt? = nil) throws -> String {
        let request = ReportRequest(kind: kind, format: .json, asOf: ISODate("2026-09-01")!, knownAt: knownAt)
        return try request.render(ledger: ledger).body
    }

    /// JSON without the sequence numbers of events, which differ with the order the same tables were imported in.
    static func withoutSeq(_ text: String) throws -> String {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { $0.key != "seq" && $0.key != "head" && $0.key != "log" }.mapValues(strip)
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let object = strip(try JSONSerialization.jsonObject(with: Data(text.utf8)))
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func aFirstReleaseLedgerIsBroughtToTheReferenceStateOfANewOne() throws {
        let folder = try TemporaryFolder()
        let old = try Self.firstReleaseLedger(at: folder.url.appendingPathComponent("old.sqlite").path)
        #expect(try old.verify().isSound)
        let status = try old.referenceDataStatus()
        #expect(status.isBehind)
        #expect(status.statusTables.filter { $0.state == .missing }.count == 18)  // 15 XML of 2018, the CWC page, NPT, BWC
        #expect(status.differences.contains { $0.kind == "value_corrected" && $0.key == "THA" && $0.column == "admission_date" })
        #expect(status.differences.filter { $0.kind == "row_added" && $0.table == "state_aliases" }.count == 21)
        #expect(status.differences.filter { $0.kind == "state_change" }.count == 2)
        #expect(try old.isBehindReferenceData())

        let treatiesBefore = try Self.render(.treaties, old)
        Thread.sleep(forTimeInterval: 0.01)
        let knownAt = KnownAt(Timestamp.now())!
        let before = try Self.render(.summary, old, knownAt: knownAt)
        let treatiesKnownBefore = try Self.render(.treaties, old, knownAt: knownAt)
        Thread.sleep(forTimeInterval: 0.01)

        let head = try old.headSeq()
        let dry = try old.updateReferenceData(dryRun: true, actor: "test")
        #expect(dry.before.isBehind && dry.dryRun)
        #expect(try old.headSeq() == head, "a dry run writes nothing")

        let update = try old.updateReferenceData(actor: "test")
        #expect(update.treatyActions > 0)
        #expect(try old.verify().isSound)
        let updatedHead = try old.headSeq()
        #expect(updatedHead > head)
        let again = try old.updateReferenceData(actor: "test")
        #expect(!again.before.isBehind)
        #expect(try old.headSeq() == updatedHead, "a second update writes nothing")

        // Reopened (its States as the update left them), it equals a new ledger.
        let updated = try Ledger.open(path: old.path, actor: "test")
        #expect(try !updated.isBehindReferenceData())
        let new = try Ledger.open(path: folder.url.appendingPathComponent("new.sqlite").path, actor: "test")
        #expect(try !new.referenceDataStatus().isBehind)
        let sourcesUpdated = try JSONEncoder().encode(TreatySources.make(ledger: updated, asOf: ISODate("2026-09-01")!, staleDataYears: 5))
        let sourcesNew = try JSONEncoder().encode(TreatySources.make(ledger: new, asOf: ISODate("2026-09-01")!, staleDataYears: 5))
        #expect(try Self.withoutSeq(String(decoding: sourcesUpdated, as: UTF8.self)) == Self.withoutSeq(String(decoding: sourcesNew, as: UTF8.self)))
        #expect(try Self.withoutSeq(Self.render(.treaties, updated)) == Self.withoutSeq(Self.render(.treaties, new)))
        #expect(try Self.withoutSeq(Self.render(.summary, updated)) == Self.withoutSeq(Self.render(.summary, new)))
        #expect(updated.states.state(named: "Korea, North")?.iso3 == "PRK")
        #expect(try Self.render(.treaties, updated) != treatiesBefore, "the update moved the treaty figures")

        // What the ledger said before the update, byte for byte but for the log state (the tree has grown since).
        #expect(try ReportLogState.removed(from: Self.render(.summary, updated, knownAt: knownAt)) == ReportLogState.removed(from: before))
        #expect(try ReportLogState.removed(from: Self.render(.treaties, updated, knownAt: knownAt)) == ReportLogState.removed(from: treatiesKnownBefore))
    }

    @Test func aTableTheLedgerHoldsWithOtherBytesIsNamedAndKept() throws {
        let folder = try TemporaryFolder()
        // This build's reference data, but the NPT list not yet imported.
        var set = try ReferenceSet.embedded()
        set.statusFiles = ReferenceData.shippedStatusFiles.subtracting(["unoda/npt.csv"])
        let old = try Ledger.open(
            path: folder.url.appendingPathComponent("old.sqlite").path, actor: "test", withStatusData: true, busyTimeout: 30, forReading: false, reference: set)
        // The NPT list as a user might have imported it: the shipped file with its last State cut off.
        let npt = try #require(LedgerFixturesAccess.statusFile("unoda/npt.csv"))
        var lines = String(decoding: npt, as: UTF8.self).split(whereSeparator: \.isNewline)
        lines.removeLast()
        let path = folder.url.appendingPathComponent("npt.csv").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        _ = try old.importUNTC(treaty: "npt-1968", path: path, asAt: ISODate("2026-08-22")!, source: "EXAMPLE: a cut copy of the UNODA list", actor: "test")
        let status = try old.referenceDataStatus()
        #expect(status.statusTables.first { $0.file == "unoda/npt.csv" }?.state == .differs)
        #expect(status.differences.contains { $0.kind == "table_differs" && $0.key == "npt-1968" && !$0.applies })
        let tables = try old.treatyTables().filter { $0.treaty == "npt-1968" }.count
        _ = try old.updateReferenceData(actor: "test")
        #expect(try old.treatyTables().filter { $0.treaty == "npt-1968" }.count == tables, "the ledger's own NPT table is not overwritten")
        #expect(try old.referenceDataStatus().statusTables.first { $0.file == "unoda/npt.csv" }?.state == .differs)
        #expect(try !old.isBehindReferenceData(), "a table kept on purpose does not leave the ledger behind")
        #expect(try old.verify().isSound)
    }
}

/// The shipped status files, through the store (the test target does not link the fixtures module).
enum LedgerFixturesAccess {
    static func statusFile(_ path: String) -> Data? { ReferenceData.shippedStatusFile(path) }
}
