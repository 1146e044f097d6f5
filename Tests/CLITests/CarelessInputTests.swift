import Foundation
import GRDB
import Testing

/// A newcomer's and an attacker's mistakes on the command line (issue 8/9 QA pass): each gets a
/// sentence naming the path, option or value, a non-zero exit, no crash, and nothing written or lost.
@Suite struct CarelessInputTests {
    @Test func anOutputPathThatIsAFolderIsRefusedAndTheFolderKeepsItsFiles() throws {
        let cli = try CommandLineTool()
        let folder = cli.directory.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let kept = folder.appendingPathComponent("kept.txt")
        try Data("keep me".utf8).write(to: kept)

        for arguments in [["report", "summary", "--output", folder.path], ["export", "measures", "--output", folder.path]] {
            let run = try cli.run(arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.stderr.contains("--output '\(folder.path)' is a folder"), "\(run.stderr)")
            #expect(!run.stderr.contains("NSCocoaErrorDomain"))
            #expect(try String(contentsOf: kept, encoding: .utf8) == "keep me")
        }
    }

    @Test func importingAFolderSaysSoInsteadOfAPOSIXError() throws {
        let cli = try CommandLineTool()
        let folder = cli.directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for kind in ["measures", "treaty-actions"] {
            let run = try cli.run("import", kind, folder.path)
            #expect(run.status == 74)
            #expect(run.stderr.contains("Cannot read \(folder.path): it is a directory."), "\(run.stderr)")
            #expect(!run.stderr.contains("NSCocoaErrorDomain"))
        }
    }

    @Test func everyImportNamesAFolderAndAMissingFileAndReadsADeviceAsAnEmptyFile() throws {
        let cli = try CommandLineTool(statusData: false)
        let folder = cli.directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let missing = cli.directory.appendingPathComponent("missing.csv").path
        for kind in ["measures", "treaty-actions", "untc", "fatf"] {
            let onFolder = try cli.run("import", kind, folder.path)
            #expect(onFolder.status == 74 && onFolder.stderr.contains("Cannot read \(folder.path): it is a directory."), "\(kind): \(onFolder.stderr)")
            let onMissing = try cli.run("import", kind, missing)
            #expect(onMissing.status == 74 && onMissing.stderr.contains("Cannot read \(missing): no such file."), "\(kind): \(onMissing.stderr)")
            // /dev/null opens like any file and holds nothing: the error is about its content, not its permissions.
            let onDevice = try cli.run("import", kind, "/dev/null")
            #expect(onDevice.status == 2 && !onDevice.stderr.contains("permission denied"), "\(kind): \(onDevice.stderr)")
        }
    }

    @Test func aHeaderThatNamesAColumnTwiceIsRefusedAndNothingIsWritten() throws {
        let cli = try CommandLineTool()
        let csv = try cli.file("twice.csv", """
            state,state,obligation,status,effective_date,title,kind,source,note
            FRA,DEU,art8.record-keeping,implemented,1990-07-12,EXAMPLE law,legislation,,

            """)
        let run = try cli.run("import", "measures", csv)
        #expect(run.status == 2)
        #expect(run.stderr.contains("twice.csv, line 1 (header): column 'state' named more than once"), "\(run.stderr)")
        #expect(try cli.run("verify").stdout.contains("Ledger sound: 1 events"))
    }

    @Test func aHeaderLineOfMegabytesIsNamedNotEchoed() throws {
        let cli = try CommandLineTool()
        let csv = try cli.file("blob.csv", String(repeating: "x", count: 2_000_000) + "\n")
        let run = try cli.run("import", "measures", csv)
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown column xxxx"))
        #expect(run.stderr.contains("(2000000 bytes)"))
        #expect(run.stderr.utf8.count < 2_000)
    }

    @Test func evidenceDirThatIsAFileAndABackupIntoAMissingFolderAreNamed() throws {
        let cli = try CommandLineTool()
        let file = try cli.file("notes.txt", "a file, not a folder")
        let export = try cli.run("export", "measures", "--evidence-dir", file)
        #expect(export.status == 74)
        #expect(export.stderr.contains("Cannot write \(file): it is a file, and the evidence goes into a folder"), "\(export.stderr)")

        let missing = cli.directory.appendingPathComponent("no-such-folder/copy.sqlite").path
        let backup = try cli.run("backup", missing)
        #expect(backup.status == 74)
        #expect(backup.stderr.contains("Cannot write \(missing): the folder"), "\(backup.stderr)")
        #expect(!backup.stderr.contains("SQLite error"))
    }

    @Test func aLedgerFromANewerVersionIsRefusedBeforeAnythingIsWritten() throws {
        let cli = try CommandLineTool()
        let queue = try DatabaseQueue(path: cli.db)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v0999_from_the_future')") }
        let events = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") }
        try queue.close()

        for arguments in [["report", "summary"], ["verify"], ["measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping",
            "--status", "planned", "--effective", "2020-01-01", "--kind", "policy", "--title", "EXAMPLE"]] {
            let run = try cli.run(arguments)
            #expect(run.status == 74, "\(arguments)")
            #expect(run.stderr.contains("was written by a newer cpsledger (its schema has v0999_from_the_future"), "\(run.stderr)")
        }
        let after = try DatabaseQueue(path: cli.db).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") }
        #expect(after == events)
    }

    @Test func anotherApplicationsSQLiteFileIsNotTurnedIntoALedger() throws {
        let cli = try CommandLineTool(statusData: nil)
        let foreign = cli.directory.appendingPathComponent("photos.sqlite").path
        try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT)") }
        let run = try cli.run("report", "summary", "--db", foreign)
        #expect(run.status == 74)
        #expect(run.stderr.contains("is not a cpsledger ledger: it is an SQLite database of another application (tables albums)"), "\(run.stderr)")
        let tables = try DatabaseQueue(path: foreign).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables == ["albums"])
    }

    @Test func reportsAndVerifyRunWhileAnotherProcessHoldsTheWriteLock() throws {
        let cli = try CommandLineTool()
        // A second connection in a write transaction, as a long `import` holds it.
        let holder = try DatabasePool(path: cli.db)
        let started = Date()
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let report = try cli.run("report", "summary", "--format", "json")
            #expect(report.status == 0, "\(report.stderr)")
            let verify = try cli.run("verify")
            #expect(verify.status == 0, "\(verify.stderr)")
        }
        // Without the fix each waited the 30 s busy timeout, then failed with "SQLite error 5".
        #expect(Date().timeIntervalSince(started) < 25)
    }

    @Test func servePortsOutsideTCPAndAPortInUseAreRefusedInWords() throws {
        let cli = try CommandLineTool()
        let wrapped = try cli.run("serve", "--port", "99999")
        #expect(wrapped.status == 64)
        #expect(wrapped.stderr.contains("--port 99999 is not a TCP port; use 1 to 65535"), "\(wrapped.stderr)")

        let port = Int.random(in: 30_000...39_999)
        let (first, _, firstErrors) = try cli.start(["serve", "--port", String(port)])
        defer { first.terminate(); first.waitUntilExit() }
        // Wait until the first server listens, then start a second on the same port.
        var up = false
        for _ in 0..<300 where !up {
            Thread.sleep(forTimeInterval: 0.2)
            up = String(decoding: (try? Data(contentsOf: firstErrors)) ?? Data(), as: UTF8.self).contains("listening on")
        }
        #expect(up)
        let second = try cli.run("serve", "--port", String(port))
        #expect(second.status == 69)
        #expect(second.stderr.contains("port \(port) on 127.0.0.1 is in use by another program"), "\(second.stderr)")
        #expect(!second.stderr.contains("errno"))
    }
}

extension CarelessInputTests {
    @Test func anEvidenceDateWithoutEvidenceIsRefusedNotDropped() throws {
        let cli = try CommandLineTool()
        let run = try cli.run(
            "measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "planned", "--effective", "2020-01-01",
            "--kind", "policy", "--title", "EXAMPLE plan", "--evidence-date", "2019-02-01")
        #expect(run.status == 64)
        #expect(run.stderr.contains("--evidence-date is the date of the --evidence files; give at least one --evidence FILE with it."), "\(run.stderr)")
        #expect(!run.stderr.contains("Usage:"))
        #expect(try cli.run("verify").stdout.contains("Ledger sound: 1 events"))
    }

    @Test func anEmptyDbPathAndAMissingFolderAreNamed() throws {
        let cli = try CommandLineTool()
        let empty = try cli.run("report", "summary", "--db", "")
        #expect(empty.status == 74)
        #expect(empty.stderr.contains("the path is empty.\nPass --db FILE or set CPSLEDGER_DB."), "\(empty.stderr)")
        let missing = cli.directory.appendingPathComponent("nowhere/ledger.sqlite").path
        let run = try cli.run("report", "summary", "--db", missing)
        #expect(run.status == 74)
        #expect(run.stderr.contains("the folder \(cli.directory.path)/nowhere does not exist"), "\(run.stderr)")
    }
}

extension CarelessInputTests {
    @Test func aStatusTableAsAtAFutureDayOrBeforeItsTreatyIsRefused() throws {
        let cli = try CommandLineTool()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let xml = root.appendingPathComponent("Fixtures/untc-xml-2018/XVIII-5.en.xml").path
        for (date, words) in [("2099-01-01", "is after today"), ("1900-01-01", "is before Hostages 1979 was adopted")] {
            let run = try cli.run("import", "untc", xml, "--as-at", date)
            #expect(run.status == 2, "\(date)")
            #expect(run.stderr.contains("field 'as_at' value '\(date)': \(words)"), "\(run.stderr)")
        }
        #expect(try cli.run("verify").stdout.contains("Ledger sound: 1 events"))
    }
}

extension CarelessInputTests {
    @Test func aNegativeNumberOfYearsIsRefusedAsTheServerRefusesIt() throws {
        let cli = try CommandLineTool()
        for arguments in [["report", "quality", "--stale-years=-5"], ["report", "treaties", "--stale-data-years=-1"],
                          ["report", "summary", "--stale-data-years=-1"], ["treaties", "sources", "--stale-data-years=-9223372036854775808"]] {
            let run = try cli.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains("must be 0 or more (a number of years)"), "\(run.stderr)")
        }
    }
}

extension CarelessInputTests {
    @Test func aNegativeNumberAfterASpaceIsReadAsTheValueNotAsAMissingOne() throws {
        let cli = try CommandLineTool()
        let events = try cli.run("generate", "measures", "--events", "-1")
        #expect(events.status == 64)
        #expect(events.stderr.contains("--events must be 0 or more, not -1"), "\(events.stderr)")
        let years = try cli.run("report", "quality", "--stale-years", "-5")
        #expect(years.status == 64)
        #expect(years.stderr.contains("--stale-years -5 must be 0 or more"), "\(years.stderr)")
        #expect(!years.stderr.contains("Missing value"))
        let port = try cli.run("serve", "--port", "-1")
        #expect(port.status == 64)
        #expect(port.stderr.contains("--port -1 is not a TCP port"), "\(port.stderr)")
    }
}

extension CarelessInputTests {
    @Test func aTruncatedLedgerAndATextFileAreNamedWithoutSQL() throws {
        let cli = try CommandLineTool()
        let whole = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        let cut = cli.directory.appendingPathComponent("cut.sqlite").path
        try whole.prefix(60_000).write(to: URL(fileURLWithPath: cut))
        let truncated = try cli.run("verify", "--db", cut)
        #expect(truncated.status == 74)
        #expect(truncated.stderr.contains("is not a cpsledger ledger: the file is damaged or cut short"), "\(truncated.stderr)")
        #expect(!truncated.stderr.contains("sqlite_master"))
        let text = try cli.file("notes.sqlite", "hello, not a database\n")
        let notDB = try cli.run("report", "summary", "--db", text)
        #expect(notDB.status == 74)
        #expect(notDB.stderr.contains("is not a cpsledger ledger: the file is not an SQLite database"), "\(notDB.stderr)")
    }
}

extension CarelessInputTests {
    @Test func aCheckpointKeyThatIsNotAKeyIsRefusedBeforeAnyClaimAboutTheLedger() throws {
        let cli = try CommandLineTool()
        for arguments in [["verify", "--checkpoint-key", "abc"], ["mirror", "http://127.0.0.1:9", "--checkpoint-key", String(repeating: "z", count: 64)]] {
            let run = try cli.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains("is not a public key: it is 64 hex digits"), "\(run.stderr)")
            #expect(!run.stderr.contains("not validly signed"))
        }
    }
}
