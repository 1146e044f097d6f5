import ArgumentParser
import Foundation
import LedgerStore

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the hash chain, the evidence files and the projections; exit 1 naming the first bad event.")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let opened = try guarded { try ledger.open() }
        let report = try opened.verify()
        if report.isSound {
            print("Ledger sound: \(report.eventsChecked) events chained and hashed, \(report.evidenceChecked) evidence files checked, projections match the events.")
        } else {
            warn("Ledger NOT sound: first bad event \(report.firstBadSeq.map(String.init) ?? "?").")
            for problem in report.problems { warn("- " + problem) }
            throw ExitCode(1)
        }
    }
}

struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Recompute every projection from the events.")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let opened = try guarded { try ledger.open() }
        let count = try opened.rebuild()
        print("Rebuilt the projections from \(count) events.")
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the ledger with SQLite's online backup (safe while others write).")

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "Where to write the copy (must not exist).") var destination: String

    func run() throws {
        let opened = try guarded { try ledger.open() }
        try guarded { try opened.backup(to: destination) }
        print("Backed up \(ledger.path) to \(destination).")
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate synthetic data for benchmarks and load tests.", subcommands: [Measures.self])

    struct Measures: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a reproducible synthetic measures CSV (import format) over the real States and obligations.",
            discussion: "Every row says SYNTHETIC in its title and note: none is a real measure. Same --seed, same file.")

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "How many measure rows.") var events: Int
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file")) var output: String?

        func validate() throws {
            guard events >= 0 else { throw ValidationError("--events must be 0 or more, not \(events).") }
        }

        func run() throws {
            let opened = try guarded { try ledger.open() }
            let generator = SyntheticMeasures(catalogue: opened.catalogue, states: opened.states, seed: seed)
            try withOutput(output) { write in try generator.write(events: events, write) }
        }
    }
}
