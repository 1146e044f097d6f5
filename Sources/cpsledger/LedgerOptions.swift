import ArgumentParser
import Foundation
import LedgerModel
import LedgerStore

/// The options of a command that writes events: the ledger file and who is writing. A command
/// that records no event takes ``LedgerFileOptions`` instead, so that `--actor`, which would mean
/// nothing there, is neither offered nor listed in its help.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger file (default: $CPSLEDGER_DB, else ./cpsledger.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Who is writing, recorded as the events' actor (default: $CPSLEDGER_ACTOR, else cli:$USER).", valueName: "name"))
    var actor: String?

    var path: String { Self.path(db) }

    var actorName: String { actor ?? Self.defaultActor }

    /// The ledger file: `--db`, else $CPSLEDGER_DB, else `cpsledger.sqlite` in the current folder.
    static func path(_ db: String?) -> String {
        db ?? ProcessInfo.processInfo.environment["CPSLEDGER_DB"] ?? "cpsledger.sqlite"
    }

    /// The actor without `--actor`: $CPSLEDGER_ACTOR, else `cli:` and the user's name. A reading
    /// command records it only when it creates the ledger on first use.
    static var defaultActor: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["CPSLEDGER_ACTOR"] ?? "cli:" + (environment["USER"] ?? environment["LOGNAME"] ?? "unknown")
    }

    /// How long a write waits for another process's write lock before it gives up with "the ledger
    /// is busy", in seconds: $CPSLEDGER_BUSY_TIMEOUT when it is a positive number, else 30.
    static var busyTimeout: Double {
        ProcessInfo.processInfo.environment["CPSLEDGER_BUSY_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? 30
    }

    /// How far this machine's clock may be off before a write is refused, in seconds (see
    /// `LedgerClock`): $CPSLEDGER_CLOCK_TOLERANCE when it is a number of 0 or more, else 300.
    static var clockTolerance: Double {
        ProcessInfo.processInfo.environment["CPSLEDGER_CLOCK_TOLERANCE"].flatMap(Double.init).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
            ?? LedgerClock.defaultTolerance
    }

    /// This machine's clock under the ledger's rules; an event stamped with the last event's time
    /// (the clock is a little behind it) says so on standard error.
    static var clock: LedgerClock { LedgerClock(tolerance: clockTolerance, notice: { warn("Notice: " + $0) }) }

    /// The ledger, for writing.
    func open(busyTimeout: Double = Self.busyTimeout) throws -> Ledger {
        try Ledger.open(path: path, actor: actorName, busyTimeout: busyTimeout, clock: Self.clock)
    }
}

/// The option of a command that records no event (it reads the ledger, or rebuilds its tables, or
/// serves it with the writers' own names): `--db`, and no `--actor`.
struct LedgerFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger file (default: $CPSLEDGER_DB, else ./cpsledger.sqlite).", valueName: "path"))
    var db: String?

    var path: String { LedgerOptions.path(db) }

    /// The ledger; by default on read-only connections when it needs no write first (a ledger
    /// created or migrated on first use is written once), so a command that reads writes nothing
    /// and works on a file it may only read. The server writes through it with its writers' names.
    func open(busyTimeout: Double = LedgerOptions.busyTimeout, forReading: Bool = true) throws -> Ledger {
        try Ledger.open(path: path, actor: LedgerOptions.defaultActor, busyTimeout: busyTimeout, forReading: forReading, clock: LedgerOptions.clock)
    }
}

extension Ledger {
    /// Checks a `--state` argument, suggesting near misses.
    func check(state: String?) throws {
        guard let state, states[state] == nil else { return }
        let hint = states.suggestions(for: state)
        throw ValidationError("--state '\(state)' is not a known ISO3 code" + (hint.isEmpty ? "." : "; did you mean \(hint.joined(separator: " or "))?"))
    }

    /// Checks an `--obligation` argument, suggesting near misses.
    func check(obligation: String?) throws {
        guard let obligation, catalogue.obligation(obligation) == nil else { return }
        let hint = catalogue.suggestions(forObligation: obligation)
        throw ValidationError("--obligation '\(obligation)' is not an obligation id" + (hint.isEmpty ? "." : "; did you mean \(hint.joined(separator: " or "))?"))
    }
}

/// Text for people or JSON for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Writes to standard error.
func warn(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes to standard output without buffering surprises.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Encodes a value as stable JSON (sorted keys, pretty).
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}

/// Refuses a `--checkpoint-key` that is not an Ed25519 public key (64 hex digits): a typo would
/// otherwise read as "not validly signed by …", a claim about the ledger rather than the key.
func checkPublicKey(_ key: String?) throws {
    guard let key else { return }
    guard key.utf8.count == 64, key.allSatisfy(\.isHexDigit) else {
        throw ValidationError("--checkpoint-key '\(key)' is not a public key: it is 64 hex digits, as `cpsledger checkpoint key create` prints it.")
    }
}
