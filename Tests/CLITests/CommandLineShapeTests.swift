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

    @Test func theLedgersErrorsGetTheCommandLinesHintAndExitStatusOne() throws {
        let cli = try CommandLineTool()
        let unknown = try cli.run("measure", "retract", "99", "--reason", "test")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Error: No measure has sequence number 99.\n`cpsledger measure list` shows the measures."), "\(unknown.stderr)")

        let token = try cli.run("token", "revoke", "42")
        #expect(token.status == 1)
        #expect(token.stderr.contains("No token has id 42.\n`cpsledger token list` shows the tokens."), "\(token.stderr)")

        let state = try cli.run("assess", "--state", "FRANCE", "--obligation", "art8.record-keeping", "--rating", "compliant")
        #expect(state.status == 1)
        #expect(state.stderr.contains("--state: field 'state' value 'FRANCE'"), "\(state.stderr)")
        #expect(state.stderr.contains("`cpsledger states list` shows the values."), "\(state.stderr)")
    }
}
