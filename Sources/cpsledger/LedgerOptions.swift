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

    func open() throws -> Ledger {
        try Ledger.open(path: path, actor: actorName)
    }
}

/// Text for people or JSON for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Parses a date argument, with a message naming the option and the value.
func parseDate(_ text: String, option: String) throws -> ISODate {
    guard let date = ISODate(text) else {
        throw ValidationError("--\(option) '\(text)' is not a date of the form YYYY-MM-DD.")
    }
    return date
}

/// Today's date in UTC.
func today() -> ISODate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return ISODate(year: parts.year!, month: parts.month!, day: parts.day!)!
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

/// Runs a ledger call, turning ledger errors into a message on stderr and a non-zero exit.
func guarded<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as LedgerError {
        warn("error: " + error.description)
        throw ExitCode(1)
    }
}
