import ArgumentParser
import LedgerModel
import LedgerReports
import LedgerStore

/// An error as the command line words it: the library's own sentence, then, where one helps, a hint
/// that names a flag or a command. The library's errors are data (a case and its fields) and speak
/// of the ledger only; this is the one place that adds the tool's words, as argument-parser keeps
/// `ParserError` apart from the `MessageInfo` that words it. argument-parser prints the
/// `description` after "Error: " and exits with status 1, as for any error that is not its own.
struct CommandLineError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }

    /// Words an error of the library; nil for the errors argument-parser words itself (its own,
    /// `ValidationError`, `ExitCode`, `CleanExit`). A case added to the library later gets its own
    /// sentence, with no hint, without a change here.
    init?(wording error: any Error) {
        switch error {
        case let error as LedgerError:
            // Every write of the ledger turns SQLite's BUSY or LOCKED into the one case `busy`.
            if case .busy = error { self.init(Self.busy) } else { self.init(Self.joined(error.description, Self.hint(for: error))) }
        case let failure as ValidationFailure:
            self = .nothingWritten(failure)
        case let problem as ReportRequest.Problem:
            self.init(problem.description)
        default:
            return nil
        }
    }

    /// What a writing command says when another process held the write lock for the whole busy
    /// timeout (30 s, or $CPSLEDGER_BUSY_TIMEOUT).
    static let busy = "The ledger is busy: another process (an import?) held its write lock for as long as this command waits; nothing was written. Try again once it has finished."

    /// Input that did not validate: every field's problem, on its own line, named by the option
    /// that sets it (`option` maps a field to its option where the names differ), with the hints.
    static func nothingWritten(_ failure: ValidationFailure, option: (String) -> String = { $0 }) -> CommandLineError {
        let lines = failure.issues.map { "--" + option($0.field) + ": " + $0.description }
        return CommandLineError(joined("Invalid input, nothing written:\n  " + lines.joined(separator: "\n  "), hint(for: failure)))
    }

    /// What the command line adds to a library error: the flag or command that helps.
    static func hint(for error: LedgerError) -> String? {
        switch error {
        case .invalid(let failure): hint(for: failure)
        case .unknownMeasure: "`cpsledger measure list` shows the measures."
        case .missingReason: "Pass --reason \"...\"."
        case .unknownToken: "`cpsledger token list` shows the tokens."
        case .missingEvidence, .storageFailed: "`cpsledger verify` checks the whole ledger."
        case .clockBehind: "`cpsledger verify` names an event recorded in the future; $CPSLEDGER_CLOCK_TOLERANCE sets how far the clock may be off (300 s)."
        case .notALedger(let path, _) where path == "''": "Pass --db FILE or set CPSLEDGER_DB."
        default: nil
        }
    }

    /// The listing commands for the fields whose values come from a list.
    static func hint(for failure: ValidationFailure) -> String? {
        let lists = ["state": "states", "participant": "states", "obligation": "obligations", "treaty": "treaties"]
        let commands = Set(failure.issues.compactMap { lists[$0.field] }).sorted()
        guard !commands.isEmpty else { return nil }
        return commands.map { "`cpsledger \($0) list`" }.joined(separator: " and ") + " show" + (commands.count == 1 ? "s" : "") + " the values."
    }

    private static func joined(_ sentence: String, _ hint: String?) -> String {
        hint.map { sentence + "\n" + $0 } ?? sentence
    }
}
