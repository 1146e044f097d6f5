import ArgumentParser
import Foundation
import LedgerModel
import LedgerStore

/// Options every command that opens the ledger shares.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger file (default: $CPSLEDGER_DB, else ./cpsledger.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Who is writing, recorded as the events' actor (default: $CPSLEDGER_ACTOR, else cli:$USER).", valueName: "name"))
    var actor: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["CPSLEDGER_DB"] ?? "cpsledger.sqlite"
    }

    var actorName: String {
        let environment = ProcessInfo.processInfo.environment
        return actor ?? environment["CPSLEDGER_ACTOR"] ?? "cli:" + (environment["USER"] ?? environment["LOGNAME"] ?? "unknown")
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

    /// The ledger; with `forReading` (commands that only read) on read-only connections when it
    /// needs no write first, so such a command writes nothing and works on a file it may only read.
    /// An event stamped with the last event's time (this machine's clock is a little behind it) says
    /// so on standard error.
    func open(busyTimeout: Double = Self.busyTimeout, forReading: Bool = false) throws -> Ledger {
        let clock = LedgerClock(tolerance: Self.clockTolerance, notice: { warn("Notice: " + $0) })
        return try Ledger.open(path: path, actor: actorName, busyTimeout: busyTimeout, forReading: forReading, clock: clock)
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
