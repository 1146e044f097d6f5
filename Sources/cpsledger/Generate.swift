import ArgumentParser
import Foundation
import LedgerStore

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate synthetic data for benchmarks and load tests.", subcommands: [Measures.self])

    struct Measures: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "measures",
            abstract: "Write a reproducible synthetic measures CSV (import format) over the real States and obligations.",
            discussion: "Every row says SYNTHETIC in its title and note: none is a real measure. Same --seed, same file.")

        @OptionGroup var ledger: LedgerFileOptions
        @Option(parsing: .unconditional, help: "How many measure rows.") var events: Int
        @Option(parsing: .unconditional, help: "Random seed.") var seed: UInt64 = 1
        @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file")) var output: String?

        func validate() throws {
            guard events >= 0 else { throw ValidationError("--events must be 0 or more, not \(events).") }
        }

        func run() throws {
            let opened = try ledger.open()
            let generator = SyntheticMeasures(catalogue: opened.catalogue, states: opened.states, seed: seed)
            try withOutput(output) { write in try generator.write(events: events, write) }
        }
    }
}
