import ArgumentParser

/// The exit statuses of `cpsledger`, decided once: every command ends with one of these, the root
/// command's help lists them (``helpText``), and docs/reference/commands.md, "The command line", lists them too.
///
/// The small numbers are the tool's own answers (the check said no, the data was refused, the alarm
/// a scheduled job asked for); the others are the BSD `sysexits.h` codes argument-parser already
/// uses for a usage mistake (64), so that a script or a service manager can tell a mistake in the
/// command line from a busy ledger it should retry (75, EX_TEMPFAIL) and from a file it cannot read
/// or write (74, EX_IOERR). ``CommandLineError/init(wording:)`` is the one place that maps an error
/// to its status.
enum ExitStatus: Int32, CaseIterable, Sendable {
    /// The command did what it was asked (a dry run included, and "nothing to write").
    case done = 0
    /// `verify` or `mirror` found the ledger (or the server's chain) not sound or not proven, or a
    /// command met a ledger file changed outside cpsledger.
    case notSound = 1
    /// The data given was refused (a field of a record, a row or the header of a file, a record the
    /// ledger does not hold, a step a reporting round does not allow); nothing was written.
    case refused = 2
    /// `--fail-on-regression` or `--fail-if-overdue` found what it watches for.
    case alarm = 3
    /// The command line is wrong (EX_USAGE): an unknown option, a value of the wrong form, a value
    /// that names nothing, options that do not go together.
    case usage = 64
    /// A server the command needs does not answer, or the port to serve on is taken (EX_UNAVAILABLE).
    case unavailable = 69
    /// An error the tool did not expect (EX_SOFTWARE): a bug to report with `cpsledger --version`.
    case internalError = 70
    /// A file cannot be read or written (EX_IOERR): the ledger (not a ledger, written by a newer
    /// cpsledger), an input file, an output file or folder.
    case fileError = 74
    /// Another process held the ledger's write lock for the whole wait (EX_TEMPFAIL); nothing was
    /// written, and the same command may succeed later.
    case busy = 75

    /// What the status means, as the help and docs/reference/commands.md say it.
    var meaning: String {
        switch self {
        case .done: "done"
        case .notSound: "verify or mirror: the ledger is not sound or not proven"
        case .refused: "the data was refused (a field, a row, a step); nothing written"
        case .alarm: "--fail-on-regression or --fail-if-overdue found something"
        case .usage: "a mistake in the command line"
        case .unavailable: "a server does not answer, or the port is taken"
        case .internalError: "an unexpected error: please report it"
        case .fileError: "a file cannot be read or written (the ledger included)"
        case .busy: "the ledger is busy (another writer); try again"
        }
    }

    /// The list the root command's help ends with: one short line per status.
    static var helpText: String {
        "Exit status:\n" + allCases.map { "  " + String($0.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0) + $0.meaning }.joined(separator: "\n")
    }
}

extension ExitCode {
    /// Ends the command with one of the tool's statuses (`throw ExitCode(.alarm)`).
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
