import Foundation
import GRDB
import Testing

/// `cpsledger --version` and `cpsledger version`: what a bug report needs, read from what the binary
/// embeds, and never a commit it cannot know.
@Suite struct VersionCommandTests {
    @Test func versionNamesTheReleaseCommitSchemaAndReferenceDataDate() throws {
        let cli = try CommandLineTool()
        let flag = try cli.run("--version")
        #expect(flag.status == 0, "\(flag.stderr)")
        let lines = flag.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(flag.stdout)")
        #expect(lines.first?.hasPrefix("cpsledger 0.") == true, "\(flag.stdout)")

        // The schema is the newest migration a ledger this binary creates records.
        let newest = try DatabaseQueue(path: cli.db).read { db in try String.fetchOne(db, sql: "SELECT max(identifier) FROM grdb_migrations") }
        let count = try DatabaseQueue(path: cli.db).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") }
        #expect(lines.contains("schema: \(newest ?? "?") (\(count ?? 0) migrations)"), "\(flag.stdout)")

        // The reference data's date is the newest as-at date of the status tables the fixtures ship.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let treaties = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("Fixtures/treaties.json"))) as! [String: Any]
        let dates = (treaties["treaties"] as! [[String: Any]]).flatMap { ($0["status_tables"] as? [[String: Any]] ?? []).compactMap { $0["as_of"] as? String } }
        let newestTable = try #require(dates.max())
        #expect(lines.contains("reference data: treaty status as at \(newestTable) (the newest shipped table)"), "\(flag.stdout)")

        // A test build is not made by the release script: it says it has no commit rather than guess one.
        let commit = try #require(lines.first { $0.hasPrefix("commit: ") })
        #expect(commit == "commit: not recorded (a build without Scripts/release-binary.sh)" || commit.dropFirst(8).allSatisfy { $0.isHexDigit || $0 == "-" || $0.isLetter }, "\(commit)")

        // The subcommand says the same, and as JSON for a script.
        #expect(try cli.run("version").stdout == flag.stdout)
        let json = try cli.json("version", "--format", "json") as! [String: Any]
        #expect(Set(json.keys) == ["version", "commit", "schema", "migrations", "reference_data_date"])
        #expect(json["schema"] as? String == newest)
        #expect(json["migrations"] as? Int == count)
        #expect(json["reference_data_date"] as? String == newestTable)
        #expect(lines.first == "cpsledger " + (json["version"] as? String ?? "?"))
        if commit.hasPrefix("commit: not recorded") { #expect(json["commit"] is NSNull) }

        // Before or after a subcommand, --version is the tool's, not an unknown option of the summary.
        #expect(try cli.run("report", "--version").stdout == flag.stdout)
    }
}
