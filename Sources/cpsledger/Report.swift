import ArgumentParser
import LedgerModel
import LedgerReports

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compliance reports.", subcommands: [Summary.self], defaultSubcommand: Summary.self)

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Coverage and score per regional group, per Article and per theme.",
            discussion: """
                Scores follow the rules in the README: an assessed rating beats the self-reported status;
                not_applicable cells leave the denominator; not_reported cells lower coverage only.

                Example:
                  cpsledger report summary --as-of 2000-12-31 --format json
                """)

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "text or json.") var format: OutputFormat = .text
        @Option(help: ArgumentHelp("Status in force on this date (default: today).", valueName: "YYYY-MM-DD")) var asOf: String?

        func run() throws {
            let date = try asOf.map { try parseDate($0, option: "as-of") } ?? today()
            let opened = try guarded { try ledger.open() }
            let report = try SummaryReport.make(ledger: opened, asOf: date)
            emit(format == .json ? try report.renderJSON() : report.renderText())
        }
    }
}
