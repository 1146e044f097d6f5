import ArgumentParser
import Foundation

/// The `cpsledger` command: records how States implement the UN Declaration on Crime and Public
/// Security (A/RES/51/60) in an append-only SQLite ledger and reports on it.
@main
struct CPSLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpsledger",
        abstract: "Track how States implement the UN Declaration on Crime and Public Security (A/RES/51/60).",
        discussion: """
            The ledger is one SQLite file (default ./cpsledger.sqlite, or $CPSLEDGER_DB, or --db PATH
            before or after the subcommand),
            created with the obligation catalogue and the 193 Member States on first use. Every write
            is an event in a hash chain; corrections and retractions are new events.

            With no subcommand, cpsledger prints the compliance summary of the default ledger.

            Examples:
              cpsledger measure record --state FRA --obligation art8.record-keeping \\
                --status implemented --effective 1990-07-12 --kind legislation \\
                --title "EXAMPLE: national AML law (placeholder)" --source "EXAMPLE: official journal reference"
              cpsledger import measures measures.csv --dry-run
              cpsledger report summary --as-of 2000-12-31 --format json
              cpsledger verify
            """,
        subcommands: [
            Init.self, Obligations.self, States.self, Treaties.self, Measure.self, RoundCommand.self, Assess.self, History.self, Search.self, Import.self,
            Export.self, Report.self, Verify.self, CheckpointCommand.self, MirrorCommand.self, Rebuild.self, Backup.self, Generate.self, Serve.self, Token.self, CrosswalkCommand.self, DataCommand.self,
        ],
        defaultSubcommand: Report.self
    )

    /// As argument-parser's own `main`, with two differences. The global options may come before the
    /// subcommand (``GlobalOptions/hoisted(_:)``). A `ValidationError` thrown by a command's `run()`
    /// (after parsing: a file that cannot be read, a server that does not answer) is printed without
    /// the usage of the root command, which would suggest a mistake in the command line. Any other
    /// error is the library's: ``CommandLineError`` words it, and argument-parser prints it and exits 1.
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
        } catch {
            exit(withError: error)
        }
        do {
            var command = command
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ValidationError {
            FileHandle.standardError.write(Data("Error: \(error.message)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: CommandLineError(wording: error) ?? error)
        }
    }
}
