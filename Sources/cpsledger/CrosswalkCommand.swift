import ArgumentParser
import Foundation
import LedgerModel
import LedgerReports
import LedgerStore

struct CrosswalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosswalk", abstract: "The published links from outside frameworks (FATF, the Organized Crime Index) to the Declaration's obligations.",
        subcommands: [List.self], defaultSubcommand: List.self)

    /// The formats of `crosswalk list`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md, csv, json
    }

    /// The crosswalks the build ships.
    enum Body: String, ExpressibleByArgument, CaseIterable {
        case fatf, ocindex
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List a crosswalk (FATF by default): each link from an item to an obligation, its strength and rationale.",
            discussion: """
                direct: the Recommendation asks for what the obligation asks (its rating may score the \
                cell); partial: it covers part of it (evidence only). Obligations no Recommendation \
                matches are left unlinked.

                --body ocindex lists the Global Organized Crime Index's indicators linked to obligations: \
                its 1-10 scores are outside views shown beside the cells (partial, context or \
                corroboration), never ratings.

                Examples:
                  cpsledger crosswalk list
                  cpsledger crosswalk list --format csv > fatf-crosswalk.csv
                  cpsledger crosswalk list --body ocindex
                """)

        @Option(help: "The output format.") var format: Format = .text
        @Option(help: "The crosswalk: fatf or ocindex.") var body: Body = .fatf

        func run() throws {
            let crosswalk = body == .fatf ? try Ledger.fatfCrosswalk() : try Ledger.ocIndexCrosswalk()
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
