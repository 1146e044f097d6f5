import Foundation
import Testing

/// `cpsledger data status`, `data update` and `states rename` as a user runs them.
@Suite struct DataCommandTests {
    @Test func aLedgerWithoutTheShippedTablesIsBehindAndOneUpdateBringsItCurrent() throws {
        let cli = try CommandLineTool(statusData: false)
        let status = try cli.json("data", "status", "--format", "json") as! [String: Any]
        #expect(status["behind"] as? Bool == true)
        let tables = status["status_tables"] as! [[String: Any]]
        #expect(tables.count == 33 && tables.allSatisfy { $0["state"] as? String == "missing" })
        #expect(tables.first?["file"] as? String == "untc/VI-15.csv" && tables.first?["as_at"] as? String == "2015-01-27")

        let dry = try cli.run("data", "update", "--dry-run")
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("would write  status table untc-xml-2018/VI-15.en.xml"))
        #expect(dry.stdout.contains("nothing was written"))
        #expect((try cli.json("data", "status", "--format", "json") as! [String: Any])["behind"] as? Bool == true)

        let update = try cli.run("data", "update")
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout.contains("Wrote 33 changes"))
        #expect((try cli.json("data", "status", "--format", "json") as! [String: Any])["behind"] as? Bool == false)
        let again = try cli.run("data", "update")
        #expect(again.stdout.contains("nothing to write"))
        #expect(try cli.run("verify").status == 0)
    }

    @Test func statesRenameRecordsADatedNameThatReportsOfEarlierDatesDoNotShow() throws {
        let cli = try CommandLineTool(statusData: false)
        let renamed = try cli.run(
            "states", "rename", "FRA", "--name", "EXAMPLE Republic (test name)", "--effective", "2020-01-01", "--source", "EXAMPLE: test only")
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(renamed.stdout.contains("FRA is named EXAMPLE Republic (test name) from 2020-01-01"))
        let before = try cli.json("report", "state", "FRA", "--as-of", "2019-12-31", "--format", "json") as! [String: Any]
        let after = try cli.json("report", "state", "FRA", "--as-of", "2020-06-30", "--format", "json") as! [String: Any]
        #expect((before["state"] as? [String: Any])?["name"] as? String == "France")
        #expect((after["state"] as? [String: Any])?["name"] as? String == "EXAMPLE Republic (test name)")
        let undated = try cli.run("states", "rename", "FRA", "--name", "EXAMPLE other", "--effective", "2021-01-01", "--source", "")
        #expect(undated.status != 0)
        #expect(undated.stderr.contains("source"))
    }
}
