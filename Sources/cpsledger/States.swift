import ArgumentParser
import LedgerModel
import LedgerReports
import LedgerStore

struct States: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "states",
        abstract: "The States the ledger tracks.", subcommands: [List.self, Rename.self, Regroup.self], defaultSubcommand: List.self)

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

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rename",
            abstract: "Record a State's change of name from a date on (a state.changed event).",
            discussion: """
                Reports as of a date before --effective show the old name; every name a State has had keeps \
                matching it in treaty tables. Give the source that dates the change: the ledger records no \
                undated change.

                Example:
                  cpsledger states rename TUR --name Türkiye --effective 2022-06-01 \\
                    --source "UN Spokesperson, noon briefing of 2 June 2022"
                """)

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The State's ISO3 code.") var iso3: String
        @Option(help: "The new name, as the UN spells it.") var name: String
        @Option(help: ArgumentHelp("The first day of the new name.", valueName: "YYYY-MM-DD"), transform: ISODate.argument) var effective: ISODate
        @Option(help: "Where the change and its date come from.") var source: String

        func run() throws {
            let opened = try ledger.open()
            try opened.check(state: iso3)
            let seq = try opened.recordStateChange(
                iso3: iso3, field: .name, to: name, effective: effective, source: source, actor: ledger.actorName)
            print("Recorded event \(seq): \(iso3) is named \(name) from \(effective).")
        }
    }

    struct Regroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "regroup",
            abstract: "Record a State's change of regional group or of UN membership from a date on (a state.changed event).",
            discussion: """
                --group takes a UN regional group (\(RegionalGroup.allCases.map(\.rawValue).joined(separator: ", "))) or none; \
                --member yes or no. Reports as of a date before --effective count the State as it was.

                Example:
                  cpsledger states regroup KIR --group Asia-Pacific \\
                    --effective 2010-01-01 --source "EXAMPLE: a dated UN document"
                """)

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The State's ISO3 code.") var iso3: String
        @Option(help: "The new regional group, or none.") var group: String?
        @Option(help: "Whether the State is a UN Member State from --effective on (yes or no).") var member: String?
        @Option(help: ArgumentHelp("The first day of the change.", valueName: "YYYY-MM-DD"), transform: ISODate.argument) var effective: ISODate
        @Option(help: "Where the change and its date come from.") var source: String

        func validate() throws {
            if group == nil && member == nil { throw ValidationError("Give --group, --member or both: nothing else changes a State's standing.") }
            if let group, group != "none", RegionalGroup(rawValue: group) == nil {
                throw ValidationError("--group '\(group)' is not a UN regional group: use one of \(RegionalGroup.allCases.map(\.rawValue).joined(separator: ", ")), or none.")
            }
            if let member, !["yes", "no"].contains(member) { throw ValidationError("--member '\(member)' is not yes or no.") }
        }

        func run() throws {
            let opened = try ledger.open()
            try opened.check(state: iso3)
            if let group {
                let seq = try opened.recordStateChange(
                    iso3: iso3, field: .regionalGroup, to: group == "none" ? nil : group, effective: effective, source: source, actor: ledger.actorName)
                print("Recorded event \(seq): \(iso3) is in \(group == "none" ? "no regional group" : group) from \(effective).")
            }
            if let member {
                let seq = try opened.recordStateChange(
                    iso3: iso3, field: .member, to: member == "yes" ? "true" : "false", effective: effective, source: source, actor: ledger.actorName)
                print("Recorded event \(seq): \(iso3) is \(member == "yes" ? "a" : "not a") UN Member State from \(effective).")
            }
        }
    }
}
