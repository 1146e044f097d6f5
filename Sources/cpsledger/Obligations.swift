import ArgumentParser
import LedgerModel
import LedgerReports

struct Obligations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obligations",
        abstract: "The obligations of the Declaration.", subcommands: [List.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the obligation catalogue.",
            discussion: "JSON carries id, provision (label), provision_ref, article, kind, themes, title, text, text_incomplete.")

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: "The output format.") var format: OutputFormat = .text

        func run() throws {
            let catalogue = try ledger.open().catalogue
            switch format {
            case .json:
                emit(try jsonText(Listing.obligations(catalogue)))
            case .text:
                emit(TextTable.render(
                    headers: ["id", "provision", "kind", "themes", "title"],
                    rows: catalogue.obligations.map { o in
                        [o.id, catalogue.provision(of: o).label, o.kind.rawValue, o.themes.joined(separator: ", "), o.title]
                    }))
            }
        }
    }
}
