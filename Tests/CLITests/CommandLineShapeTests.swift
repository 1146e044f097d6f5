import Foundation
import Testing

/// How the command line is parsed and how it words errors: global options on either side of the
/// subcommand, typed dates and formats, and the library's errors with the tool's hints.
@Suite struct CommandLineShapeTests {
    @Test func dbAndActorWorkBeforeTheSubcommandAsAfterIt() throws {
        let cli = try CommandLineTool(statusData: nil)
        let other = cli.directory.appendingPathComponent("other.sqlite").path
        let created = try cli.run("--db", other, "init", "--without-status-data")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(!FileManager.default.fileExists(atPath: cli.db), "CPSLEDGER_DB was used instead of --db")

        let recorded = try cli.run(
            "--db=\(other)", "--actor", "before the subcommand", "measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping",
            "--status", "implemented", "--effective", "1990-07-12", "--kind", "legislation", "--title", "Example law (test data)", "--source", "example")
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let list = try cli.json("measure", "list", "--db", other, "--format", "json") as! [[String: Any]]
        #expect(list.map { $0["actor"] as? String } == ["before the subcommand"])

        // With no subcommand, the default (the summary) reads the ledger named before it.
        let summary = try cli.run("--db", other, "--format", "json")
        #expect(summary.status == 0, "\(summary.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any]
        #expect((json?["global"] as? [String: Any])?["reported"] as? Int == 1)
    }

    @Test func aSubcommandWithoutTheGlobalOptionSaysSoWhereverItIsWritten() throws {
        let cli = try CommandLineTool()
        let result = try cli.run("--db", cli.db, "crosswalk", "list")
        #expect(result.status == 64)
        #expect(result.stderr.contains("Unknown option '--db'"), "\(result.stderr)")
    }

    @Test func datesAndFormatsAreCheckedByTheParserAndListedInHelp() throws {
        let cli = try CommandLineTool()
        let date = try cli.run("report", "summary", "--as-of", "31/12/2000")
        #expect(date.status == 64)
        #expect(date.stderr.contains("'31/12/2000'") && date.stderr.contains("--as-of"), "\(date.stderr)")
        let known = try cli.run("report", "matrix", "--known-at", "yesterday")
        #expect(known.status == 64)
        #expect(known.stderr.contains("'yesterday'") && known.stderr.contains("--known-at"), "\(known.stderr)")
        let format = try cli.run("report", "summary", "--format", "pdf")
        #expect(format.status == 64)
        #expect(format.stderr.contains("'pdf'"), "\(format.stderr)")

        // Help wraps its lines; the values are read with the line breaks folded.
        func help(_ arguments: String...) throws -> String {
            try cli.run(arguments + ["--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        #expect(try help("report", "summary").contains("--format <format> The output format. (values: text, md, csv, json, html, xlsx; default: text)"))
        #expect(try help("report", "changes").contains("--from <YYYY-MM-DD>"))
        #expect(try help("measure", "list").contains("(values: text, json; default: text)"))
    }

    @Test func theLedgersErrorsGetTheCommandLinesHintAndTheStatusOfARefusal() throws {
        let cli = try CommandLineTool()
        let unknown = try cli.run("measure", "retract", "99", "--reason", "test")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Error: No measure has sequence number 99.\n`cpsledger measure list` shows the measures."), "\(unknown.stderr)")

        let token = try cli.run("token", "revoke", "42")
        #expect(token.status == 2)
        #expect(token.stderr.contains("No token has id 42.\n`cpsledger token list` shows the tokens."), "\(token.stderr)")

        let state = try cli.run("assess", "--state", "FRANCE", "--obligation", "art8.record-keeping", "--rating", "compliant")
        #expect(state.status == 2)
        #expect(state.stderr.contains("--state: field 'state' value 'FRANCE'"), "\(state.stderr)")
        #expect(state.stderr.contains("`cpsledger states list` shows the values."), "\(state.stderr)")
    }
}

extension CommandLineShapeTests {
    /// Every date option says why a value is not a date, as a file or the API says it.
    @Test func aBadDateSaysItsReasonWhateverOptionCarriesIt() throws {
        let cli = try CommandLineTool()
        let cases: [([String], String, String)] = [
            (["report", "summary", "--as-of", "2020-02-30"], "--as-of <YYYY-MM-DD>", "February 2020 has 29 days"),
            (["report", "state", "FRA", "--known-at", "2021-02-29T10:00Z"], "--known-at", "February 2021 has 28 days"),
            (["report", "changes", "--from", "2020-01-01", "--to", "2020-06-31"], "--to <YYYY-MM-DD>", "June 2020 has 30 days"),
            (["measure", "list", "--as-of", "2019-13-01"], "--as-of <YYYY-MM-DD>", "there is no month 13"),
            (["search", "law", "--from", "2020-04-31"], "--from <YYYY-MM-DD>", "April 2020 has 30 days"),
            (["round", "open", "r1", "--due", "2100-02-29"], "--due <YYYY-MM-DD>", "February 2100 has 28 days"),
            (["import", "untc", "x.xml", "--as-at", "0000-01-01"], "--as-at <YYYY-MM-DD>", "years start at 0001"),
            (["report", "summary", "--as-of", "31/12/2000"], "--as-of <YYYY-MM-DD>", "is not a date of the form YYYY-MM-DD"),
            (["report", "matrix", "--known-at", "yesterday"], "--known-at", "is not a date (YYYY-MM-DD) or a UTC time"),
        ]
        for (arguments, option, reason) in cases {
            let run = try cli.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            let value = arguments[arguments.firstIndex { option.hasPrefix($0) }! + 1]
            #expect(run.stderr.contains("The value '\(value)' is invalid for '\(option)"), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(reason), "\(arguments): \(run.stderr)")
        }
    }

    /// `--actor` names who writes events: a command that records none neither takes it nor lists it.
    @Test func onlyCommandsThatWriteEventsTakeAnActor() throws {
        let cli = try CommandLineTool()
        for arguments in [["verify"], ["report", "summary"], ["history", "--state", "FRA", "--obligation", "art8.record-keeping"],
                          ["measure", "list"], ["token", "list"], ["export", "measures"]] {
            let run = try cli.run(arguments + ["--actor", "someone"])
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains("Unknown option '--actor'"), "\(arguments): \(run.stderr)")
            #expect(!(try cli.run(arguments + ["--help"]).stdout.contains("--actor")), "\(arguments) lists --actor")
            // Written before the subcommand, as `--db` may be, it is refused the same way.
            #expect(try cli.run(["--actor", "someone"] + arguments).status == 64, "\(arguments)")
        }
        #expect(try cli.run("measure", "record", "--help").stdout.contains("--actor <name>"))
        let recorded = try cli.run(
            "--actor", "EXAMPLE reviewer", "assess", "--state", "FRA", "--obligation", "art8.record-keeping", "--rating", "compliant", "--date", "2024-05-01")
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let history = try cli.json("history", "--state", "FRA", "--obligation", "art8.record-keeping", "--format", "json") as! [[String: Any]]
        #expect(history.map { $0["actor"] as? String } == ["EXAMPLE reviewer"])
    }
}
