import ArgumentParser
import Foundation
import LedgerStore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import records from files.", subcommands: [Measures.self])

    struct Measures: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import measures from a CSV file, all rows or none.",
            discussion: """
                Header: state,obligation,status,effective_date,title,kind,source,note[,justification]
                Any bad row rejects the whole file: every bad row is listed (up to 100) with its line,
                field and value, and nothing is written. Rows identical to a measure already in force are
                skipped, so importing the same file twice adds nothing.

                Example:
                  cpsledger import measures measures.csv --dry-run
                """)

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Check and count everything, write nothing.") var dryRun = false

        func run() throws {
            let opened = try guarded { try ledger.open() }
            let interactive = isatty(STDERR_FILENO) == 1
            var progress: (@Sendable (Int) -> Void)?
            if interactive {
                progress = { rows in FileHandle.standardError.write(Data("\r\(rows) rows read…".utf8)) }
            }
            let summary: ImportSummary = try guarded {
                try opened.importMeasures(path: file, dryRun: dryRun, actor: ledger.actorName, progress: progress)
            }
            if interactive && summary.rows >= 100_000 { warn("") }
            let range = summary.firstSeq.map { " (events \($0)–\(summary.lastSeq!))" } ?? ""
            let verb = dryRun ? "Dry run, nothing written: would record" : "Recorded"
            print("\(file): \(summary.rows) rows. \(verb) \(summary.recorded) new measure\(summary.recorded == 1 ? "" : "s")\(dryRun ? "" : range); \(summary.duplicates) duplicate\(summary.duplicates == 1 ? "" : "s") of measures in force skipped.")
        }
    }
}
