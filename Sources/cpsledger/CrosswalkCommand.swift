import ArgumentParser
import Foundation
import LedgerModel
import LedgerReports
import LedgerStore

struct CrosswalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosswalk", abstract: "The published links from outside frameworks (FATF) to the Declaration's obligations.",
        subcommands: [List.self], defaultSubcommand: List.self)

    /// The formats of `crosswalk list`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md, csv, json
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the FATF crosswalk: each link from a Recommendation to an obligation, its strength and rationale.",
            discussion: """
                direct: the Recommendation asks for what the obligation asks (its rating may score the \
                cell); partial: it covers part of it (evidence only). Obligations no Recommendation \
                matches are left unlinked.

                Examples:
                  cpsledger crosswalk list
                  cpsledger crosswalk list --format csv > fatf-crosswalk.csv
                """)

        @Option(help: "The output format.") var format: Format = .text

        func run() throws {
            let crosswalk = try Ledger.fatfCrosswalk()
            let catalogue = try Ledger.embeddedCatalogue()
            let table = CrosswalkTable(crosswalk: crosswalk, catalogue: catalogue)
            switch format {
            case .text: emit(table.document().renderText())
            case .md: emit(table.document().renderMarkdown())
            case .csv: emit(table.renderCSV())
            case .json: emit(try jsonText(crosswalk))
            }
        }
    }
}
