import ArgumentParser
import LedgerModel
import LedgerReports

struct States: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "states",
        abstract: "The States the ledger tracks.", subcommands: [List.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the UN Member States and the non-member participants.",
            discussion: "JSON carries iso3, name, member, regional_group, admission_date, aliases.")

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: "The output format.") var format: OutputFormat = .text
        @Flag(help: "Only the UN Member States.") var membersOnly = false

        func run() throws {
            let directory = try ledger.open().states
            let states = membersOnly ? directory.memberStates : directory.states
            switch format {
            case .json:
                emit(try jsonText(states))
            case .text:
                emit(TextTable.render(
                    headers: ["iso3", "name", "member", "regional group", "admitted"],
                    rows: states.map { s in
                        [s.iso3, s.name, s.member ? "yes" : "no", s.regionalGroup?.rawValue ?? "–", s.admissionDate?.description ?? "–"]
                    }))
                print("\(states.count) States (\(states.filter(\.member).count) UN Member States).")
            }
        }
    }
}
