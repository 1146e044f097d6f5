import GRDB
import LedgerModel

/// What can go wrong when reading or writing a ledger: a case with the fields a caller needs, and a
/// `description` that is a plain sentence naming them. The description speaks of the ledger only, never
/// of a command line or HTTP: the `cpsledger` tool and the server word their own hints around it.
public enum LedgerError: Error, Sendable, CustomStringConvertible {
    /// The input record is invalid; nothing was written.
    case invalid(ValidationFailure)
    /// An import had bad rows; nothing was imported. `truncated` when more than the listed rows were bad.
    case importRejected(file: String, problems: [LineIssue], truncated: Bool)
    /// The CSV header lacks required columns or has unknown ones.
    case badHeader(file: String, missing: [String], unknown: [String], expected: [String])
    /// The CSV header names a column more than once.
    case repeatedColumns(file: String, columns: [String])
    /// A file the ledger was asked to read cannot be read.
    case unreadableFile(path: String, reason: String)
    /// No measure has this sequence number.
    case unknownMeasure(seq: Int64)
    /// The measure was retracted already.
    case alreadyRetracted(measure: Int64, retraction: Int64)
    /// A correction would make the measure identical to another measure in force.
    case duplicateMeasure(existing: Int64)
    /// A correction or retraction came without a reason; `what` names it ("correction", "retraction").
    case missingReason(String)
    /// The file is not a ledger this version can open (empty path, damaged file, another SQLite file).
    case notALedger(path: String, reason: String)
    /// The backup destination exists; a backup never overwrites.
    case destinationExists(path: String)
    /// No token has this id.
    case unknownToken(id: Int64)
    /// A UNTC status table could not be read.
    case untcUnreadable(file: String, reason: String)
    /// A write limited to one State (a focal point's) found the measure in, or moving to, another State.
    case outsideState(measure: Int64, state: String, allowed: String)
    /// A key file exists already at the path; a key is never overwritten.
    case keyFileExists(path: String)
    /// A measure names an evidence file the ledger does not hold (its row was deleted behind the ledger's back).
    case missingEvidence(sha256: String, filename: String, measure: Int64)
    /// Another connection (a CLI import, say) held the write lock for the whole busy timeout; nothing
    /// was written, and trying again in `retryAfter` seconds may succeed.
    case busy(path: String, retryAfter: Int)
    /// The ledger holds migrations this build does not know: a newer cpsledger wrote it, and this one
    /// would misread or damage it.
    case newerLedger(path: String, migrations: [String])
    /// A file or folder the tool was asked to write cannot be written there.
    case unwritable(path: String, reason: String)
    /// A stored value is not one the ledger writes (a status, a rating, a date, ...): the file was
    /// changed outside cpsledger. `key` names the row ("id 12", "state FRA, obligation art-2").
    case badStoredValue(table: String, key: String, column: String, value: String, expected: String)
    /// A projection row exists before the event that would record it: the file was changed outside cpsledger.
    case orphanRow(table: String, key: String)

    /// `data update` was asked to bring reference tables up to date that differ from the digests the
    /// ledger recorded: updating them would vouch for an edit made behind the ledger's back.
    case referenceDataEdited(tables: [String])
    /// The disk holding the ledger is full (SQLite's FULL): the write was rolled back.
    case diskFull(path: String)
    /// The ledger file, its folder or its file system cannot be written (SQLite's READONLY): the
    /// write was rolled back; reading still works.
    case readOnlyStorage(path: String)
    /// The storage failed while writing (SQLite's IOERR: a failing disk, a vanished network mount);
    /// `detail` is SQLite's word for it.
    case storageFailed(path: String, detail: String)
    /// This machine's clock is more than the clock's tolerance behind the time of the ledger's last
    /// event: recording now would make time run backwards (see ``LedgerClock``).
    case clockBehind(clock: String, headSeq: Int64, headTime: String)
    /// This machine's clock jumped ahead, by more than the clock's tolerance, of the time counted
    /// since the ledger was opened: the ledger does not record the future (see ``LedgerClock``).
    case clockAhead(clock: String, counted: String)

    /// A tree head or proof of the transparency log was asked for outside the log: a size beyond the
    /// head `head`, an event outside the tree, or sizes out of order (see ``LogRequest``).
    case outsideLog(LogRequest, head: Int64)

    /// A step of a reporting round was refused (see ``RoundProblem``).
    case round(RoundProblem)
    /// An Organized Crime Index workbook could not be imported (see ``OCIndexProblem``); nothing was written.
    case ocIndex(OCIndexProblem)

    public var description: String {
        switch self {
        case .round(let problem):
            return problem.description
        case .ocIndex(let problem):
            return problem.description
        case .invalid(let failure):
            // A last issue that ends with a suggestion ("did you mean FRA?") ends the sentence itself.
            let issues = failure.description
            return "Invalid input, nothing written: " + issues + (issues.hasSuffix("?") ? "" : ".")
        case .importRejected(let file, let problems, let truncated):
            var text = "\(file): \(problems.count)\(truncated ? "+" : "") bad row\(problems.count == 1 ? "" : "s"); nothing was imported. Fix these and import again:"
            for problem in problems { text += "\n  " + problem.description }
            if truncated { text += "\n  (only the first \(problems.count) bad rows are listed)" }
            return text
        case .badHeader(let file, let missing, let unknown, let expected):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing column\(missing.count == 1 ? "" : "s") " + missing.joined(separator: ", ")) }
            // A header line of megabytes (a file that is not CSV) is named, not echoed whole.
            let shown = unknown.prefix(20).map { $0.count > 60 ? String($0.prefix(60)) + "… (\($0.utf8.count) bytes)" : $0 }
                + (unknown.count > 20 ? ["… (\(unknown.count) in all)"] : [])
            if !unknown.isEmpty { parts.append("unknown column\(unknown.count == 1 ? "" : "s") " + shown.joined(separator: ", ")) }
            return "\(file), line 1 (header): " + parts.joined(separator: "; ") + ". The header must be: " + expected.joined(separator: ",")
        case .repeatedColumns(let file, let columns):
            return "\(file), line 1 (header): column\(columns.count == 1 ? "" : "s") \(columns.map { "'\($0)'" }.joined(separator: ", ")) named more than once; name each column once. Nothing was imported."
        case .unreadableFile(let path, let reason):
            return "Cannot read \(path): \(reason)."
        case .unknownMeasure(let seq):
            return "No measure has sequence number \(seq)."
        case .alreadyRetracted(let measure, let retraction):
            return "Measure \(measure) was already retracted by event \(retraction)."
        case .duplicateMeasure(let existing):
            return "Measure \(existing) already says exactly this; nothing written."
        case .missingReason(let what):
            return "A \(what) needs a reason; nothing was written."
        case .notALedger(let path, let reason):
            return "\(path) is not a cpsledger ledger: \(reason)."
        case .destinationExists(let path):
            return "\(path) exists already; a backup never overwrites a file, choose a new path."
        case .unknownToken(let id):
            return "No token has id \(id)."
        case .untcUnreadable(let file, let reason):
            return "\(file): \(reason) Nothing was imported."
        case .outsideState(let measure, let state, let allowed):
            return "Measure \(measure) is (or would become) a measure of \(state); this writer may only write measures of \(allowed). Nothing written."
        case .keyFileExists(let path):
            return "\(path) exists already; a signing key is never overwritten, choose a new path."
        case .missingEvidence(let sha256, let filename, let measure):
            return "Measure \(measure) names evidence file '\(filename)' (SHA-256 \(sha256)), but the ledger no longer holds it."
        case .busy(let path, let retryAfter):
            return "\(path) is busy: another process is writing to it (an import?); nothing was written. Try again in \(retryAfter) s."
        case .newerLedger(let path, let migrations):
            return "\(path) was written by a newer cpsledger (its schema has \(migrations.joined(separator: ", ")), unknown to this version); "
                + "use that version or a newer one. Nothing was read or written."
        case .unwritable(let path, let reason):
            return "Cannot write \(path): \(reason); nothing was written."
        case .badStoredValue(let table, let key, let column, let value, let expected):
            let shown = value.count > 60 ? String(value.prefix(60)) + "… (\(value.utf8.count) bytes)" : value
            return "Row \(key) of the \(table) table holds '\(shown)' in column \(column), which is not \(expected); "
                + "the ledger file was changed outside cpsledger."
        case .referenceDataEdited(let tables):
            return "The \(tables.joined(separator: ", ")) reference table\(tables.count == 1 ? "" : "s") differ\(tables.count == 1 ? "s" : "") from the digests the ledger recorded: "
                + "edited behind the ledger's back, and an update would vouch for the edit. Run `cpsledger verify`, restore the ledger from a backup "
                + "and update that copy; nothing was written."
        case .diskFull(let path):
            return "The disk holding \(path) is full; nothing was written and the ledger is as it was before. "
                + "Free space on that disk, then write again."
        case .readOnlyStorage(let path):
            return "\(path) cannot be written: the file, its folder or its file system is read-only; nothing was written, and reading still works. "
                + "Make it writable again, then write again."
        case .storageFailed(let path, let detail):
            return "The storage under \(path) failed while writing (SQLite: \(detail)); the write was not made. "
                + "Check the disk and the system log; once the storage works, verify the ledger and write again."
        case .clockBehind(let clock, let headSeq, let headTime):
            return "This machine's clock says \(clock), but the ledger's last event \(headSeq) was recorded at \(headTime): "
                + "time in the ledger never runs backwards, so nothing was written. Set the clock right and write again "
                + "(if event \(headSeq)'s time is the wrong one, writing works again once the clock passes it)."
        case .clockAhead(let clock, let counted):
            return "This machine's clock says \(clock), ahead of the \(counted) counted since the ledger was opened: "
                + "the clock was set forward meanwhile, and the ledger does not record the future, so nothing was written. "
                + "Set the clock right; if the new time is the right one, open the ledger again."
        case .orphanRow(let table, let key):
            return "The \(table) table already holds row \(key), which no event records; the ledger file was changed outside cpsledger. Nothing was written."
        case .outsideLog(let request, let head):
            return request.refusal(head: head)
        }
    }
}

/// One bad input line: the line number in the file and the problems of its fields.
public struct LineIssue: Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let issues: [FieldIssue]

    public init(line: Int, issues: [FieldIssue]) {
        self.line = line
        self.issues = issues
    }

    public var description: String {
        "line \(line): " + issues.map(\.description).joined(separator: "; ")
    }
}

extension LedgerError {
    /// ``busy(path:retryAfter:)`` after a wait of `busyTimeout` seconds: try again after as long (at least 1 s).
    static func busy(path: String, busyTimeout: Double) -> LedgerError {
        .busy(path: path, retryAfter: max(1, Int(busyTimeout.rounded(.up))))
    }

    /// Whether `error` is SQLite's "database is locked": another connection held the write lock too long.
    static func isBusy(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }
}
