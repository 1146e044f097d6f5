import Foundation
import Testing

/// The report commands end to end: kinds, formats, --output, --known-at, filters, regressions.
@Suite struct ReportCommandTests {
    func ledger() throws -> CommandLineTool {
        let cli = try CommandLineTool(statusData: false)
        let csv = try cli.file("m.csv", """
            state,obligation,status,effective_date,title,kind,source,note,justification
            FRA,art8.record-keeping,implemented,1990-07-12,EXAMPLE law,legislation,EXAMPLE source,,
            KEN,art8.record-keeping,partial,2010-01-01,EXAMPLE act,legislation,,,covers banks only
            BRA,art3.extradite-or-prosecute,implemented,2012-01-01,EXAMPLE law,legislation,EXAMPLE gazette,,

            """)
        #expect(try cli.run("import", "measures", csv).status == 0)
        return cli
    }

    @Test func everyKindRendersEveryFormat() throws {
        let cli = try ledger()
        let kinds: [[String]] = [["summary"], ["state", "FRA"], ["obligation", "art8.record-keeping"], ["matrix"],
                                 ["changes", "--from", "2000-01-01", "--to", "2015-01-01"], ["treaties"], ["quality"]]
        for kind in kinds {
            for format in ["text", "md", "csv", "json", "html"] {
                let result = try cli.run(["report"] + kind + ["--format", format, "--as-of", "2014-12-31"])
                #expect(result.status == 0, "\(kind) \(format): \(result.stderr)")
                #expect(!result.stdout.isEmpty)
                if format == "json" { #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil, "\(kind) json") }
                if format == "html" {
                    #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
                    #expect(!result.stdout.contains("<script"))
                    #expect(!result.stdout.contains("src=\"http") && !result.stdout.contains("href=\"http") && !result.stdout.contains("@import"))
                }
            }
        }
        let matrix = try cli.run("report", "matrix", "--format", "csv")
        #expect(matrix.stdout.split(separator: "\n").count == 1 + 193 * 39)
        #expect(matrix.stdout.contains("FRA,art8.record-keeping,implemented,,1.0,self-reported,"))
    }

    @Test func outputGoesToAFileAndFiltersNarrowTheScope() throws {
        let cli = try ledger()
        let path = cli.directory.appendingPathComponent("summary.html").path
        let result = try cli.run("report", "summary", "--format", "html", "--output", path, "--region", "African", "--article", "8")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("Scope: regional group African, Article 8."))
        #expect(html.contains("<svg"))
        #expect(html.contains("TEST DATA"))
        let json = try cli.json("report", "summary", "--format", "json", "--region", "African", "--article", "8") as! [String: Any]
        let global = json["global"] as! [String: Any]
        #expect(global["cells"] as? Int == 54 * 6)
        #expect(global["reported"] as? Int == 1)  // KEN
        let bad = try cli.run("report", "summary", "--region", "Africa")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--region 'Africa' is not a regional group"))
        let badTheme = try cli.run("report", "summary", "--theme", "money-laundring")
        #expect(badTheme.stderr.contains("did you mean money-laundering?"))
    }

    @Test func knownAtLeavesOutWhatWasRecordedLater() throws {
        let cli = try ledger()
        let list = try cli.json("measure", "list", "--format", "json") as! [[String: Any]]
        let fra = try #require(list.first { $0["state"] as? String == "FRA" })
        let recordedAt = try #require(fra["recorded_at"] as? String)
        #expect(try cli.run("measure", "retract", String(fra["id"] as! Int), "--reason", "EXAMPLE retraction").status == 0)
        let now = try cli.json("report", "state", "FRA", "--format", "json", "--as-of", "2000-01-01") as! [String: Any]
        let line = (now["obligations"] as! [[String: Any]]).first { $0["obligation"] as? String == "art8.record-keeping" }
        #expect(line?["status"] as? String == "not_reported")
        let then = try cli.json("report", "state", "FRA", "--format", "json", "--as-of", "2000-01-01", "--known-at", recordedAt) as! [String: Any]
        let old = (then["obligations"] as! [[String: Any]]).first { $0["obligation"] as? String == "art8.record-keeping" }
        #expect(old?["status"] as? String == "implemented")
        #expect(then["known_at"] as? String == recordedAt)
        let bad = try cli.run("report", "summary", "--known-at", "yesterday")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("The value 'yesterday' is invalid for '--known-at <YYYY-MM-DD[THH:MM[:SS]Z]>'"), "\(bad.stderr)")
    }

    @Test func failOnRegressionExitsThreeWhenACellWentDown() throws {
        let cli = try ledger()
        #expect(try cli.run("report", "changes", "--from", "2000-01-01", "--to", "2015-01-01", "--fail-on-regression").status == 0)
        let record = ["measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "no_measures", "--effective", "2016-01-01"]
        #expect(try cli.run(record).status == 0)
        let result = try cli.run("report", "changes", "--from", "2015-01-01", "--to", "2016-06-30", "--fail-on-regression", "--format", "csv")
        #expect(result.status == 3)
        #expect(result.stdout.contains("FRA,art8.record-keeping,implemented,no_measures,,,1.0,0.0,down,"))
        #expect(result.stderr.contains("1 cell went down between 2015-01-01 and 2016-06-30"))
    }

    @Test func theLedgerFileHasReadableViews() throws {
        let cli = try ledger()
        let queue = try DatabaseQueueOpener.open(cli.db)
        let rows = try queue.read { db in try String.fetchAll(db, sql: "SELECT state || ':' || state_name || ':' || obligation_title FROM current_status ORDER BY state") }
        #expect(rows.first == "BRA:Brazil:Effective extradition or prosecution (no safe haven)")
        try queue.write { db in try db.execute(sql: "INSERT OR REPLACE INTO report_parameters (name, value) VALUES ('as_of', '2011-01-01')") }
        let asOf = try queue.read { db in try String.fetchAll(db, sql: "SELECT state FROM status_as_of ORDER BY state") }
        #expect(asOf == ["FRA", "KEN"])
    }
}

import GRDB

/// Opens the ledger file the way another program would.
enum DatabaseQueueOpener {
    static func open(_ path: String) throws -> DatabaseQueue { try DatabaseQueue(path: path) }
}

/// `--lang` and `LANG` choose the words people read; programs read the same JSON whatever the language.
@Suite struct ReportLanguageCommandTests {
    @Test func theLanguageComesFromLangOrTheEnvironmentAndAnotherIsRefused() throws {
        let cli = try CommandLineTool()
        let french = try cli.run(["report", "summary", "--as-of", "2020-12-31", "--lang", "fr"])
        #expect(french.status == 0 && french.stdout.hasPrefix("Synthèse de la mise en œuvre"), "\(french.stderr)")
        let fromEnvironment = try cli.run(["report", "summary", "--as-of", "2020-12-31"], environment: ["LANG": "es_ES.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(fromEnvironment.stdout.hasPrefix("Resumen de la aplicación"))
        let english = try cli.run(["report", "summary", "--as-of", "2020-12-31"], environment: ["LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(english.stdout.hasPrefix("Compliance summary"))
        let refused = try cli.run(["report", "summary", "--lang", "de"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--lang 'de' is not one of the six UN languages; use ar, en, es, fr, ru or zh."))
        let json = try cli.run(["report", "summary", "--as-of", "2020-12-31", "--format", "json", "--lang", "ar"])
        #expect(json.stdout == (try cli.run(["report", "summary", "--as-of", "2020-12-31", "--format", "json"], environment: ["LANG": "C"])).stdout)
    }
}
