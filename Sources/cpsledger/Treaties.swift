import ArgumentParser
import Foundation
import LedgerModel
import LedgerReports
import LedgerStore

struct Treaties: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "treaties",
        abstract: "The treaties the Declaration points to, and their actions.",
        subcommands: [List.self, Sources.self, Record.self, Add.self], defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a treaty to the ledger's catalogue, so that its status can be imported and reported.",
            discussion: """
                The treaty is recorded as an event (chained, checked by `verify`, absent from reports \
                --known-at an earlier time). Then import its status table with `cpsledger import untc`, as \
                for a shipped treaty. Every listing and report marks it as added by the ledger. It serves \
                the obligations named with --obligation (none: followed, serving none); no accession \
                obligation requires it, so adding a treaty changes no score.

                Example (the values are placeholders; take them from the treaty's UNTC page):
                  cpsledger treaties add --id example-convention-2024 --untc XVIII-99 \\
                    --title "EXAMPLE Convention" --adopted 2024-12-24 \\
                    --entry-into-force 2025-06-01 \\
                    --depositary "Secretary-General of the United Nations" \\
                    --source "UN Treaty Collection, chapter XVIII-99" \\
                    --obligation art1.organized-crime
                """)

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "Stable id: lowercase letters, digits and hyphens.") var id: String
        @Option(help: ArgumentHelp("The UN Treaty Collection reference, where the Secretary-General is depositary.", valueName: "REF"))
        var untc: String?
        @Option(help: "The treaty's full title.") var title: String
        @Option(help: "A short title for tables (default: the title).") var shortTitle: String?
        @Option(help: ArgumentHelp("The date of adoption (or of opening for signature).", valueName: "YYYY-MM-DD")) var adopted: String
        @Option(help: ArgumentHelp("The date it entered into force.", valueName: "YYYY-MM-DD")) var entryIntoForce: String
        @Option(help: "Who keeps its status (e.g. Secretary-General of the United Nations).") var depositary: String
        @Option(help: "Where the treaty's dates come from.") var source: String
        @Option(help: ArgumentHelp("An obligation the treaty serves (repeatable; none: followed, serving none).", valueName: "ID"))
        var obligation: [String] = []

        func run() throws {
            let opened = try ledger.open()
            var raw = [
                "id": id, "title": title, "adopted": adopted, "entry_into_force": entryIntoForce, "depositary": depositary, "source": source,
            ]
            raw["untc"] = untc
            raw["short_title"] = shortTitle
            let addition: TreatyAddition
            do throws(ValidationFailure) {
                addition = try TreatyAddition.validate(raw, obligations: obligation, treaties: opened.treaties, catalogue: opened.catalogue)
            } catch {
                throw CommandLineError.nothingWritten(error, option: { $0.replacingOccurrences(of: "_", with: "-") })
            }
            let seq = try opened.addTreaty(addition, actor: ledger.actorName)
            print(
                "Added treaty \(addition.id)\(addition.untc.map { " (UNTC \($0))" } ?? "") to the ledger's catalogue: event \(seq). "
                    + "Import its status with `cpsledger import untc --treaty \(addition.untc ?? addition.id) FILE`.")
        }
    }

    struct Sources: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sources",
            abstract: "Every status table imported per treaty, and where to get a newer one.",
            discussion: """
                For each treaty: the tables imported (file, form, as-at date, rows, published party \
                count, SHA-256, source) and what would make it current: the UNTC XML file to download for \
                UNTC treaties, the depositary's list for the others. Treaties whose newest data is older \
                than --stale-data-years are marked STALE.

                JSON: as_of, stale_data_years, treaties (id, untc, short_title, status_as_at, stale, \
                tables (seq, file, form, as_at, sha256, source, rows, recorded, declared_parties, \
                declared_signatories), update_from, caveats).

                Example:
                  cpsledger treaties sources --format json
                """)

        @OptionGroup var ledger: LedgerFileOptions
        @Option(parsing: .unconditional, help: "Mark treaties whose newest status data is older than this many years as stale.") var staleDataYears: Int = 5
        @Option(help: "The output format.") var format: OutputFormat = .text

        func validate() throws { try checkYears(staleDataYears, option: "stale-data-years") }
        func run() throws {
            let opened = try ledger.open()
            let sources = try TreatySources.make(ledger: opened, asOf: ISODate.utc(), staleDataYears: staleDataYears)
            switch format {
            case .json: emit(try jsonText(sources))
            case .text: emit(sources.renderText())
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the treaties and which accession obligations require them.",
            discussion: "JSON carries id, untc, title, short_title, depositary, adopted, entry_into_force, obligations, status_as_at, status_source, has_data, source, note, caveats, catalogue (shipped: with this build; ledger: added by `treaties add`, added_event its event).")

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: "The output format.") var format: OutputFormat = .text

        func run() throws {
            let opened = try ledger.open()
            let items = Listing.treaties(try opened.treatyStatus(), tables: try opened.treatyTables())
            switch format {
            case .json: emit(try jsonText(items))
            case .text:
                emit(TextTable.render(
                    headers: ["id", "UNTC", "adopted", "in force", "status as at", "obligations", "catalogue"],
                    rows: items.map { [$0.id, $0.untc ?? "–", $0.adopted.description, $0.entryIntoForce.description,
                                       $0.statusAsAt?.description ?? ($0.hasData ? "–" : "no data"),
                                       $0.obligations.isEmpty ? "none (followed)" : $0.obligations.joined(separator: ", "),
                                       $0.catalogue.words] }))
            }
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record one treaty action of one State.",
            discussion: """
                Actions: \(TreatyActionKind.allCases.map(\.rawValue).joined(separator: ", ")). A \
                denunciation is dated when it takes effect.

                Example:
                  cpsledger treaties record --state FRA --treaty VI-19 \\
                    --action ratification --date 1990-12-31 \\
                    --source "UNTC VI-19" --note "EXAMPLE only"
                """)

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "ISO3 code.") var state: String
        @Option(help: "Treaty id or UNTC reference.") var treaty: String
        @Option(help: "The action.") var action: String
        @Option(help: ArgumentHelp("Its date.", valueName: "YYYY-MM-DD")) var date: String
        @Option(help: "Reservations, declarations or other remarks.") var note: String?
        @Option(help: "Where the action is recorded.") var source: String?

        func run() throws {
            let opened = try ledger.open()
            var raw = ["state": state, "treaty": treaty, "action": action, "date": date]
            raw["note"] = note
            raw["source"] = source
            let fields: TreatyActionFields
            do throws(ValidationFailure) {
                fields = try TreatyActionFields.validate(raw, treaties: opened.treaties, states: opened.states)
            } catch {
                throw CommandLineError.nothingWritten(error)
            }
            if let seq = (try opened.recordTreatyAction(fields, actor: ledger.actorName)) {
                print("Recorded treaty action \(seq): \(fields.state) \(fields.action.rawValue) of \(fields.treaty) on \(fields.date).")
            } else {
                print("The ledger already has this action; nothing written.")
            }
        }
    }
}
