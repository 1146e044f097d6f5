import ArgumentParser
import Foundation
import LedgerModel
import LedgerReports
import LedgerStore

/// An error as the command line words it, and the status it ends the command with: the library's
/// own sentence, then, where one helps, a hint that names a flag or a command. The library's errors
/// are data (a case and its fields) and speak of the ledger only; this is the one place that adds
/// the tool's words and decides the exit status (``ExitStatus``), as argument-parser keeps
/// `ParserError` apart from the `MessageInfo` that words it. `CPSLedger.main()` prints the
/// `description` after "Error: " and exits with the `status`.
///
/// A command throws `ValidationError` for a mistake in its command line (status 64), the library's
/// errors as they come, and a `CommandLineError` with its status for what is neither (a file it
/// cannot write, a server that does not answer).
struct CommandLineError: Error, CustomStringConvertible {
    let status: ExitStatus
    let description: String

    init(_ status: ExitStatus, _ description: String) {
        self.status = status
        self.description = description
    }

    /// Words any error a command's `run()` throws (argument-parser's `ExitCode` and `CleanExit`
    /// aside, which `main()` passes on) and decides its status. A case added to `LedgerError` later
    /// gets its own sentence, with no hint; it does not compile until ``status(of:)`` gives it a status.
    init(wording error: any Error) {
        switch error {
        case let error as CommandLineError:
            self = error
        case let error as ValidationError:
            self.init(.usage, error.message)
        case let error as LedgerError:
            // Every write of the ledger turns SQLite's BUSY or LOCKED into the one case `busy`.
            if case .busy = error {
                self.init(.busy, Self.busy)
            } else {
                self.init(Self.status(of: error), Self.joined(error.description, Self.hint(for: error)))
            }
        case let failure as ValidationFailure:
            self = .nothingWritten(failure)
        case let problem as ReportRequest.Problem:
            // A report's parameters come from the command line: a date outside the served range, a
            // State or a region that is not one, are mistakes in it.
            self.init(.usage, problem.description)
        case let error as CocoaError where error.code.rawValue < 1024:
            // Foundation's file errors (4 to 642): a file that cannot be read, moved or written.
            self.init(.fileError, error.localizedDescription)
        case let error as POSIXError:
            self.init(.fileError, error.localizedDescription)
        default:
            self.init(.internalError, String(describing: error))
        }
    }

    /// The status of each case of the library's errors (no `default`: a new case is decided here).
    static func status(of error: LedgerError) -> ExitStatus {
        switch error {
        case .busy: .busy
        case .invalid, .importRejected, .badHeader, .repeatedColumns, .untcUnreadable, .unknownMeasure, .alreadyRetracted,
            .duplicateMeasure, .missingReason, .unknownToken, .outsideState, .round, .ocIndex:
            .refused
        // A tree size or event the log does not hold: the question is refused.
        case .outsideLog: .refused
        // A clock the ledger does not believe: the write is refused, nothing written.
        case .clockBehind, .clockAhead: .refused
        case .unreadableFile, .notALedger, .newerLedger, .destinationExists, .keyFileExists, .unwritable, .diskFull, .readOnlyStorage, .storageFailed:
            .fileError
        case .missingEvidence, .badStoredValue, .orphanRow, .referenceDataEdited:
            .notSound
        }
    }

    /// What a writing command says when another process held the write lock for the whole busy
    /// timeout (30 s, or $CPSLEDGER_BUSY_TIMEOUT).
    static let busy = "The ledger is busy: another process (an import?) held its write lock for as long as this command waits; nothing was written. Try again once it has finished."

    /// Input that did not validate: every field's problem, on its own line, named by the option
    /// that sets it (`option` maps a field to its option where the names differ), with the hints.
    static func nothingWritten(_ failure: ValidationFailure, option: (String) -> String = { $0 }) -> CommandLineError {
        let lines = failure.issues.map { "--" + option($0.field) + ": " + $0.description }
        return CommandLineError(.refused, joined("Invalid input, nothing written:\n  " + lines.joined(separator: "\n  "), hint(for: failure)))
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
