import ArgumentParser
import Foundation

/// The `cpsledger` command: records how States implement the UN Declaration on Crime and Public
/// Security (A/RES/51/60) in an append-only SQLite ledger and reports on it.
///
/// A subcommand follows the rules `HelpLayoutTests`, `ExitStatusTests` and `CommandLineShapeTests`
/// check: its discussion has each paragraph on one source line (end the Swift line with `\` to go
/// on) and each example line at most 79 characters, continued with `\\`; it takes
/// `@OptionGroup var ledger: LedgerOptions` only if it records events (`--actor`), else
/// ``LedgerFileOptions``; a date option is `@Option(transform: ISODate.argument)` (or
/// `KnownAt.argument`); it throws `ValidationError` for a mistake in its command line, the library's
/// errors as they come, and ``CommandLineError`` with an ``ExitStatus`` for anything else, never
/// `ExitCode(n)` with a bare number.
@main
struct CPSLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpsledger",
        abstract: "Track how States implement the UN Declaration on Crime and Public Security (A/RES/51/60).",
        discussion: """
            The ledger is one SQLite file (default ./cpsledger.sqlite, or $CPSLEDGER_DB, or --db PATH \
            before or after the subcommand), created with the obligation catalogue and the 193 Member \
            States on first use. Every write is an event in a hash chain; corrections and retractions \
            are new events.

            With no subcommand, cpsledger prints the compliance summary of the default ledger.

            Examples:
              cpsledger measure record --state FRA --obligation art8.record-keeping \\
                --status implemented --effective 1990-07-12 --kind legislation \\
                --title "EXAMPLE: national AML law (placeholder)" \\
                --source "EXAMPLE: official journal reference"
              cpsledger import measures measures.csv --dry-run
              cpsledger report summary --as-of 2000-12-31 --format json
              cpsledger verify
            """ + "\n\n" + ExitStatus.helpText,
        // What argument-parser prints would need the shipped treaty tables decoded at every start, for
        // every command; `main()` answers `--version` itself with ``BuildInfo`` (this string only makes
        // argument-parser list the flag in the help).
        version: "cpsledger \(BuildInfo.release)",
        subcommands: [
            Init.self, Obligations.self, States.self, Treaties.self, Measure.self, RoundCommand.self, Assess.self, History.self, Search.self, Import.self,
            Export.self, Report.self, Verify.self, VerifyProof.self, CheckpointCommand.self, MirrorCommand.self, WitnessCommand.self, Rebuild.self, Backup.self, Generate.self, Serve.self, Token.self, CrosswalkCommand.self,
            DataCommand.self, VersionCommand.self,
            ProofCommand.self,
        ],
        defaultSubcommand: Report.self
    )

    /// As argument-parser's own `main`, with two differences. The global options may come before the
    /// subcommand (``GlobalOptions/hoisted(_:)``). An error thrown by a command's `run()` (after
    /// parsing) is worded and given its exit status by ``CommandLineError/init(wording:)`` and printed
    /// without the usage, which would suggest a mistake in the command line; `ExitCode`, `CleanExit`
    /// and argument-parser's own errors (`help COMMAND` runs a command that throws its help) end the
    /// command as argument-parser ends them.
    static func main() async {
        let command: any ParsableCommand
        let arguments = GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst()))
        if arguments.prefix(while: { $0 != "--" }).contains("--version") {
            print(BuildInfo.current.text)
            return
        }
        do {
            command = try parseAsRoot(arguments)
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
        } catch let error where error is ExitCode || error is CleanExit || isArgumentParsers(error) {
            exit(withError: error)
        } catch {
            let worded = CommandLineError(wording: error)
            FileHandle.standardError.write(Data("Error: \(worded.description)\n".utf8))
            Foundation.exit(worded.status.rawValue)
        }
    }

    /// Whether argument-parser words and ends `error` itself: its status for it is not the
    /// EXIT_FAILURE it gives every error it does not know (`ValidationError` aside, which is ours to word).
    ///
    /// Argument-parser's own error types (its help request, which `help COMMAND` and `--help` throw from
    /// `run()`, among them) are recognised by their module first: `exitCode(for:)` renders the whole
    /// message, and `exit(withError:)` would render the help a second time (issue 23).
    static func isArgumentParsers(_ error: any Error) -> Bool {
        if error is ValidationError { return false }
        if error.definingModule == "ArgumentParser" { return true }
        return exitCode(for: error) != .failure
    }
}
