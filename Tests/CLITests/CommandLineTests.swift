import Foundation
import GRDB
import LedgerTestSupport
import Testing

/// The command-line tool end to end, on a real ledger file.
@Suite struct CommandLineTests {
    let record = [
        "measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "implemented",
        "--effective", "1990-07-12", "--kind", "legislation", "--title", "Example law (test data)", "--source", "example",
    ]

    /// A command that only reads writes nothing to the ledger file: not even the table GRDB makes
    /// and drops to set up the WAL, which also made a report fail on a file the user may only read.
    /// The file's bytes are compared before and after each one; a write after them still works.
    /// (Commands that write, and the server, open it for writing.)
    @Test func commandsThatOnlyReadLeaveTheLedgerFileAsItWas() throws {
        let cli = try CommandLineTool()
        #expect(try cli.run(record).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        for arguments in [
            ["report", "summary"], ["report", "matrix", "--format", "csv", "--as-of", "2000-01-01"],
            ["history", "--state", "FRA", "--obligation", "art8.record-keeping"], ["verify"], ["export", "measures"],
            ["measure", "list"], ["states", "list"], ["obligations", "list"], ["treaties", "list"], ["treaties", "sources"], ["round", "list"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == before, "\(arguments.joined(separator: " ")) changed the ledger file")
        }
        var changed = record
        changed[changed.firstIndex(of: "implemented")!] = "partial"
        #expect(try cli.run(changed).status == 0)
        #expect(try cli.run("verify").stdout.contains("Ledger sound: 3 events"))
    }

    @Test func recordListReportAndVerifyOnAFreshLedger() throws {
        let cli = try CommandLineTool()
        let recorded = try cli.run(record)
        #expect(recorded.status == 0)
        #expect(recorded.stdout.contains("Recorded measure 2"))
        let again = try cli.run(record)
        #expect(again.status == 0)
        #expect(again.stdout.contains("Measure 2 already says exactly this; nothing written"))

        let list = try cli.json("measure", "list", "--format", "json") as! [[String: Any]]
        #expect(list.count == 1)
        #expect(list[0]["id"] as? Int == 2)
        #expect(list[0]["effective_date"] as? String == "1990-07-12")
        #expect(list[0]["actor"] as? String == "cli-test")

        let summary = try cli.json("report", "summary", "--format", "json", "--as-of", "2000-01-01") as! [String: Any]
        #expect((summary["global"] as? [String: Any])?["reported"] as? Int == 1)
        let before = try cli.json("report", "summary", "--format", "json", "--as-of", "1990-07-11") as! [String: Any]
        #expect((before["global"] as? [String: Any])?["reported"] as? Int == 0)

        let history = try cli.run("history", "--state", "FRA", "--obligation", "art8.record-keeping")
        #expect(history.stdout.contains("measure.recorded"))
        let verify = try cli.run("verify")
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("Ledger sound: 2 events"))
    }

    @Test func withNoSubcommandItPrintsTheSummaryOfTheDefaultLedger() throws {
        let cli = try CommandLineTool(statusData: nil)
        let result = try cli.run([])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Compliance summary — A/RES/51/60"))
        #expect(result.stdout.contains("All Member States"))
        #expect(FileManager.default.fileExists(atPath: cli.db))
    }

    @Test func badArgumentsNameTheFieldAndValueExitNonZeroAndWriteNothing() throws {
        let cli = try CommandLineTool()
        var bad = record
        bad[3] = "FRANCE"
        bad[9] = "1990-13-12"
        let result = try cli.run(bad)
        #expect(result.status != 0)
        #expect(result.stderr.contains("field 'state' value 'FRANCE'"))
        #expect(result.stderr.contains("did you mean FRA?"))
        #expect(result.stderr.contains("field 'effective_date' value '1990-13-12'"))
        #expect((try cli.json("measure", "list", "--format", "json") as! [Any]).isEmpty)

        let asOf = try cli.run("report", "summary", "--as-of", "31/12/2000")
        #expect(asOf.status != 0)
        #expect(asOf.status == 64)  // the parser refuses it, naming the option and the form
        #expect(asOf.stderr.contains("The value '31/12/2000' is invalid for '--as-of <YYYY-MM-DD>'"), "\(asOf.stderr)")
    }

    @Test func aBadImportListsItsRowsAndWritesNothing() throws {
        let cli = try CommandLineTool()
        let path = try cli.file("bad.csv", """
            state,obligation,status,effective_date,title,kind,source,note
            FRA,art8.record-keeping,implemented,1990-07-12,Example,legislation,,
            XYZ,art8.record-keeping,implemented,1990-07-12,Example,legislation,,
            DEU,art8.record-keeping,sort-of,1990-07-12,Example,legislation,,

            """)
        let result = try cli.run("import", "measures", path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.csv: 2 bad rows; nothing was imported"))
        #expect(result.stderr.contains("line 3: field 'state' value 'XYZ'"))
        #expect(result.stderr.contains("line 4: field 'status' value 'sort-of'"))
        #expect((try cli.json("measure", "list", "--format", "json") as! [Any]).isEmpty)
    }

    @Test func exportImportsBackIntoAnotherLedger() throws {
        let cli = try CommandLineTool()
        #expect(try cli.run(record).status == 0)
        let csv = cli.directory.appendingPathComponent("export.csv").path
        #expect(try cli.run("export", "measures", "--output", csv).status == 0)
        let other = try CommandLineTool()
        let imported = try other.run("import", "measures", csv)
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("Recorded 1 new measure"))
        let again = try cli.run("import", "measures", csv)
        #expect(again.stdout.contains("Recorded 0 new measures; 1 duplicate"))
    }

    @Test func verifyNamesTheEventChangedBehindItsBack() throws {
        let cli = try CommandLineTool()
        #expect(try cli.run(record).status == 0)
        var second = record
        second[3] = "DEU"
        #expect(try cli.run(second).status == 0)
        try BehindTheLedger.edit(cli.db, "UPDATE events SET payload = replace(payload, '1990-07-12', '1980-07-12') WHERE seq = 2")
        let result = try cli.run("verify")
        #expect(result.status == 1)
        #expect(result.stderr.contains("first bad event 2"))
    }

    @Test func generateIsReproducibleAndAKilledImportLeavesTheLedgerAsItWas() throws {
        let cli = try CommandLineTool()
        let a = cli.directory.appendingPathComponent("a.csv").path, b = cli.directory.appendingPathComponent("b.csv").path
        #expect(try cli.run("generate", "measures", "--events", "200000", "--seed", "42", "--output", a).status == 0)
        #expect(try cli.run("generate", "measures", "--events", "200000", "--seed", "42", "--output", b).status == 0)
        #expect(FileManager.default.contentsEqual(atPath: a, andPath: b))
        #expect(try cli.run(record).status == 0)

        let (process, _, _) = try cli.start(["import", "measures", a])
        // Wait until the import is writing (its WAL grows), then kill it without warning.
        let wal = cli.db + "-wal"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if size > 4 << 20 || !process.isRunning { break }
            usleep(20_000)
        }
        #expect(process.isRunning, "the import finished before it could be killed; make the file larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let verify = try cli.run("verify")
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("Ledger sound: 2 events"))
        #expect((try cli.json("measure", "list", "--format", "json") as! [Any]).count == 1)
    }

    @Test func listsForProgramsCarryTheDocumentedKeys() throws {
        let cli = try CommandLineTool()
        let states = try cli.json("states", "list", "--format", "json") as! [[String: Any]]
        #expect(states.count == 198)
        let fra = try #require(states.first { $0["iso3"] as? String == "FRA" })
        #expect(fra["name"] as? String == "France")
        #expect(fra["member"] as? Bool == true)
        #expect(fra["regional_group"] as? String == "Western European and Others")
        #expect(fra["admission_date"] as? String == "1945-10-24")
        let vat = try #require(states.first { $0["iso3"] as? String == "VAT" })
        #expect(vat["member"] as? Bool == false)
        #expect(vat["regional_group"] is NSNull)

        let obligations = try cli.json("obligations", "list", "--format", "json") as! [[String: Any]]
        #expect(obligations.count == 39)
        let first = obligations[0]
        #expect(Set(["id", "provision", "kind", "themes", "title"]).isSubset(of: Set(first.keys)))
        #expect(obligations.first { $0["id"] as? String == "art7a.wmd-treaties" }?["kind"] as? String == "accession")
    }

    @Test func helpTeachesByExample() throws {
        let cli = try CommandLineTool()
        let help = try cli.run("--help")
        #expect(help.stdout.contains("cpsledger measure record --state FRA --obligation art8.record-keeping"))
        #expect(help.stdout.contains("cpsledger import measures measures.csv --dry-run"))
    }
}
