import Foundation
import Testing

/// A user upgrades: this binary on a copy of a ledger an earlier build wrote
/// (Tests/LedgerStoreTests/OldLedgers, each with what the old binary printed from it) migrates it,
/// proves it still holds the old head, and reports, lists and tells its history as the old build did.
@Suite struct OldLedgerCommandTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LedgerStoreTests/OldLedgers")

    /// The kept ledgers and the head each old build left (from its README).
    static let ledgers: [(name: String, head: String)] = [
        ("v0002-8e13c16", "17:eab7d9101456a75f5e14cde43f7f8168cae8ae93d4507a5a7bc91e98c589d99d")
    ]

    static func kept(_ file: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file)))
    }

    @Test(arguments: ledgers.map(\.name)) func anOldLedgerUpgradesAndReportsAsBefore(name: String) throws {
        let head = try #require(Self.ledgers.first { $0.name == name }?.head)
        let cli = try CommandLineTool(statusData: nil)
        try FileManager.default.copyItem(atPath: Self.folder.appendingPathComponent(name + ".sqlite").path, toPath: cli.db)

        let verify = try cli.run("verify", "--expect-head", head)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("Ledger sound"))

        // The summary's figures, row by row, as the old build computed them.
        let old = try #require(try Self.kept(name + ".report-summary.json") as? [String: Any])
        let new = try #require(try cli.json("report", "summary", "--as-of", "2026-12-01", "--format", "json") as? [String: Any])
        let figures = ["states", "obligations", "cells", "applicable", "reported", "not_reported", "not_applicable", "assessed", "coverage", "score"]
        func rows(_ report: [String: Any]) -> [String: [String: Any]] {
            var found: [String: [String: Any]] = [:]
            if let global = report["global"] as? [String: Any] { found["global"] = global }
            for section in ["regional_groups", "articles", "themes"] {
                for row in report[section] as? [[String: Any]] ?? [] { found[section + "/" + (row["name"] as? String ?? "?")] = row }
            }
            return found
        }
        let oldRows = rows(old), newRows = rows(new)
        #expect(oldRows.count > 10)
        for (key, oldRow) in oldRows {
            let newRow = try #require(newRows[key], "the summary has no row \(key)")
            for figure in figures {
                #expect((newRow[figure] as? NSObject) == (oldRow[figure] as? NSObject), "\(key): \(figure) was \(oldRow[figure] ?? "absent"), now \(newRow[figure] ?? "absent")")
            }
            // The first release counted the cells that rest on treaty status as self-reported; they
            // are counted apart since (from_treaty_status).
            let selfReported = (newRow["self_reported"] as? Int ?? -1) + (newRow["from_treaty_status"] as? Int ?? 0)
            #expect(selfReported == oldRow["self_reported"] as? Int, "\(key): self_reported was \(oldRow["self_reported"] ?? "absent"), now \(selfReported) with from_treaty_status")
            let oldCounts = oldRow["status_counts"] as? [String: Int] ?? [:], newCounts = newRow["status_counts"] as? [String: Int] ?? [:]
            for (status, count) in oldCounts { #expect(newCounts[status] == count, "\(key): \(status) was \(count), now \(newCounts[status] ?? 0)") }
        }

        // The measures in force and a cell's history, as the old build listed them.
        let listed = try #require(try Self.kept(name + ".measure-list.json") as? [NSDictionary])
        let measures = try #require(try cli.json("measure", "list", "--format", "json") as? [NSDictionary])
        #expect(Set(measures) == Set(listed))
        let history = try #require(try Self.kept(name + ".history-DEU.json") as? [NSDictionary])
        #expect(try cli.json("history", "--state", "DEU", "--obligation", "art8.bank-secrecy", "--format", "json") as? [NSDictionary] == history)
    }
}
