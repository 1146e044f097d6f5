import Foundation
import GRDB
import LedgerTestSupport
import Testing

/// Each exit status of the tool (the list at the end of `cpsledger --help`), produced by the real
/// binary on a real ledger, and the same list in the command reference (docs/reference/commands.md). 70 (an error the tool did not expect)
/// is the fallback no input is known to reach.
@Suite struct ExitStatusTests {
    let record = [
        "measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "implemented",
        "--effective", "1990-07-12", "--kind", "legislation", "--title", "EXAMPLE law (test data)", "--source", "EXAMPLE",
    ]

    @Test func doneNotSoundRefusedAndAlarm() throws {
        let cli = try CommandLineTool()
        #expect(try cli.run(record).status == 0)

        // 2: the data was refused, and nothing was written.
        let csv = try cli.file("bad.csv", "state,obligation,status,effective_date,title,kind,source,note\nXYZ,art8.record-keeping,implemented,1990-07-12,EXAMPLE,legislation,,\n")
        let refused = try cli.run("import", "measures", csv)
        #expect(refused.status == 2, "\(refused.stderr)")
        let retract = try cli.run("measure", "retract", "99", "--reason", "EXAMPLE")
        #expect(retract.status == 2, "\(retract.stderr)")

        // 3: the alarm a scheduled job asks for.
        #expect(try cli.run("measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "no_measures", "--effective", "2016-01-01").status == 0)
        let alarm = try cli.run("report", "changes", "--from", "2015-01-01", "--to", "2016-06-30", "--fail-on-regression")
        #expect(alarm.status == 3, "\(alarm.stderr)")

        // 0, then 1 once an event was changed behind the ledger's back.
        #expect(try cli.run("verify").status == 0)
        try BehindTheLedger.edit(cli.db, "UPDATE events SET payload = replace(payload, '1990-07-12', '1980-07-12') WHERE seq = 2")
        let tampered = try cli.run("verify")
        #expect(tampered.status == 1, "\(tampered.stderr)")
        #expect(tampered.stderr.contains("Ledger NOT sound: first bad event 2."))
    }

    @Test func usageUnavailableFileAndBusy() throws {
        let cli = try CommandLineTool()
        // 64: a mistake in the command line, whether the parser or the reports find it.
        #expect(try cli.run("report", "summary", "--as-of", "2020-02-30").status == 64)
        let region = try cli.run("report", "summary", "--region", "Atlantis")
        #expect(region.status == 64, "\(region.stderr)")
        #expect(!region.stderr.contains("USAGE:"), "a value the reports refuse is named without the usage")

        // 69: the server does not answer (nothing listens on this port of the tests' range).
        let mirror = try cli.run("mirror", "http://127.0.0.1:18599")
        #expect(mirror.status == 69, "\(mirror.stderr)")
        // libcurl's words, as URLSession gave them before mirror moved to AsyncHTTPClient (issue 23).
        #expect(
            mirror.stderr.contains("Cannot read http://127.0.0.1:18599/api/checkpoints/latest: Failed to connect to 127.0.0.1 port 18599"),
            "\(mirror.stderr)")

        // 74: a file that cannot be read, the ledger included.
        let missing = try cli.run("import", "measures", cli.directory.appendingPathComponent("missing.csv").path)
        #expect(missing.status == 74, "\(missing.stderr)")
        let text = try cli.file("notes.sqlite", "not a ledger\n")
        let notALedger = try cli.run("verify", "--db", text)
        #expect(notALedger.status == 74, "\(notALedger.stderr)")

        // 75: another process holds the write lock; the same command succeeds once it lets go.
        try DatabaseQueue(path: cli.db).inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let busy = try cli.run(record, environment: ["CPSLEDGER_BUSY_TIMEOUT": "0.2"])
            #expect(busy.status == 75, "\(busy.stderr)")
            #expect(busy.stderr.contains("The ledger is busy"))
        }
        #expect(try cli.run(record).status == 0)
    }

    /// The statuses the help lists are the command reference's, with the same meaning.
    @Test func theHelpAndTheCommandReferenceListTheSameStatuses() throws {
        let cli = try CommandLineTool(statusData: nil)
        let help = try cli.run("--help").stdout
        let listed = help.components(separatedBy: "Exit status:\n").last?.components(separatedBy: "\n\n").first ?? ""
        let rows = listed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(rows.count == 9, "\(rows)")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let reference = try String(contentsOf: root.appendingPathComponent("docs/reference/commands.md"), encoding: .utf8)
        #expect(reference.contains("## The command line\n"))
        let section = reference.components(separatedBy: "## The command line\n").last?.components(separatedBy: "\n## ").first ?? ""
        for row in rows {
            let code = row.prefix { $0.isNumber }
            let meaning = row.dropFirst(code.count).trimmingCharacters(in: .whitespaces)
            #expect(section.contains("| \(code) | \(meaning)"), "docs/reference/commands.md, \"The command line\", lacks the row: | \(code) | \(meaning)")
        }
    }
}
